/**
 * Nested model groups: `xs:choice` (single and repeated), nested `xs:sequence` (optional,
 * repeated, as a choice option, holding a choice) and `xs:all`, with the value shapes of
 * schema.ts, strict decoding and the same validation on encode and in JSON.
 */
import { describe, expect, it } from 'vitest';
import {
  decodeElement,
  DecodeError,
  encodeElement,
  EncodeError,
  fromJson,
  toJson,
  type ParticleDescriptor,
  type SchemaDescriptor,
} from '@ecgrid/soap-runtime';
import { elementsIn, root, thrown, xs } from './support/descriptors.js';

const G = 'urn:groups';
const t = (local: string): string => `{${G}}${local}`;
const el = elementsIn(G, 1);
const choice = (name: string, min: number, max: number, options: ParticleDescriptor[]): ParticleDescriptor => ({
  kind: 'choice',
  name,
  min,
  max,
  options,
});
const sequence = (name: string, min: number, max: number, content: ParticleDescriptor[]): ParticleDescriptor => ({
  kind: 'sequence',
  name,
  min,
  max,
  content,
});

const SCHEMA: SchemaDescriptor = {
  types: {
    [t('Payment')]: {
      kind: 'complex',
      name: 'Payment',
      attributes: [{ name: 'ref', ns: '', type: xs('string'), required: false }],
      content: [
        el('id', xs('int')),
        // A required choice whose options are an element, a sequence and an element.
        choice('method', 1, 1, [
          el('card', xs('string')),
          sequence('bank', 1, 1, [el('iban', xs('string')), el('bic', xs('string'), { min: 0 })]),
          el('cash', xs('boolean')),
        ]),
        // A repeated choice.
        choice('notes', 0, -1, [el('note', xs('string')), el('flag', xs('int'))]),
        // A repeated sequence holding an optional choice.
        sequence('lines', 0, 3, [
          el('sku', xs('string')),
          el('qty', xs('int')),
          choice('unit', 0, 1, [el('kg', xs('decimal')), el('pcs', xs('int'))]),
          el('tag', xs('string'), { min: 0, max: -1 }),
        ]),
        // An optional sequence.
        sequence('extra', 0, 1, [el('a', xs('string')), el('b', xs('string'))]),
        el('end', xs('string'), { min: 0 }),
      ],
    },
    [t('Pair')]: {
      kind: 'complex',
      name: 'Pair',
      all: true,
      content: [el('x', xs('int')), el('y', xs('int')), el('z', xs('int'), { min: 0 })],
    },
    [t('Entries')]: {
      kind: 'complex',
      name: 'Entries',
      // A repeated choice whose option is a sequence, and an emptiable option.
      content: [
        choice('entry', 1, -1, [
          sequence('kv', 1, 1, [el('k', xs('string')), el('v', xs('string'))]),
          el('single', xs('string')),
        ]),
      ],
    },
    [t('Maybe')]: {
      kind: 'complex',
      name: 'Maybe',
      content: [
        choice('pick', 1, 1, [el('one', xs('int')), el('many', xs('int'), { min: 0, max: -1 })]),
        el('after', xs('string'), { min: 0 }),
      ],
    },
  },
  elements: {
    [t('Payment')]: { name: 'Payment', ns: G, type: t('Payment'), nillable: false },
    [t('Pair')]: { name: 'Pair', ns: G, type: t('Pair'), nillable: false },
    [t('Entries')]: { name: 'Entries', ns: G, type: t('Entries'), nillable: false },
    [t('Maybe')]: { name: 'Maybe', ns: G, type: t('Maybe'), nillable: false },
  },
};

const PAYMENT = t('Payment');
const wrap = (body: string, name = 'Payment'): string => `<${name} xmlns="${G}">${body}</${name}>`;

function roundTrip(id: string, xml: string, value: unknown): void {
  const decoded = decodeElement(SCHEMA, id, root(xml));
  expect(decoded).toEqual(value);
  expect(encodeElement(SCHEMA, id, decoded)).toBe(xml);
  const json = JSON.parse(JSON.stringify(toJson(SCHEMA, id, decoded))) as unknown;
  const back = fromJson(SCHEMA, id, json);
  expect(encodeElement(SCHEMA, id, back)).toBe(xml);
  expect(toJson(SCHEMA, id, back)).toEqual(json);
}

describe('choice and nested sequences', () => {
  it('puts the properties of a single choice and of non-repeated sequences on the parent', () => {
    const xml = wrap('<id>1</id><iban>DE01</iban>');
    roundTrip(PAYMENT, xml, { id: 1, iban: 'DE01', notes: [], lines: [] });
    const value = decodeElement(SCHEMA, PAYMENT, root(wrap('<id>1</id><card>4111</card><a>x</a><b>y</b><end>e</end>')));
    expect(value).toEqual({ id: 1, card: '4111', notes: [], lines: [], a: 'x', b: 'y', end: 'e' });
  });

  it('gives repeated groups one object per occurrence, nested choices included', () => {
    const xml = wrap(
      '<id>2</id><cash>true</cash>' +
        '<note>n1</note><flag>2</flag><note>n2</note>' +
        '<sku>A</sku><qty>2</qty><kg>1.50</kg><tag>t1</tag><tag>t2</tag>' +
        '<sku>B</sku><qty>1</qty>' +
        '<sku>C</sku><qty>3</qty><pcs>4</pcs>',
    );
    roundTrip(PAYMENT, xml, {
      id: 2,
      cash: true,
      notes: [{ note: 'n1' }, { flag: 2 }, { note: 'n2' }],
      lines: [
        { sku: 'A', qty: 2, kg: '1.50', tag: ['t1', 't2'] },
        { sku: 'B', qty: 1, tag: [] },
        { sku: 'C', qty: 3, pcs: 4, tag: [] },
      ],
    });
  });

  it('pretty prints nested groups like plain sequences', () => {
    const xml = encodeElement(
      SCHEMA,
      PAYMENT,
      { id: 1, card: 'c', lines: [{ sku: 'A', qty: 1, kg: '1' }], a: 'x', b: 'y' },
      { indent: ' ' },
    );
    expect(xml).toBe(
      [
        `<Payment xmlns="${G}">`,
        ' <id>1</id>',
        ' <card>c</card>',
        ' <sku>A</sku>',
        ' <qty>1</qty>',
        ' <kg>1</kg>',
        ' <a>x</a>',
        ' <b>y</b>',
        '</Payment>',
      ].join('\n'),
    );
  });

  it('a choice option that is a sequence, repeated', () => {
    roundTrip(t('Entries'), wrap('<k>a</k><v>1</v><single>s</single><k>b</k><v>2</v>', 'Entries'), {
      entry: [{ k: 'a', v: '1' }, { single: 's' }, { k: 'b', v: '2' }],
    });
  });

  it('a required choice with an emptiable option may be empty', () => {
    expect(decodeElement(SCHEMA, t('Maybe'), root(wrap('<after>x</after>', 'Maybe')))).toEqual({ after: 'x' });
    expect(encodeElement(SCHEMA, t('Maybe'), { after: 'x' })).toBe(wrap('<after>x</after>', 'Maybe'));
    roundTrip(t('Maybe'), wrap('<many>1</many><many>2</many>', 'Maybe'), { many: [1, 2] });
    roundTrip(t('Maybe'), wrap('<one>1</one>', 'Maybe'), { one: 1 });
    // An empty array gives nothing, so it does not count as a second option.
    expect(encodeElement(SCHEMA, t('Maybe'), { one: 1, many: [] })).toBe(wrap('<one>1</one>', 'Maybe'));
  });

  const decodeCases: [string, string, string, string][] = [
    ['a required choice missing', '<id>1</id><end>e</end>', 'missing-element', 'Payment.method'],
    ['a required choice missing at the end', '<id>1</id>', 'missing-element', 'Payment.method'],
    [
      'two options of a single choice',
      '<id>1</id><card>c</card><cash>true</cash>',
      'unexpected-element',
      'Payment.cash',
    ],
    ['a required element of a taken option missing', '<id>1</id><bic>B</bic>', 'missing-element', 'Payment.method'],
    [
      'an element missing in a repeated sequence',
      '<id>1</id><card>c</card><sku>A</sku><kg>1</kg>',
      'missing-element',
      'Payment.lines[0].qty',
    ],
    [
      'two options of a nested choice',
      '<id>1</id><card>c</card><sku>A</sku><qty>1</qty><kg>1</kg><pcs>1</pcs>',
      'unexpected-element',
      'Payment.pcs',
    ],
    [
      'a repeated sequence above its maximum',
      `<id>1</id><card>c</card>${'<sku>A</sku><qty>1</qty>'.repeat(4)}`,
      'unexpected-element',
      'Payment.sku',
    ],
    ['an incomplete optional sequence', '<id>1</id><card>c</card><a>x</a>', 'missing-element', 'Payment.b'],
    [
      'an element out of order',
      '<id>1</id><card>c</card><end>e</end><note>n</note>',
      'unexpected-element',
      'Payment.note',
    ],
    ['an element of a choice option before the choice', '<card>c</card><id>1</id>', 'missing-element', 'Payment.id'],
    ['an unknown element', '<id>1</id><card>c</card><nope/>', 'unexpected-element', 'Payment.nope'],
    [
      'a value error inside a repeated group',
      '<id>1</id><card>c</card><flag>x</flag>',
      'invalid-value',
      'Payment.notes[0].flag',
    ],
    ['stray text', '<id>1</id>text<card>c</card>', 'unexpected-text', 'Payment'],
    ['wrong namespace', `<id>1</id><card xmlns="urn:other">c</card>`, 'wrong-namespace', 'Payment.card'],
  ];
  for (const [what, body, code, path] of decodeCases) {
    it(`decode: ${what} -> ${code} at ${path}`, () => {
      const error = thrown(DecodeError, () => decodeElement(SCHEMA, PAYMENT, root(wrap(body))));
      expect(error.code).toBe(code);
      expect(error.path).toBe(path);
    });
  }

  it('gives the offset of the offending element', () => {
    const xml = wrap('<id>1</id><card>c</card><cash>true</cash>');
    const error = thrown(DecodeError, () => decodeElement(SCHEMA, PAYMENT, root(xml)));
    expect(error.offset).toBe(xml.indexOf('<cash>'));
  });

  const encodeCases: [string, Record<string, unknown>, string, string][] = [
    ['no option of a required choice', { id: 1 }, 'missing-element', 'Payment.method'],
    ['two options of a single choice', { id: 1, card: 'c', cash: true }, 'unexpected-element', 'Payment.cash'],
    ['two options, one a sequence', { id: 1, iban: 'I', cash: true }, 'unexpected-element', 'Payment.cash'],
    [
      'a required element of the chosen sequence option missing',
      { id: 1, bic: 'B' },
      'missing-element',
      'Payment.iban',
    ],
    [
      'two options in a repeated choice occurrence',
      { id: 1, card: 'c', notes: [{ note: 'n', flag: 1 }] },
      'unexpected-element',
      'Payment.notes[0].flag',
    ],
    [
      'an empty repeated choice occurrence',
      { id: 1, card: 'c', notes: [{}] },
      'missing-element',
      'Payment.notes[0].notes',
    ],
    [
      'an unknown property in an occurrence',
      { id: 1, card: 'c', lines: [{ sku: 'A', qty: 1, foo: 1 }] },
      'unknown-property',
      'Payment.lines[0].foo',
    ],
    [
      'a missing element in an occurrence',
      { id: 1, card: 'c', lines: [{ sku: 'A' }] },
      'missing-element',
      'Payment.lines[0].qty',
    ],
    [
      'two options of a nested choice',
      { id: 1, card: 'c', lines: [{ sku: 'A', qty: 1, kg: '1', pcs: 1 }] },
      'unexpected-element',
      'Payment.lines[0].pcs',
    ],
    [
      'a repeated sequence above its maximum',
      { id: 1, card: 'c', lines: Array(4).fill({ sku: 'A', qty: 1 }) },
      'too-many-elements',
      'Payment.lines',
    ],
    [
      'a repeated group that is not an array',
      { id: 1, card: 'c', notes: { note: 'n' } },
      'invalid-type',
      'Payment.notes',
    ],
    ['an occurrence that is not an object', { id: 1, card: 'c', notes: ['n'] }, 'invalid-type', 'Payment.notes[0]'],
    ['an incomplete optional sequence', { id: 1, card: 'c', b: 'y' }, 'missing-element', 'Payment.a'],
    ['a property of no particle', { id: 1, card: 'c', sku: 'A' }, 'unknown-property', 'Payment.sku'],
  ];
  for (const [what, value, code, path] of encodeCases) {
    it(`encode: ${what} -> ${code} at ${path}`, () => {
      const error = thrown(EncodeError, () => encodeElement(SCHEMA, PAYMENT, value));
      expect(error.code).toBe(code);
      expect(error.path).toBe(path);
    });
  }

  it('checks choices in JSON both ways', () => {
    expect(() => toJson(SCHEMA, PAYMENT, { id: 1, card: 'c', cash: true })).toThrow(EncodeError);
    expect(thrown(DecodeError, () => fromJson(SCHEMA, PAYMENT, { id: 1 }))).toMatchObject({
      code: 'missing-element',
      path: 'Payment.method',
    });
    expect(
      thrown(DecodeError, () => fromJson(SCHEMA, PAYMENT, { id: 1, card: 'c', lines: [{ sku: 'A', qty: 1, x: 1 }] })),
    ).toMatchObject({
      code: 'unknown-property',
      path: 'Payment.lines[0].x',
    });
    expect(fromJson(SCHEMA, PAYMENT, { id: 1, card: 'c', notes: [{ flag: 3 }] })).toEqual({
      id: 1,
      card: 'c',
      notes: [{ flag: 3 }],
    });
  });
});

describe('xs:all', () => {
  const PAIR = t('Pair');

  it('decodes any order into schema order and writes schema order', () => {
    const value = decodeElement(SCHEMA, PAIR, root(wrap('<z>3</z><y>2</y><x>1</x>', 'Pair')));
    expect(value).toEqual({ x: 1, y: 2, z: 3 });
    expect(Object.keys(value as object)).toEqual(['x', 'y', 'z']);
    expect(encodeElement(SCHEMA, PAIR, value)).toBe(wrap('<x>1</x><y>2</y><z>3</z>', 'Pair'));
    expect(decodeElement(SCHEMA, PAIR, root(wrap('<y>2</y><x>1</x>', 'Pair')))).toEqual({ x: 1, y: 2 });
  });

  const cases: [string, string, string, string][] = [
    ['a duplicate', '<x>1</x><y>2</y><x>1</x>', 'too-many-elements', 'Pair.x'],
    ['a missing required element', '<y>2</y>', 'missing-element', 'Pair.x'],
    ['an unknown element', '<y>2</y><w/><x>1</x>', 'unexpected-element', 'Pair.w'],
    ['a value error', '<y>2</y><x>a</x>', 'invalid-value', 'Pair.x'],
  ];
  for (const [what, body, code, path] of cases) {
    it(`decode: ${what} -> ${code} at ${path}`, () => {
      const error = thrown(DecodeError, () => decodeElement(SCHEMA, PAIR, root(wrap(body, 'Pair'))));
      expect(error.code).toBe(code);
      expect(error.path).toBe(path);
    });
  }

  it('encode: a missing required element', () => {
    expect(thrown(EncodeError, () => encodeElement(SCHEMA, PAIR, { y: 1 }))).toMatchObject({
      code: 'missing-element',
      path: 'Pair.x',
    });
  });
});

describe('the fast path for plain sequences and the general path agree', () => {
  // The same content model, once flat (fast path) and once inside a required non-repeated
  // sequence (same value shape, general path).
  const content: ParticleDescriptor[] = [
    el('a', xs('int')),
    el('b', xs('string'), { min: 0, max: 2 }),
    { kind: 'any', name: 'rest', min: 0, max: -1 },
    el('c', xs('boolean'), { min: 1, max: -1, nillable: true }),
    el('d', xs('string'), { min: 0 }),
  ];
  const schemaOf = (particles: ParticleDescriptor[]): SchemaDescriptor => ({
    types: { [t('T')]: { kind: 'complex', name: 'T', content: particles } },
    elements: { [t('T')]: { name: 'T', ns: G, type: t('T'), nillable: false } },
  });
  const FLAT = schemaOf(content);
  const NESTED = schemaOf([sequence('all', 1, 1, content)]);
  const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
  const docs = [
    '<a>1</a><c>true</c>',
    '<a>1</a><b>x</b><b>y</b><o:other xmlns:o="urn:o"/><c>true</c><c xsi:nil="true"/><d>z</d>',
    '<a>1</a><c>1</c><c>0</c>',
    '<a>1</a>',
    '<b>x</b><a>1</a><c>1</c>',
    '<a>1</a><b>x</b><b>y</b><b>z</b><c>1</c>',
    '<a>1</a><c>1</c><d>z</d><d>z</d>',
    '<a>1</a><c>1</c><a>2</a>',
    '<a>x</a><c>1</c>',
    '<a>1</a><c>maybe</c>',
    '<a>1</a><d>z</d>',
    '<a>1</a><c xmlns="urn:x">1</c>',
  ];
  for (const body of docs) {
    it(body, () => {
      const xml = `<T xmlns="${G}" xmlns:xsi="${XSI}">${body}</T>`;
      const run = (schema: SchemaDescriptor): unknown => {
        try {
          return toJson(schema, t('T'), decodeElement(schema, t('T'), root(xml)));
        } catch (error) {
          if (!(error instanceof DecodeError)) throw error;
          return { code: error.code, path: error.path, offset: error.offset };
        }
      };
      const flat = run(FLAT);
      const nested = run(NESTED);
      if ('code' in (flat as object)) {
        // Both fail with the same code at the same element; the messages may word it differently.
        expect((nested as { code: string }).code).toBe((flat as { code: string }).code);
        expect((nested as { offset: number }).offset).toBe((flat as { offset: number }).offset);
      } else expect(nested).toEqual(flat);
    });
  }
});
