/**
 * The Python driver: `test/targets/python/driver.py`, run with the generated package's `src`
 * folder and the runtime library's (`packages/runtime-python/src`) on PYTHONPATH. Byte-code goes
 * to the work folder (PYTHONPYCACHEPREFIX), never into the packages. The feature fixtures'
 * packages are checked together with `mypy --strict` (Debian's `mypy`) before they run.
 */
import { readdirSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { ROOT } from '../../../support/paths.js';
import { findLanguage } from '../../../../generator/src/languages.js';
import { renderTree } from '../../../../generator/src/pipeline.js';
import { writeTree } from '../../../../generator/src/write/write-tree.js';
import type { TargetDriver } from '../drivers.js';
import { fixtureNamespace } from '../fixtures.js';
import { mustRun, runCommand } from '../run.js';

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
  async prepareFixtures(fixtures, workDir) {
    const python = findLanguage('python');
    if (python === undefined) throw new Error('python is not registered');
    const packageDirs = new Map<string, string>();
    for (const { name, core } of fixtures) {
      // An import package of its own per fixture (the `--module` option): two fixtures share a service name.
      const files = renderTree(core, python, { namespace: fixtureNamespace('ecgrid_fixtures', name, '_') });
      writeTree({ outDir: join(workDir, 'packages', name), target: 'python', source: core.source, files });
      packageDirs.set(name, join(workDir, 'packages', name, [...files.keys()][0]?.split('/')[0] ?? ''));
    }
    const dirs = [...packageDirs.values()];
    const env = { PYTHONPYCACHEPREFIX: join(workDir, 'pycache'), MYPYPATH: mypyPath(...dirs) };
    const check = await runCommand('mypy', ['--version'], { env });
    if (check.status !== 0) throw new Error('mypy is not available: install it (apt-get install -y mypy)');
    // All fixtures' import packages and the driver in one strict check, as one program.
    const modules = dirs.map((dir) => join(dir, 'src', importName(dir)));
    await mustRun('mypy', ['--strict', '--cache-dir', join(workDir, 'mypy-cache'), ...modules, DRIVER], { env });
    return {
      async run(fixture, manifest, outDir) {
        const packageDir = packageDirs.get(fixture);
        if (packageDir === undefined) throw new Error(`fixture ${fixture} was not prepared`);
        await mustRun(PYTHON, [DRIVER, '--keep-going', manifest, outDir], { env: pythonEnv(packageDir, workDir) });
      },
    };
  },
};
