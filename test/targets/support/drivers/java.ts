/**
 * The Java round-trip driver (`test/targets/java/RoundTrip.java`): compiled with `javac` together
 * with the generated package's sources (`-Xlint:all -Werror`, so a warning in generated code
 * fails) against the runtime library's jar from `artifacts/maven` (built before the tests by
 * `generator/scripts/build-artifacts.mjs`), run with `java`. Needs a JDK 17 or later on the PATH.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { ROOT } from '../../../support/paths.js';
import { findLanguage } from '../../../../generator/src/languages.js';
import { renderTree } from '../../../../generator/src/pipeline.js';
import { writeTree } from '../../../../generator/src/write/write-tree.js';
import type { TargetDriver } from '../drivers.js';
import { fixtureNamespace } from '../fixtures.js';
import { mustRun } from '../run.js';

/** The driver's source, in the repository. */
export const DRIVER_SOURCE = join(ROOT, 'test', 'targets', 'java', 'RoundTrip.java');

/** The shared runtime version (`@ecgrid/soap-runtime`'s), which the Java runtime artifact has too. */
export const RUNTIME_VERSION = (
  JSON.parse(readFileSync(join(ROOT, 'packages', 'runtime', 'package.json'), 'utf8')) as { version: string }
).version;

/** The local Maven repository `build-artifacts.mjs` writes. */
export const MAVEN_ARTIFACTS = join(ROOT, 'artifacts', 'maven');

/** A jar of `artifacts/maven`, by coordinates; fails with how to build it when it is missing. */
export function mavenJar(groupId: string, artifactId: string, version: string): string {
  const jar = join(MAVEN_ARTIFACTS, ...groupId.split('.'), artifactId, version, `${artifactId}-${version}.jar`);
  if (!existsSync(jar)) {
    throw new Error(
      `${jar} is missing: build the Java artifacts first (node generator/scripts/build-artifacts.mjs --language java; npm test does it before vitest)`,
    );
  }
  return jar;
}

/** The runtime library's jar (`io.ecgrid:soap-runtime`) that generated SDKs compile and run against. */
export function runtimeJar(): string {
  return mavenJar('io.ecgrid', 'soap-runtime', RUNTIME_VERSION);
}

/** Every `.java` file under a folder, sorted. */
export function javaSources(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d).sort()) {
      const full = join(d, entry);
      if (statSync(full).isDirectory()) walk(full);
      else if (entry.endsWith('.java')) out.push(full);
    }
  };
  walk(dir);
  return out;
}

/** The Java package of a generated package: where its `Roots.java` is. */
export function javaPackageOf(packageDir: string): string {
  const base = join(packageDir, 'src', 'main', 'java');
  const roots = javaSources(base).find((f) => f.endsWith(`${sep}Roots.java`));
  if (roots === undefined) throw new Error(`${packageDir} has no Roots.java: not a generated Java package`);
  return relative(base, roots).split(sep).slice(0, -1).join('.');
}

let compilations = 0;

/** A classpath of compiled classes and the runtime jar, for `java -cp`. */
export function withRuntime(...entries: string[]): string {
  return [...entries, runtimeJar()].join(':');
}

/**
 * Compiles sources into `classes` with warnings as errors, against the runtime jar (and
 * `classpath`, when given). The file list goes through an argument file: the v4.1 package has
 * hundreds of sources.
 */
export async function compileJava(
  sources: readonly string[],
  classes: string,
  workDir: string,
  classpath?: string,
): Promise<void> {
  mkdirSync(classes, { recursive: true });
  const argFile = join(workDir, `javac-sources-${++compilations}.txt`);
  writeFileSync(argFile, sources.map((s) => `"${s.split(sep).join('/')}"`).join('\n'));
  // No -encoding: the generated sources are ASCII, so they compile under any platform encoding.
  await mustRun('javac', [
    '-Xlint:all',
    '-Werror',
    '-d',
    classes,
    '-cp',
    classpath ? withRuntime(classpath) : runtimeJar(),
    `@${argFile}`,
  ]);
}

/**
 * The driver's source made a class of the generated package (`<pkg>.RoundTrip`): it finds that
 * package's `Roots` without an import (it imports only the runtime's classes), and packages of
 * several WSDLs can be compiled together.
 */
export function driverSourceIn(pkg: string): string {
  return `package ${pkg};\n\n${readFileSync(DRIVER_SOURCE, 'utf8')}`;
}

/** Writes the driver into `dir` for a package; returns its file and its class name. */
export function writeDriver(pkg: string, dir: string): { file: string; className: string } {
  const folder = join(dir, ...pkg.split('.'));
  mkdirSync(folder, { recursive: true });
  const file = join(folder, 'RoundTrip.java');
  writeFileSync(file, driverSourceIn(pkg));
  return { file, className: `${pkg}.RoundTrip` };
}

export const driver: TargetDriver = {
  language: 'java',
  async prepare(packageDir, workDir) {
    mkdirSync(workDir, { recursive: true });
    const classes = join(workDir, 'classes');
    const { file, className } = writeDriver(javaPackageOf(packageDir), join(workDir, 'driver'));
    await compileJava([...javaSources(join(packageDir, 'src', 'main', 'java')), file], classes, workDir);
    return {
      async run(manifest, outDir) {
        await mustRun('java', ['-cp', withRuntime(classes), className, manifest, outDir]);
      },
    };
  },
  async prepareFixtures(fixtures, workDir) {
    const java = findLanguage('java');
    if (java === undefined) throw new Error('java is not registered');
    const sources: string[] = [];
    const classNames = new Map<string, string>();
    for (const { name, core } of fixtures) {
      // A package of its own per fixture (the `--package` option): two fixtures share a service name.
      const files = renderTree(core, java, { namespace: fixtureNamespace('io.ecgrid.fixtures', name) });
      writeTree({ outDir: join(workDir, 'packages', name), target: 'java', source: core.source, files });
      const packageDir = join(workDir, 'packages', name, [...files.keys()][0]?.split('/')[0] ?? '');
      const { file, className } = writeDriver(javaPackageOf(packageDir), join(workDir, 'drivers'));
      sources.push(...javaSources(join(packageDir, 'src', 'main', 'java')), file);
      classNames.set(name, className);
    }
    const classes = join(workDir, 'classes');
    await compileJava(sources, classes, workDir);
    return {
      async run(fixture, manifest, outDir) {
        const className = classNames.get(fixture);
        if (className === undefined) throw new Error(`fixture ${fixture} was not prepared`);
        await mustRun('java', ['-cp', withRuntime(classes), className, '--keep-going', manifest, outDir]);
      },
    };
  },
};
