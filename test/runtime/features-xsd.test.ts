/**
 * An independent referee for the new features: documents the codec writes are validated by
 * libxml2 (`xmllint --schema`) against an XML Schema that declares what the hand-written
 * descriptor describes (derivation, abstract types, substitution groups, nested choice and
 * sequence, xs:all, mixed and simple content, list, union, fixed/default, SOAP arrays), and the
 * codec reads them back to the same value.
 */
import { describe, expect, it } from 'vitest';
import { decodeElement, encodeElement, parseXml, type SchemaDescriptor } from '@ecgrid/soap-runtime';
import { elementsIn } from './support/descriptors.js';
import { localSchema, SOAPENC_SCHEMA_FILE, validateXml } from '../support/libxml2.js';

const XSD = 'http://www.w3.org/2001/XMLSchema';
const ENC = 'http://schemas.xmlsoap.org/soap/encoding/';
const xs = (local: string): string => `{${XSD}}${local}`;
const K = 'urn:check';
const t = (local: string): string => `{${K}}${local}`;
const el = elementsIn(K, 1);

const XSD_TEXT = `<?xml version="1.0" encoding="utf-8"?>
<xs:schema xmlns:xs="${XSD}" xmlns:c="${K}" xmlns:soapenc="${ENC}" targetNamespace="${K}" elementFormDefault="qualified">
  <xs:import namespace="${ENC}" schemaLocation="${SOAPENC_SCHEMA_FILE}"/>
  <xs:complexType name="Shape" abstract="true">
    <xs:sequence><xs:element name="name" type="xs:string"/></xs:sequence>
    <xs:attribute name="id" type="xs:int"/>
  </xs:complexType>
  <xs:complexType name="Circle">
    <xs:complexContent><xs:extension base="c:Shape"><xs:sequence><xs:element name="radius" type="xs:double"/></xs:sequence></xs:extension></xs:complexContent>
  </xs:complexType>
  <xs:complexType name="ColoredCircle">
    <xs:complexContent><xs:extension base="c:Circle"><xs:sequence><xs:element name="color" type="xs:string"/></xs:sequence></xs:extension></xs:complexContent>
  </xs:complexType>
  <xs:element name="shape" type="c:Shape" abstract="true"/>
  <xs:element name="circle" type="c:Circle" substitutionGroup="c:shape"/>
  <xs:element name="label" type="xs:string"/>
  <xs:element name="note" type="xs:string" substitutionGroup="c:label"/>
  <xs:simpleType name="IntList"><xs:list itemType="xs:int"/></xs:simpleType>
  <xs:simpleType name="Size"><xs:restriction base="xs:string"><xs:enumeration value="S"/><xs:enumeration value="M"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="IntOrSize"><xs:union memberTypes="xs:int c:Size"/></xs:simpleType>
  <xs:complexType name="Price">
    <xs:simpleContent><xs:extension base="xs:decimal"><xs:attribute name="currency" type="xs:string" use="required"/></xs:extension></xs:simpleContent>
  </xs:complexType>
  <xs:complexType name="Para" mixed="true">
    <xs:choice minOccurs="0" maxOccurs="unbounded"><xs:element name="b" type="xs:string"/><xs:element name="i" type="xs:string"/></xs:choice>
  </xs:complexType>
  <xs:complexType name="Pair">
    <xs:all><xs:element name="x" type="xs:int"/><xs:element name="y" type="xs:int" minOccurs="0"/></xs:all>
  </xs:complexType>
  <xs:complexType name="ArrayOfInt">
    <xs:complexContent>
      <xs:restriction base="soapenc:Array">
        <xs:sequence><xs:element name="item" type="xs:int" form="unqualified" nillable="true" minOccurs="0" maxOccurs="unbounded"/></xs:sequence>
      </xs:restriction>
    </xs:complexContent>
  </xs:complexType>
  <xs:element name="Doc">
    <xs:complexType>
      <xs:sequence>
        <xs:element name="main" type="c:Shape"/>
        <xs:element ref="c:shape" minOccurs="0" maxOccurs="unbounded"/>
        <xs:element ref="c:label" minOccurs="0" maxOccurs="unbounded"/>
        <xs:choice>
          <xs:element name="card" type="xs:string"/>
          <xs:sequence><xs:element name="iban" type="xs:string"/><xs:element name="bic" type="xs:string" minOccurs="0"/></xs:sequence>
        </xs:choice>
        <xs:sequence minOccurs="0" maxOccurs="unbounded">
          <xs:element name="sku" type="xs:string"/>
          <xs:choice minOccurs="0"><xs:element name="kg" type="xs:decimal"/><xs:element name="pcs" type="xs:int"/></xs:choice>
        </xs:sequence>
        <xs:element name="ints" type="c:IntList"/>
        <xs:element name="u" type="c:IntOrSize" maxOccurs="unbounded"/>
        <xs:element name="price" type="c:Price"/>
        <xs:element name="para" type="c:Para"/>
        <xs:element name="pair" type="c:Pair"/>
        <xs:element name="status" type="xs:string" fixed="open" minOccurs="0"/>
        <xs:element name="qty" type="xs:int" default="1" minOccurs="0"/>
        <xs:element name="arr" type="c:ArrayOfInt" minOccurs="0"/>
      </xs:sequence>
      <xs:attribute name="kind" type="xs:string" fixed="sale"/>
    </xs:complexType>
  </xs:element>
</xs:schema>
`;

const SCHEMA: SchemaDescriptor = {
  types: {
    [t('Shape')]: {
      kind: 'complex',
      name: 'Shape',
      abstract: true,
      content: [el('name', xs('string'))],
      attributes: [{ name: 'id', ns: '', type: xs('int'), required: false }],
    },
    [t('Circle')]: {
      kind: 'complex',
      name: 'Circle',
      base: t('Shape'),
      content: [el('name', xs('string')), el('radius', xs('double'))],
      attributes: [{ name: 'id', ns: '', type: xs('int'), required: false }],
    },
    [t('ColoredCircle')]: {
      kind: 'complex',
      name: 'ColoredCircle',
      base: t('Circle'),
      content: [el('name', xs('string')), el('radius', xs('double')), el('color', xs('string'))],
      attributes: [{ name: 'id', ns: '', type: xs('int'), required: false }],
    },
    [t('IntList')]: { kind: 'list', name: 'IntList', item: xs('int') },
    [t('Size')]: { kind: 'enum', name: 'Size', base: xs('string'), values: ['S', 'M'] },
    [t('IntOrSize')]: { kind: 'union', name: 'IntOrSize', members: [xs('int'), t('Size')] },
    [t('Price')]: {
      kind: 'complex',
      name: 'Price',
      text: xs('decimal'),
      content: [],
      attributes: [{ name: 'currency', ns: '', type: xs('string'), required: true }],
    },
    [t('Para')]: {
      kind: 'complex',
      name: 'Para',
      mixed: true,
      content: [
        { kind: 'choice', name: 'runs', min: 0, max: -1, options: [el('b', xs('string')), el('i', xs('string'))] },
      ],
    },
    [t('Pair')]: {
      kind: 'complex',
      name: 'Pair',
      all: true,
      content: [el('x', xs('int')), el('y', xs('int'), { min: 0 })],
    },
    [t('ArrayOfInt')]: { kind: 'soap-array', name: 'ArrayOfInt', item: xs('int') },
    [t('Doc~type')]: {
      kind: 'complex',
      name: 'Doc',
      attributes: [{ name: 'kind', ns: '', type: xs('string'), required: false, fixed: 'sale' }],
      content: [
        el('main', t('Shape')),
        el('shape', t('Shape'), { min: 0, max: -1, substitutes: [t('circle')] }),
        el('label', xs('string'), { min: 0, max: -1, substitutes: [t('note')] }),
        {
          kind: 'choice',
          name: 'payment',
          min: 1,
          max: 1,
          options: [
            el('card', xs('string')),
            {
              kind: 'sequence',
              name: 'bank',
              min: 1,
              max: 1,
              content: [el('iban', xs('string')), el('bic', xs('string'), { min: 0 })],
            },
          ],
        },
        {
          kind: 'sequence',
          name: 'lines',
          min: 0,
          max: -1,
          content: [
            el('sku', xs('string')),
            { kind: 'choice', name: 'unit', min: 0, max: 1, options: [el('kg', xs('decimal')), el('pcs', xs('int'))] },
          ],
        },
        el('ints', t('IntList')),
        el('u', t('IntOrSize'), { max: -1 }),
        el('price', t('Price')),
        el('para', t('Para')),
        el('pair', t('Pair')),
        el('status', xs('string'), { min: 0, fixed: 'open' }),
        el('qty', xs('int'), { min: 0, default: '1' }),
        el('arr', t('ArrayOfInt'), { min: 0 }),
      ],
    },
  },
  elements: {
    [t('Doc')]: { name: 'Doc', ns: K, type: t('Doc~type'), nillable: false },
    [t('shape')]: { name: 'shape', ns: K, type: t('Shape'), nillable: false, abstract: true },
    [t('circle')]: { name: 'circle', ns: K, type: t('Circle'), nillable: false, substitutionGroup: t('shape') },
    [t('label')]: { name: 'label', ns: K, type: xs('string'), nillable: false },
    [t('note')]: { name: 'note', ns: K, type: xs('string'), nillable: false, substitutionGroup: t('label') },
  },
};

const DOC = t('Doc');
const VALUE = {
  kind: 'sale',
  main: { $type: t('ColoredCircle'), id: 1, name: 'm', radius: 1.5, color: 'red' },
  shape: [
    { $element: t('circle'), name: 'c', radius: 2 },
    { $element: t('circle'), $type: t('ColoredCircle'), name: 'cc', radius: 3, color: 'blue' },
  ],
  label: ['l', { $element: t('note'), $value: 'n' }],
  iban: 'DE00',
  lines: [{ sku: 'A', kg: '1.5' }, { sku: 'B' }, { sku: 'C', pcs: 2 }],
  ints: [1, 2, 3],
  u: [7, 'M'],
  price: { $value: '9.99', currency: 'EUR' },
  para: { $text: ['Hello ', ' and ', '!'], runs: [{ b: 'bold' }, { i: 'it' }] },
  pair: { x: 1, y: 2 },
  status: 'open',
  qty: 1,
  arr: [1, null, 3],
};
const FILES = { files: { [SOAPENC_SCHEMA_FILE]: localSchema(SOAPENC_SCHEMA_FILE) } };

describe('libxml2 accepts what the codec writes', () => {
  for (const [label, options] of [
    ['compact', {}],
    ['indented', { indent: '  ' }],
    ['rpc/encoded (xsi:type everywhere)', { xsiTypes: true }],
  ] as const) {
    it(label, () => {
      const xml = encodeElement(SCHEMA, DOC, VALUE, options);
      const result = validateXml(XSD_TEXT, xml, FILES);
      expect(result.errors).toEqual([]);
      expect(result.ok).toBe(true);
      expect(decodeElement(SCHEMA, DOC, parseXml(xml).root)).toEqual(VALUE);
    });
  }

  it('and refuses the documents the codec refuses (the referee is awake)', () => {
    const xml = encodeElement(SCHEMA, DOC, VALUE);
    for (const broken of [
      xml.replace('<iban>DE00</iban>', '<card>c</card><iban>DE00</iban>'),
      xml.replace('<status>open</status>', '<status>closed</status>'),
      xml.replace('<y>2</y>', '<y>2</y><x>1</x>'),
      xml.replace('<main xmlns:t="urn:check" xsi:type="t:ColoredCircle" id="1">', '<main id="1">'),
    ]) {
      expect(broken).not.toBe(xml);
      expect(validateXml(XSD_TEXT, broken, FILES).ok).toBe(false);
      expect(() => decodeElement(SCHEMA, DOC, parseXml(broken).root)).toThrow();
    }
  });
});
