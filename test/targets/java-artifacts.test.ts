/**
 * The Java artifacts (`artifacts/maven`, built by generator/scripts/artifacts/java.mjs before the
 * tests) used the way a user would, on a plain classpath:
 *
 * - the runtime and the contract SDK are laid out as Maven publishes them (jar, sources jar,
 *   javadoc jar, pom, checksums), and the SDK's pom resolves its runtime dependency in them;
 * - a fresh project with only those jars compiles the page's example
 *   (test/targets/examples/KeySetExample.java) and runs it against a local server;
 * - the v3.2 and v4.1 SDKs (generated from ../shared/corpus, each compiled into a jar of its own
 *   against the runtime jar) work together in one program on that one runtime
 *   (test/targets/java/SideBySide.java): distinct packages, one runtime class.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, readRepoFile } from '../support/paths.js';
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
