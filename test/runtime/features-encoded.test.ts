/** SOAP encoding (rpc/encoded): SOAP arrays (`soap-array`) and `xsi:type` on simple elements. */
import { describe, expect, it } from 'vitest';
import {
  decodeElement,
  DecodeError,
  encodeBodyElement,
  encodeElement,
  EncodeError,
  fromJson,
  toJson,
  type SchemaDescriptor,
} from '@ecgrid/soap-runtime';
import { elementsIn, root, thrown } from './support/descriptors.js';

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const XSD = 'http://www.w3.org/2001/XMLSchema';
const ENC = 'http://schemas.xmlsoap.org/soap/encoding/';
const xs = (local: string): string => `{${XSD}}${local}`;
const E = 'urn:enc';
const t = (local: string): string => `{${E}}${local}`;
// rpc/encoded accessors are unqualified.
const el = elementsIn('', 1);

const SCHEMA: SchemaDescriptor = {
  types: {
    [t('ArrayOfInt')]: { kind: 'soap-array', name: 'ArrayOfInt', item: xs('int') },
    [t('Color')]: { kind: 'enum', name: 'Color', base: xs('string'), values: ['red', 'blue'] },
    [t('Item')]: { kind: 'complex', name: 'Item', content: [el('name', xs('string')), el('color', t('Color'))] },
    [t('SpecialItem')]: {
      kind: 'complex',
      name: 'SpecialItem',
      base: t('Item'),
      content: [el('name', xs('string')), el('color', t('Color')), el('extra', xs('int'))],
    },
    [t('ArrayOfItem')]: { kind: 'soap-array', name: 'ArrayOfItem', item: t('Item') },
    [t('Matrix')]: { kind: 'soap-array', name: 'Matrix', item: t('ArrayOfInt') },
    [t('Codes')]: { kind: 'list', name: 'Codes', item: xs('int') },
    [t('getItems')]: {
      kind: 'complex',
      name: 'getItems',
      content: [
        el('ids', t('ArrayOfInt')),
        el('items', t('ArrayOfItem'), { nillable: true }),
        el('count', xs('int')),
        el('m', t('Matrix'), { min: 0 }),
        el('codes', t('Codes'), { min: 0 }),
        el('color', t('Color'), { min: 0 }),
      ],
    },
  },
  elements: { [t('getItems')]: { name: 'getItems', ns: E, type: t('getItems'), nillable: false } },
};

const GET = t('getItems');
const DECL = `xmlns:xsi="${XSI}" xmlns:xsd="${XSD}"`;
const ARRAY = `xmlns:soapenc="${ENC}"`;

describe('SOAP arrays', () => {
  const value = { ids: [1, null, 3], items: [{ name: 'a', color: 'red' }], count: 2, m: [[1, 2], []] };

  it('writes <item> children and soapenc:arrayType, nested arrays and complex items included', () => {
    expect(encodeElement(SCHEMA, GET, value)).toBe(
      `<getItems ${DECL} xmlns="${E}">` +
        `<ids xmlns="" ${ARRAY} soapenc:arrayType="xsd:int[3]"><item>1</item><item xsi:nil="true"/><item>3</item></ids>` +
        `<items xmlns="" ${ARRAY} xmlns:t="${E}" soapenc:arrayType="t:Item[1]"><item><name>a</name><color>red</color></item></items>` +
        `<count xmlns="">2</count>` +
        `<m xmlns="" ${ARRAY} soapenc:arrayType="xsd:int[][2]"><item soapenc:arrayType="xsd:int[2]"><item>1</item><item>2</item></item><item soapenc:arrayType="xsd:int[0]"/></m>` +
        `</getItems>`,
    );
  });

  it('reads them back, and JSON round trips', () => {
    const xml = encodeElement(SCHEMA, GET, value, { indent: '  ' });
    expect(decodeElement(SCHEMA, GET, root(xml))).toEqual(value);
    const json = toJson(SCHEMA, GET, value);
    expect(json).toEqual({ ids: [1, null, 3], items: [{ name: 'a', color: 'red' }], count: 2, m: [[1, 2], []] });
    expect(fromJson(SCHEMA, GET, json)).toEqual(value);
  });

  it('reads children of any name, with xsi:type naming the item type, a builtin equal to it, soapenc:Array', () => {
    const xml =
      `<e:getItems xmlns:e="${E}" xmlns:xsi="${XSI}" xmlns:xsd="${XSD}" xmlns:enc="${ENC}">` +
      `<ids xsi:type="enc:Array" enc:arrayType="xsd:int[4]"><a xsi:type="xsd:int">1</a><b xsi:nil="1"/>\n <c xsi:type="enc:int">3</c><item>4</item></ids>` +
      `<items xsi:type="e:ArrayOfItem"><Item xsi:type="e:Item"><name>a</name><color xsi:type="xsd:string">blue</color></Item>` +
      `<Item xsi:type="e:SpecialItem"><name>b</name><color>red</color><extra>1</extra></Item></items>` +
      `<count xsi:type="xsd:int">2</count>` +
      `</e:getItems>`;
    expect(decodeElement(SCHEMA, GET, root(xml))).toEqual({
      ids: [1, null, 3, 4],
      items: [
        { name: 'a', color: 'blue' },
        { $type: t('SpecialItem'), name: 'b', color: 'red', extra: 1 },
      ],
      count: 2,
    });
  });

  it('writes derived items with xsi:type and a nil array', () => {
    const xml = encodeElement(SCHEMA, GET, {
      ids: [],
      items: [{ $type: t('SpecialItem'), name: 'b', color: 'red', extra: 1 }],
      count: 1,
    });
    expect(xml).toContain(
      `<items xmlns="" ${ARRAY} xmlns:t="${E}" soapenc:arrayType="t:Item[1]"><item xsi:type="t:SpecialItem">`,
    );
    expect(decodeElement(SCHEMA, GET, root(xml))).toMatchObject({ items: [{ $type: t('SpecialItem') }] });
    expect(encodeElement(SCHEMA, GET, { ids: [], items: null, count: 1 })).toBe(
      `<getItems xmlns:xsi="${XSI}" xmlns:xsd="${XSD}" xmlns="${E}"><ids xmlns="" ${ARRAY} soapenc:arrayType="xsd:int[0]"/><items xmlns="" xsi:nil="true"/><count xmlns="">1</count></getItems>`,
    );
  });

  const decodeCases: [string, string, string, string][] = [
    ['an item of another type', `<ids><a xsi:type="xsd:string">1</a></ids>`, 'invalid-type', 'getItems.ids[0]'],
    ['a bad item', `<ids><a>1</a><a>x</a></ids>`, 'invalid-value', 'getItems.ids[1]'],
    ['text between items', `<ids><a>1</a>oops</ids>`, 'unexpected-text', 'getItems.ids'],
    ['a partial array', `<ids enc:offset="[2]"><a>1</a></ids>`, 'invalid-value', 'getItems.ids'],
    ['a sparse array', `<ids><a enc:position="[2]">1</a></ids>`, 'invalid-value', 'getItems.ids[0]'],
    ['a multi-reference item', `<ids><a href="#id1"/></ids>`, 'invalid-value', 'getItems.ids[0]'],
    ['an array element typed otherwise', `<ids xsi:type="xsd:string"/>`, 'invalid-type', 'getItems.ids'],
    [
      'a complex item missing a field',
      `<ids/><items><x><name>a</name></x></items>`,
      'missing-element',
      'getItems.items[0].color',
    ],
  ];
  for (const [what, body, code, path] of decodeCases) {
    it(`decode: ${what} -> ${code} at ${path}`, () => {
      // Each failure comes before the rest of the content is looked at.
      const xml = `<e:getItems xmlns:e="${E}" xmlns:xsi="${XSI}" xmlns:xsd="${XSD}" xmlns:enc="${ENC}">${body}<count>1</count></e:getItems>`;
      const error = thrown(DecodeError, () => decodeElement(SCHEMA, GET, root(xml)));
      expect(error.code).toBe(code);
      expect(error.path).toBe(path);
    });
  }

  const encodeCases: [string, unknown, string, string][] = [
    ['not an array', { ids: 1, items: [], count: 1 }, 'invalid-type', 'getItems.ids'],
    ['a bad item', { ids: [1, 'x'], items: [], count: 1 }, 'invalid-type', 'getItems.ids[1]'],
    ['a missing item', { ids: [undefined], items: [], count: 1 }, 'missing-element', 'getItems.ids[0]'],
    ['a bad complex item', { ids: [], items: [{ name: 'a' }], count: 1 }, 'missing-element', 'getItems.items[0].color'],
  ];
  for (const [what, v, code, path] of encodeCases) {
    it(`encode: ${what} -> ${code} at ${path}`, () => {
      const error = thrown(EncodeError, () => encodeElement(SCHEMA, GET, v));
      expect(error.code).toBe(code);
      expect(error.path).toBe(path);
    });
  }
});

describe('xsi:type on simple elements (EncodeOptions.xsiTypes)', () => {
  const value = { ids: [1], items: [{ name: 'a', color: 'red' }], count: 2, codes: [1, 2], color: 'blue' };

  it('names the type of every simple-typed element: builtins with xsd, schema types with a declared prefix', () => {
    const xml = encodeElement(SCHEMA, GET, value, { xsiTypes: true });
    expect(xml).toBe(
      `<getItems ${DECL} xmlns="${E}">` +
        `<ids xmlns="" ${ARRAY} soapenc:arrayType="xsd:int[1]"><item xsi:type="xsd:int">1</item></ids>` +
        // The prefix declared on <items> is in scope for the enumeration inside.
        `<items xmlns="" ${ARRAY} xmlns:t="${E}" soapenc:arrayType="t:Item[1]"><item><name xsi:type="xsd:string">a</name><color xsi:type="t:Color">red</color></item></items>` +
        `<count xmlns="" xsi:type="xsd:int">2</count>` +
        `<codes xmlns="" xmlns:t="${E}" xsi:type="t:Codes">1 2</codes>` +
        `<color xmlns="" xmlns:t="${E}" xsi:type="t:Color">blue</color>` +
        `</getItems>`,
    );
    expect(decodeElement(SCHEMA, GET, root(xml))).toEqual(value);
  });

  it('uses the xsi/xsd prefixes the envelope declares', () => {
    const body = encodeBodyElement(SCHEMA, GET, { ids: [], items: [], count: 2 }, { version: '1.1', xsiTypes: true });
    expect(body).toBe(
      `<getItems xmlns="${E}"><ids xmlns="" ${ARRAY} soapenc:arrayType="xsd:int[0]"/><items xmlns="" ${ARRAY} xmlns:t="${E}" soapenc:arrayType="t:Item[0]"/><count xmlns="" xsi:type="xsd:int">2</count></getItems>`,
    );
    const other = encodeElement(
      SCHEMA,
      GET,
      { ids: [], items: [], count: 2 },
      { xsiTypes: true, declarations: { i: XSI, s: XSD } },
    );
    expect(other).toContain('<count xmlns="" i:type="s:int">2</count>');
    expect(other).toContain('soapenc:arrayType="s:int[0]"');
    expect(other.startsWith(`<getItems xmlns="${E}">`)).toBe(true);
  });

  it('writes no xsi:type and declares no xsd without the option', () => {
    const xml = encodeElement(SCHEMA, GET, { ids: [1], items: [], count: 2, color: 'red' });
    expect(xml).not.toContain('xsi:type');
    expect(xml).not.toContain('xmlns:xsi');
  });
});
