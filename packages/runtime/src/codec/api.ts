/**
 * The codec's entry points: XML element <-> value, value <-> JSON, all driven by a
 * `SchemaDescriptor`. Internal failures become `DecodeError`/`EncodeError` here, with full paths.
 */

import type { JsonValue } from '../builtins.js';
import type { SchemaDescriptor } from '../schema.js';
import type { XmlElement } from '../xml/dom.js';
import { compileSchema } from './compile.js';
import { createEncodeState, type EncodeOptions } from './encode.js';
import { fail, toDecodeError, toEncodeError } from './failure.js';
import type { ElementPlan, TypeCodec } from './types.js';
import { declareXsi, isNil, nilElement } from './write.js';

export interface DecodeOptions {
  /**
   * 'strict' (default) matches elements by namespace and local name; 'ignore' by local name
   * only, for unqualified documents such as the examples printed in documentation.
   */
  readonly namespaces?: 'strict' | 'ignore';
  /** When given (e.g. `document.positionOf`), error messages and fields carry line and column. */
  readonly positionOf?: (offset: number) => { line: number; column: number };
}

/** The path root: a complex type's schema name, else the element's name. */
function rootName(type: TypeCodec, element?: ElementPlan): string {
  return type.kind === 'complex' || element === undefined ? type.name : element.name;
}

/** Decodes `node` as the global element `elementId`, checking its name and namespace first. */
export function decodeElement(
  schema: SchemaDescriptor,
  elementId: string,
  node: XmlElement,
  options: DecodeOptions = {},
): unknown {
  const element = compileSchema(schema).element(elementId);
  const ctx = { strict: options.namespaces !== 'ignore' };
  try {
    if (node.local !== element.name) {
      fail('unexpected-element', `expected element <${element.name}>, found <${node.local}>`, node.offset);
    }
    if (ctx.strict && node.ns !== element.ns) {
      const found = node.ns === '' ? 'no namespace' : `namespace "${node.ns}"`;
      fail('wrong-namespace', `element <${node.local}> is in ${found}, expected namespace "${element.ns}"`, node.offset);
    }
    if (node.attributes.length !== 0 && isNil(node)) {
      if (!element.nillable) fail('nil-not-allowed', `element <${element.name}> is not nillable`, node.offset);
      return null;
    }
    return element.type.decode(node, ctx);
  } catch (error) {
    throw toDecodeError(error, rootName(element.type, element), options.positionOf);
  }
}

/** Decodes the attributes and content of `node` as the type `typeId`; its name is not checked. */
export function decodeType(
  schema: SchemaDescriptor,
  typeId: string,
  node: XmlElement,
  options: DecodeOptions = {},
): unknown {
  const type = compileSchema(schema).type(typeId);
  try {
    return type.decode(node, { strict: options.namespaces !== 'ignore' });
  } catch (error) {
    throw toDecodeError(error, type.name, options.positionOf);
  }
}

function encodeRoot(
  type: TypeCodec,
  name: { ns: string; local: string },
  nillable: boolean,
  value: unknown,
  options: EncodeOptions,
): string {
  const st = createEncodeState(options);
  const parentDefault = options.declarations?.[''] ?? '';
  let xml: string;
  if (value === null) {
    if (!nillable) fail('nil-not-allowed', `element <${name.local}> is not nillable; null is not allowed`);
    xml = nilElement(name.local, name.ns, st, parentDefault);
  } else if (value === undefined) {
    fail('missing-element', `no value for element <${name.local}>`);
  } else xml = type.encode(value, name.local, name.ns, st, parentDefault, options.depth ?? 0);
  return declareXsi(xml, name.local, st);
}

/** Writes `value` as the global element `elementId` (no XML declaration). */
export function encodeElement(
  schema: SchemaDescriptor,
  elementId: string,
  value: unknown,
  options: EncodeOptions = {},
): string {
  const element = compileSchema(schema).element(elementId);
  try {
    return encodeRoot(element.type, { ns: element.ns, local: element.name }, element.nillable, value, options);
  } catch (error) {
    throw toEncodeError(error, rootName(element.type, element));
  }
}

/** Writes `value` of type `typeId` as an element with the given name; null is written as nil. */
export function encodeType(
  schema: SchemaDescriptor,
  typeId: string,
  name: { ns: string; local: string },
  value: unknown,
  options: EncodeOptions = {},
): string {
  const type = compileSchema(schema).type(typeId);
  try {
    return encodeRoot(type, name, true, value, options);
  } catch (error) {
    throw toEncodeError(error, type.name);
  }
}

/**
 * The JSON form of a decoded value of a global element or type (elements are looked up first).
 * Throws `EncodeError` when the value does not fit the schema.
 */
export function toJson(schema: SchemaDescriptor, typeOrElementId: string, value: unknown): JsonValue {
  const { element, type } = compileSchema(schema).elementOrType(typeOrElementId);
  try {
    if (value === null) {
      if (element !== undefined && !element.nillable) fail('nil-not-allowed', 'null is not allowed');
      return null;
    }
    return type.toJson(value);
  } catch (error) {
    throw toEncodeError(error, rootName(type, element));
  }
}

/** The value for a JSON form (the inverse of `toJson`). Throws `DecodeError` without offsets. */
export function fromJson(schema: SchemaDescriptor, typeOrElementId: string, json: unknown): unknown {
  const { element, type } = compileSchema(schema).elementOrType(typeOrElementId);
  try {
    if (json === null) {
      if (element !== undefined && !element.nillable) fail('nil-not-allowed', 'null is not allowed');
      return null;
    }
    return type.fromJson(json);
  } catch (error) {
    throw toDecodeError(error, rootName(type, element));
  }
}
