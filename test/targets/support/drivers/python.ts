/**
 * The Python driver: `test/targets/python/driver.py`, run with the generated package's `src`
 * folder on PYTHONPATH. Byte-code goes to the work folder (PYTHONPYCACHEPREFIX), never into
 * the package.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../../support/paths.js';
import type { TargetDriver } from '../drivers.js';
import { mustRun } from '../run.js';

/** The interpreter: `python3` (3.10 or later), or ECGRID_PYTHON. */
export const PYTHON = process.env.ECGRID_PYTHON ?? 'python3';
export const PYTHON_DIR = join(ROOT, 'test', 'targets', 'python');
export const DRIVER = join(PYTHON_DIR, 'driver.py');

/** The import package inside a generated package (`src/<name>/`). */
export function importName(packageDir: string): string {
  const src = join(packageDir, 'src');
  const names = readdirSync(src).filter((entry) => statSync(join(src, entry)).isDirectory() && entry !== '__pycache__');
  if (names.length !== 1) throw new Error(`expected one import package in ${src}, found ${names.join(', ') || 'none'}`);
  return names[0] as string;
}

/** The environment a script needs to import the package of `packageDir`. */
export function pythonEnv(packageDir: string, workDir: string): Record<string, string> {
  return {
    PYTHONPATH: join(packageDir, 'src'),
    PYTHONPYCACHEPREFIX: join(workDir, 'pycache'),
    PYTHONIOENCODING: 'utf-8',
    ECGRID_PY_PACKAGE: importName(packageDir),
  };
}

export const driver: TargetDriver = {
  language: 'python',
  async prepare(packageDir, workDir) {
    const env = pythonEnv(packageDir, workDir);
    await mustRun(PYTHON, ['-m', 'compileall', '-q', join(packageDir, 'src'), DRIVER], { env });
    return {
      async run(manifest, outDir) {
        await mustRun(PYTHON, [DRIVER, manifest, outDir], { env });
      },
    };
  },
};
