/**
 * Small helpers shared by the encoders: start tags with default-namespace switching, nil,
 * namespace prefixes declared on the element that needs them, QName values.
 */

import { XSD_NS, XSI_NS } from '../schema.js';
import { XML_NS } from '../xml/parser.js';
import { escapeAttribute, escapeText } from '../xml/writer.js';
import { fail } from './failure.js';
import type { EncodeState } from './types.js';

/** The SOAP 1.1 encoding namespace (`soapenc:arrayType`, `soapenc:Array`). */
export const SOAP_ENCODING_NS = 'http://schemas.xmlsoap.org/soap/encoding/';

/**
 * `<local` plus `xmlns="ns"` when the element's namespace differs from the default in effect
 * (an unqualified element under a default namespace gets `xmlns=""`). Unqualified output writes
 * no default namespaces at all.
 */
export function openTag(local: string, ns: string, st: EncodeState, parentDefault: string): string {
  return st.qualified && ns !== parentDefault ? `<${local} xmlns="${escapeAttribute(ns)}"` : `<${local}`;
}

/** The default namespace inside an element written by `openTag`. */
export function defaultInside(ns: string, st: EncodeState, parentDefault: string): string {
  return st.qualified ? ns : parentDefault;
}

/** `<local xsi:nil="true"/>`; marks xsi as used so the fragment root declares it. */
export function nilElement(local: string, ns: string, st: EncodeState, parentDefault: string): string {
  st.xsiUsed = true;
  return `${openTag(local, ns, st, parentDefault)} ${st.xsiPrefix}:nil="true"/>`;
}

/**
 * Adds `xmlns:xsi` (and `xmlns:xsd`) to the fragment's root start tag when an `xsi:` attribute
 * (a builtin type name) was written and the context does not declare the prefix.
 */
export function declareXsi(xml: string, st: EncodeState): string {
  let declarations = '';
  if (st.xsiUsed && !st.xsiDeclared) declarations += ` xmlns:${st.xsiPrefix}="${XSI_NS}"`;
  if (st.xsdUsed && !st.xsdDeclared) declarations += ` xmlns:${st.xsdPrefix}="${XSD_NS}"`;
  if (declarations === '') return xml;
  const at = xml.search(/[\s/>]/);
  return `${xml.slice(0, at)}${declarations}${xml.slice(at)}`;
}

/** Prefixes declared on one element being written (`text` goes into its start tag). */
export interface Declared {
  text: string;
  added: Record<string, string> | undefined;
}

export function newDeclared(): Declared {
  return { text: '', added: undefined };
}

function bound(st: EncodeState, d: Declared, prefix: string): boolean {
  return (
    prefix === st.xsiPrefix ||
    prefix === st.xsdPrefix ||
    prefix === 'xml' ||
    prefix === 'xmlns' ||
    Object.hasOwn(st.scope, prefix) ||
    (d.added !== undefined && Object.hasOwn(d.added, prefix))
  );
}

/**
 * The prefix of `ns` on the element being written: one in scope (the context's, an ancestor's),
 * `xsi`/`xsd` (declared on the fragment root), or a new one declared on this element. New
 * prefixes are `t`, `t2`, `t3`... (`soapenc` for the SOAP encoding namespace), the first one free.
 */
export function prefixFor(st: EncodeState, ns: string, d: Declared): string {
  if (ns === XSI_NS) {
    st.xsiUsed = true;
    return st.xsiPrefix;
  }
  if (ns === XSD_NS) {
    st.xsdUsed = true;
    return st.xsdPrefix;
  }
  if (ns === XML_NS) return 'xml';
  if (d.added !== undefined) {
    for (const prefix in d.added) if (d.added[prefix] === ns) return prefix;
  }
  for (const prefix in st.scope) if (prefix !== '' && st.scope[prefix] === ns) return prefix;
  const stem = ns === SOAP_ENCODING_NS ? 'soapenc' : 't';
  let prefix = stem;
  for (let n = 2; bound(st, d, prefix); n++) prefix = `${stem}${n}`;
  d.added ??= {};
  d.added[prefix] = ns;
  d.text += ` xmlns:${prefix}="${escapeAttribute(ns)}"`;
  return prefix;
}

/** Makes the prefixes declared on an element visible to its content; returns what to restore. */
export function enterScope(st: EncodeState, d: Declared | undefined): Readonly<Record<string, string>> {
  const saved = st.scope;
  if (d?.added !== undefined) st.scope = { ...saved, ...d.added };
  return saved;
}

/** Splits a Clark-notation id (`{ns}local` or `local`). */
export function splitId(id: string): { ns: string; local: string } {
  if (!id.startsWith('{')) return { ns: '', local: id };
  const close = id.indexOf('}');
  return { ns: id.slice(1, close), local: id.slice(close + 1) };
}

/**
 * A type id as a QName value written on the element being written (`xsi:type`, `arrayType`).
 * A name in no namespace can only be written unprefixed, where no default namespace is in effect.
 */
export function qnameValue(id: string, st: EncodeState, d: Declared, elementDefault: string): string {
  const { ns, local } = splitId(id);
  if (ns !== '') return `${prefixFor(st, ns, d)}:${local}`;
  if (elementDefault !== '') fail('invalid-type', 'a type in no namespace cannot be named under a default namespace');
  return local;
}

/**
 * A simple-typed element: self-closing when empty. In rpc/encoded output (`st.xsiTypes`) it
 * carries `xsi:type` naming its type (`xsd:int`, `t:Color`); a type in no namespace under a
 * default namespace cannot be named, and is left out.
 */
export function simpleElement(
  text: string,
  typeId: string,
  local: string,
  ns: string,
  st: EncodeState,
  parentDefault: string,
): string {
  let head = openTag(local, ns, st, parentDefault);
  if (st.xsiTypes) {
    const { ns: typeNs, local: typeLocal } = splitId(typeId);
    if (typeNs !== '' || defaultInside(ns, st, parentDefault) === '') {
      const d = newDeclared();
      const name = typeNs === '' ? typeLocal : `${prefixFor(st, typeNs, d)}:${typeLocal}`;
      st.xsiUsed = true;
      head += `${d.text} ${st.xsiPrefix}:type="${name}"`;
    }
  }
  return text === '' ? `${head}/>` : `${head}>${escapeText(text)}</${local}>`;
}
