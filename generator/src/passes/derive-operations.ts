import type {
  AbstractOperation,
  BindingDecl,
  BindingOperation,
  ComplexTypeDecl,
  Core,
  Diagnostic,
  ElementDecl,
  ElementParticle,
  MessageDecl,
  QNameId,
  ServiceDecl,
  ServiceOperation,
} from '../model/core.js';
import { qnameId, splitQNameId } from '../model/core.js';

interface Derivation {
  readonly core: Core;
  /** Lookups by id, built once: a real WSDL has hundreds of operations and thousands of declarations. */
  readonly messages: ReadonlyMap<QNameId, MessageDecl>;
  readonly elementsById: ReadonlyMap<QNameId, ElementDecl>;
  readonly typesById: ReadonlyMap<QNameId, Core['types'][number]>;
  readonly diagnostics: Diagnostic[];
  /** Request/response elements and their types made for rpc operations. */
  readonly elements: ElementDecl[];
  readonly types: ComplexTypeDecl[];
  readonly takenTypes: Set<QNameId>;
  /** Bindings whose repeated operations were reported: a binding serves every port that uses it. */
  readonly reportedBindings: Set<QNameId>;
}

/**
 * Derives what a client calls: for each service, the operations of its SOAP ports, merged by
 * name across SOAP 1.1 and 1.2, in port-type order. Document style takes the single element
 * part of each message; rpc style gets request and response elements made from its parts
 * (named after the operation, in the soap:body namespace), so the codec treats both alike.
 */
export function deriveOperations(core: Core): Core {
  const derivation: Derivation = {
    core,
    messages: new Map(core.messages.map((m) => [m.id, m])),
    elementsById: new Map(core.elements.map((e) => [e.id, e])),
    typesById: new Map(core.types.map((t) => [t.id, t])),
    diagnostics: [],
    elements: [],
    types: [],
    takenTypes: new Set(core.types.map((t) => t.id)),
    reportedBindings: new Set(),
  };
  const services = core.services
    .flatMap((service) => splitByPortType(derivation, service))
    .map((service) => deriveService(derivation, service));
  return {
    ...core,
    types: [...core.types, ...derivation.types],
    elements: [...core.elements, ...derivation.elements],
    services,
    diagnostics: [...core.diagnostics, ...derivation.diagnostics],
  };
}

/**
 * A service whose SOAP ports implement several port types becomes one service per port type
 * (named `<service>_<portType>`, its ports those of that port type): each client then calls its
 * own port's address, and operations of the same name in two port types are both kept. The
 * ports of one port type (SOAP 1.1 and 1.2) stay together, and so do port types that declare
 * the same operations with the same messages (one per protocol, as some toolkits write them).
 */
function splitByPortType(derivation: Derivation, service: ServiceDecl): ServiceDecl[] {
  const { core } = derivation;
  const portTypeOf = (port: ServiceDecl['ports'][number]) => core.bindings.find((b) => b.id === port.binding)?.portType;
  // Port types with the same operations (names and messages) are one group, keyed by the first of them.
  const signature = (id: QNameId) =>
    JSON.stringify(core.portTypes.find((p) => p.id === id)?.operations.map((o) => [o.name, o.input, o.output]) ?? id);
  const groupOf = new Map<QNameId, QNameId>();
  const firstBySignature = new Map<string, QNameId>();
  for (const port of service.ports) {
    const portType = port.protocol === 'soap11' || port.protocol === 'soap12' ? portTypeOf(port) : undefined;
    if (portType === undefined || groupOf.has(portType)) continue;
    const key = signature(portType);
    const first = firstBySignature.get(key) ?? portType;
    firstBySignature.set(key, first);
    groupOf.set(portType, first);
  }
  const groups = [...new Set(groupOf.values())];
  if (groups.length < 2) return [service];
  const taken = new Set(core.services.map((s) => s.name));
  const parts = groups.map((group) => {
    const local = splitQNameId(group).local;
    let name = `${service.name}_${local}`;
    for (let i = 2; taken.has(name); i++) name = `${service.name}_${local}${i}`;
    taken.add(name);
    return {
      ...service,
      name,
      partOf: service.name,
      ports: service.ports.filter((p) => groupOf.get(portTypeOf(p) ?? '') === group),
    };
  });
  derivation.diagnostics.push({
    code: 'service-split',
    severity: 'warning',
    message: `service ${service.name} has SOAP ports of ${groups.length} port types with different operations; each gets a client of its own: ${parts.map((p) => p.name).join(', ')}`,
    origin: service.origin,
  });
  return parts;
}

function deriveService(derivation: Derivation, service: ServiceDecl): ServiceDecl {
  const { core } = derivation;
  const byName = new Map<string, ServiceOperation>();
  const reported = new Set<string>();
  for (const port of service.ports) {
    if (port.protocol !== 'soap11' && port.protocol !== 'soap12') continue;
    const binding = core.bindings.find((b) => b.id === port.binding);
    const portType = binding && core.portTypes.find((p) => p.id === binding.portType);
    if (!binding || !portType) continue;
    const concreteByName = operationsByName(derivation, binding);
    const seenAbstract = new Set<string>();
    for (const abstract of portType.operations) {
      if (seenAbstract.has(abstract.name)) {
        derivation.diagnostics.push({
          code: 'duplicate-declaration',
          severity: 'warning',
          message: `port type ${portType.name} declares operation ${abstract.name} more than once (overloading); only the first is in the client`,
          origin: abstract.origin,
        });
        continue;
      }
      seenAbstract.add(abstract.name);
      const concrete = concreteByName.get(abstract.name);
      if (!concrete) continue;
      const existing = byName.get(abstract.name);
      if (existing) {
        if (!existing.protocols.includes(port.protocol))
          byName.set(abstract.name, { ...existing, protocols: [...existing.protocols, port.protocol] });
        continue;
      }
      const derived = deriveOperation(derivation, binding, concrete, abstract, port.protocol);
      if (typeof derived === 'string') {
        if (!reported.has(abstract.name)) {
          reported.add(abstract.name);
          derivation.diagnostics.push({
            code: 'operation-skipped',
            severity: 'warning',
            message: `operation ${abstract.name}: ${derived}; it is left out of the client`,
            origin: concrete.origin,
          });
        }
        continue;
      }
      byName.set(abstract.name, derived);
    }
  }
  return { ...service, operations: [...byName.values()] };
}

/** A binding's operations by name, the first of a name winning (as a search in order would find); a repeat is reported. */
function operationsByName(derivation: Derivation, binding: BindingDecl): Map<string, BindingOperation> {
  const byName = new Map<string, BindingOperation>();
  for (const operation of binding.operations) {
    if (!byName.has(operation.name)) byName.set(operation.name, operation);
    else if (!derivation.reportedBindings.has(binding.id)) {
      derivation.diagnostics.push({
        code: 'duplicate-declaration',
        severity: 'warning',
        message: `binding ${binding.name} binds operation ${operation.name} more than once; the first is used`,
        origin: operation.origin,
      });
    }
  }
  derivation.reportedBindings.add(binding.id);
  return byName;
}

/** The client's view of one operation, or why it cannot be called. */
function deriveOperation(
  derivation: Derivation,
  binding: BindingDecl,
  concrete: BindingOperation,
  abstract: AbstractOperation,
  protocol: 'soap11' | 'soap12',
): ServiceOperation | string {
  const message = (id: string | undefined): MessageDecl | undefined =>
    id === undefined ? undefined : derivation.messages.get(id);
  // The Body carries the parts soap:body names, or all but those sent as headers.
  const bodyParts = (m: MessageDecl | undefined, listed: readonly string[] | undefined): MessageDecl | undefined => {
    if (!m) return undefined;
    const inHeaders = new Set(concrete.headers.filter((h) => h.message === m.id).map((h) => h.part));
    const parts = m.parts.filter((p) => (listed ? listed.includes(p.name) : !inHeaders.has(p.name)));
    return parts.length === m.parts.length ? m : { ...m, parts };
  };
  const inputMessage = bodyParts(message(abstract.input), concrete.inputParts);
  if (!inputMessage) return `binding ${binding.name} gives it no input message`;
  const outputMessage = bodyParts(message(abstract.output), concrete.outputParts);
  let input: QNameId;
  let output: QNameId | undefined;
  if (concrete.style === 'rpc') {
    const ns = (io: 'input' | 'output') =>
      (io === 'input' ? concrete.inputNamespace : concrete.outputNamespace) ?? splitQNameId(binding.id).namespace;
    input = rpcWrapper(derivation, abstract.name, ns('input'), inputMessage, concrete);
    output = outputMessage && rpcWrapper(derivation, `${abstract.name}Response`, ns('output'), outputMessage, concrete);
  } else {
    for (const m of [inputMessage, outputMessage]) {
      // An output message without parts is an empty Body: the call has no result, as a one-way one.
      if (m === outputMessage && m?.parts.length === 0) continue;
      if (m && (m.parts.length !== 1 || m.parts[0]?.element === undefined)) {
        return `message ${m.name} is not a single element part, which document style needs (use rpc style for type parts)`;
      }
    }
    input = inputMessage.parts[0]?.element ?? '';
    output = outputMessage?.parts[0]?.element;
  }
  const headerParts = new Set<string>();
  const headerElements = new Set<QNameId>();
  const headers = concrete.headers.flatMap((h) => {
    const part = message(h.message)?.parts.find((p) => p.name === h.part);
    // A part listed twice, or two parts of one element, is one header: the client sends it once.
    const key = `${h.message} ${h.part}`;
    if (headerParts.has(key) || (part?.element !== undefined && headerElements.has(part.element))) {
      const what = headerParts.has(key)
        ? `soap:header part ${h.part} of ${h.message} is listed twice`
        : `soap:header part ${h.part} of ${h.message} is element ${part?.element ?? ''} again`;
      derivation.diagnostics.push({
        code: 'duplicate-declaration',
        severity: 'warning',
        message: `operation ${abstract.name} in binding ${binding.name}: ${what}; it is one header`,
        origin: concrete.origin,
      });
      return [];
    }
    headerParts.add(key);
    if (part?.element !== undefined) headerElements.add(part.element);
    if (part?.element !== undefined) return [part.element];
    derivation.diagnostics.push({
      code: 'header-skipped',
      severity: 'warning',
      message: `operation ${abstract.name}: soap:header part ${h.part} of ${h.message} is not an element part and is not supported yet`,
      origin: concrete.origin,
    });
    return [];
  });
  const faults = abstract.faults.flatMap((f) => {
    const element = message(f.message)?.parts[0]?.element;
    if (element !== undefined) return [{ name: f.name, element }];
    derivation.diagnostics.push({
      code: 'fault-untyped',
      severity: 'warning',
      message: `operation ${abstract.name}: fault ${f.name} has no element part; its detail stays XML`,
      origin: abstract.origin,
    });
    return [];
  });
  return {
    name: abstract.name,
    ...(abstract.documentation ? { documentation: abstract.documentation } : {}),
    soapAction: concrete.soapAction ?? '',
    input,
    ...(output !== undefined ? { output } : {}),
    wrapped: concrete.style === 'rpc' || isWrapped(derivation, abstract.name, input),
    style: concrete.style,
    encoded: concrete.inputUse === 'encoded' || concrete.outputUse === 'encoded',
    headers,
    faults,
    protocols: [protocol],
    origin: abstract.origin,
  };
}

/** The element an rpc message travels in: `{namespace}Operation` holding one child per part. */
function rpcWrapper(
  derivation: Derivation,
  name: string,
  namespace: string,
  message: MessageDecl,
  concrete: BindingOperation,
): QNameId {
  const id = qnameId(namespace, name);
  const existing = derivation.elements.find((e) => e.id === id);
  if (existing) return existing.id;
  const typeId = uniqueTypeId(derivation, namespace, name);
  const content = message.parts.map((part): ElementParticle => {
    const accessor = {
      kind: 'element',
      name: part.name,
      namespace: '',
      minOccurs: 1,
      maxOccurs: 1,
      nillable: true,
      origin: part.origin,
    } as const;
    if (part.element === undefined) return { ...accessor, type: part.type ?? '' };
    // An element part still travels in an accessor named after the part (WSDL 1.1, 3.5).
    const { namespace: ns, local } = splitQNameId(part.element);
    const target = derivation.elementsById.get(part.element);
    const holder = uniqueTypeId(derivation, namespace, `${name}_${part.name}`);
    derivation.types.push({
      kind: 'complex',
      id: holder,
      name: splitQNameId(holder).local,
      namespace,
      anonymousIn: id,
      content: [
        {
          kind: 'element',
          name: local,
          namespace: ns,
          type: target?.type ?? part.element,
          ref: part.element,
          minOccurs: 1,
          maxOccurs: 1,
          nillable: target?.nillable ?? false,
          origin: part.origin,
        },
      ],
      attributes: [],
      abstract: false,
      mixed: false,
      all: false,
      origin: part.origin,
    });
    return { ...accessor, type: holder };
  });
  derivation.types.push({
    kind: 'complex',
    id: typeId,
    name: splitQNameId(typeId).local,
    namespace,
    anonymousIn: id,
    content,
    attributes: [],
    abstract: false,
    mixed: false,
    all: false,
    origin: concrete.origin,
  });
  derivation.elements.push({
    id,
    name,
    namespace,
    type: typeId,
    nillable: false,
    abstract: false,
    synthesized: 'rpc',
    origin: concrete.origin,
  });
  return id;
}

/** A type id for a synthesized type: the name itself, or with `Rpc` (and a number) when taken. */
function uniqueTypeId(derivation: Derivation, namespace: string, name: string): QNameId {
  let typeId = qnameId(namespace, name);
  for (let i = 2; derivation.takenTypes.has(typeId); i++) typeId = qnameId(namespace, `${name}Rpc${i === 2 ? '' : i}`);
  derivation.takenTypes.add(typeId);
  return typeId;
}

/** The wrapped convention: the request element is named after the operation and has a complex type. */
function isWrapped(derivation: Derivation, operation: string, input: string): boolean {
  const element = derivation.elementsById.get(input);
  if (!element || element.name !== operation) return false;
  const type = derivation.typesById.get(element.type);
  return type?.kind === 'complex' && type.attributes.length === 0 && type.content.every((p) => p.kind === 'element');
}
