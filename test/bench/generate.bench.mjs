// Times `ecgrid-codegen generate` of the full v4.1 WSDL as a whole process, side by side with
// wsdl-tsclient 1.7.1 on the same file in the same run, and prints medians and the ratio.
// A script, not a test: run it with `npm run bench` (the machine should be otherwise idle).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const wsdl = join(root, '..', 'shared', 'corpus', 'ECGridOS-v4.1.wsdl');
const rounds = Number(process.env.BENCH_ROUNDS ?? 7);
const json = process.argv.includes('--json');

if (!existsSync(join(root, 'generator', 'dist', 'cli.js'))) {
  console.error('build the CLI first: npm run build:tools');
  process.exit(1);
}

const tools = {
  'ecgrid-codegen': (out) => [
    process.execPath,
    [
      join(root, 'generator', 'bin', 'ecgrid-codegen.js'),
      'generate',
      '--wsdl',
      wsdl,
      '--out',
      out,
      '--target',
      'typescript',
      '--quiet',
    ],
  ],
  'wsdl-tsclient 1.7.1': (out) => [
    process.execPath,
    [join(root, 'node_modules', 'wsdl-tsclient', 'dist', 'src', 'cli.js'), wsdl, '-o', out],
  ],
  'node (empty start)': () => [process.execPath, ['-e', '0']],
};

function timeOnce(make) {
  const out = mkdtempSync(join(tmpdir(), 'ecgrid-bench-'));
  try {
    const [cmd, args] = make(out);
    const started = process.hrtime.bigint();
    const run = spawnSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (run.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${run.stderr}`);
    return ms;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const samples = Object.fromEntries(Object.keys(tools).map((k) => [k, []]));
for (const make of Object.values(tools)) timeOnce(make); // warm the file cache
for (let i = 0; i < rounds; i++) {
  for (const [name, make] of Object.entries(tools)) samples[name].push(timeOnce(make));
}
const medians = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));
const ratio = medians['ecgrid-codegen'] / medians['wsdl-tsclient 1.7.1'];
if (json) {
  console.log(
    JSON.stringify({ rounds, median_ms: medians, generate_time_vs_wsdl_tsclient: Number(ratio.toFixed(3)) }, null, 2),
  );
} else {
  console.log(
    `generate, TypeScript output of ECGridOS-v4.1.wsdl (1 MB, 221 operations), ${rounds} rounds, whole process, median:`,
  );
  for (const [name, ms] of Object.entries(medians)) console.log(`  ${name.padEnd(22)} ${ms.toFixed(0).padStart(6)} ms`);
  console.log(`  ecgrid-codegen / wsdl-tsclient = ${ratio.toFixed(2)} (target <= 0.25)`);
}
