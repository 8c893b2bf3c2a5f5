import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type Reply, type TestServer } from '../support/soap-server.js';
import { readRepoFile, ROOT } from '../support/paths.js';
import { compareWithExpected, summarize } from './support/compare.js';
import { findLanguage } from '../../generator/src/languages.js';
import { loadCore, renderTree } from '../../generator/src/pipeline.js';
import { writeTree } from '../../generator/src/write/write-tree.js';
import { compileJava, driver, javaPackageOf, javaSources, withRuntime, writeDriver } from './support/drivers/java.js';
import { contractPackage, makeScratch, manifestForSet, packageForSet, removeScratch, SET_NAMES } from './support/packages.js';
import { mustRun } from './support/run.js';
import { schemaVectorSet, writeVectorSet, type Vector } from './support/vectors.js';
import { runVector } from './support/ts-driver.js';
import { buildSchemaDescriptor } from '../../generator/src/descriptor/build-descriptor.js';
import { parseXml, SOAP11_ENVELOPE_NS, SOAP12_ENVELOPE_NS, type SchemaDescriptor } from '@ecgrid/soap-runtime';
import type { Core } from '../../generator/src/model/core.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { BUILTINS, type XsdBuiltin } from '../../packages/runtime/src/builtins.js';
import { BuiltinValueError } from '../../packages/runtime/src/errors.js';
import { BUILTIN_CODECS } from '../../templates/java/schema-index.js';

/**
 * The Java target: the committed contract package and a v4.1 package compile with `javac
 * -Xlint:all -Werror` against the runtime library's jar (artifacts/maven), the driver round-trips
 * both vector sets byte for byte, the page's example runs against a local server, and the client
 * and codec behave as the TypeScript ones do.
 */
const scratch = makeScratch('java');
afterAll(() => removeScratch(scratch));

const JAVA_DIR = join(ROOT, 'test', 'targets', 'java');
const example = (file: string) => readRepoFile(`wsdl/examples/${file}`);

describe('java: the committed contract package', () => {
  const dir = contractPackage('java');
  const sources = javaSources(join(dir, 'src', 'main', 'java'));

  it('has the Maven layout, package io.ecgrid.ecgridos and the page names, and no runtime source', () => {
    const names = sources.map((s) => relative(dir, s).split(sep).join('/'));
    expect(names.sort()).toEqual(
      ['ECGridOS', 'ECGridOSPortType', 'KeyIDInfo', 'KeySet', 'KeySetResponse', 'KeyVisibility', 'Roots'].map((n) => `src/main/java/io/ecgrid/ecgridos/${n}.java`),
    );
    const pom = readFileSync(join(dir, 'pom.xml'), 'utf8');
    expect(pom).toContain('<groupId>io.ecgrid</groupId>');
    expect(pom).toContain('<artifactId>ecgridos</artifactId>');
    expect(pom).toContain('<maven.compiler.release>17</maven.compiler.release>');
    const runtimeVersion = (JSON.parse(readRepoFile('packages/runtime/package.json')) as { version: string }).version;
    const dependencies = [...pom.matchAll(/<dependency>([\s\S]*?)<\/dependency>/g)].map((m) => m[1]?.replace(/<!--[\s\S]*?-->|\s+/g, ''));
    expect(dependencies).toEqual([`<groupId>io.ecgrid</groupId><artifactId>soap-runtime</artifactId><version>${runtimeVersion}</version>`]);
    for (const file of sources) expect(readFileSync(file, 'utf8'), file).not.toMatch(/^public (final )?class (SoapClient|ComplexType|XmlParser|Builtins)\b/m);
  });

  it('the pom pins every plugin and carries what Maven Central requires', () => {
    const pom = readFileSync(join(dir, 'pom.xml'), 'utf8');
    for (const tag of ['name', 'description', 'url', 'licenses', 'developers', 'scm']) expect(pom, tag).toMatch(new RegExp(`^  <${tag}>`, 'm'));
    const plugins = [...pom.matchAll(/<plugin>([\s\S]*?)<\/plugin>/g)].map((m) => m[1] ?? '');
    const pinned = new Set(plugins.filter((p) => /<version>\d+\.\d+\.\d+<\/version>/.test(p)).map((p) => /<artifactId>([^<]+)</.exec(p)?.[1]));
    for (const name of ['clean', 'resources', 'compiler', 'surefire', 'jar', 'source', 'javadoc', 'install', 'deploy', 'site', 'gpg']) expect(pinned, name).toContain(`maven-${name}-plugin`);
    expect(pinned).toContain('central-publishing-maven-plugin');
    for (const plugin of plugins) expect(pinned, plugin).toContain(/<artifactId>([^<]+)</.exec(plugin)?.[1]);
    // The pom of the runtime and of every SDK pin the same plugin versions.
    const versions = (text: string) => [...text.matchAll(/<artifactId>([^<]+-plugin)<\/artifactId>\s*<version>([^<]+)</g)].map((m) => `${m[1]}:${m[2]}`).sort();
    expect(versions(pom)).toEqual(versions(readRepoFile('packages/runtime-java/pom.xml')));
  });

  it('sources are ASCII (plain javac reads them in any encoding) and start with the generated header', () => {
    for (const file of sources) {
      const text = readFileSync(file, 'utf8');
      expect(/^[\x09\x0a\x20-\x7e]*$/.test(text), `${file} is not printable ASCII`).toBe(true);
      expect(text.startsWith('// Generated by ecgrid-codegen from wsdl/ECGridOS.wsdl.'), file).toBe(true);
    }
  });
});

for (const set of SET_NAMES) {
  it(`java: the ${set} package compiles without warnings and round-trips the ${set} vectors byte for byte`, async () => {
    const prepared = await driver.prepare(packageForSet(set, 'java', scratch), join(scratch, `build-${set}`));
    const manifest = manifestForSet(set, scratch);
    const outDir = join(scratch, `out-${set}`);
    await prepared.run(manifest, outDir);
    expect(summarize(compareWithExpected(manifest, outDir, 'java'))).toBe('');
  }, 900_000);
}

describe('java: the contract package at work (page example, client, codec, builtins)', () => {
  let classes = '';
  let server: TestServer;
  const replies: Record<string, Reply> = {
    '/v4.1/prod/ECGridOS.asmx': { body: example('KeySet.soap11.response.xml') },
    '/ok11': { body: example('KeySet.soap11.response.xml') },
    '/ok12': { body: example('KeySet.soap12.response.xml'), contentType: 'application/soap+xml; charset=utf-8' },
    '/fault11': { status: 500, body: example('Fault.soap11.xml') },
    '/fault12': { status: 500, body: example('Fault.soap12.xml'), contentType: 'application/soap+xml; charset=utf-8' },
    '/html': { status: 503, contentType: 'text/html', body: '<html><body>Service Unavailable for a3f1c2d4-7e8b-4c5a-9d0f-1b2c3d4e5f60</body></html>' },
    '/notxml': { body: 'this is not XML' },
    '/badenum': { body: example('KeySet.soap11.response.xml').replace('<Visibility>Shared</Visibility>', '<Visibility>Secret</Visibility>') },
    '/echo': { body: example('KeySet.soap11.response.xml').replace('<KeyID>1043</KeyID>', '<KeyID>a3f1c2d4-7e8b-4c5a-9d0f-1b2c3d4e5f60</KeyID>') },
    '/hang': { hang: true },
    '/compact': { body: example('KeySet.soap11.response.xml') },
  };

  beforeAll(async () => {
    classes = join(scratch, 'client-classes');
    await compileJava(
      [...javaSources(join(contractPackage('java'), 'src', 'main', 'java')), join(ROOT, 'test', 'targets', 'examples', 'KeySetExample.java'), join(JAVA_DIR, 'ClientChecks.java'), join(JAVA_DIR, 'BuiltinsCheck.java')],
      classes,
      scratch,
    );
    server = await startServer((request) => replies[request.url] ?? { status: 404, body: 'no such path' });
  }, 300_000);
  afterAll(async () => server?.close());

  it('KeySetExample prints the KeySet result, and sent exactly the documented SOAP 1.1 request', async () => {
    const before = server.requests.length;
    const result = await mustRun('java', ['-cp', withRuntime(classes), 'KeySetExample', server.url]);
    expect(result.stdout).toBe('KeyIDInfo[KeyID=1043, UserID=5001, Key=xyz987uvw654rst321opq098nml765kj, Visibility=Shared, Created=2026-05-07T10:00:00]\n');
    const request = server.requests[before];
    expect(request?.method).toBe('POST');
    expect(request?.headers['content-type']).toBe('text/xml; charset=utf-8');
    expect(request?.headers.soapaction).toBe('"https://os.ecgrid.io/KeySet"');
    expect(request?.body).toBe(example('KeySet.soap11.request.xml').replace(/\n$/, ''));
  });

  it('the client and the codec: SOAP 1.2, faults, HTTP errors, timeouts, secrets, strict decoding', async () => {
    const before = server.requests.length;
    const result = await mustRun('java', ['-cp', withRuntime(classes), 'ClientChecks', server.url.replace(/\/v4\.1\/prod\/ECGridOS\.asmx$/, '')], { timeoutMs: 120_000 });
    const lines = new Map(result.stdout.trim().split('\n').map((line) => [line.slice(0, line.indexOf(': ')), line.slice(line.indexOf(': ') + 2)]));
    const keyInfo = 'KeyIDInfo[KeyID=1043, UserID=5001, Key=xyz987uvw654rst321opq098nml765kj, Visibility=Shared, Created=2026-05-07T10:00:00]';
    expect(lines.get('soap11')).toBe(`ok ${keyInfo}`);
    expect(lines.get('soap12')).toBe(`ok ${keyInfo}`);
    expect(lines.get('fault11')).toBe(
      'SoapFaultException SOAP_11 code=soap:Client local=Client ns=http://schemas.xmlsoap.org/soap/envelope/ reason=Session is not valid or has expired. ' +
        'detail=<detail>         <ErrorInfo xmlns="https://os.ecgrid.io/">           <ErrorCode>SessionInvalid</ErrorCode>           <Operation>KeySet</Operation>         </ErrorInfo>       </detail>',
    );
    expect(lines.get('fault12')).toMatch(/^SoapFaultException SOAP_12 code=soap:Sender local=Sender ns=http:\/\/www\.w3\.org\/2003\/05\/soap-envelope reason=Session is not valid or has expired\. detail=<soap:Detail /);
    expect(lines.get('html')).toBe('HttpStatusException http-error status=503 excerpt=<html><body>Service Unavailable for ***</body></html>');
    expect(lines.get('notxml')).toBe('ResponseFormatException invalid-response status=200');
    expect(lines.get('badenum')).toMatch(/^DecodeException unknown-enum-value path=KeySetResponse\.KeySetResult\.Visibility message=.*unknown enumeration value "Secret" \(expected one of Private, Shared, Public, Session\)/);
    expect(lines.get('echo')).toMatch(/^DecodeException invalid-value path=KeySetResponse\.KeySetResult\.KeyID message=.*invalid int value "\*\*\*" \(not an integer\)/);
    expect(lines.get('timeout')).toBe('SoapTimeoutException timeout ms=300');
    expect(lines.get('compact')).toBe(`ok ${keyInfo}`);
    expect(lines.get('toString')).toBe('ok KeySet[SessionID=***, UserID=1, Visibility=Private]');

    expect(lines.get('doctype')).toMatch(/^XmlParseException doctype-refused /);
    expect(lines.get('unknownEnum')).toMatch(/^DecodeException unknown-enum-value path=KeyIDInfo\.Visibility /);
    expect(lines.get('intRange')).toMatch(/^DecodeException out-of-range path=KeyIDInfo\.UserID message=KeyIDInfo\.UserID: invalid int value "2147483648" \(outside the range -2147483648\.\.2147483647\)/);
    expect(lines.get('notInt')).toMatch(/^DecodeException invalid-value path=KeyIDInfo\.KeyID /);
    expect(lines.get('missing')).toMatch(/^DecodeException missing-element path=KeyIDInfo\.KeyID message=KeyIDInfo\.KeyID: missing required element <KeyID>/);
    expect(lines.get('order')).toMatch(/^DecodeException unexpected-element path=KeyIDInfo\.KeyID message=KeyIDInfo\.KeyID: element <KeyID> is out of schema order/);
    expect(lines.get('wrongNamespace')).toMatch(/^DecodeException wrong-namespace path=KeyIDInfo\.KeyID /);
    expect(lines.get('text')).toMatch(/^DecodeException unexpected-text path=KeyIDInfo /);
    expect(lines.get('notWellFormed')).toMatch(/^XmlParseException not-well-formed /);
    expect(lines.get('ignoreNamespaces')).toBe('ok KeyIDInfo[KeyID=1, UserID=2, Key=k, Visibility=Public, Created=2026-05-07T10:00:00]');
    expect(lines.get('lexical')).toBe('ok 2026-05-07T10:00:00.50+02:00 2026-05-07T10:00:00.500+02:00 2026-05-07T10:00:00.500 true');
    expect(lines.get('encodeNull')).toMatch(/^EncodeException missing-element path=KeyIDInfo\.Key /);
    expect(lines.get('encodeUnqualified')).toBe('ok <KeySet>\n\t<UserID>5</UserID>\n\t<Visibility>Session</Visibility>\n</KeySet>'.replace(/\n/g, ' '));
    expect(lines.get('badChar')).toMatch(/^EncodeException invalid-value path=KeySet\.SessionID message=KeySet\.SessionID: invalid string: contains a character that XML cannot represent$/);
    expect(result.stdout).not.toContain('a3f1c2d4-7e8b-4c5a-9d0f-1b2c3d4e5f60');

    const sent = server.requests.slice(before);
    const soap12 = sent.find((r) => r.url === '/ok12');
    expect(soap12?.headers['content-type']).toBe('application/soap+xml; charset=utf-8; action="https://os.ecgrid.io/KeySet"');
    expect(soap12?.headers.soapaction).toBeUndefined();
    expect(soap12?.body).toBe(example('KeySet.soap12.request.xml').replace(/\n$/, ''));
    const compact = sent.find((r) => r.url === '/compact');
    expect(compact?.headers['x-check']).toBe('yes');
    expect(compact?.body).toBe(
      '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">' +
        '<soap:Body><KeySet xmlns="https://os.ecgrid.io/"><UserID>7</UserID><Visibility>Public</Visibility></KeySet></soap:Body></soap:Envelope>',
    );
  }, 180_000);

  it('every builtin parses and formats as the TypeScript runtime does (valid, invalid and edge lexical forms, random doubles)', async () => {
    const cases = builtinCases();
    const expected = cases.map(([name, lexical]) => {
      const codec = BUILTINS[name];
      try {
        return `ok\t${Buffer.from(codec.format(codec.parse(lexical)), 'utf8').toString('base64')}`;
      } catch (error) {
        if (error instanceof BuiltinValueError) return `error\t${error.code}`;
        throw error;
      }
    });
    const input = cases.map(([name, lexical]) => `${BUILTIN_CODECS[name]}\t${Buffer.from(lexical, 'utf8').toString('base64')}`).join('\n');
    const result = await mustRun('java', ['-cp', withRuntime(classes), 'io.ecgrid.soap.runtime.BuiltinsCheck'], { input: `${input}\n` });
    const actual = result.stdout.replace(/\n$/, '').split('\n');
    const differences = cases.flatMap(([name, lexical], i) =>
      actual[i] === expected[i] ? [] : [`${name} ${JSON.stringify(lexical)}: java ${actual[i]}, typescript ${expected[i]}`],
    );
    expect(actual.length).toBe(cases.length);
    expect(summarize(differences)).toBe('');
  });

});

describe('java: the feature fixtures of test/fixtures', () => {
  const java = findLanguage('java');
  const unsupported = new Map(
    readFileSync(join(JAVA_DIR, 'unsupported-fixtures.txt'), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '' && !line.startsWith('#'))
      .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()] as const),
  );
  const fixtures = readdirSync(join(ROOT, 'test', 'fixtures'))
    .filter((name) => existsSync(join(ROOT, 'test', 'fixtures', name, `${name}.wsdl`)))
    .sort()
    .flatMap((name) => {
      const path = `test/fixtures/${name}/${name}.wsdl`;
      const loaded = loadCore(path, readRepoFile(path));
      return loaded.ok ? [{ name, core: loaded.core }] : [];
    });

  it('generates every fixture except the listed ones, which fail with the listed reason', () => {
    if (java === undefined) throw new Error('java is not registered');
    const failing = new Map<string, string>();
    for (const { name, core } of fixtures) {
      try {
        renderTree(core, java);
      } catch (error) {
        failing.set(name, error instanceof Error ? error.message : String(error));
      }
    }
    expect([...failing.keys()]).toEqual([...unsupported.keys()].filter((name) => fixtures.some((f) => f.name === name)));
    for (const [name, message] of failing) expect(message, name).toContain(`java target: ${unsupported.get(name)}`);
  });

  it('the generated fixture packages compile together, round-trip their samples and accept or refuse documents as TypeScript does', async () => {
    if (java === undefined) throw new Error('java is not registered');
    const root = join(scratch, 'fixtures');
    const runs: { name: string; className: string; manifest: string; documents: DocumentSet }[] = [];
    const sources: string[] = [];
    for (const { name, core } of fixtures.filter((f) => !unsupported.has(f.name))) {
      // A package of its own per fixture (the `--package` option): two fixtures share a service name.
      const files = renderTree(core, java, { namespace: `io.ecgrid.fixtures.${name.replace(/-/g, '_')}` });
      writeTree({ outDir: join(root, name), target: 'java', source: core.source, files });
      const packageDir = join(root, name, [...files.keys()][0]?.split('/')[0] ?? '');
      const { file, className } = writeDriver(javaPackageOf(packageDir), join(root, 'drivers'));
      sources.push(...javaSources(join(packageDir, 'src', 'main', 'java')), file);
      runs.push({
        name,
        className,
        manifest: writeVectorSet(join(root, 'vectors', name), schemaVectorSet(core, name)),
        documents: fixtureDocuments(name, core, join(root, 'documents', name)),
      });
    }
    const classes = join(root, 'classes');
    await compileJava(sources, classes, root);
    const problems: string[] = [];
    for (const run of runs) {
      const outDir = join(root, 'out', run.name);
      await mustRun('java', ['-cp', withRuntime(classes), run.className, run.manifest, outDir]);
      problems.push(...compareWithExpected(run.manifest, outDir, 'java'));
      const documentsOut = join(root, 'documents-out', run.name);
      await mustRun('java', ['-cp', withRuntime(classes), run.className, '--keep-going', run.documents.manifest, documentsOut]);
      for (const [vector, expected] of run.documents.expected) {
        const actual = readResult(documentsOut, vector);
        if (actual !== expected) problems.push(`${run.name}/${vector}: java ${actual}, typescript ${expected}`);
      }
    }
    expect(runs.length).toBeGreaterThan(0);
    expect(runs.reduce((n, r) => n + r.documents.expected.size, 0)).toBeGreaterThan(50);
    expect(summarize(problems)).toBe('');
  }, 600_000);
});

/** Lexical forms for every builtin: valid ones, edge cases and invalid ones, plus doubles of every magnitude. */
function builtinCases(): [XsdBuiltin, string][] {
  const cases: [XsdBuiltin, string][] = [];
  const add = (names: readonly XsdBuiltin[], values: readonly string[]) => {
    for (const name of names) for (const value of values) cases.push([name, value]);
  };
  const integers = ['0', '-0', '+5', ' 12 ', '007', '127', '128', '-129', '255', '256', '32767', '32768', '65535', '65536', '2147483647', '2147483648',
    '-2147483649', '4294967295', '4294967296', '9223372036854775807', '9223372036854775808', '-9223372036854775808', '-9223372036854775809',
    '18446744073709551615', '18446744073709551616', '-1', '1', '+000123456789012345678901234567890', '1.0', '1e3', 'abc', '', ' ', '--1'];
  add(['int', 'short', 'byte', 'long', 'integer', 'nonPositiveInteger', 'negativeInteger', 'nonNegativeInteger', 'positiveInteger', 'unsignedLong',
    'unsignedInt', 'unsignedShort', 'unsignedByte'], integers);
  const doubles = ['1', '1.0', '-1.5', '0.1', '1e21', '1e20', '1e-7', '1e-6', '1E5', '.5', '5.', '+.5', '-0', '0', '-0.0', 'INF', '-INF', '+INF', 'NaN', 'nan',
    'Infinity', '1e400', '-1e400', '1e-400', '5e-324', '2.2250738585072014e-308', '1.7976931348623157e308', '123456789012345678901234567890',
    '9007199254740993', '0.30000000000000004', '100', '1e23', '123e-20', '0.000001', '1.5e-7', ' 2.5 ', '1,5', '0x10', '1d', ''];
  let seed = 0x2545f491;
  const random = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed;
  };
  const view = new DataView(new ArrayBuffer(8));
  for (let i = 0; i < 400; i++) {
    view.setUint32(0, random());
    view.setUint32(4, random());
    const n = view.getFloat64(0);
    if (!Number.isFinite(n)) continue;
    doubles.push(i % 2 === 0 ? n.toPrecision(17) : String(n));
    doubles.push(String(Math.round(n * 1000) / 1000 || (random() % 100000) / 1000));
  }
  add(['double', 'float'], doubles);
  add(['boolean'], ['true', 'false', '1', '0', ' true ', 'TRUE', 'yes', '']);
  add(['decimal'], ['1', '-12.50', '+.5', '5.', '.', '1e5', ' 3.14 ', '-0', '00012.3400', '+', '']);
  add(['dateTime'], ['2026-05-07T10:00:00', ' 2026-05-07T10:00:00Z ', '2026-05-07T10:00:00.125+02:00', '2024-02-29T10:00:00', '2026-02-29T10:00:00',
    '2026-05-07T24:00:00', '2026-05-07T24:00:01', '2026-05-07T10:00:00+14:00', '2026-05-07T10:00:00+15:00', '-0044-03-15T12:00:00Z', '10000-01-01T00:00:00',
    '2026-05-07', '2026-5-7T10:00:00', '2026-04-31T10:00:00', '1900-02-29T00:00:00', '2000-02-29T00:00:00']);
  add(['date'], ['2026-05-07', '2026-05-07Z', '2026-05-07-05:00', '2026-02-30', '0000-01-01', '2026-05-07T10:00:00']);
  add(['time'], ['10:00:00', '10:00:00.5Z', '24:00:00', '25:00:00', '10:60:00', '10:00']);
  add(['duration'], ['P1Y2M3DT4H5M6.7S', 'P', 'PT', '-P1D', 'P1DT', 'PT1.5S', 'P1W', ' P2D ']);
  add(['gYearMonth'], ['2026-05', '2026-13', '2026-05Z']);
  add(['gYear'], ['2026', '26', '-0001', '2026+01:00']);
  add(['gMonthDay'], ['--05-07', '--02-29', '--02-30', '--13-01']);
  add(['gDay'], ['---07', '---32', '---07Z']);
  add(['gMonth'], ['--05', '--13', '--05Z']);
  add(['base64Binary'], ['AAEC', 'AAE=', 'AA==', 'A===', 'AAE', 'AA=A', ' AAEC \n', '@@@@', '', 'AAECAwQF', '/+8=']);
  add(['hexBinary'], ['0aFf', '0', 'zz', '', ' 00FF ']);
  add(['string', 'anySimpleType'], ['plain', '  spaced  ', 'a\tb\nc', 'gr\u00fc\u00dfe \u65e5\u672c', '\ud83d\ude00', 'a\u0001b', '']);
  add(['normalizedString', 'token'], ['  a  b  ', 'a\tb\nc', '']);
  add(['language'], ['en-US', 'de', 'toolongtag1', 'en_US', '']);
  add(['Name', 'NCName', 'ID', 'IDREF', 'ENTITY'], ['a:b', 'abc', '1a', '_x', '\u00e9t\u00e9', 'a b']);
  add(['NMTOKEN', 'NMTOKENS', 'IDREFS', 'ENTITIES'], ['a b', 'a', '1a', ' a  b ', '']);
  add(['QName', 'NOTATION'], ['p:l', 'p:l:m', 'l', ':l']);
  add(['anyURI'], [' http://x ', 'urn:a:b', '']);
  return cases;
}

interface DocumentSet {
  readonly manifest: string;
  /** Per vector: `ok <output>` or `error <code>`, as the TypeScript runtime does it. */
  readonly expected: ReadonlyMap<string, string>;
}

function readResult(outDir: string, name: string): string {
  if (existsSync(join(outDir, `${name}.xml`))) return `ok ${readFileSync(join(outDir, `${name}.xml`), 'utf8')}`;
  if (existsSync(join(outDir, `${name}.error`))) return `error ${readFileSync(join(outDir, `${name}.error`), 'utf8')}`;
  return 'nothing';
}

/**
 * The documents of a fixture's `samples/` (valid) and `invalid/` folders whose root (or SOAP
 * Body's first element) is a global element, as vectors, with what the TypeScript runtime makes
 * of each: its output, or the code of its error.
 */
function fixtureDocuments(name: string, core: Core, dir: string): DocumentSet {
  const schema: SchemaDescriptor = buildSchemaDescriptor(core);
  const vectors: Vector[] = [];
  const expected = new Map<string, string>();
  mkdirSync(dir, { recursive: true });
  for (const folder of ['samples', 'invalid']) {
    const from = join(ROOT, 'test', 'fixtures', name, folder);
    if (!existsSync(from)) continue;
    for (const file of readdirSync(from).filter((f) => f.endsWith('.xml')).sort()) {
      const text = readFileSync(join(from, file), 'utf8');
      let element;
      let kind: 'document' | 'envelope' = 'document';
      try {
        element = parseXml(text).root;
        if (element.local === 'Envelope' && (element.ns === SOAP11_ENVELOPE_NS || element.ns === SOAP12_ENVELOPE_NS)) {
          kind = 'envelope';
          const body = element.children.find((c) => c.kind === 'element' && c.local === 'Body');
          element = body?.kind === 'element' ? body.children.find((c) => c.kind === 'element') : undefined;
        }
      } catch {
        continue;
      }
      if (element?.kind !== 'element') continue;
      const id = element.ns === '' ? element.local : `{${element.ns}}${element.local}`;
      if (!Object.hasOwn(schema.elements, id)) continue;
      const vector: Vector = {
        name: `${folder}.${file.replace(/\.xml$/, '')}`,
        kind,
        root: { kind: 'element', id, ns: element.ns, local: element.local },
        input: `${folder}.${file}`,
        expected: `${folder}.${file}`,
        decode: { namespaces: 'strict' },
        encode: { qualified: true, indent: kind === 'envelope' ? '  ' : null },
      };
      writeFileSync(join(dir, vector.input), text);
      vectors.push(vector);
      try {
        expected.set(vector.name, `ok ${runVector(schema, vector, text)}`);
      } catch (error) {
        expected.set(vector.name, `error ${(error as { code?: unknown }).code ?? String(error)}`);
      }
    }
  }
  const manifest = join(dir, 'vectors.json');
  writeFileSync(manifest, `${JSON.stringify({ set: `${name}-documents`, source: core.source, vectors }, null, 2)}\n`);
  return { manifest, expected };
}
