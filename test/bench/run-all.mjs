// `npm run bench`: the generator benchmark, the TypeScript runtime benchmark, then one benchmark
// per language runtime against its peer (Python/zeep, Java/JAXB, C#/XmlSerializer), each in its
// own process. With --json, one JSON object holding every figure. Every script runs even when
// one fails (a missing toolchain, say); the run then exits 1 naming the failed ones.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const json = process.argv.includes('--json');
const scripts = ['generate.bench.mjs', 'runtime.bench.mjs', 'python.bench.mjs', 'java.bench.mjs', 'csharp.bench.mjs'];
const merged = {};
const failed = [];
for (const script of scripts) {
  if (!json && script !== scripts[0]) console.log('');
  const run = spawnSync(process.execPath, [join(here, script), ...(json ? ['--json'] : [])], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', json ? 'pipe' : 'inherit', 'inherit'],
  });
  if (run.status !== 0) {
    console.error(`${script} failed with exit code ${run.status}`);
    failed.push(script);
    continue;
  }
  if (json) {
    const figures = JSON.parse(run.stdout);
    for (const [key, value] of Object.entries(figures))
      merged[key in merged ? `${script.split('.')[0]}_${key}` : key] = value;
  }
}
if (json) console.log(JSON.stringify(merged, null, 2));
if (failed.length > 0) {
  console.error(`benchmarks failed: ${failed.join(', ')}`);
  process.exit(1);
}
