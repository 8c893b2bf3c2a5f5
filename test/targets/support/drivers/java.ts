/**
 * The Java round-trip driver (`test/targets/java/RoundTrip.java`): compiled with `javac` together
 * with the generated package's sources (`-Xlint:all -Werror`, so a warning in generated code
 * fails), run with `java`. Needs a JDK 17 or later on the PATH.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { ROOT } from '../../../support/paths.js';
import type { TargetDriver } from '../drivers.js';
import { mustRun } from '../run.js';

/** The driver's source, in the repository. */
export const DRIVER_SOURCE = join(ROOT, 'test', 'targets', 'java', 'RoundTrip.java');

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

/**
 * Compiles sources into `classes` with warnings as errors. The file list goes through an
 * argument file: the v4.1 package has hundreds of sources.
 */
export async function compileJava(sources: readonly string[], classes: string, workDir: string, classpath?: string): Promise<void> {
  mkdirSync(classes, { recursive: true });
  const argFile = join(workDir, `javac-sources-${++compilations}.txt`);
  writeFileSync(argFile, sources.map((s) => `"${s.split(sep).join('/')}"`).join('\n'));
  // No -encoding: the generated sources are ASCII, so they compile under any platform encoding.
  await mustRun('javac', ['-Xlint:all', '-Werror', '-d', classes, ...(classpath ? ['-cp', classpath] : []), `@${argFile}`]);
}

/**
 * The driver's source made a class of the generated package (`<pkg>.RoundTrip`): it then needs no
 * imports, and packages of several WSDLs can be compiled together.
 */
export function driverSourceIn(pkg: string): string {
  const source = readFileSync(DRIVER_SOURCE, 'utf8').replace(/^import io\.ecgrid\.os\.\w+;\n/gm, '');
  return `package ${pkg};\n\n${source}`;
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
        await mustRun('java', ['-cp', classes, className, manifest, outDir]);
      },
    };
  },
};
