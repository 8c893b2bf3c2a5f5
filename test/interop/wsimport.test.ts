/**
 * Interoperability with JAX-WS wsimport (Debian `jaxws`, on JDK 17), an implementation we did not
 * write: wsimport builds a Java client from our mock server's ?WSDL of wsdl/ECGridOS.wsdl, javac
 * compiles it, and it calls KeySet on the mock. Fails, not skips, when wsimport or javac is
 * missing. (The real v4.1 WSDL needs hand-written JAXB binding files for wsimport, which this
 * test does not carry yet.)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTRACT_WSDL, ROOT } from '../support/paths.js';
import { startMockProcess, type MockProcess } from './mock-process.js';

/** The JAX-WS runtime as Debian's jaxws package installs it. */
const JARS = [
  'jaxws-rt', 'jaxws-api', 'jaxb-api', 'jaxb-runtime', 'jaxb-core', 'jaxb-impl', 'javax.activation', 'saaj-impl', 'stax-ex',
  'streambuffer', 'istack-commons-runtime', 'gmbal', 'glassfish-management-api', 'metro-policy', 'mimepull', 'jws-api', 'FastInfoset',
].map((name) => `/usr/share/java/${name}.jar`);

function run(command: string, args: string[], cwd: string): string {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 180_000 });
  if (r.error) throw new Error(`${command} cannot run (${r.error.message}): apt-get install jaxws (wsimport) and a JDK 17 (javac)`);
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

  it('the client wsimport builds from the mock\'s ?WSDL calls KeySet and gets the right values', async () => {
    mkdirSync(join(work, 'src'));
    run('wsimport', ['-quiet', '-keep', '-Xnocompile', '-s', 'src', '-d', 'src', '-p', 'ecgrid', `${mock.url}?WSDL`], work);
    const sources = readdirSync(join(work, 'src', 'ecgrid')).filter((f) => f.endsWith('.java')).map((f) => join('src', 'ecgrid', f));
    expect(sources).toContain(join('src', 'ecgrid', 'ECGridOSSoap.java'));
    const classpath = JARS.join(':');
    run('javac', ['-nowarn', '-cp', classpath, '-d', 'classes', ...sources, join(ROOT, 'test', 'interop', 'wsimport', 'KeySetCall.java')], work);
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
