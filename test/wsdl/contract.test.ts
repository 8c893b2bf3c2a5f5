/**
 * The documented KeySet contract (`wsdl/ECGridOS.wsdl`) against the published documentation
 * page (`../shared/seeds/KeySet.txt`) and libxml2, and the examples in `wsdl/examples/`.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  checkWellFormed,
  compileSchema,
  extractElements,
  extractSchema,
  extractSchemas,
  requireXmllint,
  validateWsdlStructure,
  validateXml,
  WSDL_NS,
  XSD_NS,
  xpath,
  xpathCount,
  type ExtractedSchema,
} from '../support/libxml2.js';

const REPO = new URL('../../', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, REPO), 'utf8');

const TNS = 'https://os.ecgrid.io/';
const SOAP11_ENV = 'http://schemas.xmlsoap.org/soap/envelope/';
const SOAP12_ENV = 'http://www.w3.org/2003/05/soap-envelope';
const NS = {
  s: XSD_NS,
  wsdl: WSDL_NS,
  soap: 'http://schemas.xmlsoap.org/wsdl/soap/',
  soap12: 'http://schemas.xmlsoap.org/wsdl/soap12/',
};

const wsdl = read('wsdl/ECGridOS.wsdl');
const page = read('../shared/seeds/KeySet.txt');
const example = (name: string): string => read(`wsdl/examples/${name}`);

const q = (expression: string): string => xpath(wsdl, expression, NS);
const count = (expression: string): number => xpathCount(wsdl, expression, NS);

// ---------------------------------------------------------------------------------------------
// The documentation page

interface PageTable {
  /** The line above the table: `Parameters`, `Response Object — KeyIDInfo`, `KeyVisibility`. */
  title: string;
  columns: string[];
  rows: Array<Record<string, string>>;
}

const cells = (line: string): string[] =>
  line
    .replace(/^\|/, '')
    .replace(/\|\s*$/, '')
    .split('|')
    .map((c) => c.trim());

/** The page's markdown-ish tables: a `| a | b |` header, a `|---|---|` rule, then `x | y |` rows. */
function parseTables(text: string): PageTable[] {
  const lines = text.split('\n').map((l) => l.trimEnd());
  const tables: PageTable[] = [];
  for (let i = 1; i < lines.length - 1; i++) {
    if (!/^\|.*\|$/.test(lines[i]!) || !/^\|(\s*-+\s*\|)+$/.test(lines[i + 1]!)) continue;
    const columns = cells(lines[i]!);
    const rows: Array<Record<string, string>> = [];
    let j = i + 2;
    for (; j < lines.length; j++) {
      const row = cells(lines[j]!);
      if (!lines[j]!.includes('|') || row.length !== columns.length) break;
      rows.push(Object.fromEntries(columns.map((c, k) => [c, row[k]!])));
    }
    tables.push({ title: lines[i - 1]!, columns, rows });
    i = j - 1;
  }
  return tables;
}

const pageLines = page.split('\n').map((l) => l.trim());
const operationDescription = pageLines[1]!;
const signature = pageLines[pageLines.indexOf('Method Signature') + 1]!;
const tables = parseTables(page);
const table = (title: string): PageTable => {
  const t = tables.find((x) => x.title === title);
  if (!t) throw new Error(`no table '${title}' on the page (found: ${tables.map((x) => x.title).join(', ')})`);
  return t;
};

/** The page's type names as XSD QNames in the WSDL. */
const xsdType = (pageType: string): string =>
  ({ string: 's:string', int: 's:int', datetime: 's:dateTime', KeyVisibility: 'tns:KeyVisibility' })[pageType] ??
  `unmapped page type ${pageType}`;

const SCHEMA = `/wsdl:definitions/wsdl:types/s:schema[@targetNamespace='${TNS}']`;
const REQUEST_FIELD = (name: string): string =>
  `${SCHEMA}/s:element[@name='KeySet']/s:complexType/s:sequence/s:element[@name='${name}']`;
const RESULT_FIELD = (name: string): string =>
  `${SCHEMA}/s:complexType[@name='KeyIDInfo']/s:sequence/s:element[@name='${name}']`;
const ENUM_VALUE = (value: string): string =>
  `${SCHEMA}/s:simpleType[@name='KeyVisibility']/s:restriction/s:enumeration[@value='${value}']`;
const DOC = '/s:annotation/s:documentation';

// ---------------------------------------------------------------------------------------------

let schema: ExtractedSchema;

beforeAll(() => {
  requireXmllint();
  schema = extractSchema(wsdl);
});

describe('wsdl/ECGridOS.wsdl', () => {
  it('is well-formed XML with LF line ends and 2-space indentation', () => {
    expect(checkWellFormed(wsdl)).toEqual({ ok: true, errors: [] });
    expect(wsdl.includes('\r')).toBe(false);
    expect(wsdl.includes('\t')).toBe(false);
    expect(wsdl.endsWith('>\n')).toBe(true);
    expect(wsdl.split('\n')[0]).toBe('<?xml version="1.0" encoding="utf-8"?>');
    for (const line of wsdl.split('\n')) expect((line.length - line.trimStart().length) % 2).toBe(0);
  });

  it('validates against the WSDL 1.1 structure schema (wsdl/schemas/wsdl11.xsd)', () => {
    expect(validateWsdlStructure(wsdl)).toEqual({ ok: true, errors: [] });
  });

  it('embeds one schema, which libxml2 compiles', () => {
    const schemas = extractSchemas(wsdl);
    expect(schemas.map((s) => s.targetNamespace)).toEqual([TNS]);
    expect(schemas[0]!.imports).toEqual([]);
    expect(compileSchema(schema.text, { files: schema.files })).toEqual({ ok: true, errors: [] });
    expect(q(`string(${SCHEMA}/@elementFormDefault)`)).toBe('qualified');
  });

  it('follows the conventions of the real service', () => {
    expect(q('string(/wsdl:definitions/@targetNamespace)')).toBe(TNS);
    // Prefixes as in ../shared/corpus/ECGridOS-v4.1.wsdl.
    const root = /<wsdl:definitions\b[^>]*>/.exec(wsdl)![0];
    expect(root).toContain(`xmlns:s="${XSD_NS}"`);
    expect(root).toContain(`xmlns:tns="${TNS}"`);
    expect(root).toContain(`xmlns:wsdl="${WSDL_NS}"`);
    expect(root).toContain(`xmlns:soap="${NS.soap}"`);
    expect(root).toContain(`xmlns:soap12="${NS.soap12}"`);

    // Document/literal wrapped: the two global elements and the messages over them.
    expect(q(`count(${SCHEMA}/s:element)`)).toBe('2');
    expect(
      q(`string(/wsdl:definitions/wsdl:message[@name='KeySetSoapIn']/wsdl:part[@name='parameters']/@element)`),
    ).toBe('tns:KeySet');
    expect(
      q(`string(/wsdl:definitions/wsdl:message[@name='KeySetSoapOut']/wsdl:part[@name='parameters']/@element)`),
    ).toBe('tns:KeySetResponse');
    expect(count('/wsdl:definitions/wsdl:message/wsdl:part')).toBe(2);

    const op = "/wsdl:definitions/wsdl:portType[@name='ECGridOSSoap']/wsdl:operation[@name='KeySet']";
    expect(q(`string(${op}/wsdl:input/@message)`)).toBe('tns:KeySetSoapIn');
    expect(q(`string(${op}/wsdl:output/@message)`)).toBe('tns:KeySetSoapOut');

    for (const [binding, p] of [
      ['ECGridOSSoap', 'soap'],
      ['ECGridOSSoap12', 'soap12'],
    ] as const) {
      const b = `/wsdl:definitions/wsdl:binding[@name='${binding}']`;
      expect(q(`string(${b}/@type)`)).toBe('tns:ECGridOSSoap');
      expect(q(`string(${b}/${p}:binding/@transport)`)).toBe('http://schemas.xmlsoap.org/soap/http');
      expect(q(`string(${b}/wsdl:operation[@name='KeySet']/${p}:operation/@soapAction)`)).toBe(
        'https://os.ecgrid.io/KeySet',
      );
      expect(q(`string(${b}/wsdl:operation[@name='KeySet']/${p}:operation/@style)`)).toBe('document');
      expect(count(`${b}/wsdl:operation[@name='KeySet']/wsdl:input/${p}:body[@use='literal']`)).toBe(1);
      expect(count(`${b}/wsdl:operation[@name='KeySet']/wsdl:output/${p}:body[@use='literal']`)).toBe(1);

      const port = `/wsdl:definitions/wsdl:service[@name='ECGridOS']/wsdl:port[@name='${binding}']`;
      expect(q(`string(${port}/@binding)`)).toBe(`tns:${binding}`);
      expect(q(`string(${port}/${p}:address/@location)`)).toBe('https://os.ecgrid.io/v4.1/prod/ECGridOS.asmx');
    }
    expect(count('/wsdl:definitions/wsdl:binding')).toBe(2);
    expect(count('/wsdl:definitions/wsdl:service/wsdl:port')).toBe(2);
  });
});

describe('the WSDL states the documented contract', () => {
  it('parses the page: signature and three tables', () => {
    expect(signature).toBe('KeyIDInfo KeySet(string SessionID, int UserID, KeyVisibility Visibility)');
    expect(tables.map((t) => t.title)).toEqual(['Parameters', 'Response Object — KeyIDInfo', 'KeyVisibility']);
    expect(table('Parameters').rows.map((r) => r.Parameter)).toEqual(['SessionID', 'UserID', 'Visibility']);
    expect(table('Response Object — KeyIDInfo').rows).toHaveLength(5);
    expect(table('KeyVisibility').rows).toHaveLength(4);
  });

  it('has the operation description on the request element and on the portType operation', () => {
    expect(operationDescription).toBe('Creates or updates an API key for a user with a specified visibility level.');
    expect(q(`string(${SCHEMA}/s:element[@name='KeySet']${DOC})`)).toBe(operationDescription);
    expect(q("string(/wsdl:definitions/wsdl:portType/wsdl:operation[@name='KeySet']/wsdl:documentation)")).toBe(
      operationDescription,
    );
  });

  it('has the signature: parameters in order, result type KeyIDInfo', () => {
    const m = /^(\w+) (\w+)\((.*)\)$/.exec(signature)!;
    const [, result, name, params] = m;
    expect(name).toBe('KeySet');
    const sig = params!.split(',').map((p) => p.trim().split(' ') as [string, string]);
    const sequence = `${SCHEMA}/s:element[@name='KeySet']/s:complexType/s:sequence/s:element`;
    expect(count(sequence)).toBe(sig.length);
    sig.forEach(([type, param], i) => {
      expect(q(`string(${sequence}[${i + 1}]/@name)`)).toBe(param);
      expect(q(`string(${sequence}[${i + 1}]/@type)`)).toBe(xsdType(type));
    });
    const resultField = `${SCHEMA}/s:element[@name='KeySetResponse']/s:complexType/s:sequence/s:element`;
    expect(count(resultField)).toBe(1);
    expect(q(`string(${resultField}/@name)`)).toBe('KeySetResult');
    expect(q(`string(${resultField}/@type)`)).toBe(`tns:${result}`);
    expect(q(`string(${resultField}/@minOccurs)`)).toBe('1');
    expect(q(`string(${resultField}/@maxOccurs)`)).toBe('1');
  });

  it('documents every parameter on the request wrapper element', () => {
    for (const row of table('Parameters').rows) {
      const el = REQUEST_FIELD(row.Parameter!);
      expect(count(el)).toBe(1);
      expect(q(`string(${el}${DOC})`)).toBe(row.Description);
      expect(q(`string(${el}/@type)`)).toBe(xsdType(row.Type!));
      expect(row.Required).toBe('Yes');
      // Required on the page; strings are minOccurs=0 in ASMX schemas, value types minOccurs=1.
      expect(q(`string(${el}/@minOccurs)`)).toBe(row.Type === 'string' ? '0' : '1');
      expect(q(`string(${el}/@maxOccurs)`)).toBe('1');
    }
  });

  it('documents every KeyIDInfo field, in the page order', () => {
    const rows = table('Response Object — KeyIDInfo').rows;
    expect(count(`${SCHEMA}/s:complexType[@name='KeyIDInfo']/s:sequence/s:element`)).toBe(rows.length);
    rows.forEach((row, i) => {
      const el = RESULT_FIELD(row.Field!);
      expect(q(`string(${SCHEMA}/s:complexType[@name='KeyIDInfo']/s:sequence/s:element[${i + 1}]/@name)`)).toBe(
        row.Field,
      );
      expect(q(`string(${el}${DOC})`)).toBe(row.Description);
      expect(q(`string(${el}/@type)`)).toBe(xsdType(row.Type!));
      expect(q(`string(${el}/@minOccurs)`)).toBe('1');
      expect(q(`string(${el}/@maxOccurs)`)).toBe('1');
    });
  });

  it('documents every KeyVisibility value on its enumeration facet', () => {
    const rows = table('KeyVisibility').rows;
    const facets = `${SCHEMA}/s:simpleType[@name='KeyVisibility']/s:restriction[@base='s:string']/s:enumeration`;
    expect(count(facets)).toBe(rows.length);
    rows.forEach((row, i) => {
      expect(q(`string(${facets}[${i + 1}]/@value)`)).toBe(row.Value);
      expect(q(`string(${ENUM_VALUE(row.Value!)}${DOC})`)).toBe(row.Description);
    });
  });

  it('documents the two types', () => {
    expect(q(`string(${SCHEMA}/s:complexType[@name='KeyIDInfo']${DOC})`)).not.toBe('');
    expect(q(`string(${SCHEMA}/s:simpleType[@name='KeyVisibility']${DOC})`)).not.toBe('');
  });
});

// ---------------------------------------------------------------------------------------------
// Examples

const ENVELOPES = [
  ['KeySet.soap11.request.xml', SOAP11_ENV, 'KeySet'],
  ['KeySet.soap11.response.xml', SOAP11_ENV, 'KeySetResponse'],
  ['KeySet.soap12.request.xml', SOAP12_ENV, 'KeySet'],
  ['KeySet.soap12.response.xml', SOAP12_ENV, 'KeySetResponse'],
] as const;

const envelopeStart = (envNs: string): string =>
  `<soap:Envelope xmlns:soap="${envNs}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">`;

/** The encoder's layout: 2 spaces per level, one element per line, text-only elements inline. */
function expectEncoderLayout(text: string): void {
  expect(text.includes('\r')).toBe(false);
  expect(text.endsWith('\n')).toBe(true);
  expect(text.endsWith('\n\n')).toBe(false);
  const lines = text.slice(0, -1).split('\n');
  expect(lines[0]).toBe('<?xml version="1.0" encoding="utf-8"?>');
  let depth = 0;
  for (const line of lines.slice(1)) {
    const body = line.trimStart();
    const closing = body.startsWith('</');
    if (closing) depth--;
    expect(line.length - body.length, line).toBe(depth * 2);
    // Each line is a start tag, an end tag, an empty element or a text-only element.
    expect(body, line).toMatch(/^(<[^<>]+>|<\/[^<>]+>|<[^<>]+\/>|<([^\s<>/]+)[^<>]*>[^<>]*<\/\2>)$/);
    if (!closing && !body.endsWith('/>') && !/<\/[^<>]+>$/.test(body)) depth++;
  }
  expect(depth).toBe(0);
}

describe('wsdl/examples', () => {
  it('KeyIDInfo.xml is the page example exactly as printed', () => {
    const printed = page.slice(page.indexOf('<KeyIDInfo>'), page.indexOf('</KeyIDInfo>') + '</KeyIDInfo>'.length);
    expect(example('KeyIDInfo.xml')).toBe(`${printed}\n`);
    expect(checkWellFormed(example('KeyIDInfo.xml')).ok).toBe(true);
  });

  it.each(ENVELOPES)('%s has the encoder format and a valid body', (file, envNs, wrapper) => {
    const text = example(file);
    expect(checkWellFormed(text)).toEqual({ ok: true, errors: [] });
    expectEncoderLayout(text);
    const lines = text.split('\n');
    expect(lines[1]).toBe(envelopeStart(envNs));
    expect(lines[2]).toBe('  <soap:Body>');
    expect(lines[3]).toBe(`    <${wrapper} xmlns="${TNS}">`);

    const bodies = extractElements(text, TNS, wrapper);
    expect(bodies).toHaveLength(1);
    expect(validateXml(schema.text, bodies[0]!, { files: schema.files })).toEqual({ ok: true, errors: [] });
  });

  it('the SOAP 1.2 envelopes differ from the 1.1 ones only by the envelope namespace', () => {
    for (const kind of ['request', 'response']) {
      const v11 = example(`KeySet.soap11.${kind}.xml`);
      expect(example(`KeySet.soap12.${kind}.xml`)).toBe(v11.replace(SOAP11_ENV, SOAP12_ENV));
    }
  });

  it('the request carries the page values', () => {
    const body = extractElements(example('KeySet.soap11.request.xml'), TNS, 'KeySet')[0]!;
    const ns = { t: TNS };
    expect(xpath(body, 'string(/t:KeySet/t:UserID)', ns)).toBe('5001');
    expect(xpath(body, 'string(/t:KeySet/t:Visibility)', ns)).toBe('Shared');
    expect(xpath(body, 'string(/t:KeySet/t:SessionID)', ns)).toMatch(/^a3f1c2d4-/);
  });

  it('the response carries the printed example values', () => {
    const printedFields = example('KeyIDInfo.xml').trimEnd().split('\n').slice(1, -1);
    const lines = example('KeySet.soap11.response.xml').split('\n');
    const from = lines.indexOf('      <KeySetResult>') + 1;
    const to = lines.indexOf('      </KeySetResult>');
    expect(lines.slice(from, to).map((l) => l.trim())).toEqual(printedFields);
  });

  it('a body breaking the schema is rejected (the validation is not vacuous)', () => {
    const body = extractElements(example('KeySet.soap11.request.xml'), TNS, 'KeySet')[0]!;
    const r = validateXml(schema.text, body.replace('>Shared<', '>Hidden<'), { files: schema.files });
    expect(r.ok).toBe(false);
    expect(r.errors.join('\n')).toMatch(
      /Element '\{https:\/\/os\.ecgrid\.io\/\}Visibility': \[facet 'enumeration'\] The value 'Hidden'/,
    );

    const response = extractElements(example('KeySet.soap11.response.xml'), TNS, 'KeySetResponse')[0]!;
    const r2 = validateXml(schema.text, response.replace(/\s*<Created>[^<]*<\/Created>/, ''), { files: schema.files });
    expect(r2.ok).toBe(false);
    expect(r2.errors.join('\n')).toMatch(
      /Missing child element\(s\)\. Expected is \( \{https:\/\/os\.ecgrid\.io\/\}Created \)/,
    );
  });

  describe('KeyIDInfo as an element', () => {
    // The schema has no global KeyIDInfo element (ASMX declares only the wrappers), so a test
    // schema in the same namespace includes it and declares one.
    const driver = (): string =>
      [
        '<?xml version="1.0" encoding="utf-8"?>',
        `<s:schema xmlns:s="${XSD_NS}" xmlns:tns="${TNS}" targetNamespace="${TNS}" elementFormDefault="qualified">`,
        '  <s:include schemaLocation="ecgridos.xsd" />',
        '  <s:element name="KeyIDInfo" type="tns:KeyIDInfo" />',
        '</s:schema>',
        '',
      ].join('\n');
    const validate = (xml: string) =>
      validateXml(driver(), xml, { files: { ...schema.files, 'ecgridos.xsd': schema.text } });
    const printed = (): string => example('KeyIDInfo.xml');

    it('the qualified version of the printed example validates', () => {
      const qualified = printed().replace('<KeyIDInfo>', `<KeyIDInfo xmlns="${TNS}">`);
      expect(validate(qualified)).toEqual({ ok: true, errors: [] });
    });

    it('the printed (unqualified) example does not validate: no such element in no namespace', () => {
      const r = validate(printed());
      expect(r.ok).toBe(false);
      expect(r.errors).toHaveLength(1);
      expect(r.errors[0]).toMatch(
        /^instance\.xml:1: .*Element 'KeyIDInfo': No matching global declaration available for the validation root\.$/,
      );
    });

    it('qualifying only the root is not enough: elementFormDefault="qualified" applies to the fields', () => {
      const rootOnly = printed()
        .replace('<KeyIDInfo>', `<t:KeyIDInfo xmlns:t="${TNS}">`)
        .replace('</KeyIDInfo>', '</t:KeyIDInfo>');
      const r = validate(rootOnly);
      expect(r.ok).toBe(false);
      expect(r.errors).toHaveLength(1);
      expect(r.errors[0]).toMatch(
        /^instance\.xml:2: .*Element 'KeyID': This element is not expected\. Expected is \( \{https:\/\/os\.ecgrid\.io\/\}KeyID \)\.$/,
      );
    });
  });

  it.each([
    ['Fault.soap11.xml', SOAP11_ENV],
    ['Fault.soap12.xml', SOAP12_ENV],
  ] as const)('%s has the encoder format and a fault with a tns detail', (file, envNs) => {
    const text = example(file);
    expect(checkWellFormed(text)).toEqual({ ok: true, errors: [] });
    expectEncoderLayout(text);
    expect(text.split('\n')[1]).toBe(envelopeStart(envNs));
    const ns = { soap: envNs, t: TNS };
    const fault = '/soap:Envelope/soap:Body/soap:Fault';
    expect(xpathCount(text, '/soap:Envelope/soap:Body/*', ns)).toBe(1);
    if (envNs === SOAP11_ENV) {
      expect(xpath(text, `string(${fault}/faultcode)`, ns)).toBe('soap:Client');
      expect(xpath(text, `string(${fault}/faultstring)`, ns)).not.toBe('');
      expect(xpathCount(text, `${fault}/detail/t:*`, ns)).toBe(1);
    } else {
      expect(xpath(text, `string(${fault}/soap:Code/soap:Value)`, ns)).toBe('soap:Sender');
      expect(xpath(text, `string(${fault}/soap:Reason/soap:Text[@xml:lang='en'])`, ns)).not.toBe('');
      expect(xpathCount(text, `${fault}/soap:Detail/t:*`, ns)).toBe(1);
    }
  });

  it('the README lists every example file', () => {
    const readme = example('README.md');
    for (const f of ['KeyIDInfo.xml', ...ENVELOPES.map((e) => e[0]), 'Fault.soap11.xml', 'Fault.soap12.xml']) {
      expect(readme).toContain(`\`${f}\``);
    }
  });
});
