/**
 * `xs:anyAttribute`: the attributes a type does not declare are kept in `$attributes` (Clark name
 * -> text) on decode and written back on encode; a type without the wildcard keeps refusing the
 * key, and what `$attributes` may hold is checked like any other value.
 */
import { describe, expect, it } from 'vitest';
import {
  decodeElement,
  encodeElement,
  EncodeError,
  fromJson,
  parseXml,
  toJson,
  type SchemaDescriptor,
} from '@ecgrid/soap-runtime';
import { thrown, xs } from './support/descriptors.js';

const N = 'urn:any-attribute';
const X = 'urn:ext';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const t = (local: string): string => `{${N}}${local}`;

const SCHEMA: SchemaDescriptor = {
  types: {
    [t('Tag')]: {
      kind: 'complex',
      name: 'Tag',
      content: [{ kind: 'element', name: 'Name', ns: N, type: xs('string'), min: 1, max: 1, nillable: false }],
      attributes: [{ name: 'id', ns: '', type: xs('int'), required: true }],
      anyAttribute: true,
    },
    [t('Item')]: {
      kind: 'complex',
      name: 'Item',
      base: t('Tag'),
      content: [
        { kind: 'element', name: 'Name', ns: N, type: xs('string'), min: 1, max: 1, nillable: false },
        { kind: 'element', name: 'Sku', ns: N, type: xs('string'), min: 1, max: 1, nillable: false },
      ],
      attributes: [{ name: 'id', ns: '', type: xs('int'), required: true }],
      anyAttribute: true,
    },
    [t('Label')]: { kind: 'complex', name: 'Label', text: xs('string'), content: [], anyAttribute: true },
    [t('Closed')]: {
      kind: 'complex',
      name: 'Closed',
      content: [{ kind: 'element', name: 'Name', ns: N, type: xs('string'), min: 1, max: 1, nillable: false }],
    },
  },
  elements: {
    [t('Tag')]: { name: 'Tag', ns: N, type: t('Tag'), nillable: false },
    [t('Label')]: { name: 'Label', ns: N, type: t('Label'), nillable: false },
    [t('Closed')]: { name: 'Closed', ns: N, type: t('Closed'), nillable: false },
  },
};

const decode = (id: string, xml: string) => decodeElement(SCHEMA, id, parseXml(xml).root);

describe('decoding', () => {
  it('keeps undeclared attributes by Clark name in document order, and leaves declared and xsi: ones out', () => {
    const value = decode(
      t('Tag'),
      `<Tag xmlns="${N}" xmlns:e="${X}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" e:color="blue" id="7" note="a &amp; b" xml:lang="en" xsi:type="Tag"><Name>n</Name></Tag>`,
    );
    expect(value).toEqual({
      id: 7,
      Name: 'n',
      $attributes: { [`{${X}}color`]: 'blue', note: 'a & b', [`{${XML_NS}}lang`]: 'en' },
    });
    expect(Object.keys((value as { $attributes: object }).$attributes)).toEqual([
      `{${X}}color`,
      'note',
      `{${XML_NS}}lang`,
    ]);
  });

  it('has no $attributes when there is nothing to keep', () => {
    expect(decode(t('Tag'), `<Tag xmlns="${N}" id="1"><Name>n</Name></Tag>`)).toEqual({ id: 1, Name: 'n' });
  });

  it('keeps one local name in two namespaces apart, on simple content too', () => {
    expect(
      decode(t('Label'), `<Label xmlns="${N}" xmlns:a="urn:a" xmlns:b="urn:b" a:x="1" b:x="2">text</Label>`),
    ).toEqual({
      $value: 'text',
      $attributes: { '{urn:a}x': '1', '{urn:b}x': '2' },
    });
  });

  it('keeps them on a derived type given by xsi:type', () => {
    const value = decode(
      t('Tag'),
      `<Tag xmlns="${N}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="Item" id="2" extra="yes"><Name>n</Name><Sku>s</Sku></Tag>`,
    );
    expect(value).toEqual({ $type: t('Item'), id: 2, Name: 'n', Sku: 's', $attributes: { extra: 'yes' } });
  });

  it('a type without the wildcard ignores undeclared attributes, as before', () => {
    expect(decode(t('Closed'), `<Closed xmlns="${N}" other="x"><Name>n</Name></Closed>`)).toEqual({ Name: 'n' });
  });
});

describe('encoding', () => {
  it('writes kept attributes after the declared ones, declaring a prefix for a namespace not in scope', () => {
    const xml = encodeElement(SCHEMA, t('Tag'), {
      id: 7,
      Name: 'n',
      $attributes: { [`{${X}}color`]: 'blue', note: 'a & "b"', [`{${XML_NS}}lang`]: 'en' },
    });
    expect(xml).toBe(
      `<Tag xmlns="${N}" xmlns:t="${X}" id="7" t:color="blue" note="a &amp; &quot;b&quot;" xml:lang="en"><Name>n</Name></Tag>`,
    );
  });

  it('round-trips what it decoded', () => {
    const source = `<Label xmlns="${N}" xmlns:a="urn:a" xmlns:b="urn:b" a:x="1" b:x="2">text</Label>`;
    const xml = encodeElement(SCHEMA, t('Label'), decode(t('Label'), source));
    expect(decode(t('Label'), xml)).toEqual(decode(t('Label'), source));
  });

  it('refuses names it cannot write, declared names, xsi: names, and values that are not strings', () => {
    for (const [kept, message] of [
      [{ 'not a name': 'x' }, /is not an attribute name/],
      [{ '{}local': 'x' }, /is not an attribute name/],
      [{ id: '3' }, /is a declared attribute: set its property instead/],
      [{ '{http://www.w3.org/2001/XMLSchema-instance}nil': 'true' }, /cannot be written as a kept attribute/],
      [{ xmlns: 'urn:x' }, /cannot be written as a kept attribute/],
      [{ note: 5 }, /expected a string/],
    ] as const) {
      const error = thrown(EncodeError, () => encodeElement(SCHEMA, t('Tag'), { id: 1, Name: 'n', $attributes: kept }));
      expect(error.message, JSON.stringify(kept)).toMatch(message);
      expect(error.message).toMatch(/\$attributes/);
    }
    expect(
      thrown(EncodeError, () => encodeElement(SCHEMA, t('Tag'), { id: 1, Name: 'n', $attributes: ['x'] })).code,
    ).toBe('invalid-type');
  });

  it('a type without the wildcard refuses $attributes as an unknown property', () => {
    expect(
      thrown(EncodeError, () => encodeElement(SCHEMA, t('Closed'), { Name: 'n', $attributes: { a: 'b' } })).code,
    ).toBe('unknown-property');
  });
});

describe('JSON', () => {
  it('carries $attributes both ways as a plain object of strings', () => {
    const value = { id: 1, Name: 'n', $attributes: { [`{${X}}color`]: 'blue' } };
    expect(toJson(SCHEMA, t('Tag'), value)).toEqual({ id: 1, Name: 'n', $attributes: { [`{${X}}color`]: 'blue' } });
    expect(fromJson(SCHEMA, t('Tag'), { id: 1, Name: 'n', $attributes: { note: 'x' } })).toEqual({
      id: 1,
      Name: 'n',
      $attributes: { note: 'x' },
    });
    expect(() => fromJson(SCHEMA, t('Tag'), { id: 1, Name: 'n', $attributes: { note: 1 } })).toThrow(/\$attributes/);
  });
});
