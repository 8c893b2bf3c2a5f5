/**
 * The shared hostile-input suite: every case of `cases.ts` against every SDK language's driver
 * (`drivers/<language>.ts`, and each variant it lists, such as Python's asyncio client; see
 * `drivers/README.md`), each run in a process of its own, against the hostile server on
 * 127.0.0.1. Each run must end in the SDK's own error type (or the right value), within the
 * call's deadline plus a margin, with its peak memory bounded, and with a short message that
 * never holds the SessionID. Wall-clock figures here are bounds with wide margins, not benchmarks.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { languageNames } from '../../generator/src/languages.js';
import { makeScratch, removeScratch } from '../targets/support/packages.js';
import { HOSTILE_CASES, SESSION_ID, type DriverResult, type HostileCase, type HostileDriver } from './cases.js';
import { startHostileServer, type HostileServer } from './server.js';

/** Time past the deadline a call may take to end (process load on a busy 2-core machine). */
const DEADLINE_MARGIN_MS = 2_000;
/** Peak resident memory of one driver process, whatever the case: "a few hundred MB at most". */
const PEAK_LIMIT_KB = 400 * 1024;
/** No error message is longer, whatever the input. */
const MESSAGE_LIMIT = 2_000;

const DRIVER_DIR = join(import.meta.dirname, 'drivers');

let server: HostileServer;
let scratch = '';
beforeAll(async () => {
  server = await startHostileServer(HOSTILE_CASES);
  scratch = makeScratch('hostile');
});
afterAll(async () => {
  await server?.close();
  if (scratch !== '') removeScratch(scratch);
});

/** Runs a driver on one case; the process is killed if it outlives the deadline by far. */
function runCase(driver: HostileDriver, hostile: HostileCase): Promise<{ result?: DriverResult; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(driver.command, [...driver.args, server.urlOf(hostile.name), String(hostile.timeoutMs)], {
      env: { ...process.env, ...driver.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 20_000) stderr += chunk.toString('utf8');
    });
    const killer = setTimeout(() => child.kill('SIGKILL'), hostile.timeoutMs + 30_000);
    child.on('close', (code, signal) => {
      clearTimeout(killer);
      const line = stdout.trim().split('\n').pop() ?? '';
      const output = `exit ${code ?? signal}; stdout: ${stdout.slice(0, 2_000)}; stderr: ${stderr.slice(0, 4_000)}`;
      try {
        resolve({ result: JSON.parse(line) as DriverResult, output });
      } catch {
        resolve({ output });
      }
    });
  });
}

/** What a driver module exports: `prepare`, and the variants it has beside its default (a second client, say). */
interface DriverModule {
  prepare(workDir: string, variant?: string): Promise<HostileDriver>;
  variants?: readonly string[];
}

async function loadDriver(language: string): Promise<DriverModule> {
  const module = join(DRIVER_DIR, `${language}.ts`);
  expect(existsSync(module), `no hostile driver for ${language}: test/hostile/drivers/${language}.ts`).toBe(true);
  return (await import(module)) as DriverModule;
}

// Every language's driver, then its variants (listed by the module: read before the suites are declared).
const suites: { label: string; language: string; variant?: string }[] = [];
for (const language of languageNames()) {
  suites.push({ label: language, language });
  const module = join(DRIVER_DIR, `${language}.ts`);
  if (!existsSync(module)) continue;
  for (const variant of ((await import(module)) as DriverModule).variants ?? [])
    suites.push({ label: `${language} (${variant})`, language, variant });
}

describe.each(suites)('$label SDK against hostile servers', ({ label, language, variant }) => {
  let driver: HostileDriver;
  beforeAll(async () => {
    const { prepare } = await loadDriver(language);
    driver = await prepare(join(scratch, label.replace(/\W+/g, '-')), variant);
  }, 600_000);

  for (const hostile of HOSTILE_CASES) {
    it(
      `${hostile.name}: ${hostile.about}`,
      async () => {
        const { result, output } = await runCase(driver, hostile);
        expect(result, `the driver printed no result line: ${output}`).toBeDefined();
        const r = result as DriverResult;
        if (hostile.expect.ok) {
          expect(r.ok, `expected a value, got ${r.type} (${r.code}): ${r.message?.slice(0, 500)}`).toBe(true);
          expect(hostile.expect.check(r.value ?? {})).toBeUndefined();
        } else {
          expect(r.ok, `expected an error, got ${JSON.stringify(r.value)?.slice(0, 500)}`).toBe(false);
          expect(r.sdkError, `not the SDK's error type: ${r.type}: ${r.message?.slice(0, 500)}`).toBe(true);
          if (hostile.expect.codes)
            expect(hostile.expect.codes, `code of ${r.type}: ${r.message?.slice(0, 500)}`).toContain(r.code);
          expect(r.message?.length ?? 0, 'message length').toBeLessThanOrEqual(MESSAGE_LIMIT);
          expect(r.message ?? '').not.toContain(SESSION_ID);
        }
        expect(r.elapsedMs, 'elapsed time of the call').toBeLessThanOrEqual(hostile.timeoutMs + DEADLINE_MARGIN_MS);
        expect(r.peakRssKb, 'peak resident memory (KiB)').toBeLessThanOrEqual(PEAK_LIMIT_KB);
      },
      hostile.timeoutMs + 60_000,
    );
  }
});
