/**
 * SOAP 1.1 and 1.2 envelopes, written the way an ASMX service writes them (prefix `soap` for both
 * versions, `xsi` and `xsd` declared on the Envelope) and read back with faults turned into one
 * typed `SoapFaultError`.
 */

import { decodeElement, encodeElement, type DecodeOptions } from './codec/api.js';
import { compileSchema } from './codec/compile.js';
import { decodeStreamedSlot, STREAM_BAIL } from './codec/stream.js';
import type { DecodeContext, ElementPlan } from './codec/types.js';
import { EnvelopeError, SoapFaultError, type FaultCode } from './errors.js';
import { XSD_NS, XSI_NS, type SchemaDescriptor } from './schema.js';
import type { XmlDocument, XmlElement } from './xml/dom.js';
import { buildElement, parseXml, type ParseOptions } from './xml/parser.js';
import { END, EOF, START, XmlScanner } from './xml/scanner.js';

export const SOAP11_ENVELOPE_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const SOAP12_ENVELOPE_NS = 'http://www.w3.org/2003/05/soap-envelope';

/** A SOAP version as the envelope functions take it. */
export type SoapEnvelopeVersion = '1.1' | '1.2';

/** The envelope namespace of a SOAP version. */
export function envelopeNamespace(version: SoapEnvelopeVersion): string {
  return version === '1.1' ? SOAP11_ENVELOPE_NS : SOAP12_ENVELOPE_NS;
}

export interface EnvelopeParts {
  readonly version: SoapEnvelopeVersion;
  /** The Body content as XML text (see `encodeBodyElement`). */
  readonly body: string;
  /** Header blocks as XML text (one string, or one per block); no Header element when undefined. */
  readonly header?: string | readonly string[];
}

/**
 * Writes a complete envelope with its XML declaration. With `indent`, the envelope is pretty
 * printed; body and header text should then come from `encodeBodyElement` with the same indent.
 */
export function encodeEnvelope(parts: EnvelopeParts, options: { indent?: string } = {}): string {
  const indent = options.indent;
  const nl = indent === undefined ? '' : '\n';
  const line1 = indent === undefined ? '' : `\n${indent}`;
  const line2 = indent === undefined ? '' : `\n${indent}${indent}`;
  const ns = envelopeNamespace(parts.version);
  let out = `<?xml version="1.0" encoding="utf-8"?>${nl}<soap:Envelope xmlns:soap="${ns}" xmlns:xsi="${XSI_NS}" xmlns:xsd="${XSD_NS}">`;
  if (parts.header !== undefined) {
    const header = typeof parts.header === 'string' ? parts.header : parts.header.join(line2);
    out += header === '' ? `${line1}<soap:Header/>` : `${line1}<soap:Header>${line2}${header}${line1}</soap:Header>`;
  }
  out += parts.body === '' ? `${line1}<soap:Body/>` : `${line1}<soap:Body>${line2}${parts.body}${line1}</soap:Body>`;
  return `${out}${nl}</soap:Envelope>`;
}

/** The prefixes `encodeEnvelope` declares, per version (frozen: the encoder caches what it derives from them). */
const ENVELOPE_11_PREFIXES = Object.freeze({ soap: SOAP11_ENVELOPE_NS, xsi: XSI_NS, xsd: XSD_NS });
const ENVELOPE_12_PREFIXES = Object.freeze({ soap: SOAP12_ENVELOPE_NS, xsi: XSI_NS, xsd: XSD_NS });

export interface BodyElementOptions {
  readonly version: SoapEnvelopeVersion;
  /** The same indent as given to `encodeEnvelope`. */
  readonly indent?: string;
  /** Default true; see `EncodeOptions.qualified`. */
  readonly qualified?: boolean;
  /** rpc/encoded: `xsi:type` on simple-typed elements; see `EncodeOptions.xsiTypes`. */
  readonly xsiTypes?: boolean;
}

/**
 * Encodes a global element for the Body (or Header) of an envelope from `encodeEnvelope`: at the
 * right indentation depth, and without redeclaring the envelope's `soap`/`xsi`/`xsd` prefixes.
 */
export function encodeBodyElement(
  schema: SchemaDescriptor,
  elementId: string,
  value: unknown,
  options: BodyElementOptions,
): string {
  return encodeElement(schema, elementId, value, {
    qualified: options.qualified,
    xsiTypes: options.xsiTypes,
    indent: options.indent,
    depth: options.indent === undefined ? 0 : 2,
    declarations: options.version === '1.1' ? ENVELOPE_11_PREFIXES : ENVELOPE_12_PREFIXES,
  });
}

export interface DecodedEnvelope {
  readonly version: SoapEnvelopeVersion;
  readonly header?: XmlElement;
  /** The first element child of Body (the response wrapper in document/literal). */
  readonly body: XmlElement;
  /** The parsed document, for `positionOf`. */
  readonly document: XmlDocument;
}

export interface DecodeEnvelopeOptions extends ParseOptions {
  /** The version expected; another version is an `EnvelopeError('version-mismatch')`. */
  readonly version?: SoapEnvelopeVersion;
}

function elementChildren(element: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  for (const child of element.children) if (child.kind === 'element') out.push(child);
  return out;
}

function textOf(element: XmlElement | undefined): string | undefined {
  if (element === undefined) return undefined;
  let text = '';
  for (const child of element.children) if (child.kind === 'text') text += child.text;
  return text.trim();
}

function child(element: XmlElement | undefined, local: string, ns?: string): XmlElement | undefined {
  if (element === undefined) return undefined;
  for (const c of element.children) {
    if (c.kind === 'element' && c.local === local && (ns === undefined || c.ns === ns)) return c;
  }
  return undefined;
}

/** A QName-valued element's content, resolved against the element's in-scope prefixes. */
function faultCode(element: XmlElement | undefined): FaultCode {
  const code = textOf(element) ?? '';
  const colon = code.indexOf(':');
  const prefix = colon < 0 ? '' : code.slice(0, colon);
  return { code, ns: element?.scope[prefix] ?? '', local: colon < 0 ? code : code.slice(colon + 1) };
}

function fault11(fault: XmlElement): SoapFaultError {
  // The 1.1 fault children are unqualified; some servers qualify them, so match by local name.
  return new SoapFaultError({
    version: '1.1',
    code: faultCode(child(fault, 'faultcode')),
    reason: textOf(child(fault, 'faultstring')) ?? '',
    actor: textOf(child(fault, 'faultactor')),
    detail: child(fault, 'detail'),
  });
}

function fault12(fault: XmlElement): SoapFaultError {
  const ns = SOAP12_ENVELOPE_NS;
  const code = child(fault, 'Code', ns);
  const subcodes: FaultCode[] = [];
  for (let sub = child(code, 'Subcode', ns); sub !== undefined; sub = child(sub, 'Subcode', ns)) {
    subcodes.push(faultCode(child(sub, 'Value', ns)));
  }
  return new SoapFaultError({
    version: '1.2',
    code: faultCode(child(code, 'Value', ns)),
    reason: textOf(child(child(fault, 'Reason', ns), 'Text', ns)) ?? '',
    node: textOf(child(fault, 'Node', ns)),
    actor: textOf(child(fault, 'Role', ns)),
    subcodes: subcodes.length === 0 ? undefined : subcodes,
    detail: child(fault, 'Detail', ns),
  });
}

/**
 * Parses a SOAP envelope. Returns the Body's first element; throws `SoapFaultError` when that is
 * a Fault, `EnvelopeError` when the document is not a usable envelope, `XmlParseError` when it
 * is not XML.
 */
export function decodeEnvelope(text: string, options: DecodeEnvelopeOptions = {}): DecodedEnvelope {
  const document = parseXml(text, options);
  const root = document.root;
  if (root.local !== 'Envelope') {
    throw new EnvelopeError('not-an-envelope', `expected a SOAP Envelope, found <${root.name}>`);
  }
  let version: SoapEnvelopeVersion;
  if (root.ns === SOAP11_ENVELOPE_NS) version = '1.1';
  else if (root.ns === SOAP12_ENVELOPE_NS) version = '1.2';
  else {
    const found = root.ns === '' ? 'no namespace' : `namespace "${root.ns}"`;
    throw new EnvelopeError(
      'version-mismatch',
      `the Envelope is in ${found}, not a SOAP 1.1 or 1.2 envelope namespace`,
    );
  }
  if (options.version !== undefined && options.version !== version) {
    throw new EnvelopeError(
      'version-mismatch',
      `expected a SOAP ${options.version} envelope, received SOAP ${version}`,
    );
  }
  const header = child(root, 'Header', root.ns);
  const body = child(root, 'Body', root.ns);
  if (body === undefined) throw new EnvelopeError('missing-body', 'the SOAP Envelope has no Body');
  const first = elementChildren(body)[0];
  if (first === undefined) throw new EnvelopeError('empty-body', 'the SOAP Body is empty');
  if (first.local === 'Fault' && first.ns === root.ns) throw version === '1.1' ? fault11(first) : fault12(first);
  return header === undefined ? { version, body: first, document } : { version, header, body: first, document };
}

export interface DecodedEnvelopeElement {
  readonly version: SoapEnvelopeVersion;
  readonly header?: XmlElement;
  /** The Body's first element decoded as the requested global element. */
  readonly value: unknown;
}

export interface DecodeEnvelopeElementOptions extends DecodeEnvelopeOptions {
  /** See `DecodeOptions.namespaces`. */
  readonly namespaces?: DecodeOptions['namespaces'];
}

/**
 * `decodeEnvelope` and `decodeElement` in one: parses a SOAP envelope and decodes the Body's
 * first element as the global element `elementId`. A valid response is decoded in one pass
 * straight from the text, without building a tree (see `codec/stream.ts`); anything else is
 * decoded through the tree, so the errors are exactly those of `decodeEnvelope` (a
 * `SoapFaultError` for a Fault, `EnvelopeError`, `XmlParseError`) and of `decodeElement` (a
 * `DecodeError` with path, line and column).
 */
export function decodeEnvelopeElement(
  schema: SchemaDescriptor,
  elementId: string,
  text: string,
  options: DecodeEnvelopeElementOptions = {},
): DecodedEnvelopeElement {
  const streamed = streamEnvelopeElement(schema, elementId, text, options);
  if (streamed !== undefined) return streamed;
  const envelope = decodeEnvelope(text, options);
  const value = decodeElement(schema, elementId, envelope.body, {
    namespaces: options.namespaces,
    positionOf: (offset) => envelope.document.positionOf(offset),
  });
  return envelope.header === undefined
    ? { version: envelope.version, value }
    : { version: envelope.version, header: envelope.header, value };
}

/**
 * The streaming half of `decodeEnvelopeElement`: the decoded envelope, or undefined when the
 * document is not a valid response of that element (a Fault, an error of any kind) and has to
 * go through the tree decoder for its exact error. Exported for the tests that check both
 * paths agree.
 */
export function streamEnvelopeElement(
  schema: SchemaDescriptor,
  elementId: string,
  text: string,
  options: DecodeEnvelopeElementOptions = {},
): DecodedEnvelopeElement | undefined {
  const element = compileSchema(schema).element(elementId);
  const ctx: DecodeContext = { strict: options.namespaces !== 'ignore' };
  try {
    const sc = new XmlScanner(text, options);
    sc.next();
    const envelopeNs = sc.ns;
    let version: SoapEnvelopeVersion;
    const rootName = sc.local;
    if (rootName !== 'Envelope') return undefined;
    if (envelopeNs === SOAP11_ENVELOPE_NS) version = '1.1';
    else if (envelopeNs === SOAP12_ENVELOPE_NS) version = '1.2';
    else return undefined;
    if (options.version !== undefined && options.version !== version) return undefined;
    let header: XmlElement | undefined;
    let found = false;
    let value: unknown;
    // The Envelope's children: the first Header is kept as a tree, the first Body decoded, the rest skipped.
    for (let token = sc.next(); token !== END; token = sc.next()) {
      if (token !== START) continue;
      if (sc.ns === envelopeNs && sc.local === 'Body' && !found) {
        found = true;
        value = streamBody(sc, element, ctx, envelopeNs, (node) =>
          decodeElement(schema, elementId, node, { namespaces: options.namespaces }),
        );
      } else if (sc.ns === envelopeNs && sc.local === 'Header' && header === undefined) header = buildElement(sc);
      else sc.skipElement();
    }
    if (!found || sc.next() !== EOF) return undefined;
    return header === undefined ? { version, value } : { version, header, value };
  } catch {
    // Any failure, expected or not: the tree decoder gives the answer and its exact error.
    return undefined;
  }
}

/** Decodes the Body's first element (the Body's `START` just read) and skips the rest of the Body. */
function streamBody(
  sc: XmlScanner,
  element: ElementPlan,
  ctx: DecodeContext,
  envelopeNs: string,
  decodeTree: (node: XmlElement) => unknown,
): unknown {
  let first = true;
  let value: unknown;
  for (let token = sc.next(); token !== END; token = sc.next()) {
    if (token !== START) continue;
    if (!first) {
      sc.skipElement();
      continue;
    }
    first = false;
    if (sc.local === 'Fault' && sc.ns === envelopeNs) throw STREAM_BAIL;
    // Substitution groups and abstract elements: decoded from a tree of the element.
    if (!element.plain) value = decodeTree(buildElement(sc));
    else if (sc.local === element.name && (!ctx.strict || sc.ns === element.ns))
      value = decodeStreamedSlot(element, sc, ctx);
    else throw STREAM_BAIL;
  }
  if (first) throw STREAM_BAIL;
  return value;
}
