import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BUILTINS } from '@ecgrid/soap-runtime';
import { startServer, type Reply, type TestServer } from '../support/soap-server.js';
import { CONTRACT_WSDL, ROOT, readRepoFile } from '../support/paths.js';
import { listPackageFiles, loadRepoCore, renderRepoTree } from '../support/generate.js';
import { findLanguage } from '../../generator/src/languages.js';
import { loadCore, renderTree } from '../../generator/src/pipeline.js';
import { writeTree } from '../../generator/src/write/write-tree.js';
import { compareWithExpected, summarize } from './support/compare.js';
import { driver, mypyPath, PYTHON, PYTHON_DIR, pythonEnv } from './support/drivers/python.js';
import {
  contractPackage,
  generatePackage,
  makeScratch,
  manifestForSet,
  removeScratch,
  SET_NAMES,
  V41_WSDL,
} from './support/packages.js';
import { mustRun, runCommand } from './support/run.js';

/**
 * The Python target: the committed contract package and a v4.1 package generated into a
 * temporary folder are byte-compiled and type-checked (`mypy --strict`, Debian's `mypy`
 * package) against the runtime library (`packages/runtime-python`); they hold no runtime
 * source; the driver round-trips both vector sets; the SDK's own behaviour is checked with
 * `unittest`; the page's example and the client run against a local server.
 */
const scratch = makeScratch('python');
const EXAMPLE = join(ROOT, 'test', 'targets', 'examples', 'keyset_example.py');
const CLIENT_CALL = join(PYTHON_DIR, 'client_call.py');
const packages: Record<string, string> = {};
afterAll(() => removeScratch(scratch));

beforeAll(() => {
  packages.contract = contractPackage('python');
  packages['v4.1'] = generatePackage(V41_WSDL, 'python', join(scratch, 'generated'));
});

async function mypy(packageDir: string, files: readonly string[], cache: string): Promise<void> {
  const env = { ...pythonEnv(packageDir, scratch), MYPYPATH: mypyPath(packageDir) };
  const check = await runCommand('mypy', ['--version'], { env });
  if (check.status !== 0) throw new Error('mypy is not available: install it (apt-get install -y mypy)');
  await mustRun('mypy', ['--strict', '--cache-dir', join(scratch, cache), join(packageDir, 'src'), ...files], { env });
}

describe('python: the generated packages compile and type-check', () => {
  it('contract package (packages/ecgridos-python): compileall, mypy --strict with the driver, tests and example', async () => {
    const env = pythonEnv(packages.contract as string, scratch);
    await mustRun(PYTHON, ['-m', 'compileall', '-q', join(packages.contract as string, 'src')], { env });
    // side_by_side.py imports the v3.2 and v4.1 SDKs: python-artifacts.test.ts checks it against them.
    const scripts = readdirSync(PYTHON_DIR)
      .filter((f) => f.endsWith('.py') && f !== 'side_by_side.py')
      .map((f) => join(PYTHON_DIR, f));
    await mypy(packages.contract as string, [...scripts, EXAMPLE], 'mypy-contract');
  });

  it('v4.1 package (generated into a temporary folder): compileall, mypy --strict', async () => {
    const env = pythonEnv(packages['v4.1'] as string, scratch);
    await mustRun(PYTHON, ['-m', 'compileall', '-q', join(packages['v4.1'] as string, 'src')], { env });
    await mypy(packages['v4.1'] as string, [], 'mypy-v4.1');
  });
});

/** Named simple types restricting builtins that other languages map to imported types (BigInteger, decimal, dates). */
const RESTRICTIONS_WSDL = `<?xml version="1.0" encoding="utf-8"?>
<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
    xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="urn:restrictions" targetNamespace="urn:restrictions">
  <wsdl:types>
    <xs:schema targetNamespace="urn:restrictions" elementFormDefault="qualified">
      <xs:simpleType name="Quantity"><xs:restriction base="xs:integer"><xs:minInclusive value="0"/></xs:restriction></xs:simpleType>
      <xs:simpleType name="Big"><xs:restriction base="xs:nonNegativeInteger"/></xs:simpleType>
      <xs:simpleType name="Price"><xs:restriction base="xs:decimal"><xs:fractionDigits value="2"/></xs:restriction></xs:simpleType>
      <xs:simpleType name="When"><xs:restriction base="xs:dateTime"/></xs:simpleType>
      <xs:simpleType name="Level"><xs:restriction base="xs:integer"><xs:enumeration value="1"/><xs:enumeration value="2"/></xs:restriction></xs:simpleType>
      <xs:element name="Order">
        <xs:complexType>
          <xs:sequence>
            <xs:element name="Quantity" type="tns:Quantity"/>
            <xs:element name="Big" type="tns:Big" minOccurs="0" maxOccurs="unbounded"/>
            <xs:element name="Price" type="tns:Price"/>
            <xs:element name="When" type="tns:When"/>
            <xs:element name="Level" type="tns:Level"/>
          </xs:sequence>
        </xs:complexType>
      </xs:element>
      <xs:element name="OrderResponse"><xs:complexType><xs:sequence><xs:element name="Total" type="tns:Price"/></xs:sequence></xs:complexType></xs:element>
    </xs:schema>
  </wsdl:types>
  <wsdl:message name="OrderIn"><wsdl:part name="parameters" element="tns:Order"/></wsdl:message>
  <wsdl:message name="OrderOut"><wsdl:part name="parameters" element="tns:OrderResponse"/></wsdl:message>
  <wsdl:portType name="OrdersPort"><wsdl:operation name="Order"><wsdl:input message="tns:OrderIn"/><wsdl:output message="tns:OrderOut"/></wsdl:operation></wsdl:portType>
  <wsdl:binding name="OrdersBinding" type="tns:OrdersPort">
    <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="Order"><soap:operation soapAction="urn:restrictions/Order"/>
      <wsdl:input><soap:body use="literal"/></wsdl:input><wsdl:output><soap:body use="literal"/></wsdl:output></wsdl:operation>
  </wsdl:binding>
  <wsdl:service name="Orders"><wsdl:port name="OrdersPort" binding="tns:OrdersBinding"><soap:address location="http://127.0.0.1:8080/orders"/></wsdl:port></wsdl:service>
</wsdl:definitions>
`;

describe('python: named restrictions of xs:integer, xs:decimal and xs:dateTime', () => {
  it('are typed int, XsdDecimal and XsdDateTime (imported), type-check and round-trip', async () => {
    const loaded = loadCore('restrictions.wsdl', RESTRICTIONS_WSDL);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics));
    const python = findLanguage('python');
    if (python === undefined) throw new Error('python is not registered');
    const out = join(scratch, 'restrictions');
    writeTree({ outDir: out, target: 'python', source: loaded.core.source, files: renderTree(loaded.core, python) });
    const dir = join(out, 'orders-python');
    const models = readFileSync(join(dir, 'src', 'orders', 'models.py'), 'utf8');
    for (const line of ['Quantity: int', 'Big: list[int]', 'Price: XsdDecimal', 'When: XsdDateTime', 'Level: _Level'])
      expect(models).toContain(line);
    const script = join(out, 'use_restrictions.py');
    writeFileSync(
      script,
      [
        'from orders import Level, Order, decode, encode',
        '',
        'order = Order(Quantity=10**30, Big=[2**70], Price="12.50", When="2026-05-07T10:00:00", Level=Level._2)',
        'text = encode(Order, order)',
        'assert decode(Order, text) == order, text',
        'print(text)',
        '',
      ].join('\n'),
    );
    await mypy(dir, [script], 'mypy-restrictions');
    const run = await mustRun(PYTHON, [script], { env: pythonEnv(dir, scratch) });
    expect(run.stdout.trim()).toBe(
      '<Order xmlns="urn:restrictions"><Quantity>1000000000000000000000000000000</Quantity><Big>1180591620717411303424</Big><Price>12.50</Price><When>2026-05-07T10:00:00</When><Level>2</Level></Order>',
    );
  });
});

describe('python: thin packages on the runtime library', () => {
  const GENERATED = ['__init__.py', 'client.py', 'codec.py', 'models.py', 'py.typed', 'schema.py'];
  const RUNTIME_VERSION = (JSON.parse(readRepoFile('packages/runtime/package.json')) as { version: string }).version;

  it('each package holds only what its WSDL decides and depends on ecgrid-soap-runtime by version', () => {
    for (const [set, module] of [
      ['contract', 'ecgridos'],
      ['v4.1', 'ecgridos_api_v4'],
    ] as const) {
      const dir = packages[set] as string;
      expect(readdirSync(join(dir, 'src')), set).toEqual([module]);
      expect(readdirSync(join(dir, 'src', module)).sort(), set).toEqual(GENERATED);
      const pyproject = readFileSync(join(dir, 'pyproject.toml'), 'utf8');
      expect(pyproject).toContain(`dependencies = ["ecgrid-soap-runtime~=${RUNTIME_VERSION}"]`);
      for (const file of GENERATED) {
        const text = readFileSync(join(dir, 'src', module, file), 'utf8');
        // The runtime is imported, never copied: no class or function of it is defined here.
        for (const name of [
          'class Codec',
          'class SoapTransport',
          'def parse_xml',
          'class SoapRuntimeError',
          'def format_double',
        ])
          expect(text, `${set} ${file}`).not.toContain(name);
      }
    }
  });

  it('--module renames the import package; the distribution keeps the service name', async () => {
    const out = join(scratch, 'renamed');
    await mustRun(
      process.execPath,
      [
        join(ROOT, 'generator', 'bin', 'ecgrid-codegen.js'),
        'generate',
        '--target',
        'python',
        '--module',
        'ecgrid_os',
        '--out',
        out,
        '--quiet',
      ],
      { cwd: ROOT },
    );
    expect(readdirSync(join(out, 'ecgridos-python', 'src'))).toEqual(['ecgrid_os']);
    expect(readFileSync(join(out, 'ecgridos-python', 'pyproject.toml'), 'utf8')).toMatch(/^name = "ecgridos"$/m);
    expect(readFileSync(join(out, 'ecgridos-python', 'README.md'), 'utf8')).toContain('from ecgrid_os import ECGridOS');
    const bad = await runCommand(
      process.execPath,
      [
        join(ROOT, 'generator', 'bin', 'ecgrid-codegen.js'),
        'generate',
        '--target',
        'python',
        '--module',
        'not-a-module',
        '--out',
        out,
      ],
      { cwd: ROOT },
    );
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--module "not-a-module"');
  });
});

describe('python: written from templates alone', () => {
  it('the committed package is what the generator renders, file for file (`npm run golden:update` rewrites it)', () => {
    const files = renderRepoTree(CONTRACT_WSDL, 'python');
    expect(listPackageFiles(join(ROOT, 'packages'), ['ecgridos-python'])).toEqual([...files.keys()].sort());
    for (const [path, text] of files) expect(readFileSync(join(ROOT, 'packages', path), 'utf8'), path).toBe(text);
    expect([...renderRepoTree(CONTRACT_WSDL, 'python')]).toEqual([...files]);
  });

  it('a single template can be overridden (--templates DIR: DIR/python/README.md.hbs); the rest falls back', () => {
    const python = findLanguage('python');
    if (python === undefined) throw new Error('python is not registered');
    const core = loadRepoCore(CONTRACT_WSDL);
    const override = join(scratch, 'my-templates', 'python');
    mkdirSync(override, { recursive: true });
    writeFileSync(join(override, 'README.md.hbs'), '# {{package.name}}, our way\n');
    const builtIn = renderTree(core, python);
    const custom = renderTree(core, python, { overrideDir: override });
    expect([...custom.keys()]).toEqual([...builtIn.keys()]);
    for (const [path, text] of custom) {
      if (path.endsWith('/README.md')) expect(text).toBe('# ecgridos, our way\n');
      else expect(text, path).toBe(builtIn.get(path));
    }
  });

  it('`generate --dump-view python` prints what the templates receive', async () => {
    const run = await mustRun(
      process.execPath,
      [join(ROOT, 'generator', 'bin', 'ecgrid-codegen.js'), 'generate', '--dump-view', 'python'],
      { cwd: ROOT },
    );
    const view = JSON.parse(run.stdout) as {
      language: string;
      package: { name: string; dir: string };
      models: { name: string; fields: { name: string; type: string }[] }[];
    };
    expect(view.language).toBe('python');
    expect(view.package).toMatchObject({ name: 'ecgridos', dir: 'ecgridos-python' });
    expect(view.models.find((m) => m.name === 'KeyIDInfo')?.fields.map((f) => `${f.name}: ${f.type}`)).toEqual([
      'KeyID: int',
      'UserID: int',
      'Key: str',
      'Visibility: KeyVisibility',
      'Created: XsdDateTime',
    ]);
  });
});

describe('python: the driver writes the expected bytes for every vector', () => {
  for (const set of SET_NAMES) {
    it(set, async () => {
      const prepared = await driver.prepare(packages[set] as string, join(scratch, `build-${set}`));
      const manifest = manifestForSet(set, scratch);
      const out = join(scratch, `out-${set}`);
      await prepared.run(manifest, out);
      expect(summarize(compareWithExpected(manifest, out, 'python'))).toBe('');
    });
  }

  it('a driver failure names the vector', async () => {
    const prepared = await driver.prepare(packages.contract as string, join(scratch, 'build-broken'));
    const broken = join(scratch, 'broken.json');
    writeFileSync(
      broken,
      JSON.stringify({
        set: 'broken',
        source: '',
        vectors: [
          {
            name: 'bad.one',
            kind: 'document',
            root: {
              kind: 'type',
              id: '{https://os.ecgrid.io/}KeyIDInfo',
              ns: 'https://os.ecgrid.io/',
              local: 'KeyIDInfo',
            },
            input: join(ROOT, 'wsdl', 'examples', 'KeyIDInfo.xml'),
            expected: 'x',
            decode: { namespaces: 'strict' },
            encode: { qualified: true, indent: null },
          },
        ],
      }),
    );
    await expect(prepared.run(broken, join(scratch, 'out-broken'))).rejects.toThrow(
      /vector bad\.one: DecodeError: KeyIDInfo\.KeyID: element <KeyID> is in no namespace/,
    );
  });
});

describe('python: behaviour', () => {
  it('unit tests of the SDK (value fidelity, strictness, nil and absent, DOCTYPE refused)', async () => {
    const env = { ...pythonEnv(packages.contract as string, scratch), ECGRID_ROOT: ROOT };
    const run = await mustRun(PYTHON, ['-m', 'unittest', 'discover', '-s', PYTHON_DIR, '-p', 'test_*.py', '-v'], {
      env,
    });
    expect(run.stderr).toMatch(/Ran [0-9]+ tests/);
    expect(run.stderr).toMatch(/\nOK\n/);
  });

  it('writes doubles exactly as JavaScript does', async () => {
    const values: number[] = [
      0.1,
      1e21,
      1e-7,
      123456789012345680000,
      5e-324,
      1.7976931348623157e308,
      -0,
      1 / 3,
      100,
      0.000001,
    ];
    let seed = 42;
    for (let i = 0; i < 3000; i++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      const buffer = new DataView(new ArrayBuffer(8));
      buffer.setUint32(0, seed * 2 + (i % 2));
      buffer.setUint32(4, (seed * 7919) % 4294967296);
      const n = buffer.getFloat64(0);
      if (Number.isFinite(n)) values.push(n, Math.round(n * 1000) / 1000, seed / 1000, -seed * 1e-9);
    }
    const file = join(scratch, 'doubles.json');
    writeFileSync(file, JSON.stringify(values.map((n) => (Object.is(n, -0) ? '-0' : String(n)))));
    const code =
      'import json,sys\nfrom ecgrid_soap_runtime._builtins import format_double\nprint("\\n".join(format_double(float(s)) for s in json.load(open(sys.argv[1]))))';
    const run = await mustRun(PYTHON, ['-c', code, file], { env: pythonEnv(packages.contract as string, scratch) });
    // The reference is the TypeScript runtime's xs:double format (JavaScript's String(n), INF, -0).
    const expected = values.map((n) => BUILTINS.double.format(n));
    expect(run.stdout.trimEnd().split('\n')).toEqual(expected);
  });
});

describe('python: the client against a local server on 127.0.0.1', () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  const serve = async (reply: Reply | ((body: string) => Reply)) => {
    server = await startServer((request) => (typeof reply === 'function' ? reply(request.body) : reply));
    return server;
  };
  const call = async (url: string, version = '1.1', timeout = '10'): Promise<Record<string, unknown>> => {
    const run = await mustRun(PYTHON, [CLIENT_CALL, url, version, timeout], {
      env: pythonEnv(packages.contract as string, scratch),
    });
    return JSON.parse(run.stdout) as Record<string, unknown>;
  };

  it("the documentation page's example, with only the client creation changed, prints the result", async () => {
    const s = await serve({ body: readRepoFile('wsdl/examples/KeySet.soap11.response.xml') });
    const env = {
      ...pythonEnv(packages.contract as string, scratch),
      ECGRID_ENDPOINT: s.url,
      ECGRID_SESSION_ID: 'a3f1c2d4-7e8b-4c5a-9d0f-1b2c3d4e5f60',
    };
    const run = await mustRun(PYTHON, [EXAMPLE], { env });
    expect(run.stdout).toBe(
      "KeyIDInfo(KeyID=1043, UserID=5001, Key='xyz987uvw654rst321opq098nml765kj', Visibility=<KeyVisibility.Shared: 'Shared'>, Created='2026-05-07T10:00:00')\n",
    );
    // The request is the documented one, byte for byte.
    expect(s.requests).toHaveLength(1);
    expect(`${s.requests[0]?.body}\n`).toBe(readRepoFile('wsdl/examples/KeySet.soap11.request.xml'));
    expect(s.requests[0]?.headers.soapaction).toBe('"https://os.ecgrid.io/KeySet"');
    expect(s.requests[0]?.headers['content-type']).toBe('text/xml; charset=utf-8');
  });

  it('SOAP 1.2: the action in the content type, the 1.2 envelope', async () => {
    const s = await serve({
      body: readRepoFile('wsdl/examples/KeySet.soap12.response.xml'),
      contentType: 'application/soap+xml; charset=utf-8',
    });
    const out = await call(s.url, '1.2');
    expect(out.result).toEqual({
      KeyID: 1043,
      UserID: 5001,
      Key: 'xyz987uvw654rst321opq098nml765kj',
      Visibility: 'Shared',
      visibility_is_enum: true,
      Created: '2026-05-07T10:00:00',
    });
    expect(s.requests[0]?.headers['content-type']).toBe(
      'application/soap+xml; charset=utf-8; action="https://os.ecgrid.io/KeySet"',
    );
    expect(s.requests[0]?.body.replace('secret-session-123', 'a3f1c2d4-7e8b-4c5a-9d0f-1b2c3d4e5f60')).toBe(
      readRepoFile('wsdl/examples/KeySet.soap12.request.xml').trimEnd(),
    );
  });

  it('a SOAP Fault (HTTP 500) is a typed SoapFault with code, reason and detail', async () => {
    const s = await serve({ status: 500, body: readRepoFile('wsdl/examples/Fault.soap11.xml') });
    expect(await call(s.url)).toMatchObject({
      error: 'SoapFault',
      code: 'soap:Client',
      code_local: 'Client',
      code_ns: 'http://schemas.xmlsoap.org/soap/envelope/',
      reason: 'Session is not valid or has expired.',
      version: '1.1',
      detail: ['{https://os.ecgrid.io/}ErrorInfo'],
    });
    const s12 = await serve({ status: 500, body: readRepoFile('wsdl/examples/Fault.soap12.xml') });
    expect(await call(s12.url, '1.2')).toMatchObject({ error: 'SoapFault', code_local: 'Sender', version: '1.2' });
  });

  it('the SessionID never appears in an error', async () => {
    const s = await serve((body) => ({
      status: 500,
      contentType: 'text/plain',
      body: `rejected: ${/<SessionID>([^<]*)</.exec(body)?.[1] ?? ''}`,
    }));
    const out = await call(s.url);
    expect(out).toMatchObject({ error: 'HttpError', status: 500, body_excerpt: 'rejected: ***' });
    expect(JSON.stringify(out)).not.toContain('secret-session-123');
  });

  it('HTTP errors, non-XML answers and timeouts are typed', async () => {
    const s = await serve({ status: 503, contentType: 'text/html', body: '<html>down</html>' });
    expect(await call(s.url)).toMatchObject({ error: 'HttpError', code: 'http-error', status: 503 });
    const t = await serve({ status: 200, contentType: 'text/plain', body: 'hello' });
    expect(await call(t.url)).toMatchObject({ error: 'ResponseFormatError', code: 'invalid-response', status: 200 });
    const h = await serve({ hang: true });
    expect(await call(h.url, '1.1', '0.5')).toMatchObject({
      error: 'SoapTimeoutError',
      code: 'timeout',
      is_timeout_error: true,
    });
  });
});
