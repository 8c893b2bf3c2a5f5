// Python distributions: the runtime library ecgrid-soap-runtime (packages/runtime-python) and
// every generated Python SDK of packages/ (each folder with a pyproject.toml), built as a wheel
// and an sdist each into out/python/ with `python -m build --no-isolation`: no package index is
// needed, the build backend (setuptools>=61, wheel) comes from the interpreter's own packages
// (Debian: python3-build, python3-setuptools, python3-wheel). Each package is built from a copy
// in a temporary folder, so build/ and *.egg-info never land in the repository; `twine check`
// then validates the metadata as PyPI would.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The interpreter with build, setuptools and wheel (Debian's), or ECGRID_SYSTEM_PYTHON. */
export const SYSTEM_PYTHON = process.env.ECGRID_SYSTEM_PYTHON ?? '/usr/bin/python3';

/** The runtime first, then every generated Python package of packages/, sorted. */
export function pythonPackages(root) {
  const packages = join(root, 'packages');
  const runtime = join(packages, 'runtime-python');
  const sdks = readdirSync(packages)
    .sort()
    .filter((dir) => dir !== 'runtime-python' && existsSync(join(packages, dir, 'pyproject.toml')))
    .map((dir) => join(packages, dir));
  return [runtime, ...sdks];
}

function run(args, options = {}) {
  try {
    return execFileSync(SYSTEM_PYTHON, args, {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1', PIP_NO_INDEX: '1' },
      ...options,
    });
  } catch (error) {
    const output = `${error.stdout ?? ''}\n${error.stderr ?? ''}`.trim();
    throw new Error(`\`${SYSTEM_PYTHON} ${args.join(' ')}\` failed:\n${output || error.message}`);
  }
}

export async function build({ root, out }) {
  const probe = (() => {
    try {
      run(['-c', 'import build, setuptools, wheel']);
      return undefined;
    } catch (error) {
      return error;
    }
  })();
  if (probe !== undefined) {
    throw new Error(
      `${SYSTEM_PYTHON} cannot build Python packages offline (apt-get install python3-build python3-setuptools python3-wheel):\n${probe.message}`,
    );
  }
  const dest = join(out, 'python');
  mkdirSync(dest, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'ecgrid-artifacts-python-'));
  try {
    for (const dir of pythonPackages(root)) {
      if (!existsSync(join(dir, 'pyproject.toml'))) throw new Error(`${dir}/pyproject.toml is missing`);
      const copy = join(work, dir.split(/[\\/]/).pop());
      cpSync(dir, copy, {
        recursive: true,
        filter: (source) => !/(^|[\\/])(__pycache__|build|dist|[^\\/]*\.egg-info|\.mypy_cache)$/.test(source),
      });
      run(['-m', 'build', '--no-isolation', '--sdist', '--wheel', '--outdir', dest, copy]);
    }
    const built = readdirSync(dest).filter((f) => f.endsWith('.whl') || f.endsWith('.tar.gz'));
    let twine = true;
    try {
      run(['-c', 'import twine']);
    } catch {
      twine = false;
    }
    if (twine) run(['-m', 'twine', 'check', '--strict', ...built.map((f) => join(dest, f))]);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
