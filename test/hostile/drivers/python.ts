/**
 * The Python hostile-suite driver: `python/driver.py`, run by the interpreter of the target tests
 * against the committed contract SDK (`packages/ecgridos-python`) and the runtime library
 * (`packages/runtime-python`) on PYTHONPATH; byte-code goes to the work folder, never the repo.
 * The `asyncio` variant calls through `AsyncECGridOS`, which has a transport of its own.
 */
import { join } from 'node:path';
import { ROOT } from '../../support/paths.js';
import { PYTHON, pythonEnv } from '../../targets/support/drivers/python.js';
import { mustRun } from '../../targets/support/run.js';
import type { HostileDriver } from '../cases.js';

const DRIVER = join(import.meta.dirname, 'python', 'driver.py');

export const variants = ['asyncio'] as const;

export async function prepare(workDir: string, variant?: (typeof variants)[number]): Promise<HostileDriver> {
  const packageDir = join(ROOT, 'packages', 'ecgridos-python');
  const env = pythonEnv(packageDir, workDir);
  await mustRun(
    PYTHON,
    ['-m', 'compileall', '-q', join(packageDir, 'src'), join(ROOT, 'packages', 'runtime-python', 'src'), DRIVER],
    { env },
  );
  return { command: PYTHON, args: variant === 'asyncio' ? [DRIVER, '--asyncio'] : [DRIVER], env };
}
