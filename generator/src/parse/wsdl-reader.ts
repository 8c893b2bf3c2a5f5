import type { XmlElement } from '@ecgrid/soap-runtime';
import type {
  AbstractOperation,
  BindingDecl,
  BindingOperation,
  BindingProtocol,
  Core,
  Diagnostic,
  MessageDecl,
  PartDecl,
  PortDecl,
  PortTypeDecl,
  QNameId,
  ServiceDecl,
} from '../model/core.js';
import { decodeXmlName, qnameId } from '../model/core.js';
import type { SourceDocument } from './source.js';
import { attr, childElements, firstChild, parseSource, reportAt, resolveQName, textContent } from './source.js';
import { readSchemas } from './xsd-reader.js';
import type { LoadOptions } from './loader.js';
import { WSDL_NS, loadDocuments } from './loader.js';

export { WSDL_NS } from './loader.js';
const SOAP11_BINDING_NS = 'http://schemas.xmlsoap.org/wsdl/soap/';
const SOAP12_BINDING_NS = 'http://schemas.xmlsoap.org/wsdl/soap12/';
const HTTP_BINDING_NS = 'http://schemas.xmlsoap.org/wsdl/http/';

export type ReadResult =
  | { readonly ok: true; readonly core: Core }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/**
 * Reads a WSDL 1.1 document, the WSDLs and schemas it imports and its embedded schemas into an
 * unresolved core. Structural problems are collected as diagnostics; only input that is not a
 * WSDL at all fails here.
 */
export function readWsdl(path: string, text: string, options: LoadOptions = {}): ReadResult {
  const parsed = parseSource(path, text);
  if (!parsed.ok) return { ok: false, diagnostics: [parsed.diagnostic] };
  const source = parsed.source;
  const root = source.document.root;
  if (root.ns !== WSDL_NS || root.local !== 'definitions') {
    const found = root.ns ? `{${root.ns}}${root.local}` : root.local;
    return {
      ok: false,
      diagnostics: [
        {
          code: 'not-a-wsdl',
          severity: 'error',
          message: `the root element is ${found}, not a WSDL 1.1 wsdl:definitions element in namespace ${WSDL_NS}; pass a WSDL 1.1 file`,
          origin: source.originOf(root),
        },
      ],
    };
  }
  const diagnostics: Diagnostic[] = [];
  const { wsdls, schemas } = loadDocuments(source, diagnostics, options);
  const { types, elements } = readSchemas(schemas, diagnostics);
  const messages: MessageDecl[] = [];
  const portTypes: PortTypeDecl[] = [];
  const bindings: BindingDecl[] = [];
  const services: ServiceDecl[] = [];
  for (const wsdl of wsdls) {
    const definitions = wsdl.document.root;
    const tns = attr(definitions, 'targetNamespace') ?? '';
    const children = childElements(definitions);
    const of = (local: string) => children.filter((c) => c.ns === WSDL_NS && c.local === local);
    messages.push(...of('message').map((m) => readMessage(wsdl, tns, m, diagnostics)));
    portTypes.push(...of('portType').map((p) => readPortType(wsdl, tns, p, diagnostics)));
    bindings.push(...of('binding').map((b) => readBinding(wsdl, tns, b, diagnostics)));
  }
  for (const wsdl of wsdls) {
    const definitions = wsdl.document.root;
    const tns = attr(definitions, 'targetNamespace') ?? '';
    for (const service of childElements(definitions).filter((c) => c.ns === WSDL_NS && c.local === 'service')) {
      services.push(readService(wsdl, tns, service, bindings, diagnostics));
    }
  }
  const documentation = wsdlDocumentation(root);
  const core: Core = {
    formatVersion: 1,
    source: path,
    name: decodeXmlName(attr(root, 'name') ?? services[0]?.name ?? 'Service'),
    targetNamespace: attr(root, 'targetNamespace') ?? '',
    ...(documentation ? { documentation } : {}),
    types,
    elements,
    messages,
    portTypes,
    bindings,
    services,
    diagnostics,
  };
  return { ok: true, core };
}

function readMessage(source: SourceDocument, tns: string, element: XmlElement, diagnostics: Diagnostic[]): MessageDecl {
  const raw = attr(element, 'name') ?? '';
  const name = decodeXmlName(raw);
  const parts: PartDecl[] = [];
  for (const part of childElements(element)) {
    if (part.ns !== WSDL_NS || part.local !== 'part') continue;
    const elementRef = attr(part, 'element');
    const typeRef = attr(part, 'type');
    parts.push({
      name: attr(part, 'name') ?? '',
      ...(elementRef !== undefined ? { element: ref(source, part, elementRef, diagnostics) } : {}),
      ...(typeRef !== undefined ? { type: ref(source, part, typeRef, diagnostics) } : {}),
      origin: source.originOf(part),
    });
  }
  return { id: qnameId(tns, raw), name, parts, origin: source.originOf(element) };
}

function readPortType(
  source: SourceDocument,
  tns: string,
  element: XmlElement,
  diagnostics: Diagnostic[],
): PortTypeDecl {
  const raw = attr(element, 'name') ?? '';
  const name = decodeXmlName(raw);
  const operations: AbstractOperation[] = [];
  for (const op of childElements(element)) {
    if (op.ns !== WSDL_NS || op.local !== 'operation') continue;
    const messageOf = (local: string) => {
      const io = firstChild(op, WSDL_NS, local);
      const message = io && attr(io, 'message');
      return message !== undefined && io ? ref(source, io, message, diagnostics) : undefined;
    };
    const input = messageOf('input');
    const output = messageOf('output');
    const documentation = wsdlDocumentation(op);
    operations.push({
      name: attr(op, 'name') ?? '',
      ...(documentation ? { documentation } : {}),
      ...(input !== undefined ? { input } : {}),
      ...(output !== undefined ? { output } : {}),
      faults: childElements(op)
        .filter((c) => c.ns === WSDL_NS && c.local === 'fault')
        .map((f) => ({ name: attr(f, 'name') ?? '', message: ref(source, f, attr(f, 'message') ?? '', diagnostics) })),
      origin: source.originOf(op),
    });
  }
  return { id: qnameId(tns, raw), name, operations, origin: source.originOf(element) };
}

function bindingProtocol(element: XmlElement): { protocol: BindingProtocol; style: 'document' | 'rpc' } {
  for (const child of childElements(element)) {
    if (child.local !== 'binding') continue;
    const style = attr(child, 'style') === 'rpc' ? 'rpc' : 'document';
    if (child.ns === SOAP11_BINDING_NS) return { protocol: 'soap11', style };
    if (child.ns === SOAP12_BINDING_NS) return { protocol: 'soap12', style };
    if (child.ns === HTTP_BINDING_NS) {
      return { protocol: attr(child, 'verb') === 'GET' ? 'http-get' : 'http-post', style };
    }
  }
  return { protocol: 'unknown', style: 'document' };
}

function readBinding(source: SourceDocument, tns: string, element: XmlElement, diagnostics: Diagnostic[]): BindingDecl {
  const raw = attr(element, 'name') ?? '';
  const name = decodeXmlName(raw);
  const { protocol, style } = bindingProtocol(element);
  if (protocol === 'http-get' || protocol === 'http-post') {
    reportAt(
      diagnostics,
      source,
      element,
      'http-binding-unused',
      'warning',
      `binding ${name} uses the HTTP ${protocol === 'http-get' ? 'GET' : 'POST'} protocol; the generated client calls the SOAP bindings only`,
    );
  } else if (protocol === 'unknown') {
    reportAt(
      diagnostics,
      source,
      element,
      'unsupported',
      'warning',
      `binding ${name} uses no SOAP or HTTP binding extension this generator knows; it was skipped`,
    );
  }
  const operations: BindingOperation[] = [];
  for (const op of childElements(element)) {
    if (op.ns !== WSDL_NS || op.local !== 'operation') continue;
    const soapOp = soapChild(op, 'operation');
    const soapAction = soapOp && attr(soapOp, 'soapAction');
    const opStyle = (soapOp && attr(soapOp, 'style')) ?? style;
    // Each of input and output, and its soap:body, is looked up once: a WSDL has hundreds of operations.
    const input = firstChild(op, WSDL_NS, 'input');
    const inputBody = input && soapChild(input, 'body');
    const output = firstChild(op, WSDL_NS, 'output');
    const outputBody = output && soapChild(output, 'body');
    const useOf = (body: XmlElement | undefined): 'literal' | 'encoded' =>
      body && attr(body, 'use') === 'encoded' ? 'encoded' : 'literal';
    const partsOf = (body: XmlElement | undefined) => {
      const parts = body && attr(body, 'parts');
      return parts === undefined ? undefined : parts.split(/\s+/).filter(Boolean);
    };
    const inputParts = partsOf(inputBody);
    const outputParts = partsOf(outputBody);
    const inputNamespace = inputBody && attr(inputBody, 'namespace');
    const outputNamespace = outputBody && attr(outputBody, 'namespace');
    const headers = (input ? childElements(input) : [])
      .filter((c) => c.local === 'header' && (c.ns === SOAP11_BINDING_NS || c.ns === SOAP12_BINDING_NS))
      .map((h) => ({ message: ref(source, h, attr(h, 'message') ?? '', diagnostics), part: attr(h, 'part') ?? '' }));
    operations.push({
      name: attr(op, 'name') ?? '',
      ...(soapAction !== undefined ? { soapAction } : {}),
      style: opStyle === 'rpc' ? 'rpc' : 'document',
      inputUse: useOf(inputBody),
      outputUse: useOf(outputBody),
      ...(inputParts !== undefined ? { inputParts } : {}),
      ...(outputParts !== undefined ? { outputParts } : {}),
      ...(inputNamespace !== undefined ? { inputNamespace } : {}),
      ...(outputNamespace !== undefined ? { outputNamespace } : {}),
      headers,
      origin: source.originOf(op),
    });
  }
  return {
    id: qnameId(tns, raw),
    name,
    portType: ref(source, element, attr(element, 'type') ?? '', diagnostics),
    protocol,
    style,
    operations,
    origin: source.originOf(element),
  };
}

/** The first SOAP 1.1 or 1.2 binding extension child with this local name (`operation`, `body`). */
function soapChild(element: XmlElement, local: string): XmlElement | undefined {
  const children = element.children;
  for (let i = 0; i < children.length; i++) {
    const child = children[i]!;
    if (
      child.kind === 'element' &&
      child.local === local &&
      (child.ns === SOAP11_BINDING_NS || child.ns === SOAP12_BINDING_NS)
    )
      return child;
  }
  return undefined;
}

function readService(
  source: SourceDocument,
  tns: string,
  element: XmlElement,
  bindings: readonly BindingDecl[],
  diagnostics: Diagnostic[],
): ServiceDecl {
  const raw = attr(element, 'name') ?? '';
  const name = decodeXmlName(raw);
  const ports: PortDecl[] = [];
  for (const port of childElements(element)) {
    if (port.ns !== WSDL_NS || port.local !== 'port') continue;
    const binding = ref(source, port, attr(port, 'binding') ?? '', diagnostics);
    const address = childElements(port).find((c) => c.local === 'address');
    const location = address && attr(address, 'location');
    ports.push({
      name: decodeXmlName(attr(port, 'name') ?? ''),
      binding,
      protocol: bindings.find((b) => b.id === binding)?.protocol ?? 'unknown',
      ...(location !== undefined ? { address: location } : {}),
      origin: source.originOf(port),
    });
  }
  const documentation = wsdlDocumentation(element);
  return {
    id: qnameId(tns, raw),
    name,
    ...(documentation ? { documentation } : {}),
    ports,
    operations: [],
    origin: source.originOf(element),
  };
}

function wsdlDocumentation(element: XmlElement): string | undefined {
  // Looked for on every operation, most of which have none: no arrays unless there is text.
  let docs: string[] | undefined;
  const children = element.children;
  for (let i = 0; i < children.length; i++) {
    const child = children[i]!;
    if (child.kind !== 'element' || child.ns !== WSDL_NS || child.local !== 'documentation') continue;
    const text = textContent(child).trim();
    if (text) {
      docs ??= [];
      docs.push(text);
    }
  }
  return docs ? docs.join('\n\n') : undefined;
}

function ref(source: SourceDocument, element: XmlElement, value: string, diagnostics: Diagnostic[]): QNameId {
  const resolved = resolveQName(element, value);
  if (!resolved) {
    reportAt(diagnostics, source, element, 'undefined-prefix', 'error', `the prefix of "${value}" is not declared`);
    return value;
  }
  return qnameId(resolved.namespace, resolved.local);
}
