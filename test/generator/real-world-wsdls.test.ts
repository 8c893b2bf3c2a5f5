/**
 * What real-world WSDLs need beyond the feature fixtures: nothing read is dropped in silence
 * (several port types, redundant declarations), names that stay unique and legal once generated,
 * extensions of choice-shaped types, and imports resolved offline (bundled W3C schemas,
 * `--catalog`, `--map`). Each case has a small fixture in test/fixtures/; every one renders
 * TypeScript that type-checks under strict and round-trips its samples through the codec.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeElement, encodeElement, parseXml, type XmlElement } from '@ecgrid/soap-runtime';
import { buildSchemaDescriptor } from '../../generator/src/descriptor/build-descriptor.js';
import { allLanguages, findLanguage } from '../../generator/src/languages.js';
import type { Core, Diagnostic } from '../../generator/src/model/core.js';
import { qnameId } from '../../generator/src/model/core.js';
import type { LoadOptions } from '../../generator/src/parse/loader.js';
import { loadCore, renderTree, viewFor } from '../../generator/src/pipeline.js';
import { ROOT } from '../support/paths.js';

const typescript = findLanguage('typescript');
const FIXTURES = join(ROOT, 'test', 'fixtures');
const readFile = (path: string) => {
  try {
    return readFileSync(join(ROOT, path), 'utf8');
  } catch {
    return undefined;
  }
};

function load(fixture: string, options: LoadOptions = {}) {
  const path = `test/fixtures/${fixture}/${fixture}.wsdl`;
  return loadCore(path, readFile(path) ?? '', { readFile, ...options });
}

function loaded(fixture: string, options: LoadOptions = {}): Core {
  const result = load(fixture, options);
  if (!result.ok) throw new Error(result.diagnostics.map((d) => `${d.code}: ${d.message}`).join('\n'));
  return result.core;
}

async function typecheck(core: Core): Promise<string[]> {
  if (!typescript?.typecheck) return ['no TypeScript checker'];
  return typescript.typecheck(renderTree(core, typescript), join(ROOT, 'packages'));
}

function tsFiles(core: Core): Map<string, string> {
  if (!typescript) throw new Error('no TypeScript target');
  return renderTree(core, typescript);
}

function fileEnding(files: Map<string, string>, suffix: string): string {
  return [...files].find(([path]) => path.endsWith(suffix))?.[1] ?? '';
}

/** The samples of a fixture decode, encode and decode back equal (envelopes by their Body's element). */
function roundTripSamples(fixture: string, core: Core): void {
  const dir = join(FIXTURES, fixture, 'samples');
  const schema = buildSchemaDescriptor(core);
  const names = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.xml')) : [];
  expect(names.length).toBeGreaterThan(0);
  for (const name of names) {
    const root = parseXml(readFileSync(join(dir, name), 'utf8')).root;
    const node =
      root.local === 'Envelope'
        ? (root.children
            .find((c): c is XmlElement => c.kind === 'element' && c.local === 'Body')
            ?.children.find((c): c is XmlElement => c.kind === 'element') ?? root)
        : root;
    const id = qnameId(node.ns, node.local);
    const value = decodeElement(schema, id, node);
    expect(decodeElement(schema, id, parseXml(encodeElement(schema, id, value)).root), name).toEqual(value);
  }
}

describe('several port types in one service (several-port-types)', () => {
  const core = loaded('several-port-types');

  it('gives each port type a client of its own, with every operation, and says so', () => {
    expect(core.services.map((s) => [s.name, s.partOf, s.operations.map((o) => o.name)])).toEqual([
      ['Repository_Documents', 'Repository', ['Lookup', 'Remove']],
      ['Repository_Folders', 'Repository', ['Lookup']],
      ['Repository_Audit', 'Repository', ['Lookup']],
    ]);
    expect(core.services.map((s) => s.operations[0]?.input)).toEqual([
      '{https://example.com/fixtures/several-port-types/documents}Lookup',
      '{https://example.com/fixtures/several-port-types/folders}Lookup',
      '{https://example.com/fixtures/several-port-types/audit}Lookup',
    ]);
    const split = core.diagnostics.filter((d) => d.code === 'service-split');
    expect(split).toHaveLength(1);
    expect(split[0]?.message).toBe(
      'service Repository has SOAP ports of 3 port types with different operations; each gets a client of its own: Repository_Documents, Repository_Folders, Repository_Audit',
    );
    expect(split[0]?.origin?.line).toBeGreaterThan(0);
  });

  it("reaches every target: each language's view has the three clients and all four operations", () => {
    for (const language of allLanguages()) {
      const view = viewFor(core, language);
      expect(
        view.services.map((s) => s.operations.length),
        language.name,
      ).toEqual([2, 1, 1]);
      expect(new Set(view.services.map((s) => s.className)).size, language.name).toBe(3);
    }
  });

  it('keeps one package named after the WSDL service', () => {
    if (!typescript) throw new Error('no TypeScript target');
    expect(viewFor(core, typescript).package.dir).toBe('repository');
  });

  it('keys the codec roots uniquely although three namespaces declare Lookup', () => {
    const view = typescript && viewFor(core, typescript);
    const keys = view?.roots.map((r) => r.key) ?? [];
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.filter((k) => k.startsWith('Lookup'))).toEqual([
      'Lookup',
      'LookupResponse',
      'Lookup2',
      'LookupResponse2',
      'Lookup3',
      'LookupResponse3',
    ]);
  });

  it('renders TypeScript that type-checks under strict, and its samples round-trip', async () => {
    const client = fileEnding(tsFiles(core), 'src/client.ts');
    expect(client.match(/^export class \w+/gm)).toEqual([
      'export class Repository_DocumentsClient',
      'export class Repository_FoldersClient',
      'export class Repository_AuditClient',
    ]);
    expect(await typecheck(core)).toEqual([]);
    roundTripSamples('several-port-types', core);
  }, 60_000);
});

describe('port types that declare the same operations (one per protocol)', () => {
  it('stay one client, speaking both protocols, with no service-split warning', () => {
    const portType = (name: string) =>
      `  <wsdl:portType name="${name}"><wsdl:operation name="Ping"><wsdl:input message="tns:PingIn" /></wsdl:operation></wsdl:portType>`;
    const binding = (
      name: string,
      type: string,
      soap: 'soap' | 'soap12',
    ) => `  <wsdl:binding name="${name}" type="tns:${type}">
    <${soap}:binding transport="http://schemas.xmlsoap.org/soap/http" style="document" />
    <wsdl:operation name="Ping"><${soap}:operation soapAction="urn:desk/Ping" /><wsdl:input><${soap}:body use="literal" /></wsdl:input></wsdl:operation>
  </wsdl:binding>`;
    const wsdl = `<?xml version="1.0" encoding="utf-8"?>
<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:soap12="http://schemas.xmlsoap.org/wsdl/soap12/" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="urn:desk" targetNamespace="urn:desk" name="Desk">
  <wsdl:types>
    <xs:schema targetNamespace="urn:desk" elementFormDefault="qualified">
      <xs:element name="Ping"><xs:complexType><xs:sequence /></xs:complexType></xs:element>
    </xs:schema>
  </wsdl:types>
  <wsdl:message name="PingIn"><wsdl:part name="parameters" element="tns:Ping" /></wsdl:message>
${portType('DeskSoap')}
${portType('DeskSoap12')}
${binding('DeskSoapBinding', 'DeskSoap', 'soap')}
${binding('DeskSoap12Binding', 'DeskSoap12', 'soap12')}
  <wsdl:service name="Desk">
    <wsdl:port name="DeskSoap" binding="tns:DeskSoapBinding"><soap:address location="http://127.0.0.1:8080/desk" /></wsdl:port>
    <wsdl:port name="DeskSoap12" binding="tns:DeskSoap12Binding"><soap12:address location="http://127.0.0.1:8080/desk12" /></wsdl:port>
  </wsdl:service>
</wsdl:definitions>
`;
    const result = loadCore('desk.wsdl', wsdl);
    if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
    expect(result.diagnostics).toEqual([]);
    expect(result.core.services.map((s) => [s.name, s.partOf, s.operations.map((o) => [o.name, o.protocols])])).toEqual(
      [['Desk', undefined, [['Ping', ['soap11', 'soap12']]]]],
    );
  });
});

describe('an output message without parts (document style)', () => {
  it('is an operation without a result, not one left out', () => {
    const wsdl = `<?xml version="1.0" encoding="utf-8"?>
<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="urn:lists" targetNamespace="urn:lists" name="Lists">
  <wsdl:types>
    <xs:schema targetNamespace="urn:lists" elementFormDefault="qualified">
      <xs:element name="deleteList"><xs:complexType><xs:sequence><xs:element name="id" type="xs:string" /></xs:sequence></xs:complexType></xs:element>
    </xs:schema>
  </wsdl:types>
  <wsdl:message name="deleteListRequest"><wsdl:part name="parameters" element="tns:deleteList" /></wsdl:message>
  <wsdl:message name="deleteListResponse"></wsdl:message>
  <wsdl:portType name="Lists"><wsdl:operation name="deleteList"><wsdl:input message="tns:deleteListRequest" /><wsdl:output message="tns:deleteListResponse" /></wsdl:operation></wsdl:portType>
  <wsdl:binding name="ListsSoap" type="tns:Lists">
    <soap:binding transport="http://schemas.xmlsoap.org/soap/http" style="document" />
    <wsdl:operation name="deleteList"><soap:operation soapAction="" /><wsdl:input><soap:body use="literal" /></wsdl:input><wsdl:output><soap:body use="literal" /></wsdl:output></wsdl:operation>
  </wsdl:binding>
  <wsdl:service name="Lists"><wsdl:port name="ListsSoap" binding="tns:ListsSoap"><soap:address location="http://127.0.0.1:8080/lists" /></wsdl:port></wsdl:service>
</wsdl:definitions>
`;
    const result = loadCore('lists.wsdl', wsdl);
    if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
    expect(result.diagnostics).toEqual([]);
    const operation = result.core.services[0]?.operations[0];
    expect([operation?.name, operation?.input, operation?.output]).toEqual([
      'deleteList',
      '{urn:lists}deleteList',
      undefined,
    ]);
    expect(fileEnding(tsFiles(result.core), 'src/client.ts')).toContain(
      'deleteList(input: deleteList, options?: CallOptions): Promise<void> {',
    );
  });
});

describe('names that collide once generated (name-collisions)', () => {
  const core = loaded('name-collisions');
  const files = tsFiles(core);

  it('keys roots uniquely: the element ReportStatusType keeps its name, the type ReportStatus takes the next free one', () => {
    const view = typescript && viewFor(core, typescript);
    const roots = Object.fromEntries((view?.roots ?? []).map((r) => [r.key, `${r.kind} ${r.id}`]));
    expect(roots.ReportStatus).toBe('element {https://example.com/fixtures/name-collisions}ReportStatus');
    expect(roots.ReportStatusType).toBe('element {https://example.com/fixtures/name-collisions}ReportStatusType');
    expect(roots.ReportStatusType2).toBe('type {https://example.com/fixtures/name-collisions}ReportStatus');
    expect(roots.Tag).toBe('element {https://example.com/fixtures/name-collisions/external}Tag');
    expect(roots.Tag2).toBe('element {https://example.com/fixtures/name-collisions}Tag');
  });

  it('renames schema types that take a name the SDK declares (CallOptions, AsyncResult, the client class)', () => {
    const types = fileEnding(files, 'src/types.ts');
    expect(types).toContain('export interface CallOptions_ {');
    expect(types).toContain('export interface AsyncResult_ {');
    expect(types).toContain('export interface ReportsClient2 {');
    const client = fileEnding(files, 'src/client.ts');
    expect(client).toContain('export class ReportsClient {');
    expect(client).toContain('soapHeaders?: { CallOptions?: CallOptions_; ');
  });

  it('renames schema types named like what a C# client brings along (its interface and settings)', () => {
    const csharp = findLanguage('csharp');
    if (!csharp) throw new Error('no C# target');
    const files = renderTree(core, csharp);
    const models = fileEnding(files, 'Models.cs');
    expect(models).toMatch(/public (sealed |partial )*class IReportsClient2\b/);
    expect(models).toMatch(/public (sealed |partial )*class ReportsClientSettings2\b/);
    expect(fileEnding(files, 'Client.cs')).toContain('public interface IReportsClient');
  });

  it('makes method names identifiers (Get-Report is Get_Report) and keeps the operation name for the call', () => {
    const client = fileEnding(files, 'src/client.ts');
    expect(client).toContain('  Get_Report(input: Get_Report');
    expect(client).toContain("this.#soap.call('Get-Report', input, options)");
  });

  it("numbers an operation whose method spells another method's Async variant (Ping and PingAsync)", () => {
    const client = fileEnding(files, 'src/client.ts');
    expect(client).toContain('  Ping(input: Ping');
    expect(client).toContain('  async PingAsync(input: Ping');
    expect(client).toContain('  PingAsync2(input: PingAsync');
    expect(client).toContain('  async PingAsync2Async(input: PingAsync');
    expect(client).toContain("this.#soap.call('PingAsync', input, options)");
    expect(client.match(/^ {2}(?:async )?PingAsync\(/gm)).toHaveLength(1);
  });

  it('type-checks under strict, and its samples round-trip', async () => {
    expect(await typecheck(core)).toEqual([]);
    roundTripSamples('name-collisions', core);
  }, 60_000);
});

describe('extension of a choice-shaped type (choice-extension)', () => {
  const core = loaded('choice-extension');

  it('spells the extensions as intersections with the union-shaped base, two levels down too', () => {
    const types = fileEnding(tsFiles(core), 'src/types.ts');
    expect(types).toMatch(/export type Customer = Contact & \{\n[^}]*Name: string;\n\};/);
    expect(types).toMatch(/export type PreferredCustomer = Customer & \{\n[^}]*Tier: number;\n\};/);
    expect(types).toContain('export type Supplier = Contact;');
    expect(types).not.toMatch(/interface \w+ extends (Contact|Customer)\b/);
  });

  it('type-checks under strict, and its samples round-trip', async () => {
    expect(await typecheck(core)).toEqual([]);
    roundTripSamples('choice-extension', core);
  }, 60_000);
});

describe('redundant declarations (duplicate-declarations)', () => {
  const core = loaded('duplicate-declarations');

  it('sends a header part listed twice once, and warns at the binding operation', () => {
    expect(core.services[0]?.operations[0]?.headers).toEqual([
      '{https://example.com/fixtures/duplicate-declarations}RequestVersion',
    ]);
    const warnings = core.diagnostics.filter((d) => d.code === 'duplicate-declaration');
    expect(warnings.map((d) => d.message)).toEqual([
      'type BatchStatus declares element Note more than once in its sequence; each name is one property, read from either place and written at the first',
      expect.stringMatching(
        /^operation SubmitBatch in binding BatchesSoap: soap:header part RequestVersion of \{[^}]+\}VersionHeader is listed twice; it is one header$/,
      ),
    ]);
    expect(warnings.every((d) => d.severity === 'warning' && (d.origin?.line ?? 0) > 0)).toBe(true);
  });

  it('declares one Note property and one header option in TypeScript, which type-checks', async () => {
    const files = tsFiles(core);
    const types = fileEnding(files, 'src/types.ts');
    expect(types.match(/^ {2}Note\?: string;$/gm)).toHaveLength(1);
    expect(fileEnding(files, 'src/client.ts').match(/RequestVersion\?:/g)).toHaveLength(2);
    expect(await typecheck(core)).toEqual([]);
    roundTripSamples('duplicate-declarations', core);
  }, 60_000);
});

describe('imports resolved offline (import-catalog)', () => {
  const fixture = 'test/fixtures/import-catalog';

  it('without --catalog or --map: an error at the import that names both options', () => {
    const result = load('import-catalog');
    expect(result.ok).toBe(false);
    const error = result.diagnostics.find((d) => d.code === 'import-not-found');
    expect(error?.message).toContain('--map /DocumentService?xsd=/document-types.xsd=FILE');
    expect(error?.message).toContain('--catalog FILE');
    expect(error?.origin).toMatchObject({ file: `${fixture}/import-catalog.wsdl`, line: 6 });
  });

  it("with the fixture's catalog: the server-absolute and rewritten locations read local files, xmlmime and WS-Addressing the bundled copies", () => {
    const core = loaded('import-catalog', { catalogs: [`${fixture}/catalog.xml`] });
    const files = new Set([...core.types, ...core.elements].map((d) => d.origin.file));
    expect([...files].sort()).toEqual([
      'http://www.w3.org/2005/05/xmlmime',
      'http://www.w3.org/2006/03/addressing/ws-addr.xsd',
      `${fixture}/common.xsd`,
      `${fixture}/document-types.xsd`,
      `${fixture}/import-catalog.wsdl`,
    ]);
    expect(core.types.map((t) => t.id)).toContain('{http://www.w3.org/2005/05/xmlmime}base64Binary');
    expect(core.types.map((t) => t.id)).toContain('{http://www.w3.org/2005/08/addressing}EndpointReferenceType');
  });

  it('--map pairs give the same core as the catalog (a LOCATION ending in / maps a folder)', () => {
    const byCatalog = loaded('import-catalog', { catalogs: [`${fixture}/catalog.xml`] });
    const byMap = loaded('import-catalog', {
      map: [
        { location: '/DocumentService?xsd=/document-types.xsd', file: `${fixture}/document-types.xsd` },
        { location: 'http://schemas.example.com/import-catalog/v1/', file: `${fixture}/` },
      ],
    });
    expect(byMap).toEqual(byCatalog);
  });

  it('a --map target that does not exist is an error naming it', () => {
    const result = load('import-catalog', {
      map: [{ location: '/DocumentService?xsd=/document-types.xsd', file: `${fixture}/missing.xsd` }],
    });
    expect(result.diagnostics.find((d) => d.code === 'import-not-found')?.message).toContain(
      `names ${fixture}/missing.xsd, which does not exist`,
    );
  });

  it('without the bundled schemas the W3C imports are remote, refused with the options named', () => {
    const result = load('import-catalog', { catalogs: [`${fixture}/catalog.xml`], bundled: false });
    const refused = result.diagnostics.filter((d) => d.code === 'remote-import-refused').map((d) => d.message);
    expect(refused).toHaveLength(2);
    expect(refused[0]).toMatch(
      /^xs:import of http:\/\/www\.w3\.org\/2005\/05\/xmlmime refused: .*--allow-remote.*--map LOCATION=FILE or --catalog FILE/,
    );
  });

  it('renders TypeScript that type-checks under strict', async () => {
    expect(await typecheck(loaded('import-catalog', { catalogs: [`${fixture}/catalog.xml`] }))).toEqual([]);
  }, 60_000);
});

describe('the bundled schemas', () => {
  const urls = [
    'http://www.w3.org/2001/xml.xsd',
    'http://schemas.xmlsoap.org/soap/envelope/',
    'http://schemas.xmlsoap.org/soap/encoding/',
    'http://www.w3.org/2003/05/soap-envelope',
    'http://www.w3.org/2005/05/xmlmime',
    'http://www.w3.org/2004/08/xop/include',
    'http://www.w3.org/2005/08/addressing',
  ];
  it.each(urls)('%s: imported by its URL, read from the bundled copy without errors', (url) => {
    const namespace =
      url === 'http://www.w3.org/2001/xml.xsd'
        ? 'http://www.w3.org/XML/1998/namespace'
        : url.replace(/\/$/, url.includes('xmlsoap') ? '/' : '');
    const wsdl = `<?xml version="1.0" encoding="utf-8"?>
<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:bundled" name="Bundled">
  <wsdl:types>
    <xs:schema targetNamespace="urn:bundled">
      <xs:import namespace="${namespace}" schemaLocation="${url}" />
    </xs:schema>
  </wsdl:types>
</wsdl:definitions>
`;
    const result = loadCore('bundled.wsdl', wsdl, { readFile: () => undefined });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.ok).toBe(true);
    // xml.xsd declares only attributes, which the core keeps where they are used.
    if (url !== 'http://www.w3.org/2001/xml.xsd')
      expect(result.ok && result.core.types.length + result.core.elements.length).toBeGreaterThan(0);
  });

  it('an import without a location of xmlmime (declared by no schema of the WSDL) reads the bundled copy; of SOAP-ENC, nothing', () => {
    const wsdl = `<?xml version="1.0" encoding="utf-8"?>
<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:bundled" name="Bundled">
  <wsdl:types>
    <xs:schema targetNamespace="urn:bundled" xmlns:xmime="http://www.w3.org/2005/05/xmlmime">
      <xs:import namespace="http://www.w3.org/2005/05/xmlmime" />
      <xs:import namespace="http://schemas.xmlsoap.org/soap/encoding/" />
      <xs:element name="Blob" type="xmime:base64Binary" />
    </xs:schema>
  </wsdl:types>
</wsdl:definitions>
`;
    const result = loadCore('bundled.wsdl', wsdl, { readFile: () => undefined });
    expect(result.diagnostics).toEqual([]);
    const namespaces = result.ok ? [...new Set(result.core.types.map((t) => t.namespace))] : [];
    expect(namespaces).toEqual(['http://www.w3.org/2005/05/xmlmime']);
  });

  it('SOAP 1.2 reads xml:lang from the bundled xml.xsd, imported by URL from the bundled envelope schema', () => {
    const wsdl = `<?xml version="1.0" encoding="utf-8"?>
<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:bundled" name="Bundled">
  <wsdl:types>
    <xs:schema targetNamespace="urn:bundled">
      <xs:import namespace="http://www.w3.org/2003/05/soap-envelope" schemaLocation="http://www.w3.org/2003/05/soap-envelope" />
    </xs:schema>
  </wsdl:types>
</wsdl:definitions>
`;
    const result = loadCore('bundled.wsdl', wsdl, { readFile: () => undefined });
    const reason = result.ok
      ? result.core.types.find((t) => t.id === '{http://www.w3.org/2003/05/soap-envelope}reasontext')
      : undefined;
    expect(reason?.kind === 'complex' && reason.attributes.map((a) => [a.namespace, a.name, a.required])).toEqual([
      ['http://www.w3.org/XML/1998/namespace', 'lang', true],
    ]);
  });
});

describe('OASIS XML catalogs', () => {
  const files: Record<string, string> = {
    'cat/main.xml': `<?xml version="1.0"?>
<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">
  <system systemId="http://example.com/a.xsd" uri="local/a.xsd" />
  <uri name="urn:example:ns" uri="by-namespace.xsd" />
  <rewriteSystem systemIdStartString="http://example.com/schemas/" rewritePrefix="mirror/" />
  <rewriteSystem systemIdStartString="http://example.com/schemas/deep/" rewritePrefix="deep-mirror/" />
  <group xml:base="grouped/">
    <uriSuffix uriSuffix="/types.xsd" uri="types.xsd" />
  </group>
  <nextCatalog catalog="../other/next.xml" />
</catalog>
`,
    'other/next.xml': `<?xml version="1.0"?>
<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">
  <rewriteURI uriStartString="/Service?xsd=" rewritePrefix="saved/" />
  <system systemId="http://example.com/a.xsd" uri="never-used.xsd" />
</catalog>
`,
    'bad.xml': '<?xml version="1.0"?>\n<catalog/>\n',
  };
  const readOne = (path: string) => files[path];

  it('maps system ids, namespaces (uri entries), the longest rewrite prefix, suffixes in groups, and next catalogs after this one', async () => {
    const { readCatalogs } = await import('../../generator/src/parse/catalog.js');
    const diagnostics: Diagnostic[] = [];
    const catalog = readCatalogs(['cat/main.xml'], readOne, diagnostics);
    expect(diagnostics).toEqual([]);
    expect(catalog.lookup('http://example.com/a.xsd')).toBe('cat/local/a.xsd');
    expect(catalog.lookup('whatever.xsd', 'urn:example:ns')).toBe('cat/by-namespace.xsd');
    expect(catalog.lookup('http://example.com/schemas/x/y.xsd')).toBe('cat/mirror/x/y.xsd');
    expect(catalog.lookup('http://example.com/schemas/deep/z.xsd')).toBe('cat/deep-mirror/z.xsd');
    expect(catalog.lookup('https://host.example/v2/types.xsd')).toBe('cat/grouped/types.xsd');
    expect(catalog.lookup('/Service?xsd=common.xsd')).toBe('other/saved/common.xsd');
    expect(catalog.lookup('http://example.com/unknown.xsd')).toBeUndefined();
  });

  it('reports a catalog that is missing or not a catalog, at the file', async () => {
    const { readCatalogs } = await import('../../generator/src/parse/catalog.js');
    const diagnostics: Diagnostic[] = [];
    readCatalogs(['missing.xml', 'bad.xml'], readOne, diagnostics);
    expect(diagnostics.map((d) => [d.code, d.origin?.file])).toEqual([
      ['catalog-not-found', 'missing.xml'],
      ['not-a-catalog', 'bad.xml'],
    ]);
  });
});

describe('values and names the codec would refuse', () => {
  const wsdl = `<?xml version="1.0" encoding="utf-8"?>
<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="urn:values" targetNamespace="urn:values" name="Values">
  <wsdl:types>
    <xs:schema targetNamespace="urn:values" elementFormDefault="qualified">
      <xs:simpleType name="Level">
        <xs:restriction base="xs:int">
          <xs:enumeration value="0" />
          <xs:enumeration value="1" />
        </xs:restriction>
      </xs:simpleType>
      <xs:complexType name="Settings">
        <xs:sequence>
          <xs:element name="Level" type="tns:Level" minOccurs="0" default="HIGH" />
          <xs:element name="Other" type="tns:Level" minOccurs="0" default="1" />
          <xs:element name="id" type="xs:string" minOccurs="0" />
        </xs:sequence>
        <xs:attribute name="id" type="xs:int" />
        <xs:attribute name="count" type="xs:int" fixed="many" />
      </xs:complexType>
      <xs:complexType name="Labelled" mixed="true">
        <xs:simpleContent>
          <xs:extension base="xs:string">
            <xs:attribute name="lang" type="xs:string" />
          </xs:extension>
        </xs:simpleContent>
      </xs:complexType>
      <xs:element name="Settings" type="tns:Settings" />
      <xs:element name="Labelled" type="tns:Labelled" />
    </xs:schema>
  </wsdl:types>
</wsdl:definitions>
`;
  const result = loadCore('values.wsdl', wsdl);
  const core = result.ok ? result.core : undefined;

  it('drops default and fixed values their type refuses, with a warning at the declaration, and keeps valid ones', () => {
    expect(result.diagnostics.map((d) => [d.code, d.origin?.line])).toEqual([
      ['invalid-default', 13],
      ['invalid-default', 18],
    ]);
    expect(result.diagnostics[0]?.message).toMatch(
      /^element Level of type Settings: the default value "HIGH" is not valid for its type \(invalid Level value "HIGH" \(not an integer\)\); it is ignored$/,
    );
    const settings = core?.types.find((t) => t.name === 'Settings');
    if (settings?.kind !== 'complex') throw new Error('no Settings');
    expect(settings.content.map((p) => (p.kind === 'element' ? [p.name, p.defaultValue] : []))).toEqual([
      ['Level', undefined],
      ['Other', '1'],
      ['id', undefined],
    ]);
    expect(settings.attributes.find((a) => a.name === 'count')?.fixedValue).toBeUndefined();
  });

  it('gives simple content no mixed text, and names an attribute like an element @name, as the codec does', () => {
    const labelled = core?.types.find((t) => t.name === 'Labelled');
    expect(labelled?.kind === 'complex' && labelled.mixed).toBe(false);
    if (!core || !typescript) throw new Error('cannot load');
    const schema = buildSchemaDescriptor(core);
    const settings = decodeElement(
      schema,
      '{urn:values}Settings',
      parseXml('<Settings xmlns="urn:values" id="7"><id>seven</id></Settings>').root,
    );
    expect(settings).toEqual({ id: 'seven', '@id': 7 });
    const model = viewFor(core, typescript).models.find((m) => m.schemaName === 'Settings');
    expect(model?.fields.map((f) => f.name)).toEqual(['Level', 'Other', 'id', '@id', 'count']);
  });

  it('writes an element declared twice in a sequence once, at the first place, and reads it from either', () => {
    const batch = loaded('duplicate-declarations');
    const schema = buildSchemaDescriptor(batch);
    const id = '{https://example.com/fixtures/duplicate-declarations}SubmitBatchResponse';
    const after = decodeElement(
      schema,
      id,
      parseXml(
        readFileSync(
          join(FIXTURES, 'duplicate-declarations', 'samples', 'SubmitBatchResponse.note-after-code.xml'),
          'utf8',
        ),
      ).root,
    );
    expect(after).toEqual({ Status: { Code: 0, Note: 'accepted' } });
    expect(encodeElement(schema, id, after)).toBe(
      '<SubmitBatchResponse xmlns="https://example.com/fixtures/duplicate-declarations"><Status><Note>accepted</Note><Code>0</Code></Status></SubmitBatchResponse>',
    );
  });
});

describe('--map and --catalog on the command line', () => {
  const io = { cwd: '/project', stdout: () => {}, stderr: () => {}, readStdin: async () => '' };

  it('splits --map at the last "=", so a ?xsd= location maps, and shows files relative to the working folder', async () => {
    const { importOptionsOf, IMPORT_OPTION_SPECS } = await import('../../generator/src/cli/io.js');
    const { parseArgs } = await import('../../generator/src/cli/args.js');
    const args = parseArgs(
      [
        '--map',
        '/Service?xsd=/a.xsd=saved/a.xsd',
        '--map',
        'http://example.com/s/=/project/mirror/',
        '--catalog',
        '/project/cat.xml',
      ],
      [...IMPORT_OPTION_SPECS],
    );
    expect(importOptionsOf(args, io)).toEqual({
      allowRemote: false,
      map: [
        { location: '/Service?xsd=/a.xsd', file: 'saved/a.xsd' },
        { location: 'http://example.com/s/', file: 'mirror/' },
      ],
      catalogs: ['cat.xml'],
    });
  });

  it('refuses a --map value without LOCATION=FILE as a usage error', async () => {
    const { importOptionsOf, IMPORT_OPTION_SPECS } = await import('../../generator/src/cli/io.js');
    const { UsageError, parseArgs } = await import('../../generator/src/cli/args.js');
    for (const value of ['no-equals-sign', '=file.xsd', 'location=']) {
      expect(() => importOptionsOf(parseArgs(['--map', value], [...IMPORT_OPTION_SPECS]), io), value).toThrow(
        UsageError,
      );
    }
  });
});

describe('services whose names spell the same as identifiers', () => {
  it('get clients and descriptors numbered in order, and their TypeScript type-checks', async () => {
    const service = (name: string) => `  <wsdl:service name="${name}">
    <wsdl:port name="${name}Port" binding="tns:DeskSoap">
      <soap:address location="http://127.0.0.1:8080/${name}" />
    </wsdl:port>
  </wsdl:service>`;
    const wsdl = `<?xml version="1.0" encoding="utf-8"?>
<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="urn:desk" targetNamespace="urn:desk" name="Desk">
  <wsdl:types>
    <xs:schema targetNamespace="urn:desk" elementFormDefault="qualified">
      <xs:element name="Ping"><xs:complexType><xs:sequence /></xs:complexType></xs:element>
    </xs:schema>
  </wsdl:types>
  <wsdl:message name="PingIn"><wsdl:part name="parameters" element="tns:Ping" /></wsdl:message>
  <wsdl:portType name="Desk"><wsdl:operation name="Ping"><wsdl:input message="tns:PingIn" /></wsdl:operation></wsdl:portType>
  <wsdl:binding name="DeskSoap" type="tns:Desk">
    <soap:binding transport="http://schemas.xmlsoap.org/soap/http" style="document" />
    <wsdl:operation name="Ping"><soap:operation soapAction="urn:desk/Ping" /><wsdl:input><soap:body use="literal" /></wsdl:input></wsdl:operation>
  </wsdl:binding>
${service('Order-Desk')}
${service('Order_Desk')}
</wsdl:definitions>
`;
    const result = loadCore('desk.wsdl', wsdl);
    if (!result.ok || !typescript) throw new Error('cannot load');
    expect(viewFor(result.core, typescript).services.map((s) => [s.className, s.descriptorName])).toEqual([
      ['Order_DeskClient', 'Order_DeskService'],
      ['Order_DeskClient2', 'Order_DeskService2'],
    ]);
    expect(await typecheck(result.core)).toEqual([]);
  }, 60_000);
});
