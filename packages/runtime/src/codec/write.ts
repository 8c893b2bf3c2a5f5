/** Small helpers shared by the encoders: start tags with default-namespace switching, nil. */

import { collapseWhitespace } from '../builtins.js';
import { XSI_NS } from '../schema.js';
import { escapeAttribute } from '../xml/writer.js';
import type { EncodeState } from './types.js';

/**
 * `<local` plus `xmlns="ns"` when the element's namespace differs from the default in effect
 * (an unqualified element under a default namespace gets `xmlns=""`). Unqualified output writes
 * no namespaces at all.
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

/** Adds `xmlns:xsi` to the fragment's root start tag when a nil was written and not declared. */
export function declareXsi(xml: string, local: string, st: EncodeState): string {
  if (!st.xsiUsed || st.xsiDeclared) return xml;
  const at = local.length + 1;
  return `${xml.slice(0, at)} xmlns:${st.xsiPrefix}="${XSI_NS}"${xml.slice(at)}`;
}

/** True when the element carries `xsi:nil="true"` (or `"1"`). */
export function isNil(node: { readonly attributes: readonly { ns: string; local: string; value: string }[] }): boolean {
  for (const a of node.attributes) {
    if (a.local === 'nil' && a.ns === XSI_NS) {
      const v = collapseWhitespace(a.value);
      return v === 'true' || v === '1';
    }
  }
  return false;
}
