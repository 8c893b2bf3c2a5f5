import type { BindingDecl, Core, Diagnostic, ServiceDecl, ServiceOperation } from '../model/core.js';

/**
 * Derives what a client calls: for each service, the operations of its SOAP ports, merged by
 * name across SOAP 1.1 and 1.2, in port-type order. Document/literal with one element part is
 * what the client supports; anything else is reported and left out of the client.
 */
export function deriveOperations(core: Core): Core {
  const diagnostics: Diagnostic[] = [];
  const services = core.services.map((service) => deriveService(core, service, diagnostics));
  return { ...core, services, diagnostics: [...core.diagnostics, ...diagnostics] };
}

function deriveService(core: Core, service: ServiceDecl, diagnostics: Diagnostic[]): ServiceDecl {
  const byName = new Map<string, ServiceOperation>();
  const reported = new Set<string>();
  for (const port of service.ports) {
    if (port.protocol !== 'soap11' && port.protocol !== 'soap12') continue;
    const binding = core.bindings.find((b) => b.id === port.binding);
    if (!binding) continue;
    const portType = core.portTypes.find((p) => p.id === binding.portType);
    if (!portType) continue;
    for (const abstract of portType.operations) {
      const concrete = binding.operations.find((o) => o.name === abstract.name);
      if (!concrete) continue;
      const existing = byName.get(abstract.name);
      if (existing) {
        if (!existing.protocols.includes(port.protocol)) {
          byName.set(abstract.name, { ...existing, protocols: [...existing.protocols, port.protocol] });
        }
        continue;
      }
      const problem = unsupportedReason(core, binding, concrete, abstract.input, abstract.output);
      if (problem) {
        if (!reported.has(abstract.name)) {
          reported.add(abstract.name);
          diagnostics.push({ code: 'operation-skipped', severity: 'warning', message: `operation ${abstract.name}: ${problem}; it is left out of the client`, origin: concrete.origin });
        }
        continue;
      }
      const input = elementPart(core, abstract.input);
      const output = elementPart(core, abstract.output);
      if (input === undefined) continue;
      byName.set(abstract.name, {
        name: abstract.name,
        ...(abstract.documentation ? { documentation: abstract.documentation } : {}),
        soapAction: concrete.soapAction ?? '',
        input,
        ...(output !== undefined ? { output } : {}),
        wrapped: isWrapped(core, abstract.name, input),
        protocols: [port.protocol],
        origin: abstract.origin,
      });
    }
  }
  return { ...service, operations: [...byName.values()] };
}

function unsupportedReason(
  core: Core,
  binding: BindingDecl,
  concrete: BindingDecl['operations'][number],
  input: string | undefined,
  output: string | undefined,
): string | undefined {
  if (concrete.style === 'rpc') return 'rpc style is not supported yet';
  if (concrete.inputUse === 'encoded' || concrete.outputUse === 'encoded') return 'SOAP encoding (use="encoded") is not supported yet';
  if (input === undefined) return `binding ${binding.name} gives it no input message`;
  for (const id of [input, output]) {
    if (id === undefined) continue;
    const message = core.messages.find((m) => m.id === id);
    if (!message) return `message ${id} is not declared`;
    if (message.parts.length !== 1 || message.parts[0]?.element === undefined) {
      return `message ${message.name} is not a single element part (document/literal); not supported yet`;
    }
  }
  return undefined;
}

function elementPart(core: Core, messageId: string | undefined): string | undefined {
  if (messageId === undefined) return undefined;
  return core.messages.find((m) => m.id === messageId)?.parts[0]?.element;
}

/** The wrapped convention: the request element is named after the operation and has a complex type. */
function isWrapped(core: Core, operation: string, input: string): boolean {
  const element = core.elements.find((e) => e.id === input);
  if (!element || element.name !== operation) return false;
  const type = core.types.find((t) => t.id === element.type);
  return type?.kind === 'complex' && type.attributes.length === 0 && type.content.every((p) => p.kind === 'element');
}
