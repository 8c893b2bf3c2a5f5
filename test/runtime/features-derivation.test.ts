/**
 * Type derivation (`base`, `abstract`, `xsi:type` <-> `$type`) and substitution groups
 * (`substitutes`, abstract heads, `$element`), in decoding, encoding and JSON.
 */
import { describe, expect, it } from 'vitest';
import {
  decodeElement,
  decodeType,
  DecodeError,
  encodeElement,
  encodeType,
  EncodeError,
  fromJson,
  toJson,
  type SchemaDescriptor,
} from '@ecgrid/soap-runtime';
import { elementsIn, root, thrown, xs } from './support/descriptors.js';

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const N = 'urn:shapes';
const t = (local: string): string => `{${N}}${local}`;
const el = elementsIn(N, 1);

const ID_ATTRIBUTE = { name: 'id', ns: '', type: xs('int'), required: false } as const;

const SCHEMA: SchemaDescriptor = {
  types: {
    [t('Shape')]: {
      kind: 'complex',
      name: 'Shape',
      abstract: true,
      content: [el('name', xs('string'))],
      attributes: [ID_ATTRIBUTE],
    },
    [t('Circle')]: {
      kind: 'complex',
      name: 'Circle',
      base: t('Shape'),
      content: [el('name', xs('string')), el('radius', xs('double'))],
      attributes: [ID_ATTRIBUTE],
    },
    [t('ColoredCircle')]: {
      kind: 'complex',
      name: 'ColoredCircle',
      base: t('Circle'),
      content: [el('name', xs('string')), el('radius', xs('double')), el('color', xs('string'))],
      attributes: [ID_ATTRIBUTE],
    },
    [t('Square')]: {
      kind: 'complex',
      name: 'Square',
      base: t('Shape'),
      content: [el('name', xs('string')), el('side', xs('int'))],
      attributes: [ID_ATTRIBUTE],
    },
    [t('Other')]: { kind: 'complex', name: 'Other', content: [el('name', xs('string'))] },
    [t('Drawing')]: {
      kind: 'complex',
      name: 'Drawing',
      content: [el('shape', t('Shape'), { min: 0, max: -1, nillable: true }), el('main', t('Circle'), { min: 0 })],
    },
    [t('Gallery')]: {
      kind: 'complex',
      name: 'Gallery',
      content: [
        el('shapeHead', t('Shape'), {
          min: 0,
          max: -1,
          nillable: true,
          substitutes: [t('circle'), t('square'), t('fancy')],
        }),
        el('text', xs('string'), { min: 0, max: -1, substitutes: [t('label'), t('count')] }),
      ],
    },
    [t('Code')]: { kind: 'simple', name: 'Code', base: xs('string') },
    [t('ShortCode')]: { kind: 'enum', name: 'ShortCode', base: t('Code'), values: ['A', 'B'] },
    [t('Codes')]: { kind: 'complex', name: 'Codes', content: [el('code', t('Code'), { max: -1 })] },
  },
  elements: {
    [t('Drawing')]: { name: 'Drawing', ns: N, type: t('Drawing'), nillable: false },
    [t('Gallery')]: { name: 'Gallery', ns: N, type: t('Gallery'), nillable: false },
    [t('Codes')]: { name: 'Codes', ns: N, type: t('Codes'), nillable: false },
    [t('shapeHead')]: { name: 'shapeHead', ns: N, type: t('Shape'), nillable: true, abstract: true },
    [t('circle')]: { name: 'circle', ns: N, type: t('Circle'), nillable: false, substitutionGroup: t('shapeHead') },
    [t('square')]: { name: 'square', ns: N, type: t('Square'), nillable: true, substitutionGroup: t('shapeHead') },
    // A member of a member (transitively in the head's group); abstract, so it never appears itself.
    [t('fancy')]: {
      name: 'fancy',
      ns: N,
      type: t('Circle'),
      nillable: false,
      abstract: true,
      substitutionGroup: t('circle'),
    },
    [t('text')]: { name: 'text', ns: N, type: xs('string'), nillable: false },
    [t('label')]: { name: 'label', ns: N, type: xs('string'), nillable: true, substitutionGroup: t('text') },
    [t('count')]: { name: 'count', ns: N, type: xs('int'), nillable: false, substitutionGroup: t('text') },
  },
};

const DRAWING = t('Drawing');
const GALLERY = t('Gallery');

/** Exact round trips: XML -> value -> same XML, value -> JSON text -> same value. */
function roundTrip(id: string, xml: string, value: unknown): void {
  const decoded = decodeElement(SCHEMA, id, root(xml));
  expect(decoded).toEqual(value);
  expect(encodeElement(SCHEMA, id, decoded)).toBe(xml);
  const json = JSON.parse(JSON.stringify(toJson(SCHEMA, id, decoded))) as unknown;
  const back = fromJson(SCHEMA, id, json);
  expect(back).toEqual(value);
  expect(toJson(SCHEMA, id, back)).toEqual(json);
  expect(encodeElement(SCHEMA, id, back)).toBe(xml);
}

describe('xsi:type and $type', () => {
  const xml =
    `<Drawing xmlns:xsi="${XSI}" xmlns="${N}">` +
    `<shape xmlns:t="${N}" xsi:type="t:Circle" id="1"><name>c</name><radius>2.5</radius></shape>` +
    `<shape xsi:nil="true"/>` +
    `<shape xmlns:t="${N}" xsi:type="t:ColoredCircle"><name>cc</name><radius>1</radius><color>red</color></shape>` +
    `<main xmlns:t="${N}" xsi:type="t:ColoredCircle"><name>m</name><radius>3</radius><color>blue</color></main>` +
    `</Drawing>`;
  const value = {
    shape: [
      { $type: t('Circle'), id: 1, name: 'c', radius: 2.5 },
      null,
      { $type: t('ColoredCircle'), name: 'cc', radius: 1, color: 'red' },
    ],
    main: { $type: t('ColoredCircle'), name: 'm', radius: 3, color: 'blue' },
  };

  it('decodes derived types (directly and through several bases), encodes them back byte for byte, JSON included', () => {
    roundTrip(DRAWING, xml, value);
    expect(Object.keys((decodeElement(SCHEMA, DRAWING, root(xml)) as { shape: object[] }).shape[0]!)[0]).toBe('$type');
  });

  it('resolves the QName against the prefixes in scope, whatever they are', () => {
    const other =
      `<d:Drawing xmlns:d="${N}" xmlns:i="${XSI}"><d:shape i:type="d:Square"><d:name>s</d:name><d:side>2</d:side></d:shape>` +
      `<d:shape xmlns:q="${N}" i:type=" q:Circle "><d:name>c</d:name><d:radius>1</d:radius></d:shape></d:Drawing>`;
    expect(decodeElement(SCHEMA, DRAWING, root(other))).toEqual({
      shape: [
        { $type: t('Square'), name: 's', side: 2 },
        { $type: t('Circle'), name: 'c', radius: 1 },
      ],
    });
    // A default namespace resolves an unprefixed name.
    const unprefixed = `<Drawing xmlns="${N}" xmlns:xsi="${XSI}"><shape xsi:type="Square"><name>s</name><side>2</side></shape></Drawing>`;
    expect(decodeElement(SCHEMA, DRAWING, root(unprefixed))).toEqual({
      shape: [{ $type: t('Square'), name: 's', side: 2 }],
    });
  });

  it('accepts xsi:type naming the declared type itself, without $type', () => {
    const same = `<Drawing xmlns="${N}" xmlns:xsi="${XSI}"><main xsi:type="Circle"><name>m</name><radius>3</radius></main></Drawing>`;
    expect(decodeElement(SCHEMA, DRAWING, root(same))).toEqual({ shape: [], main: { name: 'm', radius: 3 } });
    expect(encodeElement(SCHEMA, DRAWING, { main: { name: 'm', radius: 3 } })).toBe(
      `<Drawing xmlns="${N}"><main><name>m</name><radius>3</radius></main></Drawing>`,
    );
    // $type naming the declared type is accepted and written as no xsi:type.
    expect(encodeElement(SCHEMA, DRAWING, { main: { $type: t('Circle'), name: 'm', radius: 3 } })).toBe(
      `<Drawing xmlns="${N}"><main><name>m</name><radius>3</radius></main></Drawing>`,
    );
  });

  it('matches types by local name when namespaces are ignored', () => {
    const doc = `<Drawing xmlns:xsi="${XSI}"><shape xsi:type="x:Circle"><name>c</name><radius>1</radius></shape></Drawing>`;
    expect(
      decodeElement(SCHEMA, DRAWING, root(doc.replace('<Drawing', '<Drawing xmlns:x="urn:elsewhere"')), {
        namespaces: 'ignore',
      }),
    ).toEqual({
      shape: [{ $type: t('Circle'), name: 'c', radius: 1 }],
    });
    // Even with an undeclared prefix in the value (printed documentation is often like that).
    expect(decodeElement(SCHEMA, DRAWING, root(doc), { namespaces: 'ignore' })).toEqual({
      shape: [{ $type: t('Circle'), name: 'c', radius: 1 }],
    });
  });

  it('reuses a prefix the context declares and picks the next free one otherwise', () => {
    const v = { shape: [{ $type: t('Square'), name: 's', side: 1 }] };
    expect(encodeElement(SCHEMA, DRAWING, v, { declarations: { s: N, xsi: XSI } })).toBe(
      `<Drawing xmlns="${N}"><shape xsi:type="s:Square"><name>s</name><side>1</side></shape></Drawing>`,
    );
    expect(encodeElement(SCHEMA, DRAWING, v, { declarations: { t: 'urn:taken' } })).toBe(
      `<Drawing xmlns:xsi="${XSI}" xmlns="${N}"><shape xmlns:t2="${N}" xsi:type="t2:Square"><name>s</name><side>1</side></shape></Drawing>`,
    );
    expect(encodeElement(SCHEMA, DRAWING, v, { indent: '  ' })).toBe(
      [
        `<Drawing xmlns:xsi="${XSI}" xmlns="${N}">`,
        `  <shape xmlns:t="${N}" xsi:type="t:Square">`,
        '    <name>s</name>',
        '    <side>1</side>',
        '  </shape>',
        '</Drawing>',
      ].join('\n'),
    );
  });

  it('decodeType and encodeType honour xsi:type / $type on the root', () => {
    const circle = `<x xmlns:xsi="${XSI}" xmlns:s="${N}" xsi:type="s:ColoredCircle"><s:name>c</s:name><s:radius>1</s:radius><s:color>r</s:color></x>`;
    const value = { $type: t('ColoredCircle'), name: 'c', radius: 1, color: 'r' };
    expect(decodeType(SCHEMA, t('Shape'), root(circle))).toEqual(value);
    const xml = encodeType(SCHEMA, t('Shape'), { ns: N, local: 'x' }, value);
    expect(xml).toBe(
      `<x xmlns:xsi="${XSI}" xmlns="${N}" xmlns:t="${N}" xsi:type="t:ColoredCircle"><name>c</name><radius>1</radius><color>r</color></x>`,
    );
    expect(decodeType(SCHEMA, t('Shape'), root(xml))).toEqual(value);
    expect(
      thrown(EncodeError, () => encodeType(SCHEMA, t('Shape'), { ns: N, local: 'x' }, { name: 'c' })),
    ).toMatchObject({ code: 'invalid-type', path: 'Shape' });
  });

  it('accepts xsi:type on simple types: the type, a base of it, or a restriction of it', () => {
    const doc = (types: string[]): string =>
      `<Codes xmlns="${N}" xmlns:xsi="${XSI}" xmlns:xsd="http://www.w3.org/2001/XMLSchema">${types
        .map((ty, i) => `<code${ty === '' ? '' : ` xsi:type="${ty}"`}>${i === 0 ? 'A' : 'B'}</code>`)
        .join('')}</Codes>`;
    expect(decodeElement(SCHEMA, t('Codes'), root(doc(['Code', 'xsd:string', 'ShortCode', ''])))).toEqual({
      code: ['A', 'B', 'B', 'B'],
    });
  });

  const failures: [string, string, string, string][] = [
    [
      'a type not derived from the declared one',
      `<shape xsi:type="s:Other"><name>o</name></shape>`,
      'invalid-type',
      'Drawing.shape[0]',
    ],
    ['a sibling type', `<main xsi:type="s:Square"><name>o</name><side>1</side></main>`, 'invalid-type', 'Drawing.main'],
    ['a base of the declared type', `<main xsi:type="s:Shape"><name>o</name></main>`, 'invalid-type', 'Drawing.main'],
    ['an unknown type', `<main xsi:type="s:Nope"><name>o</name></main>`, 'invalid-type', 'Drawing.main'],
    ['an undeclared prefix', `<main xsi:type="q:Circle"><name>o</name></main>`, 'invalid-value', 'Drawing.main'],
    ['an abstract type without xsi:type', `<shape><name>o</name></shape>`, 'invalid-type', 'Drawing.shape[0]'],
    [
      'an abstract type named by xsi:type',
      `<shape xsi:type="s:Shape"><name>o</name></shape>`,
      'invalid-type',
      'Drawing.shape[0]',
    ],
    [
      'content of the derived type that does not fit',
      `<shape xsi:type="s:Circle"><name>o</name><side>1</side></shape>`,
      'unexpected-element',
      'Drawing.shape[0].side',
    ],
    [
      'content of the derived type missing',
      `<shape xsi:type="s:ColoredCircle"><name>o</name><radius>1</radius></shape>`,
      'missing-element',
      'Drawing.shape[0].color',
    ],
  ];
  for (const [what, body, code, path] of failures) {
    it(`decode: ${what} -> ${code} at ${path}`, () => {
      const error = thrown(DecodeError, () =>
        decodeElement(
          SCHEMA,
          DRAWING,
          root(`<Drawing xmlns="${N}" xmlns:s="${N}" xmlns:xsi="${XSI}">${body}</Drawing>`),
        ),
      );
      expect(error.code).toBe(code);
      expect(error.path).toBe(path);
    });
  }

  it('refuses a restriction of a simple type whose facets the text breaks', () => {
    const error = thrown(DecodeError, () =>
      decodeElement(
        SCHEMA,
        t('Codes'),
        root(`<Codes xmlns="${N}" xmlns:xsi="${XSI}"><code xsi:type="ShortCode">C</code></Codes>`),
      ),
    );
    expect(error).toMatchObject({ code: 'unknown-enum-value', path: 'Codes.code[0]' });
    const other = thrown(DecodeError, () =>
      decodeElement(
        SCHEMA,
        t('Codes'),
        root(
          `<Codes xmlns="${N}" xmlns:xsi="${XSI}" xmlns:xsd="http://www.w3.org/2001/XMLSchema"><code xsi:type="xsd:int">1</code></Codes>`,
        ),
      ),
    );
    expect(other).toMatchObject({ code: 'invalid-type', path: 'Codes.code[0]' });
  });

  const encodeCases: [string, unknown, string, string][] = [
    [
      '$type not derived from the declared type',
      { main: { $type: t('Square'), name: 'x', side: 1 } },
      'invalid-type',
      'Drawing.main.$type',
    ],
    [
      '$type of an unknown type',
      { main: { $type: t('Nope'), name: 'x', radius: 1 } },
      'invalid-type',
      'Drawing.main.$type',
    ],
    ['$type that is not a string', { main: { $type: 5, name: 'x', radius: 1 } }, 'invalid-type', 'Drawing.main.$type'],
    ['an abstract type without $type', { shape: [{ name: 'x' }] }, 'invalid-type', 'Drawing.shape[0]'],
    [
      'fields of the derived type missing',
      { shape: [{ $type: t('ColoredCircle'), name: 'x', radius: 1 }] },
      'missing-element',
      'Drawing.shape[0].color',
    ],
    [
      'fields the derived type does not have',
      { shape: [{ $type: t('Square'), name: 'x', side: 1, radius: 2 }] },
      'unknown-property',
      'Drawing.shape[0].radius',
    ],
    [
      '$element where there is no substitution group',
      { main: { $element: t('circle'), name: 'x', radius: 1 } },
      'unknown-property',
      'Drawing.main.$element',
    ],
  ];
  for (const [what, value, code, path] of encodeCases) {
    it(`encode: ${what} -> ${code} at ${path}`, () => {
      const error = thrown(EncodeError, () => encodeElement(SCHEMA, DRAWING, value));
      expect(error.code).toBe(code);
      expect(error.path).toBe(path);
      // The failing `$type` value is not echoed.
      expect(error.message).not.toContain('Nope');
      expect(error.message).not.toContain('{urn:shapes}Square');
    });
  }

  it('validates $type in JSON both ways', () => {
    expect(toJson(SCHEMA, DRAWING, { main: { $type: t('ColoredCircle'), name: 'm', radius: 1, color: 'c' } })).toEqual({
      shape: [],
      main: { $type: t('ColoredCircle'), name: 'm', radius: 1, color: 'c' },
    });
    expect(() => toJson(SCHEMA, DRAWING, { main: { $type: t('Square'), name: 'm', side: 1 } })).toThrow(EncodeError);
    expect(thrown(DecodeError, () => fromJson(SCHEMA, DRAWING, { shape: [{ name: 'x' }] }))).toMatchObject({
      code: 'invalid-type',
      path: 'Drawing.shape[0]',
    });
    expect(
      thrown(DecodeError, () => fromJson(SCHEMA, DRAWING, { main: { $type: t('Other'), name: 'x' } })),
    ).toMatchObject({
      code: 'invalid-type',
      path: 'Drawing.main.$type',
    });
  });
});

describe('substitution groups and $element', () => {
  const xml =
    `<Gallery xmlns:xsi="${XSI}" xmlns="${N}">` +
    `<circle id="7"><name>c</name><radius>1</radius></circle>` +
    `<square xsi:nil="true"/>` +
    `<circle xmlns:t="${N}" xsi:type="t:ColoredCircle"><name>cc</name><radius>2</radius><color>red</color></circle>` +
    `<square><name>s</name><side>3</side></square>` +
    `<text>plain</text><label>lab</label><count>5</count><label xsi:nil="true"/>` +
    `</Gallery>`;
  const value = {
    shapeHead: [
      { $element: t('circle'), id: 7, name: 'c', radius: 1 },
      { $element: t('square'), $value: null },
      { $element: t('circle'), $type: t('ColoredCircle'), name: 'cc', radius: 2, color: 'red' },
      { $element: t('square'), name: 's', side: 3 },
    ],
    text: [
      'plain',
      { $element: t('label'), $value: 'lab' },
      { $element: t('count'), $value: 5 },
      { $element: t('label'), $value: null },
    ],
  };

  it('decodes members with their own types and writes them back under their names', () => {
    roundTrip(GALLERY, xml, value);
  });

  it('decodes and encodes a member at the root in place of its head', () => {
    const circle = `<circle xmlns="${N}"><name>c</name><radius>1</radius></circle>`;
    expect(decodeElement(SCHEMA, t('shapeHead'), root(circle))).toEqual({
      $element: t('circle'),
      name: 'c',
      radius: 1,
    });
    expect(encodeElement(SCHEMA, t('shapeHead'), { $element: t('circle'), name: 'c', radius: 1 })).toBe(circle);
    expect(encodeElement(SCHEMA, t('text'), { $element: t('label'), $value: null })).toBe(
      `<label xmlns:xsi="${XSI}" xmlns="${N}" xsi:nil="true"/>`,
    );
    expect(toJson(SCHEMA, t('shapeHead'), { $element: t('circle'), name: 'c', radius: 1 })).toEqual({
      $element: t('circle'),
      name: 'c',
      radius: 1,
    });
  });

  const decodeCases: [string, string, string, string][] = [
    [
      'an abstract head in a particle',
      `<shapeHead xsi:type="s:Circle"><name>x</name><radius>1</radius></shapeHead>`,
      'unexpected-element',
      'Gallery.shapeHead',
    ],
    ['an abstract member', `<fancy><name>x</name><radius>1</radius></fancy>`, 'unexpected-element', 'Gallery.fancy'],
    ['a member that is not nillable', `<circle xsi:nil="true"/>`, 'nil-not-allowed', 'Gallery.shapeHead[0]'],
    ['a member content error', `<count>x</count>`, 'invalid-value', 'Gallery.text[0]'],
  ];
  for (const [what, body, code, path] of decodeCases) {
    it(`decode: ${what} -> ${code} at ${path}`, () => {
      const error = thrown(DecodeError, () =>
        decodeElement(
          SCHEMA,
          GALLERY,
          root(`<Gallery xmlns="${N}" xmlns:s="${N}" xmlns:xsi="${XSI}">${body}</Gallery>`),
        ),
      );
      expect(error.code).toBe(code);
      expect(error.path).toBe(path);
    });
  }

  it('refuses the abstract head at the root', () => {
    const error = thrown(DecodeError, () => decodeElement(SCHEMA, t('shapeHead'), root(`<shapeHead xmlns="${N}"/>`)));
    expect(error).toMatchObject({ code: 'unexpected-element', path: 'Shape' });
    expect(thrown(DecodeError, () => decodeElement(SCHEMA, t('shapeHead'), root(`<square/>`)))).toMatchObject({
      code: 'wrong-namespace',
    });
  });

  const encodeCases: [string, unknown, string, string][] = [
    [
      'no $element for an abstract head',
      { shapeHead: [{ name: 'x', radius: 1 }] },
      'invalid-type',
      'Gallery.shapeHead[0]',
    ],
    [
      '$element naming no member',
      { shapeHead: [{ $element: t('label'), name: 'x' }] },
      'invalid-value',
      'Gallery.shapeHead[0].$element',
    ],
    [
      '$element naming an abstract member',
      { shapeHead: [{ $element: t('fancy'), name: 'x', radius: 1 }] },
      'invalid-value',
      'Gallery.shapeHead[0].$element',
    ],
    [
      'a simple member without $value',
      { text: [{ $element: t('label') }] },
      'missing-element',
      'Gallery.text[0].$value',
    ],
    [
      'a simple member with other keys',
      { text: [{ $element: t('label'), $value: 'x', more: 1 }] },
      'unknown-property',
      'Gallery.text[0].more',
    ],
    [
      'a member value of the wrong type',
      { text: [{ $element: t('count'), $value: 'x' }] },
      'invalid-type',
      'Gallery.text[0].$value',
    ],
    [
      'nil for a member that is not nillable',
      { shapeHead: [{ $element: t('circle'), $value: null }] },
      'nil-not-allowed',
      'Gallery.shapeHead[0]',
    ],
  ];
  for (const [what, value, code, path] of encodeCases) {
    it(`encode: ${what} -> ${code} at ${path}`, () => {
      const error = thrown(EncodeError, () => encodeElement(SCHEMA, GALLERY, value));
      expect(error.code).toBe(code);
      expect(error.path).toBe(path);
    });
  }

  it('validates $element in JSON', () => {
    expect(
      thrown(DecodeError, () => fromJson(SCHEMA, GALLERY, { shapeHead: [{ $element: t('text'), $value: 'x' }] })),
    ).toMatchObject({
      code: 'invalid-value',
      path: 'Gallery.shapeHead[0].$element',
    });
    expect(fromJson(SCHEMA, GALLERY, { text: [{ $element: t('count'), $value: 5 }] })).toEqual({
      text: [{ $element: t('count'), $value: 5 }],
    });
  });
});
