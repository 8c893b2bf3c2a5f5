/**
 * The Python runtime library (`packages/runtime-python`, `ecgrid-soap-runtime`) tested on its
 * own: its pytest suite (Debian's python3-pytest), `mypy --strict` over its sources and tests,
 * and its version, which is the one every runtime shares (`@ecgrid/soap-runtime`'s).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/paths.js';
import { SYSTEM_PYTHON } from '../targets/support/drivers/python.js';
import { mustRun, runCommand } from '../targets/support/run.js';

const RUNTIME = join(ROOT, 'packages', 'runtime-python');
const scratch = mkdtempSync(join(tmpdir(), 'ecgrid-runtime-python-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Byte-code and caches go to the scratch folder, never into the repository. */
const ENV = { PYTHONDONTWRITEBYTECODE: '1', PYTHONPYCACHEPREFIX: join(scratch, 'pycache') };

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

describe('python runtime (packages/runtime-python)', () => {
  it('its pytest suite passes', async () => {
    const probe = await runCommand(SYSTEM_PYTHON, ['-c', 'import pytest']);
    if (probe.status !== 0)
      throw new Error(`pytest is not available to ${SYSTEM_PYTHON}: install it (apt-get install -y python3-pytest)`);
    const run = await mustRun(SYSTEM_PYTHON, ['-m', 'pytest', '-p', 'no:cacheprovider', '-q', '-rfE'], {
      cwd: RUNTIME,
      env: ENV,
    });
    const passed = /(\d+) passed/.exec(run.stdout);
    expect(passed, run.stdout).not.toBeNull();
    expect(Number(passed?.[1])).toBeGreaterThan(0);
    expect(run.stdout).not.toMatch(/\b(failed|error|skipped|xfail)/);
  });

  it('is mypy --strict clean, sources and tests', async () => {
    const probe = await runCommand('mypy', ['--version']);
    if (probe.status !== 0) throw new Error('mypy is not available: install it (apt-get install -y mypy)');
    await mustRun('mypy', ['--strict', '--cache-dir', join(scratch, 'mypy'), 'src', 'tests'], {
      cwd: RUNTIME,
      env: ENV,
    });
  });

  it('is hand-written Python, versioned with the other runtimes', () => {
    const sources = files(join(RUNTIME, 'src'));
    expect(sources.filter((f) => f.endsWith('.py')).length).toBeGreaterThan(5);
    for (const file of sources) expect(readFileSync(file, 'utf8'), file).not.toContain('{{');
    const shared = (
      JSON.parse(readFileSync(join(ROOT, 'packages', 'runtime', 'package.json'), 'utf8')) as { version: string }
    ).version;
    expect(/^version = "([^"]+)"/m.exec(readFileSync(join(RUNTIME, 'pyproject.toml'), 'utf8'))?.[1]).toBe(shared);
    expect(
      /^__version__ = "([^"]+)"/m.exec(
        readFileSync(join(RUNTIME, 'src', 'ecgrid_soap_runtime', '__init__.py'), 'utf8'),
      )?.[1],
    ).toBe(shared);
    expect(sources.some((f) => f.endsWith('py.typed'))).toBe(true);
  });
});
