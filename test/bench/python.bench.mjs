// The Python runtime side by side with zeep (Debian's python3-zeep), in one process, on the real
// v4.1 WSDL and the TypeScript benchmark's workload: the v4.1 SDK is generated into a scratch
// folder with the CLI and imported with the runtime's sources (packages/runtime-python/src), as the
// target tests do; test/bench/python/bench.py times decode, encode and the decode's tracemalloc
// peak. Runs on Debian's interpreter (/usr/bin/python3, or ECGRID_SYSTEM_PYTHON), which has zeep.
// A script, not a test: `npm run bench` runs it; `--json` prints the figures as JSON.
import { readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import {
  PEER_SCHEMAS,
  checkCounts,
  fail,
  generateSdk,
  json,
  makeScratch,
  mustRun,
  parseFigures,
  printTable,
  r3,
  requireTool,
  root,
  rounds,
  wsdlPath,
  writeWorkload,
} from './language-support.mjs';

const PYTHON = process.env.ECGRID_SYSTEM_PYTHON ?? '/usr/bin/python3';
const scratch = makeScratch('python');
requireTool(
  'python',
  PYTHON,
  ['-c', 'import sys; assert sys.version_info >= (3, 10), sys.version'],
  "Debian's Python 3.10 or later (apt-get install -y python3), or set ECGRID_SYSTEM_PYTHON",
);
requireTool(
  'python',
  PYTHON,
  ['-c', 'import zeep, lxml'],
  'the peer zeep is missing (apt-get install -y python3-zeep)',
);

const workload = await writeWorkload(scratch);
const outDir = generateSdk('python', join(scratch, 'sdk'));
const packageDir = join(
  outDir,
  readdirSync(outDir).find((entry) => !entry.startsWith('.')) ?? fail(`no package in ${outDir}`),
);
const [module] = readdirSync(join(packageDir, 'src'));
const env = {
  ...process.env,
  PYTHONPATH: [join(packageDir, 'src'), join(root, 'packages', 'runtime-python', 'src')].join(delimiter),
  PYTHONPYCACHEPREFIX: join(scratch, 'pycache'),
  PYTHONIOENCODING: 'utf-8',
  ECGRID_PY_PACKAGE: module,
  BENCH_ROUNDS: String(rounds),
};
const stdout = mustRun(
  PYTHON,
  [
    join(root, 'test', 'bench', 'python', 'bench.py'),
    wsdlPath,
    workload.document,
    workload.keySet,
    PEER_SCHEMAS.soapEncoding,
  ],
  { env, stdio: ['ignore', 'pipe', 'inherit'] },
);
const run = parseFigures('python', stdout);
checkCounts('python', run.decode_items);

const decode = run.decode_ms;
const encode = run.encode_us;
const figures = {
  python_version: run.python,
  python_zeep_version: run.zeep,
  python_rounds: run.rounds,
  python_decode_ms: decode,
  python_encode_us: encode,
  python_decode_peak_memory_bytes: run.decode_peak_bytes,
  python_decode_speedup_vs_zeep: r3(decode['zeep process_reply'] / decode.ours),
  python_decode_time_vs_etree_parse: r3(decode.ours / decode['xml.etree parse (floor)']),
  python_encode_speedup_vs_zeep: r3(encode['zeep create_message'] / encode.ours),
  python_decode_peak_memory_vs_document: r3(run.decode_peak_bytes.ours / workload.documentBytes),
  python_zeep_decode_peak_memory_vs_document: r3(run.decode_peak_bytes['zeep process_reply'] / workload.documentBytes),
};

if (json) {
  console.log(JSON.stringify(figures, null, 2));
} else {
  const mb = (bytes) => bytes / 1e6;
  printTable(
    `python ${run.python} against zeep ${run.zeep}, the same workload (${(workload.documentBytes / 1e6).toFixed(2)} MB), ${rounds} rounds, median:`,
    [
      { label: 'decode KeyListResponse', unit: 'ms', figures: decode, digits: 1 },
      { label: 'encode KeySet', unit: 'us', figures: encode, digits: 2 },
      {
        label: 'decode peak memory (tracemalloc)',
        unit: 'MB',
        figures: Object.fromEntries(Object.entries(run.decode_peak_bytes).map(([k, v]) => [k, mb(v)])),
        digits: 1,
      },
    ],
    [
      ['python_decode_speedup_vs_zeep', figures.python_decode_speedup_vs_zeep, '>= 5'],
      ['python_encode_speedup_vs_zeep', figures.python_encode_speedup_vs_zeep, '>= 5'],
      ['python_decode_peak_memory_vs_document', figures.python_decode_peak_memory_vs_document, '< 4'],
      ['python_decode_time_vs_etree_parse (the floor)', figures.python_decode_time_vs_etree_parse, 'none; for reading'],
    ],
  );
}
