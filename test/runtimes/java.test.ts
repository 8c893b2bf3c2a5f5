/**
 * The Java runtime library (`packages/runtime-java`, Maven `io.ecgrid:soap-runtime`) tested on its
 * own: its sources compile with `javac -Xlint:all -Werror` and document themselves without a
 * javadoc warning, its JUnit 5 suite (Debian's junit5, run by the console launcher) passes, and its
 * pom.xml has the shared runtime version, pinned plugins and what Maven Central requires.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/paths.js';
import { mustRun } from '../targets/support/run.js';

const RUNTIME = join(ROOT, 'packages', 'runtime-java');
const JUNIT = '/usr/share/java/junit-platform-console-standalone.jar';
const scratch = mkdtempSync(join(tmpdir(), 'ecgrid-runtime-java-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function javaFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? javaFiles(path) : path.endsWith('.java') ? [path] : [];
  });
}

/** An argument file for javac/javadoc: the file lists are long. */
function argFile(name: string, files: readonly string[]): string {
  const path = join(scratch, name);
  writeFileSync(path, files.map((f) => `"${f}"`).join('\n'));
  return `@${path}`;
}

describe('java runtime (packages/runtime-java)', () => {
  const main = javaFiles(join(RUNTIME, 'src', 'main', 'java'));
  const tests = javaFiles(join(RUNTIME, 'src', 'test', 'java'));

  it('compiles without warnings, and its JUnit 5 suite passes', async () => {
    try {
      statSync(JUNIT);
    } catch {
      throw new Error(`${JUNIT} is missing: install Debian's junit5 (apt-get install -y junit5)`);
    }
    const classes = join(scratch, 'classes');
    await mustRun('javac', ['-Xlint:all', '-Werror', '-d', classes, argFile('main.txt', main)]);
    await mustRun('javac', [
      '-Xlint:all',
      '-Werror',
      '-d',
      classes,
      '-cp',
      `${classes}:${JUNIT}`,
      argFile('tests.txt', tests),
    ]);
    const run = await mustRun(
      'java',
      [
        '-jar',
        JUNIT,
        '-cp',
        classes,
        '--select-package',
        'io.ecgrid.soap.runtime',
        '--disable-banner',
        '--disable-ansi-colors',
        '--details=summary',
        '--fail-if-no-tests',
      ],
      { timeoutMs: 180_000 },
    );
    const count = (what: string) => Number(new RegExp(`(\\d+) tests ${what}`).exec(run.stdout)?.[1] ?? 'NaN');
    expect(count('successful'), run.stdout).toBeGreaterThan(40);
    expect(count('found'), run.stdout).toBe(count('successful'));
    expect(count('failed'), run.stdout).toBe(0);
    expect(count('skipped'), run.stdout).toBe(0);
  });

  it('javadoc finds no error and no warning, missing comments included (what the javadoc jar is built from)', async () => {
    const run = await mustRun('javadoc', [
      '-quiet',
      '-Xdoclint:all',
      '-Werror',
      '-d',
      join(scratch, 'javadoc'),
      argFile('javadoc.txt', main),
    ]);
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/warning|error/);
  });

  it('is hand-written Java in a package of its own, versioned with the other runtimes', () => {
    expect(main.length).toBeGreaterThan(30);
    for (const file of [...main, ...tests]) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toContain('{{');
      expect(text, file).toMatch(/^package io\.ecgrid\.soap\.runtime;$/m);
    }
    const shared = (
      JSON.parse(readFileSync(join(ROOT, 'packages', 'runtime', 'package.json'), 'utf8')) as { version: string }
    ).version;
    const pom = readFileSync(join(RUNTIME, 'pom.xml'), 'utf8');
    expect(
      /<artifactId>soap-runtime<\/artifactId>\s*(?:<!--[^>]*-->\s*)?<version>([^<]+)<\/version>/.exec(pom)?.[1],
    ).toBe(shared);
    expect(pom).toContain('<groupId>io.ecgrid</groupId>');
    expect(pom).toContain('<maven.compiler.release>17</maven.compiler.release>');
  });

  it('pom.xml pins every plugin and carries what Maven Central requires', () => {
    const pom = readFileSync(join(RUNTIME, 'pom.xml'), 'utf8');
    for (const tag of ['name', 'description', 'url', 'licenses', 'developers', 'scm'])
      expect(pom, tag).toMatch(new RegExp(`^  <${tag}>`, 'm'));
    const plugins = [...pom.matchAll(/<plugin>([\s\S]*?)<\/plugin>/g)].map((m) => m[1] ?? '');
    const pinned = new Map<string, string>();
    for (const plugin of plugins) {
      const artifact = /<artifactId>([^<]+)<\/artifactId>/.exec(plugin)?.[1] ?? '';
      const version = /<version>([^<]+)<\/version>/.exec(plugin)?.[1];
      if (version !== undefined) pinned.set(artifact, version);
    }
    for (const name of [
      'clean',
      'resources',
      'compiler',
      'surefire',
      'jar',
      'source',
      'javadoc',
      'install',
      'deploy',
      'site',
      'gpg',
    ]) {
      expect(pinned.get(`maven-${name}-plugin`), name).toMatch(/^\d+\.\d+\.\d+$/);
    }
    expect(pinned.get('central-publishing-maven-plugin')).toMatch(/^\d+\.\d+\.\d+$/);
    // Every plugin used is pinned (in pluginManagement) and every pinned version is a release.
    for (const plugin of plugins)
      expect(pinned.has(/<artifactId>([^<]+)<\/artifactId>/.exec(plugin)?.[1] ?? ''), plugin).toBe(true);
    expect(pom).toMatch(/<id>release<\/id>[\s\S]*<goal>sign<\/goal>/);
    expect(pom).toMatch(/<goal>jar-no-fork<\/goal>/);
  });
});
