/**
 * Codecs for simple types: builtins, restrictions of them, and enumerations. Values are the
 * builtin's JS representation (an enumeration of strings decodes to its string value).
 */

import { type BuiltinCodec, type XsdBuiltin } from '../builtins.js';
import type { XmlElement } from '../xml/dom.js';
import { escapeText } from '../xml/writer.js';
import { fail, fromBuiltin, quote } from './failure.js';
import type { SimpleCodec } from './types.js';
import { openTag } from './write.js';

/** The concatenated text of an element that may only hold text. */
export function textContent(node: XmlElement): string {
  const children = node.children;
  if (children.length === 0) return '';
  const first = children[0];
  if (children.length === 1 && first?.kind === 'text') return first.text;
  let text = '';
  for (const child of children) {
    if (child.kind === 'text') text += child.text;
    else if (child.kind === 'element') {
      fail('unexpected-element', `element <${child.local}> is not allowed in text-only content`, child.offset);
    }
  }
  return text;
}

export interface SimpleTypeSpec {
  readonly id: string;
  /** Name used in messages: the builtin's (`int`) or the schema's (`KeyVisibility`). */
  readonly name: string;
  readonly builtin: XsdBuiltin;
  readonly codec: BuiltinCodec;
  /** Enumeration facet of the most derived restriction that has one. */
  readonly enumeration?: readonly string[];
}

export function createSimpleCodec(spec: SimpleTypeSpec): SimpleCodec {
  const { name, codec } = spec;
  const allowed = spec.enumeration === undefined ? undefined : new Set(spec.enumeration);
  const expected = spec.enumeration?.join(', ') ?? '';
  const isString = codec.js === 'string';
  const describe = (reason: string): string => `invalid ${name}: ${reason}`;

  /** The enumeration compares the canonical lexical form (the string itself for strings). */
  const checkEnum = (value: unknown): boolean =>
    allowed === undefined || allowed.has(isString ? (value as string) : codec.format(value));

  const parseValue = (lexical: string, offset?: number): unknown => {
    let value: unknown;
    try {
      value = codec.parse(lexical);
    } catch (error) {
      throw fromBuiltin(error, (reason) => `invalid ${name} value ${quote(lexical)} (${reason})`, offset);
    }
    if (!checkEnum(value)) {
      fail('unknown-enum-value', `unknown enumeration value ${quote(lexical)} (expected one of ${expected})`, offset);
    }
    return value;
  };

  const validate = <T>(value: unknown, convert: (v: unknown) => T): T => {
    let out: T;
    try {
      out = convert(value);
    } catch (error) {
      throw fromBuiltin(error, describe);
    }
    if (!checkEnum(value)) fail('unknown-enum-value', `value is not one of ${expected}`);
    return out;
  };

  const formatValue = (value: unknown): string => validate(value, (v) => codec.format(v));

  return {
    kind: 'simple',
    id: spec.id,
    name,
    parseValue,
    formatValue,
    decode: (node) => parseValue(textContent(node), node.offset),
    encode(value, local, ns, st, parentDefault) {
      const text = formatValue(value);
      const head = openTag(local, ns, st, parentDefault);
      return text === '' ? `${head}/>` : `${head}>${escapeText(text)}</${local}>`;
    },
    toJson: (value) => validate(value, (v) => codec.toJson(v)),
    fromJson(json) {
      let value: unknown;
      try {
        value = codec.fromJson(json);
      } catch (error) {
        throw fromBuiltin(error, describe);
      }
      if (!checkEnum(value)) {
        const shown = typeof json === 'string' ? ` ${quote(json)}` : '';
        fail('unknown-enum-value', `unknown enumeration value${shown} (expected one of ${expected})`);
      }
      return value;
    },
  };
}
