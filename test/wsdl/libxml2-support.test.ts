/**
 * The libxml2 test helpers (`test/support/libxml2.ts`) on the real ECGridOS WSDLs
 * (`../shared/corpus/`), which have two schemas, the second importing SOAP encoding.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  compileSchema,
  extractElements,
  extractSchema,
  extractSchemas,
  SOAPENC_NS,
  SOAPENC_SCHEMA_FILE,
  validateWsdlStructure,
  validateXml,
  XMLSCHEMA_SCHEMA_FILE,
  xmllintAvailable,
  XSD_NS,
  xpath,
  xpathCount,
} from '../support/libxml2.js';

const REPO = new URL('../../', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, REPO), 'utf8');
const realV41 = read('../shared/corpus/ECGridOS-v4.1.wsdl');

describe('xmllint', () => {
  it('is installed (CI installs libxml2-utils; tests fail rather than skip without it)', () => {
    expect(xmllintAvailable()).toBe(true);
  });
});

describe('extractSchemas on the real v4.1 WSDL', () => {
  const schemas = extractSchemas(realV41);

  it('finds both schemas, with their imports', () => {
    expect(schemas.map((s) => [s.fileName, s.targetNamespace, s.imports])).toEqual([
      ['schema-1.xsd', 'https://os.ecgrid.io/', []],
      ['schema-2.xsd', 'https://os.ecgrid.io/AbstractTypes', [SOAPENC_NS]],
    ]);
  });

  it('carries the namespace declarations of wsdl:definitions onto each schema element', () => {
    for (const s of schemas) {
      const start = /<s:schema\b[^>]*>/.exec(s.text)![0];
      expect(start).toContain(`xmlns:s="${XSD_NS}"`);
      expect(start).toContain('xmlns:tns="https://os.ecgrid.io/"');
      expect(start).toContain(`xmlns:soapenc="${SOAPENC_NS}"`);
      expect(start).toContain('xmlns:s1="https://os.ecgrid.io/AbstractTypes"');
    }
  });

  it('the main schema (73 of the 74 named complex types, 44 enumerations) compiles', () => {
    const main = extractSchema(realV41);
    expect(main.fileName).toBe('schema-1.xsd');
    expect(xpathCount(main.text, '/s:schema/s:complexType', { s: XSD_NS })).toBe(73);
    expect(xpathCount(schemas[1]!.text, '/s:schema/s:complexType', { s: XSD_NS })).toBe(1);
    // 18 DataSet results refer to s:schema: the stand-in is imported first.
    expect(xpathCount(main.text, "//s:element[@ref='s:schema']", { s: XSD_NS })).toBe(18);
    expect(main.text).toMatch(
      /^<s:schema [^>]* elementFormDefault="qualified" targetNamespace="https:\/\/os\.ecgrid\.io\/">\r\n {6}<s:import namespace="http:\/\/www\.w3\.org\/2001\/XMLSchema" schemaLocation="xmlschema-minimal\.xsd" \/>\r\n {6}<s:element name="NowUTC">/,
    );
    expect(xpathCount(main.text, '/s:schema/s:simpleType[s:restriction/s:enumeration]', { s: XSD_NS })).toBe(44);
    expect(compileSchema(main.text, { files: main.files })).toEqual({ ok: true, errors: [] });
  });

  it('the AbstractTypes schema compiles with the local minimal soapenc schema', () => {
    const abstract = schemas[1]!;
    expect(abstract.text).toContain(`namespace="${SOAPENC_NS}"`);
    expect(abstract.text).toMatch(
      /<s:import schemaLocation="soapenc-minimal\.xsd" namespace="http:\/\/schemas\.xmlsoap\.org\/soap\/encoding\/" \/>/,
    );
    expect(Object.keys(abstract.files).sort()).toEqual(['schema-1.xsd', SOAPENC_SCHEMA_FILE, XMLSCHEMA_SCHEMA_FILE]);
    expect(compileSchema(abstract.text, { files: abstract.files })).toEqual({ ok: true, errors: [] });
  });

  it('without the soapenc schema, libxml2 rejects the AbstractTypes schema', () => {
    const abstract = schemas[1]!;
    const r = compileSchema(abstract.text, { files: {} });
    expect(r.ok).toBe(false);
    expect(r.errors.join('\n')).toMatch(/soapenc|soap\/encoding/);
  });

  it("soapenc: 'skip' leaves the schema importing SOAP encoding out", () => {
    expect(extractSchemas(realV41, { soapenc: 'skip' }).map((s) => s.targetNamespace)).toEqual([
      'https://os.ecgrid.io/',
    ]);
  });

  it('validates a document against the real schema', () => {
    const main = extractSchema(realV41);
    const doc = '<KeySetResponse xmlns="https://os.ecgrid.io/"><KeySetResult>true</KeySetResult></KeySetResponse>';
    expect(validateXml(main.text, doc, { files: main.files })).toEqual({ ok: true, errors: [] });
    const bad = validateXml(main.text, doc.replace('true', 'yes'), { files: main.files });
    expect(bad.ok).toBe(false);
    expect(bad.errors).toEqual([
      "instance.xml:1: element KeySetResult: Schemas validity error : Element '{https://os.ecgrid.io/}KeySetResult': 'yes' is not a valid value of the atomic type 'xs:boolean'.",
    ]);
  });
});

describe('validateWsdlStructure', () => {
  it('accepts both real WSDLs', () => {
    expect(validateWsdlStructure(realV41)).toEqual({ ok: true, errors: [] });
    expect(validateWsdlStructure(read('../shared/corpus/ECGridOS-v3.2.wsdl'))).toEqual({ ok: true, errors: [] });
  });

  it('rejects structural errors', () => {
    const wsdl = read('wsdl/ECGridOS.wsdl');
    const cases: Array<[string, string, RegExp]> = [
      ['style="document" />', 'style="doc" />', /attribute 'style': \[facet 'enumeration'\] The value 'doc'/],
      ['name="KeySetSoapOut"', 'name="KeySetSoapIn"', /Duplicate key-sequence \['KeySetSoapIn'\]/],
      [' binding="tns:ECGridOSSoap12"', '', /The attribute 'binding' is required but missing/],
      [
        'wsdl:types>',
        'wsdl:type>',
        /Element '\{http:\/\/schemas\.xmlsoap\.org\/wsdl\/\}type': This element is not expected/,
      ],
    ];
    for (const [from, to, message] of cases) {
      const r = validateWsdlStructure(wsdl.replaceAll(from, to));
      expect(r.ok, from).toBe(false);
      expect(r.errors.join('\n')).toMatch(message);
    }
  });
});

describe('extractElements and xpath', () => {
  it('cuts an element out with the declarations in scope', () => {
    const doc = '<a:r xmlns:a="urn:a" xmlns="urn:d"><!-- <x/> --><b><![CDATA[<x>]]><x k="1"/></b><x/></a:r>';
    expect(extractElements(doc, 'urn:d', 'x')).toEqual([
      '<x xmlns:a="urn:a" xmlns="urn:d" k="1"/>',
      '<x xmlns:a="urn:a" xmlns="urn:d"/>',
    ]);
    expect(extractElements(doc, 'urn:a', 'x')).toEqual([]);
  });

  it('rewrites prefixed steps but not string literals', () => {
    const doc = '<r xmlns="urn:d"><v t="p:q">1</v></r>';
    expect(xpath(doc, "string(/d:r/d:v[@t='p:q'])", { d: 'urn:d' })).toBe('1');
    expect(xpath(doc, '/d:r/d:missing', { d: 'urn:d' })).toBe('');
    expect(xpathCount(doc, '/d:r/d:*', { d: 'urn:d' })).toBe(1);
  });
});
