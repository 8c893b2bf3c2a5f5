/**
 * The Python driver: `test/targets/python/driver.py`, run with the generated package's `src`
 * folder and the runtime library's (`packages/runtime-python/src`) on PYTHONPATH. Byte-code goes
 * to the work folder (PYTHONPYCACHEPREFIX), never into the packages.
 */
import { readdirSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { ROOT } from '../../../support/paths.js';
import type { TargetDriver } from '../drivers.js';
import { mustRun } from '../run.js';

/** The interpreter: `python3` (3.10 or later), or ECGRID_PYTHON. */
export const PYTHON = process.env.ECGRID_PYTHON ?? 'python3';
export const PYTHON_DIR = join(ROOT, 'test', 'targets', 'python');
export const DRIVER = join(PYTHON_DIR, 'driver.py');
/**
 * Debian's interpreter (`/usr/bin/python3`, or ECGRID_SYSTEM_PYTHON), which has pytest, build,
 * setuptools, wheel, venv and twine from apt: what builds and installs the packages.
 */
export const SYSTEM_PYTHON = process.env.ECGRID_SYSTEM_PYTHON ?? '/usr/bin/python3';
/** The runtime library's sources: `ecgrid_soap_runtime`, which every generated SDK imports. */
export const RUNTIME_SRC = join(ROOT, 'packages', 'runtime-python', 'src');

/** Where mypy finds the SDK of `packageDir` and the runtime it imports (MYPYPATH). */
export function mypyPath(...packageDirs: string[]): string {
  return [...packageDirs.map((dir) => join(dir, 'src')), RUNTIME_SRC].join(delimiter);
}

/** The import package inside a generated package (`src/<name>/`). */
export function importName(packageDir: string): string {
  const src = join(packageDir, 'src');
  const names = readdirSync(src).filter((entry) => statSync(join(src, entry)).isDirectory() && entry !== '__pycache__');
  if (names.length !== 1) throw new Error(`expected one import package in ${src}, found ${names.join(', ') || 'none'}`);
  return names[0] as string;
}

/** The environment a script needs to import the package of `packageDir` and the runtime. */
export function pythonEnv(packageDir: string, workDir: string): Record<string, string> {
  return {
    PYTHONPATH: [join(packageDir, 'src'), RUNTIME_SRC].join(delimiter),
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
