import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'vitest';
import { HOSTILE_CASES } from '../cases.js';
import { startHostileServer } from '../server.js';
import { prepare } from './python.js';

it('measures', async () => {
  const server = await startHostileServer(HOSTILE_CASES);
  const driver = await prepare(mkdtempSync(join(tmpdir(), 'py11-measure-')));
  const names = (process.env.CASES ?? '').split(',');
  for (const name of names) {
    const hostile = HOSTILE_CASES.find((c) => c.name === name);
    if (!hostile) continue;
    for (let i = 0; i < Number(process.env.RUNS ?? 3); i++) {
      const started = Date.now();
      const { spawn } = await import('node:child_process');
      const out = await new Promise<string>((resolve) => {
        const old = process.env.OLD_RUNTIME;
        const env: Record<string, string | undefined> = { ...process.env, ...driver.env };
        if (old) env.PYTHONPATH = `${join(process.cwd(), 'packages', 'ecgridos-python', 'src')}:${old}`;
        const child = spawn('bash', ['-c', 'ulimit -v 3000000; exec "$0" "$@"', driver.command, ...driver.args, server.urlOf(name), String(hostile.timeoutMs)], { env });
        let s = '';
        child.stdout.on('data', (d: Buffer) => (s += d.toString()));
        child.on('close', () => resolve(s));
      });
      const r = JSON.parse(out.trim()) as Record<string, unknown>;
      console.log(`MEASURE ${name} run${i} wall=${Date.now() - started}ms elapsedMs=${Math.round(Number(r.elapsedMs))} peakRssKb=${r.peakRssKb} ok=${r.ok} type=${r.type} code=${r.code} msg=${String(r.message ?? '').slice(0, 140)}`);
    }
  }
  void spawnSync;
  await server.close();
}, 600_000);
