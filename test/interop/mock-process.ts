import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../support/paths.js';

const BIN = join(ROOT, 'generator', 'bin', 'ecgrid-codegen.js');

export interface MockProcess {
  readonly url: string;
  readonly child: ChildProcessWithoutNullStreams;
  /** Everything printed on stdout so far, as lines. */
  lines(): string[];
  stderr(): string;
  /** Sends `signal` and resolves with the exit code, or the signal's name when one killed it. */
  stop(signal?: NodeJS.Signals): Promise<number | string>;
}

/** Starts `ecgrid-codegen mock --wsdl WSDL --port 0` and waits for the URL it prints. */
export function startMockProcess(wsdl: string, extraArgs: readonly string[] = []): Promise<MockProcess> {
  const child = spawn(process.execPath, [BIN, 'mock', '--wsdl', wsdl, '--port', '0', ...extraArgs], { cwd: ROOT });
  let out = '';
  let err = '';
  let exited: Promise<number | string> | undefined;
  const exitPromise = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`mock server did not start within 30 s; stderr: ${err}`));
    }, 30_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`mock server exited with ${code} before listening; stderr: ${err}`));
    });
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString('utf8');
      const match = /listening on (\S+)/.exec(out);
      if (match && exited === undefined) {
        clearTimeout(timer);
        exited = exitPromise;
        resolve({
          url: match[1]!,
          child,
          lines: () => out.split('\n').filter((l) => l !== ''),
          stderr: () => err,
          stop: (signal = 'SIGTERM') => {
            if (child.exitCode === null && child.signalCode === null) child.kill(signal);
            return exitPromise;
          },
        });
      }
    });
  });
}
