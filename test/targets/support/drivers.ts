/**
 * The registry of round-trip drivers, one module per language in `drivers/` (`drivers/python.ts`,
 * `drivers/csharp.ts`, ...), each exporting `driver: TargetDriver`. A language plugs in by adding
 * its file; nothing else is edited. See `test/targets/README.md` for the contract.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Fixture } from './fixtures.js';

export interface TargetDriver {
  /** The language as registered in `generator/src/languages.ts` (`--target` name). */
  readonly language: string;
  /**
   * Builds (compiles) the driver against one generated package of the language, in `workDir`
   * (a fresh temporary folder owned by the caller; never inside the repository). Throws with the
   * compiler's output when the package or the driver does not compile, or when the toolchain is
   * missing (tests fail then, they never skip).
   */
  prepare(packageDir: string, workDir: string): Promise<PreparedDriver>;
  /**
   * Generates the package of every given feature fixture (each in a namespace of its own, since
   * fixtures share service names), compiles them all with the driver in one build in `workDir`
   * with the language's strictest checker, and returns a runner per fixture. Throws with the
   * compiler's output when anything does not compile.
   */
  prepareFixtures?(fixtures: readonly Fixture[], workDir: string): Promise<PreparedFixtures>;
}

export interface PreparedFixtures {
  /**
   * Runs the driver of one fixture in keep-going mode: for every vector it writes
   * `<outDir>/<name>.xml`, or `<outDir>/<name>.error` holding the code of the runtime error the
   * vector raised (`invalid-xml`, `unexpected-element`, ...). Rejects on anything else.
   */
  run(fixture: string, manifest: string, outDir: string): Promise<void>;
}

export interface PreparedDriver {
  /**
   * Runs the driver over a manifest: writes `<outDir>/<name>.xml` for every vector. Rejects with
   * the driver's output (naming the vector) when it exits non-zero.
   */
  run(manifest: string, outDir: string): Promise<void>;
}

const DRIVERS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'drivers');

/** Every driver module in `drivers/`, sorted by language. */
export async function loadDrivers(): Promise<TargetDriver[]> {
  const drivers: TargetDriver[] = [];
  for (const file of readdirSync(DRIVERS_DIR).sort()) {
    if (!file.endsWith('.ts')) continue;
    const module = (await import(pathToFileURL(join(DRIVERS_DIR, file)).href)) as { driver?: TargetDriver };
    if (module.driver === undefined) throw new Error(`test/targets/support/drivers/${file} exports no \`driver\``);
    drivers.push(module.driver);
  }
  return drivers.sort((a, b) => a.language.localeCompare(b.language));
}

export async function loadDriver(language: string): Promise<TargetDriver> {
  const driver = (await loadDrivers()).find((d) => d.language === language);
  if (driver === undefined) throw new Error(`no round-trip driver for ${language} in test/targets/support/drivers/`);
  return driver;
}
