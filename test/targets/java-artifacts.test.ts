/**
 * The Java artifacts (`artifacts/maven`, built by generator/scripts/artifacts/java.mjs before the
 * tests) used the way a user would, on a plain classpath:
 *
 * - the runtime and the contract SDK are laid out as Maven publishes them (jar, sources jar,
 *   javadoc jar, pom, checksums), and the SDK's pom resolves its runtime dependency in them;
 * - a fresh project with only those jars compiles the page's example
 *   (test/targets/examples/KeySetExample.java) and runs it against a local server;
 * - the SDK used the Java way (test/targets/java/Idioms.java) against `ecgrid-codegen mock`
 *   processes (plain, `--fault KeySet=FILE`, `--delay MS`): one HttpClient per service object (200
 *   port-per-call calls do not grow threads), CompletableFuture variants, per-call timeouts that
 *   report the timeout that fired, typed faults with their detail as plain values, logging and a
 *   redacted message dump, usage and DNS errors; and the README's Java examples of that section,
 *   compiled and run as written against the mock;
 * - the v3.2 and v4.1 SDKs (generated from ../shared/corpus, each compiled into a jar of its own
 *   against the runtime jar) work together in one program on that one runtime
 *   (test/targets/java/SideBySide.java): distinct packages, one runtime class.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTRACT_WSDL, ROOT, readRepoFile } from '../support/paths.js';
import { startMockProcess } from '../interop/mock-process.js';
import { startServer } from '../support/soap-server.js';
import { javaSources, MAVEN_ARTIFACTS, runtimeJar, RUNTIME_VERSION } from './support/drivers/java.js';
import { generatePackage, makeScratch, removeScratch, V41_WSDL } from './support/packages.js';
import { mustRun } from './support/run.js';

const scratch = makeScratch('java-artifacts');
afterAll(() => removeScratch(scratch));

const V32_WSDL = '../shared/corpus/ECGridOS-v3.2.wsdl';
const example = (file: string) => readRepoFile(`wsdl/examples/${file}`);

interface Coordinates {
  readonly groupId: string;
  readonly artifactId: string;
  readonly version: string;
}

/** The project's coordinates and its compile/runtime dependencies, from a pom's text. */
function readPom(pom: string): Coordinates & { readonly dependencies: readonly Coordinates[] } {
  const text = pom.replace(/<!--[\s\S]*?-->/g, '');
  const head = text.slice(
    0,
    text.indexOf('<dependencies>') >= 0 ? text.indexOf('<dependencies>') : text.indexOf('<build>'),
  );
  const field = (block: string, name: string) =>
    new RegExp(`<${name}>([^<]+)</${name}>`).exec(block)?.[1]?.trim() ?? '';
  const dependencies = [...text.matchAll(/<dependency>([\s\S]*?)<\/dependency>/g)]
    .map((m) => m[1] ?? '')
    .filter((d) => !/<scope>(test|provided)<\/scope>/.test(d))
    .map((d) => ({ groupId: field(d, 'groupId'), artifactId: field(d, 'artifactId'), version: field(d, 'version') }));
  return {
    groupId: field(head, 'groupId'),
    artifactId: field(head, 'artifactId'),
    version: field(head, 'version'),
    dependencies,
  };
}

function artifactPath({ groupId, artifactId, version }: Coordinates, suffix: string): string {
  return join(MAVEN_ARTIFACTS, ...groupId.split('.'), artifactId, version, `${artifactId}-${version}${suffix}`);
}

/**
 * The jars a plain-classpath user needs for an artifact, resolved as Maven would: its jar, then
 * its dependencies' (from each pom), each checked against its published SHA-1.
 */
function resolveClasspath(root: Coordinates): string[] {
  const jars: string[] = [];
  const visit = (c: Coordinates) => {
    const jar = artifactPath(c, '.jar');
    if (jars.includes(jar)) return;
    for (const file of [jar, artifactPath(c, '.pom')]) {
      if (!existsSync(file))
        throw new Error(
          `${file} is missing from artifacts/maven (node generator/scripts/build-artifacts.mjs --language java)`,
        );
      expect(readFileSync(`${file}.sha1`, 'utf8'), `${file}.sha1`).toBe(
        createHash('sha1').update(readFileSync(file)).digest('hex'),
      );
    }
    jars.push(jar);
    for (const d of readPom(readFileSync(artifactPath(c, '.pom'), 'utf8')).dependencies) visit(d);
  };
  visit(root);
  return jars;
}

async function jarEntries(jar: string): Promise<string[]> {
  return (await mustRun('jar', ['--list', '--file', jar])).stdout.trim().split('\n');
}

const contractPom = readPom(readRepoFile('packages/ecgridos-java/pom.xml'));

describe('java artifacts: what artifacts/maven holds', () => {
  // Fails with how to build them when the artifacts are missing.
  beforeAll(() => void runtimeJar());

  for (const [label, coordinates, dir] of [
    [
      'the runtime io.ecgrid:soap-runtime',
      { groupId: 'io.ecgrid', artifactId: 'soap-runtime', version: RUNTIME_VERSION },
      'packages/runtime-java',
    ],
    ['the contract SDK io.ecgrid:ecgridos', contractPom, 'packages/ecgridos-java'],
  ] as const) {
    it(`${label}: jar, sources jar, javadoc jar and pom with checksums, as Maven lays them out`, async () => {
      for (const suffix of ['.jar', '-sources.jar', '-javadoc.jar', '.pom']) {
        const file = artifactPath(coordinates, suffix);
        expect(existsSync(file), file).toBe(true);
        for (const sum of ['.sha1', '.md5']) expect(existsSync(`${file}${sum}`), `${file}${sum}`).toBe(true);
      }
      const pom = readFileSync(artifactPath(coordinates, '.pom'), 'utf8');
      expect(pom).toBe(readRepoFile(`${dir}/pom.xml`));
      const classes = await jarEntries(artifactPath(coordinates, '.jar'));
      expect(classes).toContain(`META-INF/maven/${coordinates.groupId}/${coordinates.artifactId}/pom.xml`);
      expect(classes).toContain(`META-INF/maven/${coordinates.groupId}/${coordinates.artifactId}/pom.properties`);
      const sources = javaSources(join(ROOT, dir, 'src', 'main', 'java')).map((f) =>
        f.slice(join(ROOT, dir, 'src', 'main', 'java').length + 1),
      );
      expect(classes.filter((e) => e.endsWith('.class') && !e.includes('$')).length).toBe(
        sources.filter((s) => !s.endsWith('package-info.java')).length,
      );
      expect(
        (await jarEntries(artifactPath(coordinates, '-sources.jar'))).filter((e) => e.endsWith('.java')).sort(),
      ).toEqual(sources.sort());
      expect(await jarEntries(artifactPath(coordinates, '-javadoc.jar'))).toContain('index.html');
    });
  }

  it('the SDK depends on the runtime by version, and resolves to the two jars', () => {
    expect(contractPom.dependencies).toEqual([
      { groupId: 'io.ecgrid', artifactId: 'soap-runtime', version: RUNTIME_VERSION },
    ]);
    expect(resolveClasspath(contractPom)).toEqual([artifactPath(contractPom, '.jar'), runtimeJar()]);
  });
});

describe('java artifacts: a fresh project on a plain classpath', () => {
  it("compiles the page's example against the jars alone and runs it against a local server", async () => {
    const project = join(scratch, 'consumer');
    mkdirSync(join(project, 'lib'), { recursive: true });
    mkdirSync(join(project, 'src'), { recursive: true });
    for (const jar of resolveClasspath(contractPom)) cpSync(jar, join(project, 'lib', jar.split(/[\\/]/).pop() ?? ''));
    cpSync(join(ROOT, 'test', 'targets', 'examples', 'KeySetExample.java'), join(project, 'src', 'KeySetExample.java'));
    const lib = readdirSync(join(project, 'lib')).sort();
    expect(lib).toEqual([`ecgridos-${contractPom.version}.jar`, `soap-runtime-${RUNTIME_VERSION}.jar`]);
    const classpath = lib.map((jar) => join(project, 'lib', jar)).join(':');
    await mustRun('javac', [
      '-Xlint:all',
      '-Werror',
      '-d',
      join(project, 'classes'),
      '-cp',
      classpath,
      join(project, 'src', 'KeySetExample.java'),
    ]);
    const server = await startServer(() => ({ body: example('KeySet.soap11.response.xml') }));
    try {
      const result = await mustRun('java', [
        '-cp',
        `${join(project, 'classes')}:${classpath}`,
        'KeySetExample',
        `${server.url}`,
      ]);
      expect(result.stdout).toBe(
        'KeyIDInfo[KeyID=1043, UserID=5001, Key=xyz987uvw654rst321opq098nml765kj, Visibility=Shared, Created=2026-05-07T10:00:00]\n',
      );
      expect(server.requests).toHaveLength(1);
      expect(server.requests[0]?.headers.soapaction).toBe('"https://os.ecgrid.io/KeySet"');
      expect(server.requests[0]?.body).toBe(example('KeySet.soap11.request.xml').replace(/\n$/, ''));
    } finally {
      await server.close();
    }
  });
});

/** Compiles one program against the contract SDK's jars alone, in a fresh project; returns its classpath. */
async function consumerProject(name: string, sources: Record<string, string>): Promise<string> {
  const project = join(scratch, name);
  mkdirSync(join(project, 'lib'), { recursive: true });
  mkdirSync(join(project, 'src'), { recursive: true });
  for (const jar of resolveClasspath(contractPom)) cpSync(jar, join(project, 'lib', jar.split(/[\\/]/).pop() ?? ''));
  const classpath = readdirSync(join(project, 'lib'))
    .sort()
    .map((jar) => join(project, 'lib', jar))
    .join(':');
  const files = Object.entries(sources).map(([file, text]) => {
    writeFileSync(join(project, 'src', file), text);
    return join(project, 'src', file);
  });
  await mustRun('javac', ['-Xlint:all', '-Werror', '-d', join(project, 'classes'), '-cp', classpath, ...files]);
  return `${join(project, 'classes')}:${classpath}`;
}

describe('java artifacts: the SDK the Java way, against the mock server', () => {
  it('one HttpClient per service, futures, per-call timeouts, typed faults with plain details, logging, usage and DNS errors', async () => {
    const classpath = await consumerProject('idioms', {
      'Idioms.java': readFileSync(join(ROOT, 'test', 'targets', 'java', 'Idioms.java'), 'utf8'),
    });
    const faultFile = join(scratch, 'keyset-fault.xml');
    writeFileSync(
      faultFile,
      '<?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault>' +
        '<faultcode>soap:Client</faultcode><faultstring>soap:Client error for session s</faultstring>' +
        '<detail><Error xmlns="urn:errors"><Code>E42</Code><Field>UserID</Field><Field>s</Field></Error></detail>' +
        '</soap:Fault></soap:Body></soap:Envelope>',
    );
    const plain = await startMockProcess(CONTRACT_WSDL);
    const faulty = await startMockProcess(CONTRACT_WSDL, ['--fault', `KeySet=${faultFile}`]);
    const slow = await startMockProcess(CONTRACT_WSDL, ['--delay', '1500']);
    try {
      const run = await mustRun('java', ['-cp', classpath, 'Idioms', plain.url, faulty.url, slow.url], {
        timeoutMs: 120_000,
      });
      const lines = new Map(
        run.stdout
          .trim()
          .split('\n')
          .map((line) => [line.slice(0, line.indexOf(': ')), line.slice(line.indexOf(': ') + 2)]),
      );
      // The mock echoes UserID: 1 + 2 + ... + 200.
      expect(lines.get('echo sum')).toBe('20100');
      // A new HttpClient per port grew 461 threads over these 200 calls (a selector thread each); the shared one, a few pool threads.
      expect(Number(lines.get('thread growth')), run.stdout).toBeLessThan(25);
      expect(lines.get('own client')).toBe('true');
      expect(lines.get('async')).toBe('42');
      expect(lines.get('timeout')).toBe('PT0.3S request to URL timed out after 300 ms fast=true');
      expect(lines.get('async timeout')).toBe('SoapTimeoutException PT0.25S');
      expect(lines.get('patient')).toBe('7');
      expect(lines.get('fault')).toBe(
        'soap:Client | soap:Client error for session *** | {Error={Code=E42, Field=[UserID, ***]}}',
      );
      expect(lines.get('fault detail')).toBe(
        '<detail><Error xmlns="urn:errors"><Code>E42</Code><Field>UserID</Field><Field>***</Field></Error></detail>',
      );
      expect(lines.get('async fault')).toBe('SoapFaultException soap:Client error for session ***');
      expect(lines.get('log lines')).toBe('3');
      expect(lines.get('log exchange')).toBe('KeySet POST URL: 200 in N ms');
      expect(lines.get('log secret')).toBe('false');
      expect(lines.get('log request')).toBe('true');
      expect(lines.get('log response')).toBe('true');
      expect(lines.get('usage')).toBe('invalid-option false');
      expect(lines.get('dns')).toMatch(
        /^request to http:\/\/no-such-host\.invalid\/x failed: the host no-such-host\.invalid could not be resolved \(DNS lookup failed: \w+\) \| cause ConnectException$/,
      );
    } finally {
      await Promise.all([plain.stop('SIGKILL'), faulty.stop('SIGKILL'), slow.stop('SIGKILL')]);
    }
  }, 300_000);

  it("the README's Java examples of sharing, timeouts, futures, logging and faults compile and run against the mock", async () => {
    const readme = readRepoFile('packages/ecgridos-java/README.md');
    const section = readme.slice(readme.indexOf('### One service object'), readme.indexOf('### Operations'));
    const blocks = [...section.matchAll(/```java\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
    expect(blocks.length).toBe(5);
    const plain = await startMockProcess(CONTRACT_WSDL);
    try {
      const origin = new URL(plain.url).origin;
      const body = blocks.join('\n').replaceAll('http://127.0.0.1:8080', origin);
      const program = [
        'import io.ecgrid.ecgridos.*;',
        'import io.ecgrid.soap.runtime.*;',
        'import java.net.URI;',
        'import java.net.http.HttpClient;',
        'import java.time.Duration;',
        'import java.util.concurrent.CompletableFuture;',
        '',
        'public final class ReadmeExamples {',
        '    public static void main(String[] args) {',
        '        String sessionID = "s";',
        '        int userID = 3;',
        '        KeyVisibility visibility = KeyVisibility.SHARED;',
        body,
        '    }',
        '}',
        '',
      ].join('\n');
      const classpath = await consumerProject('readme', { 'ReadmeExamples.java': program });
      const run = await mustRun('java', ['-cp', classpath, 'ReadmeExamples']);
      const info =
        'KeyIDInfo[KeyID=1043, UserID=3, Key=xyz987uvw654rst321opq098nml765kj, Visibility=Shared, Created=2026-05-07T10:00:00]';
      // The first call, the shared client, the future; the timeout and fault examples print nothing when all goes well.
      expect(run.stdout).toBe(`${info}\ntrue\n${info}\n`);
    } finally {
      await plain.stop('SIGKILL');
    }
  }, 300_000);
});

/** A SessionInfo with every required field, in a service's namespace. */
function sessionInfo(element: string, ns: string, version: string, userId: number, login: string): string {
  return (
    `<${element} xmlns="${ns}"><ECGridOSVersion>${version}</ECGridOSVersion><SessionEventID>7</SessionEventID><UserID>${userId}</UserID>` +
    `<LoginName>${login}</LoginName><TimeZoneOffset>-5</TimeZoneOffset><AuthLevel>MailboxUser</AuthLevel><LastLogin>2026-05-07T10:00:00</LastLogin>` +
    `<OpenSessions>1</OpenSessions><TimeOut>20</TimeOut><NetworkID>1</NetworkID><MailboxID>2</MailboxID></${element}>`
  );
}

function whoAmIResponse(ns: string, version: string, userId: number, login: string): string {
  const result = sessionInfo('WhoAmIResult', ns, version, userId, login).replace(` xmlns="${ns}"`, '');
  return (
    '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>' +
    `<WhoAmIResponse xmlns="${ns}">${result}</WhoAmIResponse></soap:Body></soap:Envelope>`
  );
}

describe('java artifacts: the v3.2 and v4.1 SDKs in one application', () => {
  it('each compiles into its own jar against the runtime jar; one program uses both on that one runtime', async () => {
    const runtime = runtimeJar();
    const jars: string[] = [];
    for (const [wsdl, label] of [
      [V32_WSDL, 'v32'],
      [V41_WSDL, 'v41'],
    ] as const) {
      const pkg = generatePackage(wsdl, 'java', join(scratch, label));
      const sources = javaSources(join(pkg, 'src', 'main', 'java'));
      expect(
        sources.some((s) => /[\\/]io[\\/]ecgrid[\\/]soap[\\/]runtime[\\/]/.test(s)),
        `${label} carries no runtime source`,
      ).toBe(false);
      const classes = join(scratch, `${label}-classes`);
      mkdirSync(classes, { recursive: true });
      const argFile = join(scratch, `${label}-sources.txt`);
      writeFileSync(argFile, sources.map((s) => `"${s}"`).join('\n'));
      await mustRun('javac', ['-Xlint:all', '-Werror', '-cp', runtime, '-d', classes, `@${argFile}`]);
      const jar = join(scratch, 'lib', `${label}.jar`);
      mkdirSync(join(scratch, 'lib'), { recursive: true });
      await mustRun('jar', ['--create', '--file', jar, '-C', classes, '.']);
      jars.push(jar);
    }
    const app = join(scratch, 'app');
    const classpath = [runtime, ...jars].join(':');
    await mustRun('javac', [
      '-Xlint:all',
      '-Werror',
      '-cp',
      classpath,
      '-d',
      app,
      join(ROOT, 'test', 'targets', 'java', 'SideBySide.java'),
    ]);

    const V3 = 'http://ecgridos.net/';
    const V4 = 'https://os.ecgrid.io/';
    const server = await startServer((request) =>
      request.url === '/v3'
        ? { body: whoAmIResponse(V3, '3.2', 31, 'three') }
        : request.url === '/v4'
          ? { body: whoAmIResponse(V4, '4.1', 41, 'four') }
          : { status: 404, body: '' },
    );
    try {
      const base = new URL(server.url).origin;
      const result = await mustRun('java', [
        '-cp',
        `${app}:${classpath}`,
        'SideBySide',
        base,
        sessionInfo('SessionInfo', V3, '3.2', 31, 'doc-three'),
        sessionInfo('SessionInfo', V4, '4.1', 41, 'doc-four'),
      ]);
      const lines = new Map(
        result.stdout
          .trim()
          .split('\n')
          .map((line) => [line.slice(0, line.indexOf(': ')), line.slice(line.indexOf(': ') + 2)]),
      );
      expect(lines.get('v3 call')).toBe('io.ecgrid.ecgridos_api_v3.SessionInfo 3.2 31 MailboxUser 2026-05-07T10:00:00');
      expect(lines.get('v4 call')).toBe('io.ecgrid.ecgridos_api_v4.SessionInfo 4.1 41 MailboxUser 2026-05-07T10:00:00');
      expect(lines.get('v3 decode')).toBe('doc-three');
      expect(lines.get('v4 decode')).toBe('doc-four');
      expect(lines.get('v3 refuses v4')).toBe('wrong-namespace SessionInfo');
      expect(lines.get('v4 refuses v3')).toBe('wrong-namespace SessionInfo');
      expect(lines.get('one runtime')).toBe('true');
      expect(lines.get('runtime jar')).toBe(runtime);
      expect(lines.get('v3 jar')).toBe(jars[0]);
      expect(lines.get('v4 jar')).toBe(jars[1]);
      const sent = new Map(server.requests.map((r) => [r.url, r]));
      expect(sent.get('/v3')?.headers.soapaction).toBe('"http://ecgridos.net/WhoAmI"');
      expect(sent.get('/v3')?.body).toContain(`<WhoAmI xmlns="${V3}">`);
      expect(sent.get('/v4')?.headers.soapaction).toBe('"https://os.ecgrid.io/WhoAmI"');
      expect(sent.get('/v4')?.body).toContain(`<WhoAmI xmlns="${V4}">`);
    } finally {
      await server.close();
    }
  }, 600_000);
});
