/**
 * Interoperability with JAX-WS wsimport (Debian `jaxws` 2.3, on JDK 17), an implementation we did
 * not write: wsimport builds a Java client from our mock server's ?WSDL, javac compiles it, and it
 * calls the mock. For wsdl/ECGridOS.wsdl it calls KeySet; for the real v4.1 WSDL it calls a sample
 * of 24 operations (arrays, enumerations, longs, dates; test/interop/operation-sample.ts) in one JVM
 * run through test/interop/wsimport/OperationCalls.java, a driver that calls the generated port by
 * reflection, and the test compares every value the client read with what the mock answered.
 * Everything runs offline. Fails, not skips, when wsimport, javac or the SOAP-encoding schema is
 * missing.
 *
 * wsimport cannot compile the v4.1 WSDL as it is, and the test shows it; the hand-written files of
 * test/interop/wsimport/ and one Debian file make it (each file says why):
 * - xmlschema-schema-element.xsd: the .NET DataSet pattern `<s:element ref="s:schema"/><s:any/>`
 *   refers to xs:schema, which the WSDL does not import ("undefined element declaration");
 * - the `AbstractTypes` schema restricts `soapenc:Array` and imports the SOAP-encoding namespace
 *   without a schemaLocation ("undefined simple or complex type"): the schema comes from Debian's
 *   python3-xmlschema, passed with -b like the file above. (A -catalog entry for it does not
 *   work, a wsimport bug the test shows: for an import without schemaLocation JAXB hands the
 *   JDK's catalog resolver a null systemId, and wsimport dies with a NullPointerException.)
 * - v4.1-bindings.xml: the global element InterconnectNote and the complex type InterconnectNote
 *   share a name, which XML Schema allows and JAXB does not ("A class/interface with the same
 *   name ... is already in use"); the binding renames the type's class.
 * wsimport itself leaves out the SOAP 1.2 port (it would need -extension) and the HTTP GET/POST
 * ports, with a warning each. Our side reads the same WSDL with no help: both InterconnectNotes,
 * the DataSet's kept XML and the SOAP-encoded array are in its descriptor.
 *
 * JAXB reads every value of the sample as the mock wrote it (xs:long beyond 2^53, dateTimes with
 * and without zones in their lexical form, nil items of arrays). Where it departs from the schema
 * the test says so: the 341-value enumeration APICall is a plain String (JAXB's default cap is 256
 * values), and a DataSet is an untyped `Object any`, whose Java class depends on the content (here
 * a JAXBElement, as the lax wildcard binds an element it happens to know; a diffgram would be a DOM
 * element). No xs:long of v4.1 is nillable or optional, so JAXB's primitive `long` loses nothing.
 *
 * On 2 cores wsimport takes about 4 s on the v4.1 WSDL, javac about 4.5 s on the 616 sources it
 * writes, and the client's JVM run (25 calls) about 2.5 s; the whole file about 30 s, twice that
 * on a busy machine.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { XmlElement } from '@ecgrid/soap-runtime';
import { buildSchemaDescriptor, buildServiceDescriptor } from '../../generator/src/descriptor/build-descriptor.js';
import { sampleValue } from '../../generator/src/samples/sample-value.js';
import { loadRepoCore } from '../support/generate.js';
import { CONTRACT_WSDL, ROOT } from '../support/paths.js';
import { startMockProcess, type MockProcess } from './mock-process.js';
import { compareOutcomes, featuresOf, sampleOperations } from './operation-sample.js';

/** The JAX-WS runtime as Debian's jaxws package installs it. */
const JARS = [
  'jaxws-rt',
  'jaxws-api',
  'jaxb-api',
  'jaxb-runtime',
  'jaxb-core',
  'jaxb-impl',
  'javax.activation',
  'saaj-impl',
  'stax-ex',
  'streambuffer',
  'istack-commons-runtime',
  'gmbal',
  'glassfish-management-api',
  'metro-policy',
  'mimepull',
  'jws-api',
  'FastInfoset',
].map((name) => `/usr/share/java/${name}.jar`);

function run(command: string, args: string[], cwd: string): string {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 180_000 });
  if (r.error)
    throw new Error(
      `${command} cannot run (${r.error.message}): apt-get install jaxws (wsimport) and a JDK 17 (javac)`,
    );
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

describe('wsimport against the mock server', () => {
  let mock: MockProcess;
  let work: string;
  beforeAll(async () => {
    for (const jar of JARS) if (!existsSync(jar)) throw new Error(`${jar} is missing: apt-get install jaxws`);
    mock = await startMockProcess(CONTRACT_WSDL);
    work = mkdtempSync(join(tmpdir(), 'ecgrid-wsimport-'));
  });
  afterAll(async () => {
    await mock?.stop('SIGKILL');
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it("the client wsimport builds from the mock's ?WSDL calls KeySet and gets the right values", async () => {
    mkdirSync(join(work, 'src'));
    run(
      'wsimport',
      ['-quiet', '-keep', '-Xnocompile', '-s', 'src', '-d', 'src', '-p', 'ecgrid', `${mock.url}?WSDL`],
      work,
    );
    const sources = readdirSync(join(work, 'src', 'ecgrid'))
      .filter((f) => f.endsWith('.java'))
      .map((f) => join('src', 'ecgrid', f));
    expect(sources).toContain(join('src', 'ecgrid', 'ECGridOSSoap.java'));
    const classpath = JARS.join(':');
    run(
      'javac',
      [
        '-nowarn',
        '-cp',
        classpath,
        '-d',
        'classes',
        ...sources,
        join(ROOT, 'test', 'interop', 'wsimport', 'KeySetCall.java'),
      ],
      work,
    );
    const output = run('java', ['-cp', `classes:${classpath}`, 'KeySetCall', `${mock.url}?WSDL`], work);
    expect(JSON.parse(output.trim().split('\n').at(-1)!)).toEqual({
      KeyID: 1043,
      UserID: 5001,
      Key: 'xyz987uvw654rst321opq098nml765kj',
      Visibility: 'Shared',
      Created: '2026-05-07T10:00:00',
    });
    await expect.poll(() => mock.lines().filter((l) => / 200 KeySet /.test(l)).length).toBe(1);
  }, 300_000);
});

const V41_WSDL = '../shared/corpus/ECGridOS-v4.1.wsdl';
/** The SOAP-encoding schema as Debian's python3-xmlschema ships it. */
const SOAPENC_XSD = '/usr/lib/python3/dist-packages/xmlschema/schemas/WSDL/soap-encoding.xsd';
const HERE = join(ROOT, 'test', 'interop', 'wsimport');
/** What wsimport needs for v4.1 besides the WSDL (see the file comment), as -b arguments. */
const V41_BINDINGS = [
  '-b',
  join(HERE, 'v4.1-bindings.xml'),
  '-b',
  join(HERE, 'xmlschema-schema-element.xsd'),
  '-b',
  SOAPENC_XSD,
];
/** The service class wsimport makes of `ECGridOS_x0020_API_x0020_v4` in `https://os.ecgrid.io/` (default package names). */
const V41_SERVICE_CLASS = 'https.os_ecgrid.ECGridOSX0020APIX0020V4';
const TNS = 'https://os.ecgrid.io/';

interface Ran {
  status: number | null;
  output: string;
}

/** Runs a command without blocking, so that two can run at once; stdout and stderr together. */
function runAsync(command: string, args: string[], cwd: string): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, timeout: 180_000 });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (output += d.toString('utf8')));
    child.once('error', (e) =>
      reject(new Error(`${command} cannot run (${e.message}): apt-get install jaxws (wsimport) and a JDK 17 (javac)`)),
    );
    child.once('close', (status) => resolve({ status, output }));
  });
}

/** The .java files under `dir`, relative to `base`. */
function javaSources(dir: string, base: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.java'))
    .map((f) => relative(base, join(dir, f)));
}

interface JavaOutcome {
  operation: string;
  result?: unknown;
  error?: string;
}

/**
 * Compares our value with what the JAX-WS client read (OperationCalls.java's JSON: longs as
 * strings of digits, binaries in base64, beans with "$class"); returns the differences. JAXB
 * leaves an absent element's field null and an absent list's field null (its getter makes the
 * empty list), so null stands for an absent value or an empty array; everything else must be equal,
 * dateTimes in their lexical form included.
 */
function compareWithJaxb(ours: unknown, theirs: unknown, at: string, out: string[] = []): string[] {
  const recurse = (a: unknown, b: unknown, path: string) => compareWithJaxb(a, b, path, out);
  if (ours === undefined) {
    if (theirs !== null && theirs !== undefined) out.push(`${at}: absent expected, JAXB has ${JSON.stringify(theirs)}`);
    return out;
  }
  if (typeof ours === 'bigint') {
    if (theirs !== String(ours)) out.push(`${at}: ${ours} expected, JAXB has ${JSON.stringify(theirs)}`);
    return out;
  }
  if (ours instanceof Uint8Array) {
    if (theirs !== Buffer.from(ours).toString('base64')) out.push(`${at}: binary differs`);
    return out;
  }
  if (ours === null || typeof ours !== 'object') {
    if (!Object.is(ours, theirs))
      out.push(`${at}: ${JSON.stringify(ours)} expected, JAXB has ${JSON.stringify(theirs)}`);
    return out;
  }
  if (Array.isArray(ours)) {
    if (ours.length === 0 && theirs === null) return out;
    if (!Array.isArray(theirs) || theirs.length !== ours.length) {
      out.push(`${at}: ${ours.length} items expected, JAXB has ${JSON.stringify(theirs)?.slice(0, 80)}`);
      return out;
    }
    for (const [i, x] of ours.entries()) recurse(x, theirs[i], `${at}[${i}]`);
    return out;
  }
  if (theirs === null || typeof theirs !== 'object' || Array.isArray(theirs)) {
    out.push(`${at}: object expected, JAXB has ${JSON.stringify(theirs)?.slice(0, 80)}`);
    return out;
  }
  const other = theirs as Record<string, unknown>;
  for (const key of new Set([...Object.keys(ours), ...Object.keys(other)])) {
    if (key !== '$class') recurse((ours as Record<string, unknown>)[key], other[key], `${at}.${key}`);
  }
  return out;
}

describe('wsimport and the real v4.1 WSDL', () => {
  const core = loadRepoCore(V41_WSDL);
  const schema = buildSchemaDescriptor(core);
  const service = buildServiceDescriptor(core.services[0]!);
  const operations = sampleOperations(schema, service);
  /** An operation whose result is a .NET DataSet (`<s:element ref="s:schema"/><s:any/>`), called besides the sample. */
  const dataSetOperation = service.operations.ReportMonthly!;
  let mock: MockProcess;
  let work: string;
  beforeAll(async () => {
    for (const file of [...JARS, SOAPENC_XSD]) {
      if (!existsSync(file)) throw new Error(`${file} is missing: apt-get install jaxws python3-xmlschema`);
    }
    mock = await startMockProcess(V41_WSDL);
    work = mkdtempSync(join(tmpdir(), 'ecgrid-wsimport-v41-'));
  });
  afterAll(async () => {
    await mock?.stop('SIGKILL');
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('the sample covers arrays, enumerations, longs and dates', () => {
    expect(operations.length).toBeGreaterThanOrEqual(20);
    const features = new Set(
      operations.flatMap((op) => [...featuresOf(schema, op.output!), ...featuresOf(schema, op.input)]),
    );
    for (const feature of ['array', 'enum', 'long', 'dateTime', 'nillable'] as const)
      expect(features).toContain(feature);
  });

  it('wsimport cannot compile the WSDL as it is; our side reads the same constructs as the schema says', async () => {
    mkdirSync(join(work, 'bare'));
    mkdirSync(join(work, 'schemas-only'));
    const wsimport = (dir: string, extra: string[]) =>
      runAsync('wsimport', ['-keep', '-Xnocompile', '-s', dir, '-d', dir, ...extra, `${mock.url}?WSDL`], work);
    const [bare, schemasOnly] = await Promise.all([
      wsimport('bare', []),
      wsimport('schemas-only', V41_BINDINGS.slice(2)),
    ]);
    // Without help: the DataSet's reference to xs:schema and the SOAP-encoded array.
    expect(bare.status, bare.output).not.toBe(0);
    expect(bare.output).toContain("[ERROR] undefined element declaration 's:schema'");
    expect(bare.output).toContain("[ERROR] undefined simple or complex type 'soapenc:Array'");
    // With the two schemas but without v4.1-bindings.xml: the element and the type InterconnectNote.
    expect(schemasOnly.status, schemasOnly.output).not.toBe(0);
    expect(schemasOnly.output).toContain(
      'A class/interface with the same name "https.os_ecgrid.InterconnectNote" is already in use',
    );
    expect(schemasOnly.output).not.toContain('undefined');

    // Ours: the wrapper element and the type keep their names, each with its own type.
    expect(schema.elements[`{${TNS}}InterconnectNote`]!.type).not.toBe(`{${TNS}}InterconnectNote`);
    expect(schema.types[`{${TNS}}InterconnectNote`]).toMatchObject({ kind: 'complex', name: 'InterconnectNote' });
    // The DataSet's inline schema and data are kept XML; StringArray is a SOAP-encoded array of strings.
    const dataSet = schema.types[schema.elements[dataSetOperation.output!]!.type];
    const result =
      dataSet?.kind === 'complex' && dataSet.content[0]?.kind === 'element'
        ? schema.types[dataSet.content[0].type]
        : undefined;
    expect(result).toMatchObject({
      kind: 'complex',
      content: [
        { kind: 'any', name: 'schema' },
        { kind: 'any', name: 'any' },
      ],
    });
    expect(schema.types[`{${TNS}AbstractTypes}StringArray`]).toEqual({
      kind: 'soap-array',
      name: 'StringArray',
      item: '{http://www.w3.org/2001/XMLSchema}string',
    });
  }, 300_000);

  it('wsimport cannot take the SOAP-encoding schema from a -catalog: JAXB hands the catalog resolver a null systemId', async () => {
    // An XML catalog that maps the namespace (an import without schemaLocation names only that) to the Debian file.
    mkdirSync(join(work, 'catalog'));
    writeFileSync(
      join(work, 'catalog.xml'),
      `<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">
  <public publicId="http://schemas.xmlsoap.org/soap/encoding/" uri="file://${SOAPENC_XSD}"/>
  <uri name="http://schemas.xmlsoap.org/soap/encoding/" uri="file://${SOAPENC_XSD}"/>
</catalog>
`,
    );
    const r = await runAsync(
      'wsimport',
      [
        '-keep',
        '-Xnocompile',
        '-s',
        'catalog',
        '-d',
        'catalog',
        '-catalog',
        'catalog.xml',
        ...V41_BINDINGS.slice(0, 4),
        `${mock.url}?WSDL`,
      ],
      work,
    );
    expect(r.status, r.output).not.toBe(0);
    expect(r.output).toContain(
      "java.lang.NullPointerException: JAXP09020006: The argument 'systemId' can not be null.",
    );
    expect(r.output).toMatch(/at com\.sun\.xml\.xsom\.impl\.parser\.NGCCRuntimeEx\.importSchema/);
  }, 300_000);

  describe('with the binding files', () => {
    let wsimportOutput = '';
    let outcomes: JavaOutcome[] = [];
    let calls: Array<{ operation: string; args: unknown }> = [];
    beforeAll(async () => {
      mkdirSync(join(work, 'src'));
      // UTF-8 sources whatever the locale: the service's documentation has "™" and "©".
      const generated = await runAsync(
        'wsimport',
        ['-keep', '-Xnocompile', '-encoding', 'UTF-8', '-s', 'src', '-d', 'src', ...V41_BINDINGS, `${mock.url}?WSDL`],
        work,
      );
      wsimportOutput = generated.output;
      if (generated.status !== 0) throw new Error(`wsimport failed (${generated.status}):\n${generated.output}`);
      const classpath = JARS.join(':');
      run(
        'javac',
        [
          '-nowarn',
          '-encoding',
          'UTF-8',
          '-cp',
          classpath,
          '-d',
          'classes',
          ...javaSources(join(work, 'src'), work),
          join(HERE, 'OperationCalls.java'),
        ],
        work,
      );
      calls = [...operations, dataSetOperation].map((op) => ({
        operation: op.name,
        args: sampleValue(schema, op.input, { as: 'element' }),
      }));
      // Exact JSON numbers for bigints, base64 for binaries.
      const input = JSON.stringify(calls, (_k, v: unknown) =>
        typeof v === 'bigint' ? `__bigint__${v}` : v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v,
      ).replace(/"__bigint__(-?\d+)"/g, '$1');
      const r = spawnSync(
        'java',
        ['-cp', `classes:${classpath}`, 'OperationCalls', `${mock.url}?WSDL`, V41_SERVICE_CLASS],
        { cwd: work, input, encoding: 'utf8', timeout: 180_000, maxBuffer: 64 * 1024 * 1024 },
      );
      if (r.status !== 0) throw new Error(`OperationCalls failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
      outcomes = JSON.parse(r.stdout) as JavaOutcome[];
    }, 300_000);

    it(`the client calls the ${operations.length} sampled operations on the mock and reads every value the mock answered`, async () => {
      expect(outcomes.map((o) => o.operation)).toEqual(calls.map((c) => c.operation));
      const problems = compareOutcomes(schema, operations, outcomes.slice(0, operations.length), compareWithJaxb);
      expect(problems).toEqual([]);
      // The mock accepted every request the client wrote (the DataSet call included).
      const called = calls.map((c) => c.operation);
      const logged = () =>
        called.map((name) => `${name}: ${mock.lines().filter((l) => l.includes(` 200 ${name} `)).length}`);
      await expect.poll(logged).toEqual(called.map((name) => `${name}: 1`));
    });

    it('wsimport leaves out the SOAP 1.2 and HTTP ports of the WSDL', () => {
      expect(wsimportOutput).toContain(
        'Ignoring SOAP port "ECGridOS_x0020_API_x0020_v4Soap12": it uses non-standard SOAP 1.2 binding.',
      );
      expect(wsimportOutput).toContain('ignoring port "ECGridOS_x0020_API_x0020_v4HttpGet"');
      expect(wsimportOutput).toContain('ignoring port "ECGridOS_x0020_API_x0020_v4HttpPost"');
      expect(javaSources(join(work, 'src', 'https', 'os_ecgrid'), work).map((f) => f.split('/').at(-1))).toContain(
        'ECGridOSX0020APIX0020V4Soap.java',
      );
    });

    it('JAXB makes the 341-value enumeration APICall a String: only the schema says which values are allowed', () => {
      const apiCall = schema.types[`{${TNS}}APICall`];
      expect(apiCall?.kind === 'enum' && apiCall.values.length).toBe(341);
      expect(wsimportOutput).toContain(
        'Simple type "APICall" was not mapped to Enum due to EnumMemberSizeCap limit. Facets count: 341, current limit: 256.',
      );
      const sessionEvents = readFileSync(join(work, 'src', 'https', 'os_ecgrid', 'SessionEvents.java'), 'utf8');
      expect(sessionEvents).toMatch(/@XmlElement\(name = "APICall", required = true\)\s+protected String apiCall;/);
      // A smaller enumeration of the same schema is a Java enum.
      expect(readFileSync(join(work, 'src', 'https', 'os_ecgrid', 'StatusInterconnect.java'), 'utf8')).toContain(
        'public enum StatusInterconnect',
      );
    });

    it('JAXB makes a DataSet an untyped Object whose class depends on the content', () => {
      const outcome = outcomes.at(-1)!;
      expect(outcome.operation).toBe(dataSetOperation.name);
      const ours = Object.values(
        sampleValue(schema, dataSetOperation.output!, { as: 'element' }) as Record<string, unknown>,
      )[0] as { schema: XmlElement[]; any: XmlElement[] };
      const kept = ours.any[0]!;
      const text = kept.children.map((c) => (c.kind === 'text' ? c.text : '')).join('');
      // The mock's answer: an empty inline schema and one element of the data (a global xs:string
      // element of the schema). The lax wildcard `Object any` binds that element, as it knows it, to
      // a JAXBElement<String>; an element it does not know (a diffgram) would be a DOM Element.
      expect(outcome.result).toEqual({
        schema: { $any: null, otherAttributes: {}, $class: 'org.w3._2001.xmlschema.Schema' },
        $any: { $element: `{${kept.ns}}${kept.local}`, $value: text, $class: 'javax.xml.bind.JAXBElement' },
        $class: 'https.os_ecgrid.ReportMonthlyResponse$ReportMonthlyResult',
      });
      const resultClass = readFileSync(join(work, 'src', 'https', 'os_ecgrid', 'ReportMonthlyResponse.java'), 'utf8');
      expect(resultClass).toMatch(/@XmlAnyElement\(lax = true\)\s+protected Object any;/);
    });
  });
});
