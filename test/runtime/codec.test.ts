import { describe, expect, it } from 'vitest';
import {
  compileSchema,
  decodeElement,
  decodeType,
  DecodeError,
  encodeElement,
  encodeType,
  EncodeError,
  fromJson,
  parseXml,
  SchemaError,
  serializeElement,
  toJson,
  type CodecErrorCode,
  type ElementParticle,
  type SchemaDescriptor,
  type XmlElement,
} from '@ecgrid/soap-runtime';

const TNS = 'https://os.ecgrid.io/';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const xs = (local: string): string => `{http://www.w3.org/2001/XMLSchema}${local}`;

function el(name: string, type: string, more: Partial<ElementParticle> = {}): ElementParticle {
  return { kind: 'element', name, ns: TNS, type, min: 1, max: 1, nillable: false, ...more };
}

/** The documented KeySet contract. */
const KEYSET: SchemaDescriptor = {
  types: {
    [`{${TNS}}KeyIDInfo`]: {
      kind: 'complex',
      name: 'KeyIDInfo',
      content: [
        el('KeyID', xs('int')),
        el('UserID', xs('int')),
        el('Key', xs('string')),
        el('Visibility', `{${TNS}}KeyVisibility`),
        el('Created', xs('dateTime')),
      ],
    },
    [`{${TNS}}KeyVisibility`]: {
      kind: 'enum',
      name: 'KeyVisibility',
      base: xs('string'),
      values: ['Private', 'Shared', 'Public', 'Session'],
    },
    [`{${TNS}}KeySet~type`]: {
      kind: 'complex',
      name: 'KeySet',
      content: [
        el('SessionID', xs('string'), { min: 0 }),
        el('UserID', xs('int')),
        el('Visibility', `{${TNS}}KeyVisibility`),
      ],
    },
    [`{${TNS}}KeySetResponse~type`]: {
      kind: 'complex',
      name: 'KeySetResponse',
      content: [el('KeySetResult', `{${TNS}}KeyIDInfo`, { min: 0 })],
    },
  },
  elements: {
    [`{${TNS}}KeySet`]: { name: 'KeySet', ns: TNS, type: `{${TNS}}KeySet~type`, nillable: false },
    [`{${TNS}}KeySetResponse`]: {
      name: 'KeySetResponse',
      ns: TNS,
      type: `{${TNS}}KeySetResponse~type`,
      nillable: false,
    },
    [`{${TNS}}KeyIDInfo`]: { name: 'KeyIDInfo', ns: TNS, type: `{${TNS}}KeyIDInfo`, nillable: true },
  },
};

const U = 'urn:test';
/** Arrays with nil items, long, decimal, base64, xs:any, anyType, attributes. */
const BATCH: SchemaDescriptor = {
  types: {
    [`{${U}}Item`]: {
      kind: 'complex',
      name: 'Item',
      attributes: [
        { name: 'id', ns: '', type: xs('int'), required: true },
        { name: 'Code', ns: '', type: xs('token'), required: false },
      ],
      content: [
        { kind: 'element', name: 'Code', ns: U, type: xs('string'), min: 0, max: 1, nillable: false },
        { kind: 'element', name: 'Amount', ns: U, type: xs('decimal'), min: 1, max: 1, nillable: false },
        { kind: 'element', name: 'Count', ns: U, type: xs('long'), min: 1, max: 1, nillable: false },
      ],
    },
    [`{${U}}Batch`]: {
      kind: 'complex',
      name: 'Batch',
      content: [
        { kind: 'element', name: 'Items', ns: U, type: `{${U}}Item`, min: 0, max: -1, nillable: true },
        { kind: 'element', name: 'Numbers', ns: U, type: xs('long'), min: 0, max: -1, nillable: true },
        { kind: 'element', name: 'Payload', ns: U, type: xs('base64Binary'), min: 0, max: 1, nillable: false },
        { kind: 'any', name: 'Extra', min: 0, max: -1 },
        { kind: 'element', name: 'Note', ns: U, type: xs('string'), min: 0, max: 1, nillable: true },
        { kind: 'element', name: 'Local', ns: '', type: xs('string'), min: 0, max: 1, nillable: false },
        { kind: 'element', name: 'Other', ns: 'urn:other', type: xs('int'), min: 0, max: 1, nillable: false },
        { kind: 'element', name: 'Raw', ns: U, type: xs('anyType'), min: 0, max: 1, nillable: false },
        { kind: 'element', name: 'Flags', ns: U, type: xs('boolean'), min: 1, max: 3, nillable: false },
      ],
    },
  },
  elements: {
    [`{${U}}Batch`]: { name: 'Batch', ns: U, type: `{${U}}Batch`, nillable: true },
    [`{${U}}Count`]: { name: 'Count', ns: U, type: xs('long'), nillable: false },
  },
};

const PRINTED = `<KeyIDInfo>
<KeyID>1043</KeyID>
<UserID>5001</UserID>
<Key>xyz987uvw654rst321opq098nml765kj</Key>
<Visibility>Shared</Visibility>
<Created>2026-05-07T10:00:00</Created>
</KeyIDInfo>
`;

const EXPECTED = {
  KeyID: 1043,
  UserID: 5001,
  Key: 'xyz987uvw654rst321opq098nml765kj',
  Visibility: 'Shared',
  Created: '2026-05-07T10:00:00',
};

const QUALIFIED_INFO = `<KeyIDInfo xmlns="${TNS}"><KeyID>1043</KeyID><UserID>5001</UserID><Key>xyz987uvw654rst321opq098nml765kj</Key><Visibility>Shared</Visibility><Created>2026-05-07T10:00:00</Created></KeyIDInfo>`;

const root = (xml: string): XmlElement => parseXml(xml).root;

function decodeFails(
  schema: SchemaDescriptor,
  id: string,
  xml: string,
  options?: Parameters<typeof decodeElement>[3],
): DecodeError {
  try {
    decodeElement(schema, id, root(xml), options);
  } catch (error) {
    if (error instanceof DecodeError) return error;
    throw error;
  }
  throw new Error('expected a DecodeError');
}

function encodeFails(schema: SchemaDescriptor, id: string, value: unknown): EncodeError {
  try {
    encodeElement(schema, id, value);
  } catch (error) {
    if (error instanceof EncodeError) return error;
    throw error;
  }
  throw new Error('expected an EncodeError');
}

const INFO = `{${TNS}}KeyIDInfo`;
const KEYSET_EL = `{${TNS}}KeySet`;
const RESPONSE = `{${TNS}}KeySetResponse`;
const BATCH_EL = `{${U}}Batch`;

describe('the documented KeySet contract', () => {
  it('decodes the printed (unqualified) example with namespaces ignored', () => {
    expect(decodeElement(KEYSET, INFO, root(PRINTED), { namespaces: 'ignore' })).toEqual(EXPECTED);
  });

  it('encodes it back unqualified and indented', () => {
    const xml = encodeElement(KEYSET, INFO, EXPECTED, { qualified: false, indent: '  ' });
    expect(xml).toBe(
      [
        '<KeyIDInfo>',
        '  <KeyID>1043</KeyID>',
        '  <UserID>5001</UserID>',
        '  <Key>xyz987uvw654rst321opq098nml765kj</Key>',
        '  <Visibility>Shared</Visibility>',
        '  <Created>2026-05-07T10:00:00</Created>',
        '</KeyIDInfo>',
      ].join('\n'),
    );
    // Same document as the printed one once blank lines are ignored.
    expect(xml.replace(/\n\s*/g, '\n')).toBe(PRINTED.trimEnd());
  });

  it('encodes qualified by default, compact, with the default namespace on the root only', () => {
    expect(encodeElement(KEYSET, INFO, EXPECTED)).toBe(QUALIFIED_INFO);
    expect(encodeElement(KEYSET, KEYSET_EL, { SessionID: 'a3f1', UserID: 5001, Visibility: 'Shared' })).toBe(
      `<KeySet xmlns="${TNS}"><SessionID>a3f1</SessionID><UserID>5001</UserID><Visibility>Shared</Visibility></KeySet>`,
    );
    expect(encodeElement(KEYSET, KEYSET_EL, { UserID: 1, Visibility: 'Public' })).toBe(
      `<KeySet xmlns="${TNS}"><UserID>1</UserID><Visibility>Public</Visibility></KeySet>`,
    );
    expect(encodeElement(KEYSET, RESPONSE, {})).toBe(`<KeySetResponse xmlns="${TNS}"/>`);
  });

  it('decodes the qualified form strictly, nested types included', () => {
    expect(decodeElement(KEYSET, INFO, root(QUALIFIED_INFO))).toEqual(EXPECTED);
    const response = encodeElement(KEYSET, RESPONSE, { KeySetResult: EXPECTED }, { indent: '  ' });
    expect(response).toBe(
      [
        `<KeySetResponse xmlns="${TNS}">`,
        '  <KeySetResult>',
        '    <KeyID>1043</KeyID>',
        '    <UserID>5001</UserID>',
        '    <Key>xyz987uvw654rst321opq098nml765kj</Key>',
        '    <Visibility>Shared</Visibility>',
        '    <Created>2026-05-07T10:00:00</Created>',
        '  </KeySetResult>',
        '</KeySetResponse>',
      ].join('\n'),
    );
    expect(decodeElement(KEYSET, RESPONSE, root(response))).toEqual({ KeySetResult: EXPECTED });
    expect(decodeElement(KEYSET, RESPONSE, root(`<KeySetResponse xmlns="${TNS}"/>`))).toEqual({});
  });

  it('decodes the empty string for an empty string element and writes it self-closing', () => {
    const xml = encodeElement(KEYSET, INFO, { ...EXPECTED, Key: '' });
    expect(xml).toContain('<Key/>');
    expect(decodeElement(KEYSET, INFO, root(xml))).toEqual({ ...EXPECTED, Key: '' });
  });

  it('skips comments, PIs and whitespace between elements', () => {
    const xml = `<KeyIDInfo xmlns="${TNS}">\n  <!-- c --><KeyID>1043</KeyID><?pi x?>\n<UserID>5001</UserID><Key>xyz987uvw654rst321opq098nml765kj</Key><Visibility>Shared</Visibility><Created>2026-05-07T10:00:00</Created>\n</KeyIDInfo>`;
    expect(decodeElement(KEYSET, INFO, root(xml))).toEqual(EXPECTED);
  });

  it('decodes a nil root element as null when the element is nillable', () => {
    expect(
      decodeElement(KEYSET, INFO, root(`<KeyIDInfo xmlns="${TNS}" xmlns:xsi="${XSI}" xsi:nil="true"/>`)),
    ).toBeNull();
    expect(encodeElement(KEYSET, INFO, null)).toBe(`<KeyIDInfo xmlns:xsi="${XSI}" xmlns="${TNS}" xsi:nil="true"/>`);
  });
});

describe('decode errors: code, path, message', () => {
  const swap = (from: string, to: string): string => PRINTED.replace(from, to);
  const ignore = { namespaces: 'ignore' } as const;

  const cases: [string, string, CodecErrorCode, string][] = [
    ['unknown enum value', swap('Shared', 'Shard'), 'unknown-enum-value', 'KeyIDInfo.Visibility'],
    ['not an int', swap('1043', '1043.5'), 'invalid-value', 'KeyIDInfo.KeyID'],
    ['int out of range', swap('1043', '99999999999'), 'out-of-range', 'KeyIDInfo.KeyID'],
    ['bad dateTime', swap('2026-05-07T10:00:00', '2026-05-07'), 'invalid-value', 'KeyIDInfo.Created'],
    ['missing element', swap('<UserID>5001</UserID>\n', ''), 'missing-element', 'KeyIDInfo.UserID'],
    [
      'missing last element',
      swap('<Created>2026-05-07T10:00:00</Created>\n', ''),
      'missing-element',
      'KeyIDInfo.Created',
    ],
    ['unknown element', swap('<Key>', '<Foo/><Key>'), 'unexpected-element', 'KeyIDInfo.Foo'],
    [
      'element out of order',
      swap('<UserID>5001</UserID>\n', '').replace('</Key>', '</Key><UserID>5001</UserID>'),
      'missing-element',
      'KeyIDInfo.UserID',
    ],
    [
      'element after its place',
      swap('<Created>', '<KeyID>1</KeyID><Created>'),
      'unexpected-element',
      'KeyIDInfo.KeyID',
    ],
    ['too many', swap('<UserID>', '<KeyID>2</KeyID><UserID>'), 'too-many-elements', 'KeyIDInfo.KeyID'],
    ['element inside text', swap('<Key>xyz', '<Key><b/>xyz'), 'unexpected-element', 'KeyIDInfo.Key'],
    ['stray text', swap('<UserID>', 'hello<UserID>'), 'unexpected-text', 'KeyIDInfo'],
    [
      'not nillable',
      swap('<KeyID>1043</KeyID>', `<KeyID xmlns:xsi="${XSI}" xsi:nil="true"/>`),
      'nil-not-allowed',
      'KeyIDInfo.KeyID',
    ],
    ['wrong root', '<KeyInfo/>', 'unexpected-element', 'KeyIDInfo'],
  ];
  for (const [what, xml, code, path] of cases) {
    it(`${what}: ${code} at ${path}`, () => {
      const error = decodeFails(KEYSET, INFO, xml, ignore);
      expect(error.code).toBe(code);
      expect(error.path).toBe(path);
      expect(error.message.startsWith(`${path}: `)).toBe(true);
    });
  }

  it('says which enumeration values are allowed', () => {
    expect(decodeFails(KEYSET, INFO, swap('Shared', 'Shard'), ignore).message).toBe(
      'KeyIDInfo.Visibility: unknown enumeration value "Shard" (expected one of Private, Shared, Public, Session)',
    );
  });

  it('reports wrong namespaces in strict mode, on the root and on children', () => {
    const rootError = decodeFails(KEYSET, INFO, PRINTED);
    expect(rootError.code).toBe('wrong-namespace');
    expect(rootError.path).toBe('KeyIDInfo');
    const child = QUALIFIED_INFO.replace('<UserID>', '<UserID xmlns="urn:elsewhere">');
    const error = decodeFails(KEYSET, INFO, child);
    expect(error.code).toBe('wrong-namespace');
    expect(error.path).toBe('KeyIDInfo.UserID');
    expect(error.message).toContain('namespace "urn:elsewhere"');
  });

  it('gives the offset, and line/column when positionOf is passed', () => {
    const xml = swap('Shared', 'Shard');
    const doc = parseXml(xml);
    let error: DecodeError | undefined;
    try {
      decodeElement(KEYSET, INFO, doc.root, { namespaces: 'ignore', positionOf: doc.positionOf });
    } catch (e) {
      error = e as DecodeError;
    }
    expect(error?.offset).toBe(xml.indexOf('<Visibility>'));
    expect(error?.line).toBe(5);
    expect(error?.column).toBe(1);
    expect(error?.message).toMatch(/\(at 5:1\)$/);
  });

  it('paths through arrays carry the index', () => {
    const xml = `<Batch xmlns="${U}"><Items id="1"><Amount>1</Amount><Count>1</Count></Items><Items id="2"><Amount>1.2.3</Amount><Count>1</Count></Items><Flags>true</Flags></Batch>`;
    const error = decodeFails(BATCH, BATCH_EL, xml);
    expect(error.code).toBe('invalid-value');
    expect(error.path).toBe('Batch.Items[1].Amount');
  });

  it('reports arrays above their maximum and below their minimum', () => {
    const flags = (n: number): string => `<Batch xmlns="${U}">${'<Flags>1</Flags>'.repeat(n)}</Batch>`;
    expect(decodeFails(BATCH, BATCH_EL, flags(4))).toMatchObject({ code: 'too-many-elements', path: 'Batch.Flags' });
    expect(decodeFails(BATCH, BATCH_EL, flags(0))).toMatchObject({ code: 'missing-element', path: 'Batch.Flags' });
    expect(decodeElement(BATCH, BATCH_EL, root(flags(3)))).toMatchObject({ Flags: [true, true, true] });
  });

  it('reports attributes', () => {
    const bad = `<Batch xmlns="${U}"><Items id="x"><Amount>1</Amount><Count>1</Count></Items><Flags>1</Flags></Batch>`;
    expect(decodeFails(BATCH, BATCH_EL, bad)).toMatchObject({ code: 'invalid-value', path: 'Batch.Items[0].id' });
    const missing = `<Batch xmlns="${U}"><Items><Amount>1</Amount><Count>1</Count></Items><Flags>1</Flags></Batch>`;
    expect(decodeFails(BATCH, BATCH_EL, missing)).toMatchObject({
      code: 'missing-attribute',
      path: 'Batch.Items[0].id',
    });
  });
});

const BATCH_XML =
  `<Batch xmlns="${U}" xmlns:xsi="${XSI}">` +
  `<Items id="1" Code=" A  B "><Code>c1</Code><Amount>12345678901234567890.10</Amount><Count>9223372036854775807</Count></Items>` +
  `<Items xsi:nil="true"/>` +
  `<Items id="3"><Amount>-0.5</Amount><Count>-9223372036854775808</Count></Items>` +
  `<Numbers>1</Numbers><Numbers xsi:nil="true"/><Numbers>3</Numbers>` +
  `<Payload>SGVs\n bG8=</Payload>` +
  `<x:Thing xmlns:x="urn:x" a="1"><x:Sub>t &amp; u</x:Sub><!--c--></x:Thing>` +
  `<Unknown xmlns="urn:y"><z/></Unknown>` +
  `<Note xsi:nil="true"/>` +
  `<Local xmlns="">plain</Local>` +
  `<Other xmlns="urn:other">7</Other>` +
  `<Raw kind="r"><Anything xmlns="urn:r">x</Anything></Raw>` +
  `<Flags>true</Flags><Flags>0</Flags>` +
  `</Batch>`;

describe('arrays, nil, long, decimal, base64, xs:any, anyType, attributes', () => {
  const value = decodeElement(BATCH, BATCH_EL, root(BATCH_XML)) as Record<string, unknown>;

  it('decodes every field with its representation', () => {
    expect(value.Items).toEqual([
      { id: 1, '@Code': 'A B', Code: 'c1', Amount: '12345678901234567890.10', Count: 9223372036854775807n },
      null,
      { id: 3, Amount: '-0.5', Count: -9223372036854775808n },
    ]);
    expect(value.Numbers).toEqual([1n, null, 3n]);
    expect(value.Payload).toEqual(new TextEncoder().encode('Hello'));
    expect(value.Note).toBeNull();
    expect(value.Local).toBe('plain');
    expect(value.Other).toBe(7);
    expect(value.Flags).toEqual([true, false]);
    expect(Object.keys(value)).toEqual([
      'Items',
      'Numbers',
      'Payload',
      'Extra',
      'Note',
      'Local',
      'Other',
      'Raw',
      'Flags',
    ]);
  });

  it('keeps xs:any elements verbatim, byte for byte', () => {
    const extra = value.Extra as XmlElement[];
    expect(extra.map((e) => e.local)).toEqual(['Thing', 'Unknown']);
    expect(serializeElement(extra[0] as XmlElement)).toBe(
      '<x:Thing xmlns:x="urn:x" a="1"><x:Sub>t &amp; u</x:Sub><!--c--></x:Thing>',
    );
    expect(serializeElement(extra[1] as XmlElement)).toBe('<Unknown xmlns="urn:y"><z/></Unknown>');
    expect((value.Raw as XmlElement).attributes[0]?.value).toBe('r');
  });

  it('gives absent arrays as [] and absent optionals as absent', () => {
    const minimal = decodeElement(BATCH, BATCH_EL, root(`<Batch xmlns="${U}"><Flags>1</Flags></Batch>`));
    expect(minimal).toEqual({ Items: [], Numbers: [], Extra: [], Flags: [true] });
  });

  it('encodes everything back to the same document', () => {
    const xml = encodeElement(BATCH, BATCH_EL, value);
    expect(xml).toBe(
      `<Batch xmlns:xsi="${XSI}" xmlns="${U}">` +
        `<Items id="1" Code="A B"><Code>c1</Code><Amount>12345678901234567890.10</Amount><Count>9223372036854775807</Count></Items>` +
        `<Items xsi:nil="true"/>` +
        `<Items id="3"><Amount>-0.5</Amount><Count>-9223372036854775808</Count></Items>` +
        `<Numbers>1</Numbers><Numbers xsi:nil="true"/><Numbers>3</Numbers>` +
        `<Payload>SGVsbG8=</Payload>` +
        `<x:Thing xmlns:x="urn:x" a="1"><x:Sub>t &amp; u</x:Sub><!--c--></x:Thing>` +
        `<Unknown xmlns="urn:y"><z/></Unknown>` +
        `<Note xsi:nil="true"/>` +
        `<Local xmlns="">plain</Local>` +
        `<Other xmlns="urn:other">7</Other>` +
        `<Raw kind="r"><Anything xmlns="urn:r">x</Anything></Raw>` +
        `<Flags>true</Flags><Flags>false</Flags>` +
        `</Batch>`,
    );
    // Kept XML trees differ in offsets, so compare through JSON.
    expect(toJson(BATCH, BATCH_EL, decodeElement(BATCH, BATCH_EL, root(xml)))).toEqual(toJson(BATCH, BATCH_EL, value));
  });

  it('does not declare xsi when no nil is written, nor when the context declares it', () => {
    const plain = encodeElement(BATCH, BATCH_EL, { Numbers: [5n], Flags: [true] });
    expect(plain).toBe(`<Batch xmlns="${U}"><Numbers>5</Numbers><Flags>true</Flags></Batch>`);
    const nil = encodeElement(BATCH, BATCH_EL, { Numbers: [null], Flags: [true] }, { declarations: { i: XSI } });
    expect(nil).toBe(`<Batch xmlns="${U}"><Numbers i:nil="true"/><Flags>true</Flags></Batch>`);
  });

  it('honours an inherited default namespace', () => {
    const xml = encodeElement(BATCH, BATCH_EL, { Local: 'l', Flags: [true] }, { declarations: { '': U } });
    expect(xml).toBe(`<Batch><Local xmlns="">l</Local><Flags>true</Flags></Batch>`);
  });

  it('round trips through JSON', () => {
    const json = toJson(BATCH, BATCH_EL, value);
    const text = JSON.stringify(json);
    const parsed = JSON.parse(text) as Record<string, unknown>;
    expect(parsed.Items).toEqual([
      { id: 1, '@Code': 'A B', Code: 'c1', Amount: '12345678901234567890.10', Count: '9223372036854775807' },
      null,
      { id: 3, Amount: '-0.5', Count: '-9223372036854775808' },
    ]);
    expect(parsed.Numbers).toEqual(['1', null, '3']);
    expect(parsed.Payload).toBe('SGVsbG8=');
    expect(parsed.Extra).toEqual([
      '<x:Thing xmlns:x="urn:x" a="1"><x:Sub>t &amp; u</x:Sub><!--c--></x:Thing>',
      '<Unknown xmlns="urn:y"><z/></Unknown>',
    ]);
    expect(parsed.Raw).toBe(`<Raw xmlns="${U}" kind="r"><Anything xmlns="urn:r">x</Anything></Raw>`);
    expect(parsed.Note).toBeNull();
    const back = fromJson(BATCH, BATCH_EL, parsed) as Record<string, unknown>;
    expect(encodeElement(BATCH, BATCH_EL, back)).toBe(encodeElement(BATCH, BATCH_EL, value));
    expect(toJson(BATCH, BATCH_EL, back)).toEqual(json);
  });

  it('converts the documented contract to JSON and back', () => {
    expect(toJson(KEYSET, INFO, EXPECTED)).toEqual(EXPECTED);
    expect(fromJson(KEYSET, INFO, EXPECTED)).toEqual(EXPECTED);
    expect(toJson(KEYSET, `{${TNS}}KeyVisibility`, 'Public')).toBe('Public');
    expect(toJson(KEYSET, INFO, null)).toBeNull();
    expect(() => fromJson(KEYSET, INFO, { ...EXPECTED, Visibility: 'Nope' })).toThrow(DecodeError);
    expect(() => fromJson(KEYSET, INFO, { ...EXPECTED, Extra: 1 })).toThrow(/KeyIDInfo\.Extra: unknown property/);
    expect(() => fromJson(BATCH, BATCH_EL, { Flags: [true], Numbers: [1.5] })).toThrow(/Batch\.Numbers\[0\]/);
  });
});

describe('encode validation', () => {
  const base = { SessionID: 'sess', UserID: 5001, Visibility: 'Shared' };
  const cases: [string, unknown, CodecErrorCode, string][] = [
    ['missing required', { SessionID: 'sess', Visibility: 'Shared' }, 'missing-element', 'KeySet.UserID'],
    ['wrong JS type', { ...base, UserID: '5001' }, 'invalid-type', 'KeySet.UserID'],
    ['not an integer', { ...base, UserID: 1.5 }, 'invalid-value', 'KeySet.UserID'],
    ['int out of range', { ...base, UserID: 2 ** 31 }, 'out-of-range', 'KeySet.UserID'],
    ['not in enumeration', { ...base, Visibility: 'Shard' }, 'unknown-enum-value', 'KeySet.Visibility'],
    ['unknown property', { ...base, Sessionid: 'x' }, 'unknown-property', 'KeySet.Sessionid'],
    ['null for a non-nillable required element', { ...base, UserID: null }, 'nil-not-allowed', 'KeySet.UserID'],
    ['not an object', 'KeySet', 'invalid-type', 'KeySet'],
  ];
  for (const [what, value, code, path] of cases) {
    it(`${what}: ${code} at ${path}`, () => {
      const error = encodeFails(KEYSET, KEYSET_EL, value);
      expect(error.code).toBe(code);
      expect(error.path).toBe(path);
    });
  }

  it('treats null for an optional non-nillable element as absent', () => {
    expect(encodeElement(KEYSET, KEYSET_EL, { ...base, SessionID: null })).toBe(
      `<KeySet xmlns="${TNS}"><UserID>5001</UserID><Visibility>Shared</Visibility></KeySet>`,
    );
  });

  it('requires bigint for long and checks array bounds and items', () => {
    const item = { id: 1, Amount: '1', Count: 1n };
    expect(encodeFails(BATCH, BATCH_EL, { Items: [item, { ...item, Count: 5 }], Flags: [true] })).toMatchObject({
      code: 'invalid-type',
      path: 'Batch.Items[1].Count',
    });
    expect(encodeFails(BATCH, BATCH_EL, { Flags: [] })).toMatchObject({ code: 'missing-element', path: 'Batch.Flags' });
    expect(encodeFails(BATCH, BATCH_EL, { Flags: [true, true, true, true] })).toMatchObject({
      code: 'too-many-elements',
      path: 'Batch.Flags',
    });
    expect(encodeFails(BATCH, BATCH_EL, { Flags: true })).toMatchObject({ code: 'invalid-type', path: 'Batch.Flags' });
    expect(encodeFails(BATCH, BATCH_EL, { Items: [{ Amount: '1', Count: 1n }], Flags: [true] })).toMatchObject({
      code: 'missing-attribute',
      path: 'Batch.Items[0].id',
    });
    expect(encodeFails(BATCH, BATCH_EL, { Items: [{ ...item, Amount: 1 }], Flags: [true] })).toMatchObject({
      code: 'invalid-type',
      path: 'Batch.Items[0].Amount',
    });
    expect(encodeFails(BATCH, BATCH_EL, { Extra: ['<a/>'], Flags: [true] })).toMatchObject({
      code: 'invalid-type',
      path: 'Batch.Extra[0]',
    });
    expect(encodeFails(BATCH, `{${U}}Count`, 5)).toMatchObject({ code: 'invalid-type', path: 'Count' });
  });

  it('never puts input string values into error messages', () => {
    const secret = 'TOP-SECRET-SESSION-0f1e2d';
    const attempts: [SchemaDescriptor, string, unknown][] = [
      [KEYSET, KEYSET_EL, { SessionID: secret, UserID: secret, Visibility: 'Shared' }],
      [KEYSET, KEYSET_EL, { SessionID: secret, UserID: 1, Visibility: secret }],
      [KEYSET, KEYSET_EL, { SessionID: `${secret}\u0000`, UserID: 1, Visibility: 'Shared' }],
      [KEYSET, KEYSET_EL, { SessionID: secret, Visibility: 'Shared' }],
      [KEYSET, INFO, { ...EXPECTED, Created: secret }],
      [KEYSET, INFO, { ...EXPECTED, KeyID: secret }],
      [KEYSET, KEYSET_EL, secret],
      [BATCH, BATCH_EL, { Items: [{ id: 1, Amount: secret, Count: 1n }], Flags: [true] }],
      [BATCH, BATCH_EL, { Payload: secret, Flags: [true] }],
      [BATCH, BATCH_EL, { Numbers: [secret], Flags: [true] }],
      [BATCH, BATCH_EL, { Note: secret, Flags: [secret] }],
    ];
    for (const [schema, id, value] of attempts) {
      const error = encodeFails(schema, id, value);
      expect(error.message).not.toContain(secret);
      expect(error.message).not.toContain('TOP-SECRET');
    }
  });
});

describe('pretty printing and other entry points', () => {
  it('indents nested elements and keeps text-only elements on one line', () => {
    const xml = encodeElement(
      BATCH,
      BATCH_EL,
      { Items: [{ id: 1, Amount: '1', Count: 2n }, null], Flags: [true] },
      { indent: '\t' },
    );
    expect(xml).toBe(
      [
        `<Batch xmlns:xsi="${XSI}" xmlns="${U}">`,
        '\t<Items id="1">',
        '\t\t<Amount>1</Amount>',
        '\t\t<Count>2</Count>',
        '\t</Items>',
        '\t<Items xsi:nil="true"/>',
        '\t<Flags>true</Flags>',
        '</Batch>',
      ].join('\n'),
    );
  });

  it('escapes text and attribute values', () => {
    const xml = encodeElement(KEYSET, KEYSET_EL, { SessionID: 'a<b & "c">\r', UserID: 1, Visibility: 'Shared' });
    expect(xml).toContain('<SessionID>a&lt;b &amp; "c"&gt;&#13;</SessionID>');
    expect(decodeElement(KEYSET, KEYSET_EL, root(xml))).toMatchObject({ SessionID: 'a<b & "c">\r' });
  });

  it('decodeType does not check the element name; encodeType names the element', () => {
    const other = QUALIFIED_INFO.replace(/KeyIDInfo/g, 'Whatever');
    expect(decodeType(KEYSET, INFO, root(other))).toEqual(EXPECTED);
    expect(encodeType(KEYSET, INFO, { ns: 'urn:n', local: 'Info' }, { ...EXPECTED, Key: 'k' })).toBe(
      '<Info xmlns="urn:n"><KeyID xmlns="https://os.ecgrid.io/">1043</KeyID><UserID xmlns="https://os.ecgrid.io/">5001</UserID><Key xmlns="https://os.ecgrid.io/">k</Key><Visibility xmlns="https://os.ecgrid.io/">Shared</Visibility><Created xmlns="https://os.ecgrid.io/">2026-05-07T10:00:00</Created></Info>',
    );
    expect(encodeType(KEYSET, xs('int'), { ns: '', local: 'n' }, 5)).toBe('<n>5</n>');
    expect(decodeType(KEYSET, xs('long'), root('<n> 9223372036854775807 </n>'))).toBe(9223372036854775807n);
  });

  it('compiles once per descriptor and refuses unknown ids', () => {
    expect(compileSchema(KEYSET)).toBe(compileSchema(KEYSET));
    expect(() => decodeElement(KEYSET, '{urn:none}X', root('<X/>'))).toThrow(SchemaError);
    expect(() =>
      compileSchema({ types: { T: { kind: 'complex', name: 'T', content: [el('a', 'Missing')] } }, elements: {} }),
    ).toThrow(/Missing is not defined/);
  });
});
