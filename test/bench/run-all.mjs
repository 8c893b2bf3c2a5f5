// `npm run bench`: the generator benchmark, then the runtime benchmark, each in its own process.
// With --json, one JSON object holding every figure of both.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const json = process.argv.includes('--json');
const scripts = ['generate.bench.mjs', 'runtime.bench.mjs'];
const merged = {};
for (const script of scripts) {
  const run = spawnSync(process.execPath, [join(here, script), ...(json ? ['--json'] : [])], { encoding: 'utf8', stdio: ['ignore', json ? 'pipe' : 'inherit', 'inherit'] });
  if (run.status !== 0) {
    console.error(`${script} failed with exit code ${run.status}`);
    process.exit(1);
  }
  if (json) {
    const figures = JSON.parse(run.stdout);
    for (const [key, value] of Object.entries(figures)) merged[key in merged ? `${script.split('.')[0]}_${key}` : key] = value;
  }
}
if (json) console.log(JSON.stringify(merged, null, 2));
