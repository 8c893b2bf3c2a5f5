/** `xs:list` and `xs:union` types, restrictions of them, in elements, attributes and JSON. */
import { describe, expect, it } from 'vitest';
import {
  compileSchema,
  decodeElement,
  DecodeError,
  encodeElement,
  EncodeError,
  fromJson,
  SchemaError,
  toJson,
  type SchemaDescriptor,
} from '@ecgrid/soap-runtime';
import { elementsIn, root, thrown, xs } from './support/descriptors.js';

const S = 'urn:simple';
const t = (local: string): string => `{${S}}${local}`;
const el = elementsIn(S, 0);

const SCHEMA: SchemaDescriptor = {
  types: {
    [t('IntList')]: { kind: 'list', name: 'IntList', item: xs('int') },
    [t('Size')]: { kind: 'enum', name: 'Size', base: xs('string'), values: ['S', 'M', 'L'] },
    [t('SizeList')]: { kind: 'list', name: 'SizeList', item: t('Size') },
    [t('Words')]: { kind: 'list', name: 'Words', item: xs('string') },
    [t('LongOrSize')]: { kind: 'union', name: 'LongOrSize', members: [xs('long'), t('Size')] },
    [t('Flexible')]: { kind: 'union', name: 'Flexible', members: [t('IntList'), xs('boolean')] },
    [t('ShortList')]: { kind: 'simple', name: 'ShortList', base: t('IntList') },
    [t('Pair')]: { kind: 'enum', name: 'Pair', base: t('IntList'), values: ['1 2', '3 4'] },
    [t('Box')]: {
      kind: 'complex',
      name: 'Box',
      attributes: [{ name: 'tags', ns: '', type: t('SizeList'), required: false }],
      content: [
        el('ints', t('IntList'), { min: 1 }),
        el('sizes', t('SizeList')),
        el('words', t('Words')),
        el('u', t('LongOrSize'), { max: -1 }),
        el('flex', t('Flexible'), { max: -1 }),
        el('short', t('ShortList')),
        el('pair', t('Pair')),
      ],
    },
  },
  elements: { [t('Box')]: { name: 'Box', ns: S, type: t('Box'), nillable: false } },
};

const BOX = t('Box');
const box = (body: string, attributes = ''): string => `<Box xmlns="${S}"${attributes}>${body}</Box>`;

describe('xs:list', () => {
  it('decodes whitespace-separated items to an array and writes them back single-spaced', () => {
    const value = decodeElement(
      SCHEMA,
      BOX,
      root(box('<ints> 1  2\n\t3 </ints><sizes>S L</sizes><words>a b</words>', ' tags=" M  S "')),
    );
    expect(value).toEqual({ tags: ['M', 'S'], ints: [1, 2, 3], sizes: ['S', 'L'], words: ['a', 'b'], u: [], flex: [] });
    const xml = box('<ints>1 2 3</ints><sizes>S L</sizes><words>a b</words>', ' tags="M S"');
    expect(encodeElement(SCHEMA, BOX, value)).toBe(xml);
    expect(toJson(SCHEMA, BOX, value)).toEqual({
      tags: ['M', 'S'],
      ints: [1, 2, 3],
      sizes: ['S', 'L'],
      words: ['a', 'b'],
      u: [],
      flex: [],
    });
    expect(fromJson(SCHEMA, BOX, JSON.parse(JSON.stringify(toJson(SCHEMA, BOX, value))))).toEqual(value);
  });

  it('an empty list is an empty element', () => {
    expect(decodeElement(SCHEMA, BOX, root(box('<ints/>')))).toEqual({ ints: [], u: [], flex: [] });
    expect(encodeElement(SCHEMA, BOX, { ints: [] })).toBe(box('<ints/>'));
  });

  it('restrictions of a list keep the list value; an enumeration compares the written form', () => {
    const value = decodeElement(SCHEMA, BOX, root(box('<ints/><short>4 5</short><pair> 3   4 </pair>')));
    expect(value).toMatchObject({ short: [4, 5], pair: [3, 4] });
    expect(encodeElement(SCHEMA, BOX, value)).toBe(box('<ints/><short>4 5</short><pair>3 4</pair>'));
    expect(thrown(DecodeError, () => decodeElement(SCHEMA, BOX, root(box('<ints/><pair>1 3</pair>'))))).toMatchObject({
      code: 'unknown-enum-value',
      path: 'Box.pair',
    });
    expect(thrown(EncodeError, () => encodeElement(SCHEMA, BOX, { ints: [], pair: [2, 1] }))).toMatchObject({
      code: 'unknown-enum-value',
      path: 'Box.pair',
    });
  });

  const decodeCases: [string, string, string, string, string?][] = [
    ['a bad item', '<ints>1 x 3</ints>', 'invalid-value', 'Box.ints[1]'],
    ['an item outside the enumeration', '<ints/><sizes>S XL</sizes>', 'unknown-enum-value', 'Box.sizes[1]'],
    ['a bad item in an attribute', '<ints/>', 'unknown-enum-value', 'Box.tags[0]', ' tags="XS"'],
  ];
  for (const [what, body, code, path, attributes] of decodeCases) {
    it(`decode: ${what} -> ${code} at ${path}`, () => {
      const error = thrown(DecodeError, () => decodeElement(SCHEMA, BOX, root(box(body, attributes))));
      expect(error.code).toBe(code);
      expect(error.path).toBe(path);
    });
  }

  const encodeCases: [string, unknown, string, string][] = [
    ['not an array', { ints: 5 }, 'invalid-type', 'Box.ints'],
    ['a bad item', { ints: [1, 'SECRET-2'] }, 'invalid-type', 'Box.ints[1]'],
    ['an item with whitespace', { ints: [], words: ['a', 'SECRET two'] }, 'invalid-value', 'Box.words[1]'],
    ['an empty item', { ints: [], words: [''] }, 'invalid-value', 'Box.words[0]'],
    ['an attribute item outside the enumeration', { ints: [], tags: ['SECRET'] }, 'unknown-enum-value', 'Box.tags[0]'],
  ];
  for (const [what, value, code, path] of encodeCases) {
    it(`encode: ${what} -> ${code} at ${path}`, () => {
      const error = thrown(EncodeError, () => encodeElement(SCHEMA, BOX, value));
      expect(error.code).toBe(code);
      expect(error.path).toBe(path);
      expect(error.message).not.toContain('SECRET');
    });
  }

  it('JSON: arrays of the items JSON forms, checked', () => {
    expect(thrown(DecodeError, () => fromJson(SCHEMA, BOX, { ints: '1 2' }))).toMatchObject({
      code: 'invalid-type',
      path: 'Box.ints',
    });
    expect(thrown(DecodeError, () => fromJson(SCHEMA, BOX, { ints: [1, 2.5] }))).toMatchObject({
      code: 'invalid-value',
      path: 'Box.ints[1]',
    });
  });
});

describe('xs:union', () => {
  it('decodes with the first member that accepts the text; encodes with the first that accepts the value', () => {
    const value = decodeElement(
      SCHEMA,
      BOX,
      root(box('<ints/><u>5</u><u>M</u><u> -9223372036854775808 </u><flex>1 2</flex><flex>true</flex><flex/>')),
    );
    expect(value).toMatchObject({ u: [5n, 'M', -9223372036854775808n], flex: [[1, 2], true, []] });
    expect(encodeElement(SCHEMA, BOX, value)).toBe(
      box('<ints/><u>5</u><u>M</u><u>-9223372036854775808</u><flex>1 2</flex><flex>true</flex><flex/>'),
    );
  });

  it('JSON takes the form of the member that accepts the value', () => {
    const value = { ints: [], u: [5n, 'L'], flex: [[3], false] };
    const json = toJson(SCHEMA, BOX, value);
    expect(json).toEqual({ ints: [], u: ['5', 'L'], flex: [[3], false] });
    expect(fromJson(SCHEMA, BOX, json)).toEqual(value);
  });

  it('refuses text and values no member accepts', () => {
    expect(thrown(DecodeError, () => decodeElement(SCHEMA, BOX, root(box('<ints/><u>XL</u>'))))).toMatchObject({
      code: 'invalid-value',
      path: 'Box.u[0]',
    });
    const error = thrown(EncodeError, () => encodeElement(SCHEMA, BOX, { ints: [], u: [true] }));
    expect(error).toMatchObject({ code: 'invalid-value', path: 'Box.u[0]' });
    expect(thrown(EncodeError, () => encodeElement(SCHEMA, BOX, { ints: [], u: ['SECRET'] })).message).not.toContain(
      'SECRET',
    );
    expect(thrown(DecodeError, () => fromJson(SCHEMA, BOX, { ints: [], u: [1.5] }))).toMatchObject({
      code: 'invalid-value',
      path: 'Box.u[0]',
    });
  });

  it('refuses members and items that are not simple types', () => {
    const schema = (item: string): SchemaDescriptor => ({
      types: { [t('L')]: { kind: 'list', name: 'L', item }, [t('C')]: { kind: 'complex', name: 'C', content: [] } },
      elements: {},
    });
    expect(() => compileSchema(schema(t('C')))).toThrow(SchemaError);
    expect(() => compileSchema(schema(t('Missing')))).toThrow(/not defined/);
    const loop: SchemaDescriptor = {
      types: { [t('U')]: { kind: 'union', name: 'U', members: [t('U')] } },
      elements: {},
    };
    expect(() => compileSchema(loop)).toThrow(SchemaError);
  });
});
