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
import { decodeSlot, encodeSlot, memberOf, slotFromJson, slotToJson } from './slot.js';
import type { ElementPlan, SlotPlan, TypeCodec } from './types.js';
import { declareXsi } from './write.js';

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
    if (memberOf(element, node, ctx) === undefined) {
      // The element itself or a substitution group member with that name, to say what is wrong.
      const named = element.name === node.local ? element : element.members?.find((m) => m.name === node.local);
      if (named === undefined) {
        fail('unexpected-element', `expected element <${element.name}>, found <${node.local}>`, node.offset);
      }
      if (ctx.strict && node.ns !== named.ns) {
        const found = node.ns === '' ? 'no namespace' : `namespace "${node.ns}"`;
        fail(
          'wrong-namespace',
          `element <${node.local}> is in ${found}, expected namespace "${named.ns}"`,
          node.offset,
        );
      }
      fail(
        'unexpected-element',
        `element <${node.local}> is abstract: a member of its substitution group must stand in its place`,
        node.offset,
      );
    }
    return decodeSlot(element, node, ctx);
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
  const compiled = compileSchema(schema);
  const type = compiled.type(typeId);
  try {
    // Nil and xsi:type are honoured as for a nillable element of that type.
    return decodeSlot(compiled.typeSlot(type), node, { strict: options.namespaces !== 'ignore' });
  } catch (error) {
    throw toDecodeError(error, type.name, options.positionOf);
  }
}

function encodeRoot(slot: SlotPlan, value: unknown, options: EncodeOptions): string {
  if (value === undefined) fail('missing-element', `no value for element <${slot.name}>`);
  const st = createEncodeState(options);
  const xml = encodeSlot(slot, value, st, options.declarations?.[''] ?? '', options.depth ?? 0);
  return declareXsi(xml, st);
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
    return encodeRoot(element, value, options);
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
  const compiled = compileSchema(schema);
  const type = compiled.type(typeId);
  try {
    return encodeRoot(compiled.typeSlot(type, name), value, options);
  } catch (error) {
    throw toEncodeError(error, type.name);
  }
}

/**
 * The JSON form of a decoded value of a global element or type (elements are looked up first).
 * Throws `EncodeError` when the value does not fit the schema.
 */
export function toJson(schema: SchemaDescriptor, typeOrElementId: string, value: unknown): JsonValue {
  const compiled = compileSchema(schema);
  const { element, type } = compiled.elementOrType(typeOrElementId);
  try {
    if (value === null) {
      if (element !== undefined && !element.nillable) fail('nil-not-allowed', 'null is not allowed');
      return null;
    }
    return slotToJson(element ?? compiled.typeSlot(type), value);
  } catch (error) {
    throw toEncodeError(error, rootName(type, element));
  }
}

/** The value for a JSON form (the inverse of `toJson`). Throws `DecodeError` without offsets. */
export function fromJson(schema: SchemaDescriptor, typeOrElementId: string, json: unknown): unknown {
  const compiled = compileSchema(schema);
  const { element, type } = compiled.elementOrType(typeOrElementId);
  try {
    if (json === null) {
      if (element !== undefined && !element.nillable) fail('nil-not-allowed', 'null is not allowed');
      return null;
    }
    return slotFromJson(element ?? compiled.typeSlot(type), json);
  } catch (error) {
    throw toDecodeError(error, rootName(type, element));
  }
}
