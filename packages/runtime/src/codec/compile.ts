/**
 * Compiles a `SchemaDescriptor` into codec objects once (cached per descriptor object), so that
 * decoding and encoding follow object references instead of looking types up by id.
 */

import { builtinOf } from '../builtins.js';
import { SchemaError } from '../errors.js';
import {
  XSD_NS,
  type AttributeDescriptor,
  type ComplexTypeDescriptor,
  type QNameId,
  type SchemaDescriptor,
} from '../schema.js';
import { createAnyTypeCodec } from './any-type.js';
import { createComplexDecoder } from './decode.js';
import { createComplexEncoder } from './encode.js';
import { createComplexJson } from './json.js';
import { createSimpleCodec, type SimpleTypeSpec } from './simple.js';
import type { AttributePlan, ComplexCodec, ElementPlan, ParticlePlan, TypeCodec } from './types.js';

/** A compiled schema: the codec of every type and global element reachable by id. */
export interface CompiledSchema {
  readonly schema: SchemaDescriptor;
  /** The codec of a type id (builtins included); throws SchemaError for an unknown id. */
  type(id: QNameId): TypeCodec;
  /** A global element; throws SchemaError for an unknown id. */
  element(id: QNameId): ElementPlan;
  /** The element if `id` names one, else the type. */
  elementOrType(id: QNameId): { readonly element?: ElementPlan; readonly type: TypeCodec };
}

const ANY_TYPE = `{${XSD_NS}}anyType`;
const cache = new WeakMap<SchemaDescriptor, CompiledSchema>();

/**
 * The property name of an attribute in values and JSON: its own name, or `@name` when an element
 * particle of the same type already uses that name (element names can never contain `@`).
 */
export function attributePropertyName(type: ComplexTypeDescriptor, attribute: AttributeDescriptor): string {
  return type.content.some((p) => p.name === attribute.name) ? `@${attribute.name}` : attribute.name;
}

/** Compiles (or returns the cached compilation of) a descriptor. */
export function compileSchema(schema: SchemaDescriptor): CompiledSchema {
  const cached = cache.get(schema);
  if (cached !== undefined) return cached;
  const compiled = compile(schema);
  cache.set(schema, compiled);
  return compiled;
}

function compile(schema: SchemaDescriptor): CompiledSchema {
  const codecs = new Map<QNameId, TypeCodec>();
  const pending: { descriptor: ComplexTypeDescriptor; codec: ComplexCodec; known: Set<string> }[] = [];

  /** Follows simple restrictions down to their builtin, keeping the most derived enumeration. */
  const resolveSimple = (id: QNameId, depth: number): SimpleTypeSpec => {
    const builtin = builtinOf(id);
    if (builtin !== undefined) return { id, name: builtin.name, builtin: builtin.name, codec: builtin.codec };
    const descriptor = Object.hasOwn(schema.types, id) ? schema.types[id] : undefined;
    if (descriptor === undefined) throw new SchemaError(`type ${id} is not defined in the schema`);
    if (descriptor.kind === 'complex') throw new SchemaError(`type ${id} is complex where a simple type is required`);
    if (depth > 64) throw new SchemaError(`type ${id} derives from itself`);
    const base = resolveSimple(descriptor.base, depth + 1);
    const enumeration = descriptor.kind === 'enum' ? descriptor.values : base.enumeration;
    return { id, name: descriptor.name, builtin: base.builtin, codec: base.codec, enumeration };
  };

  const typeCodec = (id: QNameId): TypeCodec => {
    const existing = codecs.get(id);
    if (existing !== undefined) return existing;
    let codec: TypeCodec;
    if (id === ANY_TYPE) codec = createAnyTypeCodec(id);
    else {
      const descriptor = Object.hasOwn(schema.types, id) ? schema.types[id] : undefined;
      if (descriptor?.kind === 'complex') {
        const particles: ParticlePlan[] = [];
        const attributes: AttributePlan[] = [];
        const known = new Set<string>();
        const decode = createComplexDecoder(particles, attributes);
        const encode = createComplexEncoder(particles, attributes, known);
        const json = createComplexJson(particles, attributes, known);
        const complex: ComplexCodec = {
          kind: 'complex',
          id,
          name: descriptor.name,
          particles,
          attributes,
          decode,
          encode,
          toJson: json.toJson,
          fromJson: json.fromJson,
        };
        pending.push({ descriptor, codec: complex, known });
        codec = complex;
      } else codec = createSimpleCodec(resolveSimple(id, 0));
    }
    codecs.set(id, codec);
    return codec;
  };

  const fillComplex = ({ descriptor, codec, known }: (typeof pending)[number]): void => {
    const particles = codec.particles;
    const attributes = codec.attributes;
    for (const p of descriptor.content) {
      if (known.has(p.name)) throw new SchemaError(`type ${codec.id} has two particles named ${p.name}`);
      known.add(p.name);
      if (p.kind === 'any') particles.push({ kind: 'any', name: p.name, min: p.min, max: p.max });
      else {
        particles.push({
          kind: 'element',
          name: p.name,
          ns: p.ns,
          min: p.min,
          max: p.max,
          many: p.max !== 1,
          nillable: p.nillable,
          type: typeCodec(p.type),
        });
      }
    }
    for (const a of descriptor.attributes ?? []) {
      const type = typeCodec(a.type);
      if (type.kind !== 'simple') throw new SchemaError(`attribute ${a.name} of ${codec.id} must have a simple type`);
      const property = attributePropertyName(descriptor, a);
      known.add(property);
      attributes.push({ name: a.name, ns: a.ns, property, required: a.required, type });
    }
  };

  for (const id of Object.keys(schema.types)) typeCodec(id);
  const elements = new Map<QNameId, ElementPlan>();
  for (const [id, e] of Object.entries(schema.elements)) {
    elements.set(id, { id, name: e.name, ns: e.ns, nillable: e.nillable, type: typeCodec(e.type) });
  }
  // Filling may discover more (builtin) types; each complex type is filled once.
  for (let i = 0; i < pending.length; i++) fillComplex(pending[i] as (typeof pending)[number]);

  return {
    schema,
    type(id) {
      const existing = codecs.get(id);
      if (existing !== undefined) return existing;
      if (builtinOf(id) === undefined && id !== ANY_TYPE) throw new SchemaError(`type ${id} is not defined in the schema`);
      return typeCodec(id);
    },
    element(id) {
      const element = elements.get(id);
      if (element === undefined) throw new SchemaError(`element ${id} is not defined in the schema`);
      return element;
    },
    elementOrType(id) {
      const element = elements.get(id);
      return element !== undefined ? { element, type: element.type } : { type: this.type(id) };
    },
  };
}
