/**
 * The C# target, checked by the .NET SDK: the committed contract package is what the generator
 * renders (golden); it and a v4.1 package generated into a temporary folder build without any
 * warning; the C# driver reproduces both vector sets byte for byte; the codec is as strict as the
 * TypeScript runtime and the client maps SOAP 1.1/1.2 answers, faults, HTTP errors and timeouts to
 * typed exceptions; and the documentation page's example, moved to the generated client, runs
 * against a local server on 127.0.0.1. Builds run once, in beforeAll, in a temporary folder.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findLanguage } from '../../generator/src/languages.js';
import { renderTree } from '../../generator/src/pipeline.js';
import { listPackageFiles, loadRepoCore, renderRepoTree } from '../support/generate.js';
import { CONTRACT_WSDL, ROOT, readRepoFile } from '../support/paths.js';
import { startServer, type ReceivedRequest, type Reply, type TestServer } from '../support/soap-server.js';
import { compareWithExpected, summarize } from './support/compare.js';
import { buildDriver, buildPackage, DOTNET_ENV, driver, feedArgument } from './support/drivers/csharp.js';
import {
  contractPackage,
  makeScratch,
  manifestForSet,
  packageForSet,
  removeScratch,
  SET_NAMES,
  V41_WSDL,
  type SetName,
} from './support/packages.js';
import { mustRun } from './support/run.js';

const HOOK_TIMEOUT = 1_200_000;

let scratch = '';
let contractProject = '';
let checksDll = '';
let exampleDll = '';
const runners = new Map<SetName, (manifest: string, outDir: string) => Promise<void>>();

beforeAll(async () => {
  scratch = makeScratch('csharp');
  for (const set of SET_NAMES) {
    const prepared = await driver.prepare(packageForSet(set, 'csharp', scratch), join(scratch, `build-${set}`));
    runners.set(set, (manifest, outDir) => prepared.run(manifest, outDir));
  }
  // The checks and the example build against their own copy of the contract package.
  contractProject = await buildPackage(contractPackage('csharp'), join(scratch, 'checks'));
  checksDll = await buildDriver(contractProject, join(scratch, 'checks'), true);
  const example = join(scratch, 'example');
  cpSync(join(ROOT, 'test/targets/examples/KeySetExample.cs'), join(example, 'KeySetExample.cs'));
  cpSync(
    join(ROOT, 'test/targets/examples/csharp/KeySetExample.csproj'),
    join(example, 'csharp', 'KeySetExample.csproj'),
  );
  await mustRun(
    'dotnet',
    [
      'build',
      join(example, 'csharp', 'KeySetExample.csproj'),
      '-c',
      'Release',
      '-nologo',
      `-p:SdkProject=${contractProject}`,
      '-p:UseSharedCompilation=false',
      feedArgument(),
    ],
    {
      env: DOTNET_ENV,
    },
  );
  exampleDll = join(example, 'csharp', 'bin', 'Release', 'net10.0', 'KeySetExample.dll');
}, HOOK_TIMEOUT);

afterAll(() => {
  if (scratch !== '') removeScratch(scratch);
});

describe('C# target: golden', () => {
  it('packages/ecgridos-csharp is exactly what the generator renders from wsdl/ECGridOS.wsdl', () => {
    const files = renderRepoTree(CONTRACT_WSDL, 'csharp');
    const dirs = new Set([...files.keys()].map((p) => p.split('/')[0] ?? ''));
    expect(dirs).toEqual(new Set(['ecgridos-csharp']));
    // bin/ and obj/ are what `dotnet build` leaves in place; they are never generated.
    const onDisk = listPackageFiles(join(ROOT, 'packages'), dirs).filter((p) => !/\/(bin|obj)\//.test(p));
    expect(onDisk, 'run `npm run golden:update`').toEqual([...files.keys()].sort());
    for (const [path, text] of files) expect(readFileSync(join(ROOT, 'packages', path), 'utf8'), path).toBe(text);
  });
});

describe('C# target: a thin package on the runtime library', () => {
  const runtimeVersion = (JSON.parse(readRepoFile('packages/runtime/package.json')) as { version: string }).version;
  const cases = [
    { wsdl: CONTRACT_WSDL, dir: 'ecgridos-csharp', namespace: 'ECGridOS.Client' },
    { wsdl: V41_WSDL, dir: 'ecgridos-api-v4-csharp', namespace: 'ECGridOS_API_v4.Client' },
    { wsdl: '../shared/corpus/ECGridOS-v3.2.wsdl', dir: 'ecgridos-api-v3-csharp', namespace: 'ECGridOS_API_v3.Client' },
  ];
  for (const c of cases) {
    it(`${c.wsdl}: only what the WSDL decides, in ${c.namespace}, on ECGrid.Soap.Runtime by version`, () => {
      const files = renderRepoTree(c.wsdl, 'csharp', join(scratch, 'thin'));
      expect([...files.keys()].sort()).toEqual(
        [
          'Client.cs',
          'Enums.cs',
          'LICENSE',
          'Models.cs',
          'README.md',
          'XmlCodec.cs',
          `${c.namespace.replace(/\.Client$/, '')}.Client.csproj`,
          // The companion package: services.Add<Service>Client with IHttpClientFactory and options binding.
          `DependencyInjection/${c.namespace}.DependencyInjection.csproj`,
          'DependencyInjection/ServiceCollectionExtensions.cs',
        ]
          .map((f) => `${c.dir}/${f}`)
          .sort(),
      );
      const project = files.get(`${c.dir}/${c.namespace}.csproj`) ?? '';
      expect(project).toContain(`<PackageReference Include="ECGrid.Soap.Runtime" Version="${runtimeVersion}" />`);
      expect(project).toContain('<TargetFrameworks>net8.0;net10.0</TargetFrameworks>');
      expect(project).toContain(`<RootNamespace>${c.namespace}</RootNamespace>`);
      for (const [path, text] of files) {
        if (!path.endsWith('.cs')) continue;
        expect(text, path).toMatch(new RegExp(`^namespace ${c.namespace.replace(/\./g, '\\.')};$`, 'm'));
        // No runtime code: the runtime's types are used, never declared.
        expect(text, path).not.toMatch(
          /\b(class|struct|interface|enum|record) (XmlTreeReader|XmlTreeWriter|XmlElementNode|SoapClientCore|SoapEnvelope|ComplexCodec|TypeCodec|XsdDateTime|Nillable|SoapRuntimeException)\b/,
        );
      }
    });
  }
});

/** A WSDL whose XmlCodec.cs names BigInteger: roots of types restricting xs:integer, a list and a union of integers. */
/**
 * Choices nested `depth` deep whose options have long names, as real schemas nest them (SIRI): the
 * names joined into codec members pass the 1024 characters C# metadata allows.
 */
function nestedChoices(depth: number): string {
  const options = (level: number) =>
    Array.from(
      { length: 6 },
      (_, i) => `<xs:element name="OptionNumber${i}WithALongDescriptiveElementNameAtLevel${level}" type="xs:string" />`,
    ).join('');
  let xml = `<xs:choice>${options(depth)}</xs:choice>`;
  for (let level = depth - 1; level >= 1; level--)
    xml = `<xs:choice>${options(level)}<xs:sequence>${xml}</xs:sequence></xs:choice>`;
  return xml;
}

const INTEGER_WSDL = `<?xml version="1.0" encoding="utf-8"?>
<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="urn:integers" targetNamespace="urn:integers">
  <wsdl:types>
    <xs:schema targetNamespace="urn:integers" elementFormDefault="qualified">
      <xs:simpleType name="Quantity"><xs:restriction base="xs:positiveInteger"><xs:maxInclusive value="1000000000000000000000" /></xs:restriction></xs:simpleType>
      <xs:simpleType name="Quantities"><xs:list itemType="tns:Quantity" /></xs:simpleType>
      <xs:simpleType name="Amount"><xs:union memberTypes="xs:integer xs:string" /></xs:simpleType>
      <xs:element name="Quantity" type="tns:Quantity" />
      <xs:element name="Count" type="xs:nonNegativeInteger" />
      <xs:element name="Order">
        <xs:complexType>
          <xs:sequence>
            <xs:element name="Lines" type="tns:Quantities" />
            <xs:element name="Total" type="tns:Amount" />
            <xs:choice><xs:element name="Exact" type="xs:integer" /><xs:element name="Estimate" type="tns:Quantity" /></xs:choice>
            ${nestedChoices(3)}
          </xs:sequence>
        </xs:complexType>
      </xs:element>
      <xs:element name="OrderResponse"><xs:complexType><xs:sequence><xs:element name="Lines" type="tns:Quantities" /></xs:sequence></xs:complexType></xs:element>
    </xs:schema>
  </wsdl:types>
  <wsdl:message name="OrderIn"><wsdl:part name="parameters" element="tns:Order" /></wsdl:message>
  <wsdl:message name="OrderOut"><wsdl:part name="parameters" element="tns:OrderResponse" /></wsdl:message>
  <wsdl:portType name="Orders"><wsdl:operation name="Order"><wsdl:input message="tns:OrderIn" /><wsdl:output message="tns:OrderOut" /></wsdl:operation></wsdl:portType>
  <wsdl:binding name="OrdersSoap" type="tns:Orders">
    <soap:binding transport="http://schemas.xmlsoap.org/soap/http" />
    <wsdl:operation name="Order"><soap:operation soapAction="urn:integers/Order" /><wsdl:input><soap:body use="literal" /></wsdl:input><wsdl:output><soap:body use="literal" /></wsdl:output></wsdl:operation>
  </wsdl:binding>
  <wsdl:service name="Orders"><wsdl:port name="OrdersSoap" binding="tns:OrdersSoap"><soap:address location="http://127.0.0.1:8080/orders" /></wsdl:port></wsdl:service>
</wsdl:definitions>
`;

describe('C# target: imports', () => {
  it('a package naming BigInteger in every file (integer restrictions, lists, unions, choices) and nesting long-named choices builds with warnings as errors', async () => {
    const csharp = findLanguage('csharp');
    if (csharp === undefined) throw new Error('csharp is not registered');
    const files = renderTree(loadRepoCore('integers.wsdl', INTEGER_WSDL), csharp);
    const codec = [...files].find(([path]) => path.endsWith('/XmlCodec.cs'))?.[1] ?? '';
    expect(codec).toContain('using System.Numerics;');
    expect(codec).toMatch(/XmlRoot<BigInteger>/);
    // Codec members of deeply nested groups are numbered rather than joined past C#'s name limit.
    expect(codec).toMatch(/Nested\d+_/);
    expect(Math.max(...(codec.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []).map((w) => w.length))).toBeLessThan(1024);
    const dir = join(scratch, 'integers', 'package');
    for (const [path, text] of files) {
      const file = join(dir, path.split('/').slice(1).join('/'));
      mkdirSync(join(file, '..'), { recursive: true });
      writeFileSync(file, text);
    }
    await buildPackage(dir, join(scratch, 'integers'));
  });
});

describe('C# target: round trips', () => {
  for (const set of SET_NAMES) {
    it(`the driver reproduces the ${set} vectors byte for byte`, async () => {
      const manifest = manifestForSet(set, scratch);
      const outDir = join(scratch, `out-${set}`);
      await runners.get(set)?.(manifest, outDir);
      expect(summarize(compareWithExpected(manifest, outDir, 'csharp'))).toBe('');
    }, 300_000);
  }
});

const FAULT11 = readRepoFile('wsdl/examples/Fault.soap11.xml');

/** Answers by path, as `test/targets/csharp/Checks.cs` calls them. */
function answer(request: ReceivedRequest): Reply {
  const path = new URL(request.url, 'http://127.0.0.1').pathname;
  switch (path) {
    case '/soap11':
      return { body: readRepoFile('wsdl/examples/KeySet.soap11.response.xml') };
    case '/soap12':
      return {
        contentType: 'application/soap+xml; charset=utf-8',
        body: readRepoFile('wsdl/examples/KeySet.soap12.response.xml'),
      };
    case '/fault11':
      return { status: 500, body: FAULT11.replace('Session is not valid', 'Session s3cr3t-session is not valid') };
    case '/fault12':
      return {
        status: 500,
        contentType: 'application/soap+xml; charset=utf-8',
        body: readRepoFile('wsdl/examples/Fault.soap12.xml'),
      };
    case '/html':
      return { status: 503, contentType: 'text/html', body: '<html><body>down for s3cr3t-session</body></html>' };
    case '/not-xml':
      return { status: 200, contentType: 'text/plain', body: 'hello' };
    case '/hang':
      return { hang: true };
    case '/bad-enum':
      return {
        body: readRepoFile('wsdl/examples/KeySet.soap11.response.xml').replace(
          '<Visibility>Shared</Visibility>',
          '<Visibility>Secret</Visibility>',
        ),
      };
    default:
      return { status: 404, body: '' };
  }
}

describe('C# target: codec and client', () => {
  let server: TestServer;
  let lines: Map<string, string>;

  beforeAll(async () => {
    server = await startServer(answer);
    const result = await mustRun(
      'dotnet',
      [checksDll, '--checks', server.url.replace(/\/v4\.1\/prod\/ECGridOS\.asmx$/, '')],
      { env: DOTNET_ENV },
    );
    lines = new Map(
      result.stdout
        .trim()
        .split('\n')
        .map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 2)]),
    );
  }, HOOK_TIMEOUT);

  afterAll(async () => {
    await server?.close();
  });

  it('decodes typed values: dateTime lexical kept, with its date, zone and formatting', () => {
    expect(lines.get('decode')).toBe('1 Public 2026-05-07T10:00:00.5+02:00 2026-05-07 10:00 02:00:00 Unspecified');
  });

  it('is as strict as the TypeScript runtime, with the path of the problem', () => {
    expect(lines.get('unknown-enum')).toBe('DecodeException unknown-enum-value KeyIDInfo.Visibility line=1');
    expect(lines.get('missing-required')).toBe('DecodeException missing-element KeyIDInfo.Key line=1');
    expect(lines.get('int-range')).toBe('DecodeException out-of-range KeyIDInfo.KeyID line=1');
    expect(lines.get('wrong-namespace')).toBe('DecodeException wrong-namespace KeyIDInfo.KeyID line=1');
    expect(lines.get('doctype')).toMatch(/^XmlParseException doctype-refused /);
    expect(lines.get('encode-missing')).toBe(
      'EncodeException missing-element KeyIDInfo.Key: missing required element <Key>',
    );
    expect(lines.get('encode-undefined-enum')).toBe(
      'EncodeException unknown-enum-value KeyIDInfo.Visibility: value is not one of Private, Shared, Public, Session',
    );
    expect(lines.get('encode')).toBe(
      '<KeyIDInfo xmlns="https://os.ecgrid.io/"><KeyID>1</KeyID><UserID>2</UserID><Key>a&amp;b</Key><Visibility>Session</Visibility><Created>2026-05-07T10:00:00Z</Created></KeyIDInfo>',
    );
  });

  it('calls SOAP 1.1 and 1.2 with the envelopes of wsdl/examples', () => {
    expect(lines.get('soap11')).toBe('1043 xyz987uvw654rst321opq098nml765kj Shared 2026-05-07');
    expect(lines.get('soap12')).toBe('1043 xyz987uvw654rst321opq098nml765kj Shared 2026-05-07');
    const soap11 = server.requests.find((r) => r.url === '/soap11');
    const soap12 = server.requests.find((r) => r.url === '/soap12');
    expect(soap11?.headers['content-type']).toBe('text/xml; charset=utf-8');
    expect(soap11?.headers.soapaction).toBe('"https://os.ecgrid.io/KeySet"');
    expect(soap12?.headers['content-type']).toBe(
      'application/soap+xml; charset=utf-8; action="https://os.ecgrid.io/KeySet"',
    );
    const request = (file: string) =>
      readRepoFile(file).replace('a3f1c2d4-7e8b-4c5a-9d0f-1b2c3d4e5f60', 's3cr3t-session').replace(/\n$/, '');
    expect(soap11?.body).toBe(request('wsdl/examples/KeySet.soap11.request.xml'));
    expect(soap12?.body).toBe(request('wsdl/examples/KeySet.soap12.request.xml'));
  });

  it('maps faults, HTTP errors, bad responses and timeouts to typed exceptions, secrets redacted', () => {
    expect(lines.get('fault11')).toMatch(
      /^SoapFaultException soap:Client Client Session \*\*\* is not valid or has expired\. detail=detail <detail>/,
    );
    expect(lines.get('fault11')).toContain('<ErrorCode>SessionInvalid</ErrorCode>');
    expect(lines.get('fault11')).not.toContain('s3cr3t');
    expect(lines.get('fault12')).toMatch(
      /^SoapFaultException soap:Sender Sender Session is not valid or has expired\. detail=Detail /,
    );
    expect(lines.get('html')).toBe(
      'HttpStatusException http-error 503 text/html <html><body>down for ***</body></html>',
    );
    expect(lines.get('not-xml')).toBe('ResponseFormatException invalid-response inner=not-well-formed');
    expect(lines.get('timeout')).toMatch(
      /^SoapTimeoutException timeout request to http:\/\/127\.0\.0\.1:\d+\/hang timed out after 300 ms$/,
    );
    expect(lines.get('bad-response')).toBe(
      'DecodeException unknown-enum-value KeySetResponse.KeySetResult.Visibility line=9',
    );
  });
});

describe('C# target: the documentation page example', () => {
  it('runs KeySetExample.cs against a local server and prints the page values', async () => {
    const server = await startServer(() => ({ body: readRepoFile('wsdl/examples/KeySet.soap11.response.xml') }));
    try {
      const result = await mustRun('dotnet', [exampleDll, server.url], { env: DOTNET_ENV });
      expect(result.stdout).toBe(
        'Key ID: 1043\nKey: xyz987uvw654rst321opq098nml765kj\nVisibility: Shared\nCreated: 2026-05-07\n',
      );
      expect(server.requests).toHaveLength(1);
      expect(server.requests[0]?.body).toBe(readRepoFile('wsdl/examples/KeySet.soap11.request.xml').replace(/\n$/, ''));
    } finally {
      await server.close();
    }
  });

  it('keeps the page lines unchanged: only the client creation differs', () => {
    const example = readRepoFile('test/targets/examples/KeySetExample.cs');
    const page = readFileSync(join(ROOT, '..', 'shared', 'seeds', 'KeySet.txt'), 'utf8');
    const start = page.indexOf('// .NET 10');
    const snippet = page.slice(start, page.indexOf('// JAX-WS')).trim().split('\n');
    for (const line of snippet) expect(example).toContain(line);
    expect(existsSync(join(ROOT, 'test/targets/examples/csharp/KeySetExample.csproj'))).toBe(true);
  });
});
