/**
 * xs:anyType and xs:any content: kept as `XmlElement` trees on decode, written back unchanged on
 * encode, and carried as XML text in JSON.
 */

import { XmlParseError } from '../errors.js';
import type { XmlElement } from '../xml/dom.js';
import { parseXml } from '../xml/parser.js';
import { serializeElement } from '../xml/writer.js';
import { fail } from './failure.js';
import type { AnyTypeCodec, EncodeState } from './types.js';

export function isXmlElement(value: unknown): value is XmlElement {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'element';
}

export function requireXmlElement(value: unknown): XmlElement {
  if (!isXmlElement(value)) fail('invalid-type', 'expected an XmlElement');
  return value;
}

/** Writes a kept element where the output has default namespace `parentDefault`. */
export function writeKept(element: XmlElement, st: EncodeState, parentDefault: string): string {
  const context: Record<string, string> = Object.assign(Object.create(null) as Record<string, string>, st.scope);
  context[''] = parentDefault;
  return serializeElement(element, { context });
}

/** The JSON form of kept XML: its text, namespaces declared so it stands alone. */
export function keptToJson(value: unknown): string {
  return serializeElement(requireXmlElement(value));
}

export function keptFromJson(json: unknown): XmlElement {
  if (typeof json !== 'string') fail('invalid-type', 'expected XML text as a string');
  try {
    return parseXml(json).root;
  } catch (error) {
    if (error instanceof XmlParseError) fail('invalid-value', `not well-formed XML (${error.message})`);
    throw error;
  }
}

export function createAnyTypeCodec(id: string): AnyTypeCodec {
  return {
    kind: 'anyType',
    id,
    name: 'anyType',
    decode: (node) => node,
    encode(value, local, ns, st, parentDefault) {
      const element = requireXmlElement(value);
      // The element is written under the particle's name; its content and attributes are kept.
      const renamed: XmlElement = { ...element, name: local, prefix: '', local, ns: st.qualified ? ns : parentDefault };
      return writeKept(renamed, st, parentDefault);
    },
    toJson: keptToJson,
    fromJson: keptFromJson,
  };
}
