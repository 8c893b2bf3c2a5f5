/**
 * Codecs for simple types: builtins, restrictions of them, enumerations, lists and unions.
 * Values are the builtin's JS representation (an enumeration of strings decodes to its string
 * value), an array for a list, the first accepting member's value for a union.
 */

import { collapseWhitespace, type BuiltinCodec, type JsonValue, type XsdBuiltin } from '../builtins.js';
import type { XmlElement } from '../xml/dom.js';
import { CodecFailure, fail, fromBuiltin, quote, withSegment } from './failure.js';
import type { SimpleCodec, SimpleInline } from './types.js';
import { simpleElement } from './write.js';

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

/** The parts every simple codec shares once parse/format/JSON are known. */
function simpleCodec(
  id: string,
  name: string,
  parts: Pick<SimpleCodec, 'parseValue' | 'formatValue' | 'toJson' | 'fromJson' | 'canonical'>,
): SimpleCodec {
  const { parseValue, formatValue } = parts;
  return {
    kind: 'simple',
    id,
    name,
    ...parts,
    decode: (node) => parseValue(textContent(node), node.offset),
    encode: (value, local, ns, st, parentDefault) =>
      simpleElement(formatValue(value), id, local, ns, st, parentDefault),
  };
}

/** The canonical form of a valid decimal lexical form: no `+`, no leading or trailing zeros, `0` unsigned. */
export function canonicalDecimal(text: string): string {
  const negative = text.startsWith('-');
  const unsigned = negative || text.startsWith('+') ? text.slice(1) : text;
  const dot = unsigned.indexOf('.');
  const integer = (dot < 0 ? unsigned : unsigned.slice(0, dot)).replace(/^0+/, '') || '0';
  const fraction = dot < 0 ? '' : unsigned.slice(dot + 1).replace(/0+$/, '');
  const magnitude = fraction === '' ? integer : `${integer}.${fraction}`;
  return negative && magnitude !== '0' ? `-${magnitude}` : magnitude;
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

  const format = codec.format;
  const formatValue = (value: unknown): string => validate(value, format);
  const decimal = spec.builtin === 'decimal';
  // An enumeration of xs:string values: a value in the set is a valid one (the schema's values are XML text already).
  const inline: SimpleInline | undefined =
    allowed === undefined
      ? codec.inline
      : codec.inline?.kind === 'string'
        ? { kind: 'enum', values: allowed }
        : undefined;
  const base = simpleCodec(spec.id, name, {
    parseValue,
    formatValue,
    canonical: (value) => (decimal ? canonicalDecimal(formatValue(value)) : formatValue(value)),
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
  });
  return inline === undefined ? base : { ...base, inline };
}

/**
 * A restriction (with or without enumeration) of a list or union type: the base's values, the
 * enumeration compared on the lexical form the base writes.
 */
export function createRestrictedCodec(
  id: string,
  name: string,
  base: SimpleCodec,
  enumeration?: readonly string[],
): SimpleCodec {
  if (enumeration === undefined) {
    const { parseValue, formatValue, toJson, fromJson, canonical } = base;
    return simpleCodec(id, name, { parseValue, formatValue, toJson, fromJson, canonical });
  }
  const allowed = new Set(enumeration);
  const expected = enumeration.join(', ');
  return simpleCodec(id, name, {
    parseValue(lexical, offset) {
      const value = base.parseValue(lexical, offset);
      if (!allowed.has(base.formatValue(value))) {
        fail('unknown-enum-value', `unknown enumeration value ${quote(lexical)} (expected one of ${expected})`, offset);
      }
      return value;
    },
    formatValue(value) {
      const text = base.formatValue(value);
      if (!allowed.has(text)) fail('unknown-enum-value', `value is not one of ${expected}`);
      return text;
    },
    toJson(value) {
      const json = base.toJson(value);
      if (!allowed.has(base.formatValue(value))) fail('unknown-enum-value', `value is not one of ${expected}`);
      return json;
    },
    fromJson(json) {
      const value = base.fromJson(json);
      if (!allowed.has(base.formatValue(value))) fail('unknown-enum-value', `value is not one of ${expected}`);
      return value;
    },
    canonical: (value) => base.canonical(value),
  });
}

const LIST_ITEM_SEPARATOR = ' ';
const HAS_WHITESPACE = /[ \t\n\r]/;

/** `xs:list`: whitespace-separated items; the value (and its JSON form) is an array. */
export function createListCodec(id: string, name: string, item: SimpleCodec): SimpleCodec {
  const eachItem = <T>(value: unknown, convert: (item: unknown) => T): T[] => {
    if (!Array.isArray(value)) fail('invalid-type', `expected an array (${name} is a list)`);
    const out: T[] = [];
    for (let i = 0; i < value.length; i++) {
      try {
        out.push(convert(value[i]));
      } catch (error) {
        throw withSegment(error, `[${i}]`);
      }
    }
    return out;
  };
  return simpleCodec(id, name, {
    parseValue(lexical, offset) {
      const collapsed = collapseWhitespace(lexical);
      if (collapsed === '') return [];
      const parts = collapsed.split(LIST_ITEM_SEPARATOR);
      const out: unknown[] = [];
      for (let i = 0; i < parts.length; i++) {
        try {
          out.push(item.parseValue(parts[i] as string, offset));
        } catch (error) {
          throw withSegment(error, `[${i}]`);
        }
      }
      return out;
    },
    formatValue: (value) =>
      eachItem(value, (v) => {
        const text = item.formatValue(v);
        if (text === '' || HAS_WHITESPACE.test(text))
          fail('invalid-value', 'a list item cannot be empty or contain whitespace');
        return text;
      }).join(LIST_ITEM_SEPARATOR),
    toJson: (value) => eachItem(value, (v) => item.toJson(v)),
    fromJson: (json) => eachItem(json, (v) => item.fromJson(v)),
    canonical: (value) => eachItem(value, (v) => item.canonical(v)).join(LIST_ITEM_SEPARATOR),
  });
}

/** Tries `attempt` on each member in order; the first that does not fail wins. */
function firstMember<T>(
  members: readonly SimpleCodec[],
  attempt: (member: SimpleCodec) => T,
): { member: SimpleCodec; result: T } | undefined {
  for (const member of members) {
    try {
      return { member, result: attempt(member) };
    } catch (error) {
      if (!(error instanceof CodecFailure)) throw error;
    }
  }
  return undefined;
}

/**
 * `xs:union`: decoding takes the first member that parses the text, encoding the first member
 * whose encoder accepts the value, JSON the form of that member.
 */
export function createUnionCodec(id: string, name: string, members: readonly SimpleCodec[]): SimpleCodec {
  const names = members.map((m) => m.name).join(', ');
  const formatting = (value: unknown): { member: SimpleCodec; result: string } => {
    const found = firstMember(members, (m) => m.formatValue(value));
    if (found === undefined) fail('invalid-value', `value is not valid for any member of ${name} (${names})`);
    return found;
  };
  return simpleCodec(id, name, {
    parseValue(lexical, offset) {
      const found = firstMember(members, (m) => m.parseValue(lexical, offset));
      if (found === undefined)
        fail('invalid-value', `invalid ${name} value ${quote(lexical)} (no member type accepts it: ${names})`, offset);
      return found.result;
    },
    formatValue: (value) => formatting(value).result,
    toJson: (value): JsonValue => formatting(value).member.toJson(value),
    fromJson(json) {
      const found = firstMember(members, (m) => m.fromJson(json));
      if (found === undefined)
        fail('invalid-value', `the JSON value is not valid for any member of ${name} (${names})`);
      return found.result;
    },
    canonical: (value) => formatting(value).member.canonical(value),
  });
}
