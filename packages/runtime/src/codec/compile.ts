/**
 * Compiles a `SchemaDescriptor` into codec objects once (cached per descriptor object), so that
 * decoding and encoding follow object references instead of looking types up by id.
 */

import { builtinOf, type JsonValue } from '../builtins.js';
import { SchemaError } from '../errors.js';
import {
  XSD_NS,
  type AttributeDescriptor,
  type ComplexTypeDescriptor,
  type ElementParticle,
  type ParticleDescriptor,
  type QNameId,
  type SchemaDescriptor,
  type TypeDescriptor,
} from '../schema.js';
import { createAnyTypeCodec } from './any-type.js';
import { createComplexDecoder, createFlatDecoder } from './decode.js';
import { createComplexEncoder } from './encode.js';
import { compilable, compileEncoder } from './encode-compiled.js';
import { CodecFailure } from './failure.js';
import { createComplexJson } from './json.js';
import {
  createListCodec,
  createRestrictedCodec,
  createSimpleCodec,
  createUnionCodec,
  type SimpleTypeSpec,
} from './simple.js';
import { valueCodecOf } from './slot.js';
import { createSoapArrayCodec } from './soap-array.js';
import type {
  AttributePlan,
  ComplexCodec,
  ComplexShape,
  ElementParticlePlan,
  ElementPlan,
  ParticlePlan,
  Registry,
  SimpleCodec,
  SlotPlan,
  TypeCodec,
} from './types.js';
import { SOAP_ENCODING_NS } from './write.js';
import { intern } from '../xml/scanner.js';

/** A compiled schema: the codec of every type and global element reachable by id. */
export interface CompiledSchema {
  readonly schema: SchemaDescriptor;
  /** The codec of a type id (builtins included); throws SchemaError for an unknown id. */
  type(id: QNameId): TypeCodec;
  /** A global element; throws SchemaError for an unknown id. */
  element(id: QNameId): ElementPlan;
  /** The element if `id` names one, else the type. */
  elementOrType(id: QNameId): { readonly element?: ElementPlan; readonly type: TypeCodec };
  /** A nillable slot for values of `type` outside any element declaration (`decodeType`, ...). */
  typeSlot(type: TypeCodec, name?: { ns: string; local: string }): SlotPlan;
}

const ANY_TYPE = `{${XSD_NS}}anyType`;
const SOAP_ARRAY = `{${SOAP_ENCODING_NS}}Array`;
const cache = new WeakMap<SchemaDescriptor, CompiledSchema>();

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The property names a content model puts on its object: non-repeated groups are flattened. */
function propertyNames(content: readonly ParticleDescriptor[], into: Set<string>): Set<string> {
  for (const p of content) {
    if (p.kind === 'choice' && p.max === 1) propertyNames(p.options, into);
    else if (p.kind === 'sequence' && p.max === 1) propertyNames(p.content, into);
    else into.add(p.name);
  }
  return into;
}

/**
 * The property name of an attribute in values and JSON: its own name, or `@name` when a
 * particle of the same type already uses that name (element names can never contain `@`).
 * Particles of non-repeated nested groups count, since their properties live on the same object.
 */
export function attributePropertyName(type: ComplexTypeDescriptor, attribute: AttributeDescriptor): string {
  return propertyNames(type.content, new Set()).has(attribute.name) ? `@${attribute.name}` : attribute.name;
}

/** Compiles (or returns the cached compilation of) a descriptor. */
export function compileSchema(schema: SchemaDescriptor): CompiledSchema {
  const cached = cache.get(schema);
  if (cached !== undefined) return cached;
  const compiled = compile(schema);
  cache.set(schema, compiled);
  return compiled;
}

const clark = (ns: string, local: string): QNameId => (ns === '' ? local : `{${ns}}${local}`);

function compile(schema: SchemaDescriptor): CompiledSchema {
  const codecs = new Map<QNameId, TypeCodec>();
  const pending: { descriptor: ComplexTypeDescriptor; codec: ComplexCodec; shape: ComplexShape }[] = [];
  const creating = new Set<QNameId>();
  /** Slots with fixed/default values, checked once every type is complete. */
  const constrained: Mutable<SlotPlan>[] = [];

  const descriptorOf = (id: QNameId): TypeDescriptor | undefined =>
    Object.hasOwn(schema.types, id) ? schema.types[id] : undefined;

  // -------------------------------------------------------------------------------------------
  // Derivation (xsi:type, $type): resolved on demand by walking `base`.

  const baseOf = (id: QNameId): QNameId | undefined => {
    const d = descriptorOf(id);
    return d !== undefined && (d.kind === 'complex' || d.kind === 'simple' || d.kind === 'enum') ? d.base : undefined;
  };
  /** True when `id` derives from `ancestor` through one or more bases. */
  const derivesFrom = (id: QNameId, ancestor: QNameId): boolean => {
    let current = baseOf(id);
    for (let i = 0; current !== undefined && i < 64; i++) {
      if (current === ancestor) return true;
      current = baseOf(current);
    }
    return false;
  };
  let byLocal: Map<string, QNameId[]> | undefined;
  const idsWithLocal = (local: string): QNameId[] => {
    if (byLocal === undefined) {
      byLocal = new Map();
      for (const id of Object.keys(schema.types)) {
        const close = id.indexOf('}');
        const key = close < 0 ? id : id.slice(close + 1);
        const list = byLocal.get(key);
        if (list === undefined) byLocal.set(key, [id]);
        else list.push(id);
      }
    }
    return [...(byLocal.get(local) ?? []), `{${XSD_NS}}${local}`, `{${SOAP_ENCODING_NS}}${local}`];
  };
  const xsiTargetOf = (declared: TypeCodec, id: QNameId): TypeCodec | undefined => {
    if (id === declared.id) return declared;
    switch (declared.kind) {
      case 'soap-array':
        return id === SOAP_ARRAY ? declared : undefined;
      case 'complex':
        return descriptorOf(id)?.kind === 'complex' && derivesFrom(id, declared.id) ? typeCodec(id) : undefined;
      case 'simple': {
        // A base of the declared type (its builtin included) names a wider type: decoded as declared.
        if (derivesFrom(declared.id, id)) return declared;
        // soapenc:int and the like stand for the builtins.
        if (id.startsWith(`{${SOAP_ENCODING_NS}}`)) {
          const builtin = `{${XSD_NS}}${id.slice(SOAP_ENCODING_NS.length + 2)}`;
          if (builtinOf(builtin) !== undefined && (builtin === declared.id || derivesFrom(declared.id, builtin)))
            return declared;
        }
        const target = descriptorOf(id);
        if ((target?.kind === 'simple' || target?.kind === 'enum') && derivesFrom(id, declared.id))
          return typeCodec(id);
        const own = descriptorOf(declared.id);
        if (own?.kind === 'union' && own.members.includes(id)) return typeCodec(id);
        return undefined;
      }
      default:
        return undefined;
    }
  };
  const registry: Registry = {
    xsiTarget(declared, ns, local, strict) {
      if (strict) return xsiTargetOf(declared, clark(ns, local));
      for (const id of idsWithLocal(local)) {
        const target = xsiTargetOf(declared, id);
        if (target !== undefined) return target;
      }
      return undefined;
    },
    derived(declared, id) {
      if (id === declared.id) return declared;
      if (descriptorOf(id)?.kind !== 'complex' || !derivesFrom(id, declared.id)) return undefined;
      return typeCodec(id) as ComplexCodec;
    },
  };

  // -------------------------------------------------------------------------------------------
  // Types

  /** Follows simple restrictions down to their builtin, keeping the most derived enumeration; undefined past a list or union. */
  const resolveSimple = (id: QNameId, depth: number): SimpleTypeSpec | undefined => {
    const builtin = builtinOf(id);
    if (builtin !== undefined) return { id, name: builtin.name, builtin: builtin.name, codec: builtin.codec };
    const descriptor = descriptorOf(id);
    if (descriptor === undefined) throw new SchemaError(`type ${id} is not defined in the schema`);
    if (descriptor.kind === 'complex') throw new SchemaError(`type ${id} is complex where a simple type is required`);
    if (descriptor.kind === 'soap-array')
      throw new SchemaError(`type ${id} is a SOAP array where a simple type is required`);
    if (descriptor.kind === 'list' || descriptor.kind === 'union') return undefined;
    if (depth > 64) throw new SchemaError(`type ${id} derives from itself`);
    const base = resolveSimple(descriptor.base, depth + 1);
    if (base === undefined) return undefined;
    const enumeration = descriptor.kind === 'enum' ? descriptor.values : base.enumeration;
    return { id, name: descriptor.name, builtin: base.builtin, codec: base.codec, enumeration };
  };

  const simpleOf = (id: QNameId, where: string): SimpleCodec => {
    const codec = typeCodec(id);
    if (codec.kind !== 'simple') throw new SchemaError(`${where} must have a simple type (${id} is not one)`);
    return codec;
  };

  const createSimple = (id: QNameId): SimpleCodec => {
    const spec = resolveSimple(id, 0);
    if (spec !== undefined) return createSimpleCodec(spec);
    const descriptor = descriptorOf(id) as TypeDescriptor;
    switch (descriptor.kind) {
      case 'list':
        return createListCodec(id, descriptor.name, simpleOf(descriptor.item, `the items of list ${id}`));
      case 'union':
        return createUnionCodec(
          id,
          descriptor.name,
          descriptor.members.map((m) => simpleOf(m, `a member of union ${id}`)),
        );
      case 'simple':
      case 'enum':
        return createRestrictedCodec(
          id,
          descriptor.name,
          simpleOf(descriptor.base, `the restriction ${id}`),
          descriptor.kind === 'enum' ? descriptor.values : undefined,
        );
      default:
        throw new SchemaError(`type ${id} is ${descriptor.kind} where a simple type is required`);
    }
  };

  const createComplex = (id: QNameId, descriptor: ComplexTypeDescriptor): ComplexCodec => {
    const shape: ComplexShape = {
      particles: [],
      attributes: [],
      known: new Set(),
      text: undefined,
      mixed: descriptor.mixed === true,
      all: descriptor.all === true,
      anyAttribute: descriptor.anyAttribute === true,
      flat: false,
      elements: [],
    };
    const decodeInto = createComplexDecoder(shape);
    const encodeWith = createComplexEncoder(shape);
    const convertInto = createComplexJson(shape);
    const complex: ComplexCodec = {
      kind: 'complex',
      id,
      name: descriptor.name,
      abstract: descriptor.abstract === true,
      shape,
      decodeInto,
      encodeWith,
      convertInto,
      decode: (node, ctx) => decodeInto(node, ctx, {}),
      encode: (value, local, ns, st, parentDefault, depth) =>
        encodeWith(value, local, ns, st, parentDefault, depth, undefined),
      toJson: (value) => convertInto(value, {}, 'to') as JsonValue,
      fromJson: (json) => convertInto(json, {}, 'from'),
    };
    pending.push({ descriptor, codec: complex, shape });
    return complex;
  };

  const typeCodec = (id: QNameId): TypeCodec => {
    const existing = codecs.get(id);
    if (existing !== undefined) return existing;
    if (creating.has(id)) throw new SchemaError(`type ${id} refers to itself`);
    creating.add(id);
    let codec: TypeCodec;
    const descriptor = descriptorOf(id);
    if (id === ANY_TYPE) codec = createAnyTypeCodec(id);
    else if (descriptor?.kind === 'complex') codec = createComplex(id, descriptor);
    else if (descriptor?.kind === 'soap-array') {
      codec = createSoapArrayCodec(
        id,
        descriptor.name,
        slot({ name: 'item', ns: '', type: typeCodec(descriptor.item), nillable: true }),
      );
    } else codec = createSimple(id);
    creating.delete(id);
    codecs.set(id, codec);
    return codec;
  };

  /** A slot without substitution group, fixed or default. */
  function slot(base: { name: string; ns: string; type: TypeCodec; nillable: boolean }): SlotPlan {
    const plain = !(base.type.kind === 'complex' && base.type.abstract);
    // Interned: names and namespaces are compared with the document's (interned too) at every element.
    return {
      ...base,
      name: intern(base.name),
      ns: intern(base.ns),
      abstract: false,
      members: undefined,
      fixed: undefined,
      default: undefined,
      plain,
      registry,
    };
  }

  // -------------------------------------------------------------------------------------------
  // Global elements and substitution groups

  for (const id of Object.keys(schema.types)) typeCodec(id);
  const elements = new Map<QNameId, Mutable<ElementPlan>>();
  for (const [id, e] of Object.entries(schema.elements)) {
    elements.set(id, {
      id,
      ...slot({ name: e.name, ns: e.ns, type: typeCodec(e.type), nillable: e.nillable }),
      abstract: e.abstract === true,
    });
  }
  const elementPlan = (id: QNameId, where: string): Mutable<ElementPlan> => {
    const element = elements.get(id);
    if (element === undefined) throw new SchemaError(`element ${id} (${where}) is not defined in the schema`);
    return element;
  };
  // Members of a head: every element whose substitutionGroup chain reaches it, in schema order.
  for (const [id, e] of Object.entries(schema.elements)) {
    let head = e.substitutionGroup;
    for (let i = 0; head !== undefined && i < 64; i++) {
      const plan = elementPlan(head, `substitution group head of ${id}`);
      plan.members = [...(plan.members ?? []), elementPlan(id, id)];
      head = schema.elements[head]?.substitutionGroup;
    }
  }
  for (const plan of elements.values()) {
    if (plan.abstract && plan.members === undefined) plan.members = [];
    plan.plain = plan.plain && plan.members === undefined;
  }

  // -------------------------------------------------------------------------------------------
  // Content models

  const addProperty = (props: Set<string>, name: string, owner: string): void => {
    if (props.has(name)) throw new SchemaError(`type ${owner} has two particles named ${name}`);
    props.add(name);
  };

  const elementParticle = (p: ElementParticle): ElementParticlePlan => {
    const type = typeCodec(p.type);
    let members: ElementPlan[] | undefined;
    let abstract = false;
    if (p.substitutes !== undefined) {
      members = p.substitutes.map((id) => elementPlan(id, `substitute for ${p.name}`));
      // Only a reference to a global element has substitutes: the head's own declaration says if it is abstract.
      abstract = elements.get(clark(p.ns, p.name))?.abstract === true;
      if (members.length === 0 && !abstract) members = undefined;
    }
    const plan: Mutable<ElementParticlePlan> = {
      kind: 'element',
      ...slot({ name: p.name, ns: p.ns, type, nillable: p.nillable }),
      abstract,
      members,
      fixed: p.fixed,
      default: p.default,
      min: p.min,
      max: p.max,
      many: p.max !== 1,
      emptiable: p.min === 0,
    };
    plan.plain = plan.plain && members === undefined && p.fixed === undefined && p.default === undefined;
    if (p.fixed !== undefined || p.default !== undefined) constrained.push(plan);
    return plan;
  };

  const compileParticles = (
    content: readonly ParticleDescriptor[],
    owner: string,
    props: Set<string>,
    all: ElementParticlePlan[],
  ): ParticlePlan[] => {
    const out: ParticlePlan[] = [];
    for (const p of content) {
      if (p.kind === 'element') {
        // The same element declared twice in one content model (`a, b, a`, valid XML Schema): one property.
        const twin =
          props.has(p.name) && all.some((e) => e.name === p.name && e.ns === p.ns && e.type === typeCodec(p.type));
        if (!twin) addProperty(props, p.name, owner);
        const plan = twin ? { ...elementParticle(p), twin: true } : elementParticle(p);
        all.push(plan);
        out.push(plan);
      } else if (p.kind === 'any') {
        addProperty(props, p.name, owner);
        out.push({ kind: 'any', name: p.name, min: p.min, max: p.max, many: true, emptiable: p.min === 0 });
      } else {
        const many = p.max !== 1;
        if (many) addProperty(props, p.name, owner);
        const inner = many ? new Set<string>() : props;
        const children = compileParticles(p.kind === 'choice' ? p.options : p.content, owner, inner, all);
        const innerEmptiable =
          p.kind === 'choice' ? children.some((c) => c.emptiable) : children.every((c) => c.emptiable);
        const group = {
          name: p.name,
          min: p.min,
          max: p.max,
          many,
          emptiable: p.min === 0 || innerEmptiable,
          innerEmptiable,
          props: inner,
        };
        if (p.kind === 'choice') {
          if (children.length === 0) throw new SchemaError(`choice ${p.name} of type ${owner} has no options`);
          const tryOrder = [...children.filter((c) => c.kind !== 'any'), ...children.filter((c) => c.kind === 'any')];
          out.push({ kind: 'choice', ...group, options: children, tryOrder });
        } else out.push({ kind: 'sequence', ...group, content: children });
      }
    }
    return out;
  };

  const fillComplex = ({ descriptor, codec, shape }: (typeof pending)[number]): void => {
    const owner = codec.id;
    if (descriptor.text !== undefined) {
      if (descriptor.content.length !== 0) throw new SchemaError(`type ${owner} has simple content and particles`);
      if (descriptor.mixed === true || descriptor.all === true)
        throw new SchemaError(`type ${owner} has simple content and is mixed or xs:all`);
      shape.text = simpleOf(descriptor.text, `the simple content of ${owner}`);
    }
    const props = new Set<string>();
    shape.particles = compileParticles(descriptor.content, owner, props, shape.elements);
    if (shape.all) {
      for (const p of shape.particles) {
        if (p.kind !== 'element' || p.max !== 1)
          throw new SchemaError(`xs:all of type ${owner} may only hold elements occurring at most once`);
      }
    }
    for (const a of descriptor.attributes ?? []) {
      const type = simpleOf(a.type, `attribute ${a.name} of ${owner}`);
      const property = attributePropertyName(descriptor, a);
      addProperty(props, property, owner);
      for (const lexical of [a.fixed, a.default]) {
        if (lexical !== undefined) checkLexical(type, lexical, `attribute ${a.name} of ${owner}`);
      }
      const plan: AttributePlan = {
        name: intern(a.name),
        ns: intern(a.ns),
        property,
        required: a.required,
        type,
        fixed: a.fixed,
      };
      shape.attributes.push(plan);
    }
    if (shape.text !== undefined) props.add('$value');
    if (shape.mixed) props.add('$text');
    if (shape.anyAttribute) props.add('$attributes');
    shape.known = props;
    shape.flat =
      !shape.all &&
      !shape.mixed &&
      shape.text === undefined &&
      shape.particles.every((p) => p.kind === 'element' || p.kind === 'any');
    if (shape.flat && shape.attributes.length === 0 && !shape.anyAttribute)
      (codec as Mutable<ComplexCodec>).decode = createFlatDecoder(shape);
    if (compilable(shape)) {
      const encodeWith = compileEncoder(shape, codec.encodeWith);
      const mutable = codec as Mutable<ComplexCodec>;
      mutable.encodeWith = encodeWith;
      mutable.encode = (value, local, ns, st, parentDefault, depth) =>
        encodeWith(value, local, ns, st, parentDefault, depth, undefined);
    }
  };

  // Filling may discover more (builtin) types; each complex type is filled once.
  for (let i = 0; i < pending.length; i++) fillComplex(pending[i] as (typeof pending)[number]);

  // fixed/default apply where the type has a simple value (a simple type or simple content);
  // elsewhere (element-only or mixed content) they are ignored.
  for (const plan of constrained) {
    const codec = valueCodecOf(plan.type);
    if (codec === undefined) {
      plan.fixed = undefined;
      plan.default = undefined;
      plan.plain = plan.members === undefined && !(plan.type.kind === 'complex' && plan.type.abstract);
      continue;
    }
    for (const lexical of [plan.fixed, plan.default]) {
      if (lexical !== undefined) checkLexical(codec, lexical, `element ${plan.name}`);
    }
  }

  const typeSlots = new WeakMap<TypeCodec, SlotPlan>();
  return {
    schema,
    type(id) {
      const existing = codecs.get(id);
      if (existing !== undefined) return existing;
      if (builtinOf(id) === undefined && id !== ANY_TYPE)
        throw new SchemaError(`type ${id} is not defined in the schema`);
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
    typeSlot(type, name) {
      if (name !== undefined) return slot({ name: name.local, ns: name.ns, type, nillable: true });
      let cached = typeSlots.get(type);
      if (cached === undefined) {
        cached = slot({ name: type.name, ns: '', type, nillable: true });
        typeSlots.set(type, cached);
      }
      return cached;
    },
  };
}

/** A fixed/default lexical value must be valid for its type. */
function checkLexical(codec: SimpleCodec, lexical: string, where: string): void {
  try {
    codec.parseValue(lexical);
  } catch (error) {
    if (error instanceof CodecFailure)
      throw new SchemaError(`the fixed/default value of ${where} is not a valid ${codec.name}: ${error.detail}`);
    throw error;
  }
}
