/**
 * fast-check arbitraries of valid values for the types and global elements of a schema
 * descriptor, in the runtime's value representation. Structure (optional fields, arrays, nil,
 * enumerations) and the values of the builtins the ECGridOS WSDLs use are random; parts the
 * generator does not randomise (xs:any, mixed content, derivation, choices, attributes) take the
 * deterministic sample of `sampleValue`, which is valid too.
 */
import fc from 'fast-check';
import type { ComplexTypeDescriptor, ElementParticle, QNameId, SchemaDescriptor } from '@ecgrid/soap-runtime';
import { isXsdBuiltinName } from '../../generator/src/model/builtins.js';
import { builtinSample, sampleValue } from '../../generator/src/samples/sample-value.js';

const XSD = '{http://www.w3.org/2001/XMLSchema}';

/** Characters that stress escaping and encoding: markup, quotes, whitespace, non-ASCII, astral. */
const xmlString = fc.string({
  unit: fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) },
    {
      weight: 1,
      arbitrary: fc.constantFrom('&', '<', '>', '"', "'", '\n', '\t', ' ', ']]>', 'é', '日', '😀', '\u00a0'),
    },
  ),
  maxLength: 24,
});

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
const dateTime = fc
  .record({
    y: fc.integer({ min: 1, max: 9999 }),
    mo: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 28 }),
    h: fc.integer({ min: 0, max: 23 }),
    mi: fc.integer({ min: 0, max: 59 }),
    s: fc.integer({ min: 0, max: 59 }),
    frac: fc.option(fc.integer({ min: 0, max: 9999999 }), { nil: undefined }),
    tz: fc.oneof(
      fc.constant(''),
      fc.constant('Z'),
      fc
        .tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 13 }), fc.constantFrom(0, 30))
        .map(([sign, h, m]) => `${sign}${pad(h)}:${pad(m)}`),
    ),
  })
  .map(
    (t) =>
      `${pad(t.y, 4)}-${pad(t.mo)}-${pad(t.d)}T${pad(t.h)}:${pad(t.mi)}:${pad(t.s)}${t.frac === undefined ? '' : `.${t.frac}`}${t.tz}`,
  );

function builtinArbitrary(local: string, name: string): fc.Arbitrary<unknown> {
  switch (local) {
    case 'string':
      return xmlString;
    case 'boolean':
      return fc.boolean();
    case 'int':
      return fc.integer();
    case 'short':
      return fc.integer({ min: -32768, max: 32767 });
    case 'unsignedByte':
      return fc.integer({ min: 0, max: 255 });
    case 'long':
      return fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n });
    case 'float':
      return fc.float({ noDefaultInfinity: false }).filter((x) => !Object.is(x, -0));
    case 'double':
      return fc.double().filter((x) => !Object.is(x, -0));
    case 'dateTime':
      return dateTime;
    default:
      if (!isXsdBuiltinName(local)) throw new Error(`unknown builtin ${local}`);
      return fc.nat(1000).map((n) => builtinSample(local, name, n + 1));
  }
}

export interface ArbitraryOptions {
  /** Below this depth of nested complex values, optional parts are left out and arrays hold their minimum. */
  readonly maxDepth?: number;
  /** Extra items beyond an array's minimum (default 2). */
  readonly maxExtraItems?: number;
}

/** An arbitrary of valid values of a global element (its type, as the element carries it). */
export function elementArbitrary(
  schema: SchemaDescriptor,
  id: QNameId,
  options: ArbitraryOptions = {},
): fc.Arbitrary<unknown> {
  const element = schema.elements[id];
  if (element === undefined) throw new Error(`no element ${id}`);
  return typeArbitrary(schema, element.type, element.name, options);
}

/** An arbitrary of valid values of a type (`name` names string samples). */
export function typeArbitrary(
  schema: SchemaDescriptor,
  typeId: QNameId,
  name: string,
  options: ArbitraryOptions = {},
): fc.Arbitrary<unknown> {
  const maxDepth = options.maxDepth ?? 4;
  const extra = options.maxExtraItems ?? 2;

  const simpleTypes = (typeId: QNameId, name: string, depth: number): fc.Arbitrary<unknown> | undefined => {
    if (typeId.startsWith(XSD)) {
      const local = typeId.slice(XSD.length);
      return local === 'anyType' ? undefined : builtinArbitrary(local, name);
    }
    const type = schema.types[typeId];
    if (type === undefined) throw new Error(`no type ${typeId}`);
    switch (type.kind) {
      case 'enum':
        return fc.constantFrom(...type.values);
      case 'simple':
        return simpleTypes(type.base, name, depth);
      case 'list': {
        const item = simpleTypes(type.item, name, depth);
        return item === undefined ? undefined : fc.array(item, { maxLength: 3 });
      }
      case 'soap-array': {
        const item = arbitraryOf(type.item, name, depth + 1);
        return fc.array(item, { maxLength: depth >= maxDepth ? 0 : extra });
      }
      default:
        return undefined;
    }
  };

  const plainComplex = (type: ComplexTypeDescriptor): boolean =>
    !type.mixed &&
    !type.abstract &&
    type.text === undefined &&
    (type.attributes?.length ?? 0) === 0 &&
    !type.all &&
    !Object.values(schema.types).some((t) => t.kind === 'complex' && t.base !== undefined && t.base === idOf(type)) &&
    type.content.every(
      (p) => p.kind === 'element' && p.substitutes === undefined && p.fixed === undefined && p.default === undefined,
    );

  const ids = new Map<ComplexTypeDescriptor, QNameId>();
  for (const [typeId, t] of Object.entries(schema.types)) if (t.kind === 'complex') ids.set(t, typeId);
  const idOf = (t: ComplexTypeDescriptor): QNameId | undefined => ids.get(t);

  const particle = (p: ElementParticle, depth: number): fc.Arbitrary<unknown> => {
    const single = arbitraryOf(p.type, p.name, depth + 1);
    const item = p.nillable
      ? fc.oneof({ weight: 4, arbitrary: single }, { weight: 1, arbitrary: fc.constant(null) })
      : single;
    if (p.max !== 1) {
      const room = depth >= maxDepth ? 0 : extra;
      const maxLength = p.max === -1 ? p.min + room : Math.min(p.max, p.min + room);
      return fc.array(item, { minLength: p.min, maxLength });
    }
    return item;
  };

  function arbitraryOf(typeId: QNameId, name: string, depth: number): fc.Arbitrary<unknown> {
    const simple = simpleTypes(typeId, name, depth);
    if (simple !== undefined) return simple;
    const type = schema.types[typeId];
    if (type === undefined || type.kind !== 'complex' || !plainComplex(type)) {
      return fc.constant(sampleValue(schema, typeId, { as: 'type' }));
    }
    const required: Record<string, fc.Arbitrary<unknown>> = {};
    const optional: string[] = [];
    for (const p of type.content as readonly ElementParticle[]) {
      if (p.max === 1 && p.min === 0) {
        if (depth >= maxDepth) continue;
        optional.push(p.name);
      }
      required[p.name] = particle(p, depth);
    }
    return fc.record(required, { requiredKeys: Object.keys(required).filter((k) => !optional.includes(k)) });
  }

  return arbitraryOf(typeId, name, 0);
}
