/**
 * Special content: simpleContent (`$value`), mixed content (`$text`), `default`/`fixed` values
 * of elements and attributes, namespaced and required attributes.
 */
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

const C = 'urn:content';
const A = 'urn:attr';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const t = (local: string): string => `{${C}}${local}`;
const el = elementsIn(C, 1);

const SCHEMA: SchemaDescriptor = {
  types: {
    [t('Price')]: {
      kind: 'complex',
      name: 'Price',
      text: xs('decimal'),
      content: [],
      attributes: [
        { name: 'currency', ns: '', type: xs('string'), required: true },
        { name: 'vat', ns: A, type: xs('boolean'), required: false },
        { name: 'scale', ns: '', type: xs('int'), required: false, fixed: '2' },
        { name: 'source', ns: '', type: xs('string'), required: false, default: 'list' },
      ],
    },
    [t('Para')]: {
      kind: 'complex',
      name: 'Para',
      mixed: true,
      content: [
        { kind: 'choice', name: 'runs', min: 0, max: -1, options: [el('b', xs('string')), el('i', xs('string'))] },
      ],
    },
    [t('Note')]: { kind: 'complex', name: 'Note', mixed: true, content: [el('ref', xs('int'), { min: 0 })] },
    [t('Order')]: {
      kind: 'complex',
      name: 'Order',
      attributes: [
        { name: 'lang', ns: XML_NS, type: xs('language'), required: false },
        { name: 'ref', ns: A, type: xs('int'), required: false },
        { name: 'rev', ns: 'urn:rev', type: xs('int'), required: false },
        { name: 'kind', ns: '', type: xs('token'), required: false, fixed: 'sale' },
      ],
      content: [
        el('price', t('Price')),
        el('qty', xs('int'), { min: 0, default: '1' }),
        el('status', xs('string'), { min: 0, fixed: 'open' }),
        el('flags', xs('boolean'), { min: 0, max: -1, fixed: 'true' }),
        el('fee', t('Price'), { min: 0, default: '0.00' }),
        el('para', t('Para'), { min: 0 }),
        el('note', t('Note'), { min: 0, nillable: true }),
      ],
    },
  },
  elements: {
    [t('Order')]: { name: 'Order', ns: C, type: t('Order'), nillable: false },
    [t('Price')]: { name: 'Price', ns: C, type: t('Price'), nillable: false },
    [t('Para')]: { name: 'Para', ns: C, type: t('Para'), nillable: false },
  },
};

const ORDER = t('Order');

function roundTrip(id: string, xml: string, value: unknown): void {
  const decoded = decodeElement(SCHEMA, id, root(xml));
  expect(decoded).toEqual(value);
  expect(encodeElement(SCHEMA, id, decoded)).toBe(xml);
  const json = JSON.parse(JSON.stringify(toJson(SCHEMA, id, decoded))) as unknown;
  const back = fromJson(SCHEMA, id, json);
  expect(back).toEqual(value);
  expect(encodeElement(SCHEMA, id, back)).toBe(xml);
}

describe('simpleContent: $value', () => {
  it('decodes the text and the attributes, namespaced ones included, and writes them back', () => {
    const xml = `<Price xmlns="${C}" xmlns:t="${A}" t:vat="true" currency="EUR">12.50</Price>`;
    const value = decodeElement(SCHEMA, t('Price'), root(xml));
    expect(value).toEqual({ $value: '12.50', currency: 'EUR', vat: true });
    expect(Object.keys(value as object)[0]).toBe('$value');
    // Attributes are written in schema order, the prefix declared on the element.
    expect(encodeElement(SCHEMA, t('Price'), value)).toBe(
      `<Price xmlns="${C}" xmlns:t="${A}" currency="EUR" t:vat="true">12.50</Price>`,
    );
    roundTrip(t('Price'), `<Price xmlns="${C}" xmlns:t="${A}" currency="EUR" t:vat="false">1</Price>`, {
      $value: '1',
      currency: 'EUR',
      vat: false,
    });
    expect(toJson(SCHEMA, t('Price'), value)).toEqual({ $value: '12.50', currency: 'EUR', vat: true });
  });

  it('keeps absent attributes with a default absent', () => {
    roundTrip(t('Price'), `<Price xmlns="${C}" currency="EUR">3</Price>`, { $value: '3', currency: 'EUR' });
  });

  it('reports bad text, element children, missing $value', () => {
    expect(
      thrown(DecodeError, () => decodeElement(SCHEMA, t('Price'), root(`<Price xmlns="${C}" currency="E">x</Price>`))),
    ).toMatchObject({
      code: 'invalid-value',
      path: 'Price.$value',
    });
    expect(
      thrown(DecodeError, () =>
        decodeElement(SCHEMA, t('Price'), root(`<Price xmlns="${C}" currency="E"><b/></Price>`)),
      ),
    ).toMatchObject({
      code: 'unexpected-element',
      path: 'Price.$value',
    });
    expect(
      thrown(DecodeError, () => decodeElement(SCHEMA, t('Price'), root(`<Price xmlns="${C}">1</Price>`))),
    ).toMatchObject({
      code: 'missing-attribute',
      path: 'Price.currency',
    });
    expect(thrown(EncodeError, () => encodeElement(SCHEMA, t('Price'), { currency: 'E' }))).toMatchObject({
      code: 'missing-element',
      path: 'Price.$value',
    });
    expect(thrown(EncodeError, () => encodeElement(SCHEMA, t('Price'), { $value: 1, currency: 'E' }))).toMatchObject({
      code: 'invalid-type',
      path: 'Price.$value',
    });
    expect(thrown(EncodeError, () => encodeElement(SCHEMA, t('Price'), { $value: '1' }))).toMatchObject({
      code: 'missing-attribute',
      path: 'Price.currency',
    });
    expect(thrown(DecodeError, () => fromJson(SCHEMA, t('Price'), { currency: 'E' }))).toMatchObject({
      code: 'missing-element',
      path: 'Price.$value',
    });
  });
});

describe('mixed content: $text', () => {
  it('keeps the text around the child elements exactly', () => {
    roundTrip(t('Para'), `<Para xmlns="${C}">Hello <b>big</b> and <i>small</i>!\n  </Para>`, {
      $text: ['Hello ', ' and ', '!\n  '],
      runs: [{ b: 'big' }, { i: 'small' }],
    });
    roundTrip(t('Para'), `<Para xmlns="${C}"><b>x</b><b>y</b></Para>`, {
      $text: ['', '', ''],
      runs: [{ b: 'x' }, { b: 'y' }],
    });
    roundTrip(t('Para'), `<Para xmlns="${C}">just text &amp; &lt;more&gt;</Para>`, {
      $text: ['just text & <more>'],
      runs: [],
    });
    roundTrip(t('Para'), `<Para xmlns="${C}"/>`, { $text: [''], runs: [] });
  });

  it('joins text around comments and CDATA; does not indent mixed content', () => {
    const value = decodeElement(SCHEMA, t('Para'), root(`<Para xmlns="${C}">a<!--c-->b<![CDATA[<c>]]><b>x</b></Para>`));
    expect(value).toEqual({ $text: ['ab<c>', ''], runs: [{ b: 'x' }] });
    expect(encodeElement(SCHEMA, t('Para'), value, { indent: '  ' })).toBe(
      `<Para xmlns="${C}">ab&lt;c&gt;<b>x</b></Para>`,
    );
    const order = encodeElement(
      SCHEMA,
      ORDER,
      { price: { $value: '1', currency: 'E' }, para: { $text: ['x', 'y'], runs: [{ i: 'z' }] } },
      { indent: '  ' },
    );
    expect(order).toBe(
      [`<Order xmlns="${C}">`, '  <price currency="E">1</price>', '  <para>x<i>z</i>y</para>', '</Order>'].join('\n'),
    );
  });

  it('writes elements without text when $text is absent', () => {
    expect(encodeElement(SCHEMA, t('Para'), { runs: [{ b: 'x' }] })).toBe(`<Para xmlns="${C}"><b>x</b></Para>`);
  });

  it('requires one text segment more than child elements', () => {
    const error = thrown(EncodeError, () => encodeElement(SCHEMA, t('Para'), { $text: ['a', 'b'], runs: [] }));
    expect(error).toMatchObject({ code: 'invalid-value', path: 'Para.$text' });
    expect(thrown(EncodeError, () => encodeElement(SCHEMA, t('Para'), { $text: [1], runs: [] }))).toMatchObject({
      code: 'invalid-value',
    });
    expect(thrown(DecodeError, () => fromJson(SCHEMA, t('Para'), { $text: 'a', runs: [] }))).toMatchObject({
      code: 'invalid-type',
      path: 'Para.$text',
    });
  });

  it('checks the child elements of mixed content as usual', () => {
    expect(
      thrown(DecodeError, () => decodeElement(SCHEMA, t('Para'), root(`<Para xmlns="${C}">a<u>x</u></Para>`))),
    ).toMatchObject({
      code: 'unexpected-element',
      path: 'Para.u',
    });
    const note = `<Order xmlns="${C}"><price currency="E">1</price><note>see <ref>3</ref><ref>4</ref></note></Order>`;
    expect(thrown(DecodeError, () => decodeElement(SCHEMA, ORDER, root(note)))).toMatchObject({
      code: 'too-many-elements',
      path: 'Order.note.ref',
    });
  });
});

describe('default and fixed values', () => {
  const order = (body: string, attributes = ''): string =>
    `<Order xmlns="${C}"${attributes}><price currency="E">1</price>${body}</Order>`;

  it('leaves absent elements absent (no defaults filled in)', () => {
    roundTrip(ORDER, order(''), { price: { $value: '1', currency: 'E' }, flags: [] });
  });

  it('gives an empty element its default or fixed value (XSD rule)', () => {
    const value = decodeElement(SCHEMA, ORDER, root(order(`<qty/><status></status><flags/><fee currency="E"/>`)));
    expect(value).toEqual({
      price: { $value: '1', currency: 'E' },
      qty: 1,
      status: 'open',
      flags: [true],
      fee: { $value: '0.00', currency: 'E' },
    });
    // Written back with the value: `<qty>1</qty>` means the same as `<qty/>`.
    expect(encodeElement(SCHEMA, ORDER, value)).toBe(
      order(`<qty>1</qty><status>open</status><flags>true</flags><fee currency="E">0.00</fee>`),
    );
  });

  it('accepts the fixed value in any lexical form of the type', () => {
    expect(
      decodeElement(SCHEMA, ORDER, root(order('<status>open</status><flags>1</flags><flags> true </flags>'))),
    ).toMatchObject({
      status: 'open',
      flags: [true, true],
    });
  });

  it('refuses a value other than the fixed one on decode and on encode', () => {
    expect(
      thrown(DecodeError, () => decodeElement(SCHEMA, ORDER, root(order('<status>closed</status>')))),
    ).toMatchObject({
      code: 'invalid-value',
      path: 'Order.status',
    });
    expect(
      thrown(DecodeError, () => decodeElement(SCHEMA, ORDER, root(order('<flags>true</flags><flags>false</flags>')))),
    ).toMatchObject({
      code: 'invalid-value',
      path: 'Order.flags[1]',
    });
    const error = thrown(EncodeError, () =>
      encodeElement(SCHEMA, ORDER, { price: { $value: '1', currency: 'E' }, status: 'closed-SECRET' }),
    );
    expect(error).toMatchObject({ code: 'invalid-value', path: 'Order.status' });
    expect(error.message).not.toContain('closed-SECRET');
    expect(
      thrown(EncodeError, () =>
        encodeElement(SCHEMA, ORDER, { price: { $value: '1', currency: 'E' }, flags: [false] }),
      ),
    ).toMatchObject({
      code: 'invalid-value',
      path: 'Order.flags[0]',
    });
  });

  it('enforces fixed attributes, both ways; keeps absent ones absent', () => {
    expect(thrown(DecodeError, () => decodeElement(SCHEMA, ORDER, root(order('', ' kind="rent"'))))).toMatchObject({
      code: 'invalid-value',
      path: 'Order.kind',
    });
    expect(decodeElement(SCHEMA, ORDER, root(order('', ' kind=" sale "')))).toMatchObject({ kind: 'sale' });
    expect(
      thrown(DecodeError, () =>
        decodeElement(SCHEMA, ORDER, root(`<Order xmlns="${C}"><price currency="E" scale="3">1</price></Order>`)),
      ),
    ).toMatchObject({
      code: 'invalid-value',
      path: 'Order.price.scale',
    });
    const error = thrown(EncodeError, () =>
      encodeElement(SCHEMA, ORDER, { kind: 'rent-SECRET', price: { $value: '1', currency: 'E' } }),
    );
    expect(error).toMatchObject({ code: 'invalid-value', path: 'Order.kind' });
    expect(error.message).not.toContain('rent-SECRET');
    roundTrip(t('Price'), `<Price xmlns="${C}" currency="E" scale="2">1</Price>`, {
      $value: '1',
      currency: 'E',
      scale: 2,
    });
  });

  it('compares fixed values as values: 1.00 is the decimal 1.0', () => {
    const schema: SchemaDescriptor = {
      types: {
        [t('Rates')]: {
          kind: 'complex',
          name: 'Rates',
          attributes: [{ name: 'version', ns: '', type: xs('decimal'), required: false, fixed: '1.0' }],
          content: [el('rate', xs('decimal'), { min: 0, max: -1, fixed: '-0.50' })],
        },
      },
      elements: { [t('Rates')]: { name: 'Rates', ns: C, type: t('Rates'), nillable: false } },
    };
    const ok = `<Rates xmlns="${C}" version="01.00"><rate>-.5</rate><rate>-0.500</rate><rate/></Rates>`;
    const value = decodeElement(schema, t('Rates'), root(ok));
    expect(value).toEqual({ version: '01.00', rate: ['-.5', '-0.500', '-0.50'] });
    expect(encodeElement(schema, t('Rates'), value)).toBe(
      `<Rates xmlns="${C}" version="01.00"><rate>-.5</rate><rate>-0.500</rate><rate>-0.50</rate></Rates>`,
    );
    expect(
      thrown(DecodeError, () => decodeElement(schema, t('Rates'), root(`<Rates xmlns="${C}" version="1.01"/>`))),
    ).toMatchObject({
      code: 'invalid-value',
      path: 'Rates.version',
    });
    expect(
      thrown(DecodeError, () =>
        decodeElement(schema, t('Rates'), root(`<Rates xmlns="${C}"><rate>0.5</rate></Rates>`)),
      ),
    ).toMatchObject({
      code: 'invalid-value',
      path: 'Rates.rate[0]',
    });
    expect(thrown(EncodeError, () => encodeElement(schema, t('Rates'), { rate: ['-0.51'] }))).toMatchObject({
      code: 'invalid-value',
      path: 'Rates.rate[0]',
    });
    expect(thrown(EncodeError, () => encodeElement(schema, t('Rates'), { version: '2', rate: [] }))).toMatchObject({
      code: 'invalid-value',
      path: 'Rates.version',
    });
  });

  it('refuses default/fixed values the type does not accept', () => {
    const bad = (fixed: string): SchemaDescriptor => ({
      types: { [t('T')]: { kind: 'complex', name: 'T', content: [el('n', xs('int'), { fixed })] } },
      elements: {},
    });
    expect(() => compileSchema(bad('x'))).toThrow(SchemaError);
    expect(() => compileSchema(bad('7'))).not.toThrow();
  });
});

describe('attributes', () => {
  it('writes namespaced attributes with a prefix declared on the element, xml:lang without one', () => {
    const value = { lang: 'en', ref: 5, rev: 2, price: { $value: '1', currency: 'E', vat: false } };
    const xml = encodeElement(SCHEMA, ORDER, value);
    expect(xml).toBe(
      `<Order xmlns="${C}" xmlns:t="${A}" xmlns:t2="urn:rev" xml:lang="en" t:ref="5" t2:rev="2"><price t:vat="false" currency="E">1</price></Order>`.replace(
        '<price t:vat="false" currency="E">',
        '<price currency="E" t:vat="false">',
      ),
    );
    // The prefix declared on Order is reused by the child.
    expect(decodeElement(SCHEMA, ORDER, root(xml))).toEqual({ ...value, flags: [] });
    expect(encodeElement(SCHEMA, ORDER, value, { declarations: { a: A } })).toBe(
      `<Order xmlns="${C}" xmlns:t="urn:rev" xml:lang="en" a:ref="5" t:rev="2"><price currency="E" a:vat="false">1</price></Order>`,
    );
  });

  it('matches namespaced attributes by namespace (and by local name when namespaces are ignored)', () => {
    const wrongNs = `<Order xmlns="${C}" xmlns:x="urn:x" x:ref="5"><price currency="E">1</price></Order>`;
    expect(decodeElement(SCHEMA, ORDER, root(wrongNs))).toEqual({ price: { $value: '1', currency: 'E' }, flags: [] });
    expect(decodeElement(SCHEMA, ORDER, root(wrongNs), { namespaces: 'ignore' })).toMatchObject({ ref: 5 });
  });
});

describe('xs:any content written back as received', () => {
  const schema: SchemaDescriptor = {
    types: { [t('Bag')]: { kind: 'complex', name: 'Bag', content: [{ kind: 'any', name: 'items', min: 0, max: -1 }] } },
    elements: { [t('Bag')]: { name: 'Bag', ns: C, type: t('Bag'), nillable: false } },
  };

  it('keeps attributes before or after the namespace declarations, as the source had them', () => {
    // .NET writes `<xs:schema id="NewDataSet" xmlns="" xmlns:xs="...">`; most writers put xmlns first.
    const xml =
      `<Bag xmlns="${C}">` +
      `<x:a id="1" xmlns="" xmlns:x="urn:x"><b/></x:a>` +
      `<x:c xmlns:x="urn:x" id="2"/>` +
      `<d id="3" y:k="v" xmlns:y="urn:y"/>` +
      `</Bag>`;
    expect(encodeElement(schema, t('Bag'), decodeElement(schema, t('Bag'), root(xml)))).toBe(xml);
  });

  it('declares what a cut-out element needs before its attributes', () => {
    const inner = root(`<o:outer xmlns:o="urn:o"><o:e k="1" o:m="2"/></o:outer>`).children[0];
    expect(encodeElement(schema, t('Bag'), { items: [inner] })).toBe(
      `<Bag xmlns="${C}"><o:e xmlns:o="urn:o" k="1" o:m="2"/></Bag>`,
    );
  });
});
