import {
  BUILTINS,
  type ComplexTypeDescriptor,
  type ElementParticle,
  type ParticleDescriptor,
  type QNameId,
  type SchemaDescriptor,
  type TypeDescriptor,
  type XmlElement,
  type XsdBuiltin,
} from '@ecgrid/soap-runtime';
import { isXsdBuiltinName, type XsdBuiltinName } from '../model/builtins.js';
import { XSD_NS } from '../model/core.js';

/**
 * Deterministic sample values for the types and global elements of a schema descriptor, in the
 * runtime's value representation (numbers, bigint for 64-bit and unbounded integers, lexical
 * strings for dates and decimals, Uint8Array for binaries, `null` for nil, XmlElement trees for
 * kept XML). Round-trip vectors for every target language are made from them, so they are
 * chosen to catch disagreements: every leaf gets a different value, strings carry characters
 * that need escaping, integers exceed 2^53, dateTimes come with and without zones, binaries have
 * every padding length, arrays hold two items and a nil where the item is nillable.
 */

export interface SampleOptions {
  /** Below this depth of nested complex values, optional parts are left out (default 6). */
  readonly maxDepth?: number;
  /**
   * Whether `id` names a global element or a type; by default an element when one has that id
   * (an element and a type may share an id, as `InterconnectNote` does in v4.1).
   */
  readonly as?: 'element' | 'type';
}

/** The sample of a type or a global element (elements first, as in `elementOrType`). */
export function sampleValue(schema: SchemaDescriptor, id: QNameId, options: SampleOptions = {}): unknown {
  const element = options.as !== 'type' && Object.hasOwn(schema.elements, id) ? schema.elements[id] : undefined;
  if (options.as === 'element' && element === undefined) throw new Error(`element ${id} is not defined in the schema`);
  const sampler = createSampler(schema, options.maxDepth ?? 6);
  return sampler.value(element?.type ?? id, element?.name ?? localOf(id), 0);
}

const BUILTIN_PREFIX = `{${XSD_NS}}`;
const ANY_TYPE = `${BUILTIN_PREFIX}anyType`;

function localOf(id: QNameId): string {
  return id.startsWith('{') ? id.slice(id.indexOf('}') + 1) : id;
}

function createSampler(schema: SchemaDescriptor, maxDepth: number) {
  let counter = 0;
  const next = (): number => ++counter;
  const keptElement = keptElementFor(schema);

  const typeOf = (id: QNameId): TypeDescriptor | undefined =>
    Object.hasOwn(schema.types, id) ? schema.types[id] : undefined;

  /** The builtin under an atomic simple type, with the most derived enumeration. */
  const atomicOf = (id: QNameId): { builtin: XsdBuiltinName; values?: readonly string[] } | undefined => {
    for (let current = id, depth = 0; depth < 64; depth++) {
      if (current.startsWith(BUILTIN_PREFIX)) {
        const local = current.slice(BUILTIN_PREFIX.length);
        if (!isXsdBuiltinName(local) || local === 'anyType') throw new Error(`bug: ${id} is not a simple builtin`);
        return { builtin: local };
      }
      const decl = typeOf(current);
      if (decl === undefined) throw new Error(`bug: type ${current} is not defined in the schema`);
      if (decl.kind === 'enum') return { builtin: 'string', values: decl.values };
      if (decl.kind !== 'simple') return undefined;
      current = decl.base;
    }
    throw new Error(`bug: ${id} derives from itself`);
  };

  /** A value of a fixed lexical form, in the representation of its (atomic) type. */
  const fixedValue = (typeId: QNameId, lexical: string): unknown => {
    const atomic = atomicOf(typeId);
    if (atomic === undefined) throw new Error(`bug: a fixed value on ${typeId}, which is not atomic`);
    return atomic.values !== undefined ? lexical : BUILTINS[atomic.builtin as XsdBuiltin].parse(lexical);
  };

  const value = (typeId: QNameId, name: string, depth: number): unknown => {
    if (typeId === ANY_TYPE) return keptElement(name, next());
    const decl = typeOf(typeId);
    if (decl !== undefined) {
      switch (decl.kind) {
        case 'complex':
          return complex(typeId, decl, depth);
        case 'list':
        case 'soap-array':
          return [value(decl.item, name, depth + 1), value(decl.item, name, depth + 1)];
        case 'union': {
          const first = decl.members[0];
          if (first === undefined) throw new Error(`bug: union ${typeId} has no member types`);
          return value(first, name, depth);
        }
        case 'enum':
        case 'simple':
          break;
        default: {
          const never: never = decl;
          return never;
        }
      }
    }
    const atomic = atomicOf(typeId);
    if (atomic === undefined) throw new Error(`bug: ${typeId} is not atomic`);
    const n = next();
    if (atomic.values !== undefined && atomic.values.length > 0) return atomic.values[n % atomic.values.length];
    return builtinSample(atomic.builtin, name, n);
  };

  const occurrence = (p: ElementParticle, depth: number, index: number): unknown => {
    // An abstract head of a substitution group stands for one of its concrete members
    // (`$element`), a different one each time so that every member shows up across samples.
    const head = schema.elements[p.ns === '' ? p.name : `{${p.ns}}${p.name}`];
    const members = (p.substitutes ?? []).filter((id) => schema.elements[id]?.abstract !== true);
    if (head?.abstract === true && members.length > 0) {
      const id = members[next() % members.length] as QNameId;
      const member = schema.elements[id];
      if (member === undefined) throw new Error(`bug: substitution group member ${id} is not defined`);
      const inner = value(member.type, member.name, depth + 1);
      return typeOf(member.type)?.kind === 'complex'
        ? { $element: id, ...(inner as Record<string, unknown>) }
        : { $element: id, $value: inner };
    }
    if (p.fixed !== undefined) return fixedValue(p.type, p.fixed);
    // A nil for the second item of a nillable array, and for every other nillable single value.
    if (p.nillable && (index === 1 || (p.max === 1 && counter % 2 === 1))) {
      next();
      return null;
    }
    return value(p.type, p.name, depth + 1);
  };

  /** Repeated particles get two occurrences (within their bounds). */
  const countOf = (p: { readonly min: number; readonly max: number }): number =>
    p.max === 1 ? 1 : Math.max(p.min, Math.min(2, p.max === -1 ? 2 : p.max));

  /** Fills `out` with the properties of `particles` (nested non-repeated groups inline). */
  const particles = (list: readonly ParticleDescriptor[], out: Record<string, unknown>, depth: number): void => {
    const shallow = depth < maxDepth;
    for (const p of list) {
      const many = p.max !== 1;
      if (p.min === 0 && !shallow) {
        // Left out, in the form decoding gives: an absent repeated particle is an empty array.
        if (many) out[p.name] = [];
        continue;
      }
      switch (p.kind) {
        case 'any':
          out[p.name] = Array.from({ length: countOf(p) }, () => keptElement(p.name, next()));
          break;
        case 'element':
          out[p.name] = many
            ? Array.from({ length: countOf(p) }, (_, i) => occurrence(p, depth, i))
            : occurrence(p, depth, 0);
          break;
        case 'sequence':
          if (!many) particles(p.content, out, depth + 1);
          else out[p.name] = Array.from({ length: countOf(p) }, () => group(p.content, depth + 1));
          break;
        case 'choice': {
          // A different option each time, so that every option shows up across samples.
          const pick = (): readonly ParticleDescriptor[] => {
            const option = p.options[next() % p.options.length];
            return option === undefined ? [] : [option];
          };
          if (!many) particles(pick(), out, depth + 1);
          else out[p.name] = Array.from({ length: countOf(p) }, () => group(pick(), depth + 1));
          break;
        }
        default: {
          const never: never = p;
          throw new Error(`sample values: unknown particle ${JSON.stringify(never)}`);
        }
      }
    }
  };

  const group = (list: readonly ParticleDescriptor[], depth: number): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    particles(list, out, depth);
    return out;
  };

  /** A complex value; an abstract type is replaced by its first concrete derived type (`$type`). */
  const complex = (typeId: QNameId, declared: ComplexTypeDescriptor, depth: number): Record<string, unknown> => {
    let decl = declared;
    const out: Record<string, unknown> = {};
    if (declared.abstract === true) {
      const concrete = Object.entries(schema.types).find(
        ([, t]) => t.kind === 'complex' && t.base === typeId && t.abstract !== true,
      );
      if (concrete === undefined) throw new Error(`bug: abstract type ${typeId} has no concrete derived type`);
      decl = concrete[1] as ComplexTypeDescriptor;
      out.$type = concrete[0];
    }
    const shallow = depth < maxDepth;
    for (const a of decl.attributes ?? []) {
      if (!a.required && !shallow) continue;
      const property = decl.content.some((p) => p.name === a.name) ? `@${a.name}` : a.name;
      out[property] = a.fixed !== undefined ? fixedValue(a.type, a.fixed) : value(a.type, a.name, depth + 1);
    }
    if (decl.text !== undefined) out.$value = value(decl.text, decl.name, depth + 1);
    // Undeclared attributes an xs:anyAttribute keeps: one in a namespace, one without.
    if (decl.anyAttribute === true && shallow) {
      const n = next();
      out.$attributes = { '{urn:ecgrid-codegen:sample}note': `kept ${n} & "q"`, extra: `x${n}` };
    }
    particles(decl.content, out, depth);
    return out;
  };

  return { value };
}

/**
 * Kept XML for `xs:any` and `xs:anyType`: the inline schema of a DataSet (the particle the core
 * names `schema`) is an empty `xs:schema` element; other content is a global element of the
 * schema with a string type (so a strict wildcard validates), or a made-up one when there is none.
 */
function keptElementFor(schema: SchemaDescriptor): (particleName: string, n: number) => XmlElement {
  const stringElement = Object.values(schema.elements).find((e) => e.type === `${BUILTIN_PREFIX}string`);
  const ns = stringElement?.ns ?? 'urn:ecgrid-codegen:sample';
  const local = stringElement?.name ?? 'sample';
  return (particleName, n) =>
    particleName === 'schema' ? xmlElement(XSD_NS, 'schema', undefined) : xmlElement(ns, local, `kept ${n} & <text>`);
}

function xmlElement(ns: string, local: string, text: string | undefined): XmlElement {
  const declarations: Record<string, string> = { '': ns };
  return {
    kind: 'element',
    name: local,
    prefix: '',
    local,
    ns,
    attributes: [],
    declarations,
    scope: declarations,
    children: text === undefined ? [] : [{ kind: 'text', text, cdata: false, offset: 0 }],
    offset: 0,
    selfClosing: text === undefined,
  };
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** A value of a builtin, different for each `n`, valid for its lexical space. */
export function builtinSample(builtin: XsdBuiltinName, name: string, n: number): unknown {
  switch (builtin) {
    case 'anyType':
      throw new Error('bug: anyType has no simple sample');
    case 'string':
    case 'anySimpleType':
      // Every third string needs escaping; every fourth is not ASCII.
      if (n % 3 === 0) return `${name} ${n} & <b> "q" 'a' >`;
      if (n % 4 === 0) return `${name} ${n} grüße 日本`;
      return `${name} ${n}`;
    case 'normalizedString':
    case 'token':
      return `${name} ${n}`;
    case 'language':
      return n % 2 === 0 ? 'en-US' : 'de';
    case 'Name':
    case 'NCName':
    case 'NMTOKEN':
    case 'ID':
    case 'IDREF':
    case 'ENTITY':
    case 'QName':
    case 'NOTATION':
      return `${identifierOf(name)}${n}`;
    case 'NMTOKENS':
    case 'IDREFS':
    case 'ENTITIES':
      return `${identifierOf(name)}${n} b${n}`;
    case 'anyURI':
      return `https://example.com/${encodeURIComponent(name)}/${n}`;
    case 'boolean':
      return n % 2 === 0;
    case 'decimal':
      return n % 2 === 0 ? `${n}.50` : `-${n}.125`;
    case 'integer':
      return BigInt(n) * 100000000000000000000n + 7n;
    case 'nonPositiveInteger':
      return -BigInt(n) * 1000000000000n;
    case 'negativeInteger':
      return -BigInt(n) * 1000000000000n - 1n;
    case 'long':
      // Beyond 2^53: a double would lose the last digit.
      return n % 2 === 0 ? 9007199254740993n + BigInt(n) * 1000n : -9007199254740993n - BigInt(n);
    case 'int':
      return n % 2 === 0 ? 1000 + n : -2000000000 - n;
    case 'short':
      return n % 2 === 0 ? n % 32000 : -(n % 32000) - 1;
    case 'byte':
      return (n % 200) - 100;
    case 'nonNegativeInteger':
      return BigInt(n) * 10000000000000000000n;
    case 'unsignedLong':
      return 18446744073709551615n - BigInt(n);
    case 'unsignedInt':
      return 4294967295 - n;
    case 'unsignedShort':
      return 65535 - n;
    case 'unsignedByte':
      return (n * 37) % 256;
    case 'positiveInteger':
      return BigInt(n) * 10000000000000000000n + 1n;
    case 'float':
      return n % 2 === 0 ? n + 0.5 : -n - 0.25;
    case 'double':
      return n % 2 === 0 ? n + 0.125 : -n * 1024 - 0.5;
    case 'duration':
      return `P${n}DT${n % 24}H`;
    case 'dateTime':
      switch (n % 3) {
        case 0:
          return `2026-05-${pad2((n % 28) + 1)}T10:00:00`;
        case 1:
          return `2026-05-${pad2((n % 28) + 1)}T10:${pad2(n % 60)}:00Z`;
        default:
          return `2026-05-${pad2((n % 28) + 1)}T10:${pad2(n % 60)}:00.125+02:00`;
      }
    case 'time':
      return `10:${pad2(n % 60)}:00`;
    case 'date':
      return `2026-${pad2((n % 12) + 1)}-07`;
    case 'gYearMonth':
      return `2026-${pad2((n % 12) + 1)}`;
    case 'gYear':
      return String(2000 + (n % 100));
    case 'gMonthDay':
      return `--${pad2((n % 12) + 1)}-07`;
    case 'gDay':
      return `---${pad2((n % 28) + 1)}`;
    case 'gMonth':
      return `--${pad2((n % 12) + 1)}`;
    case 'base64Binary':
    case 'hexBinary':
      // Lengths 1..5: every base64 padding.
      return Uint8Array.from({ length: (n % 5) + 1 }, (_, i) => (n * 31 + i * 7) % 256);
    default: {
      const never: never = builtin;
      return never;
    }
  }
}

function identifierOf(name: string): string {
  const id = name.replace(/[^A-Za-z0-9_.-]/g, '_');
  return /^[A-Za-z_]/.test(id) ? id : `n${id}`;
}
