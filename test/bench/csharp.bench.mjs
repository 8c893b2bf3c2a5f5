// The C# runtime side by side with XmlSerializer, on the real v4.1 WSDL and the TypeScript
// benchmark's workload. The v4.1 SDK is generated into a scratch folder with the CLI and built,
// Release, against the runtime's sources (a copy of packages/runtime-csharp's project, referenced
// instead of the ECGrid.Soap.Runtime package, so the working tree's runtime is what is measured);
// test/bench/csharp/Bench.cs times ours against XmlSerializer on a hand-written [XmlRoot] class set
// in one process. A script, not a test: `npm run bench` runs it; `--json` prints the figures as JSON.
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
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
  writeWorkload,
} from './language-support.mjs';

const DOTNET_ENV = {
  ...process.env,
  DOTNET_CLI_TELEMETRY_OPTOUT: '1',
  DOTNET_NOLOGO: '1',
  DOTNET_SKIP_FIRST_TIME_EXPERIENCE: '1',
  MSBUILDDISABLENODEREUSE: '1',
};
const RUNTIME_ID = 'ECGrid.Soap.Runtime';

requireTool('csharp', 'dotnet', ['--version'], 'the .NET 10 SDK (see .ci/install-tools)');
const scratch = makeScratch('csharp');
const workload = await writeWorkload(scratch);

// The runtime's sources, copied without build output (its project reads ../../README.md and Directory.Build.props).
const runtimeDir = join(scratch, 'runtime');
const runtimeSource = join(root, 'packages', 'runtime-csharp');
for (const file of ['Directory.Build.props', 'README.md', 'LICENSE'])
  cpSync(join(runtimeSource, file), join(runtimeDir, file));
cpSync(join(runtimeSource, 'src', RUNTIME_ID), join(runtimeDir, 'src', RUNTIME_ID), {
  recursive: true,
  filter: (src) => !/[\\/](bin|obj)$/.test(src),
});
const runtimeProject = join(runtimeDir, 'src', RUNTIME_ID, `${RUNTIME_ID}.csproj`);

// The generated SDK, its package reference to the runtime turned into a reference to that copy.
const sdkOut = generateSdk('csharp', join(scratch, 'sdk'));
const sdkDir = join(sdkOut, readdirSync(sdkOut).find((e) => !e.startsWith('.')) ?? fail(`no package in ${sdkOut}`));
const sdkProject = join(
  sdkDir,
  readdirSync(sdkDir).find((f) => f.endsWith('.csproj')) ?? fail(`no .csproj in ${sdkDir}`),
);
const reference = new RegExp(`<PackageReference Include="${RUNTIME_ID.replaceAll('.', '\\.')}" Version="[^"]*" />`);
const projectText = readFileSync(sdkProject, 'utf8');
if (!reference.test(projectText)) fail(`csharp benchmark: ${sdkProject} has no PackageReference to ${RUNTIME_ID}`);
writeFileSync(sdkProject, projectText.replace(reference, `<ProjectReference Include="${runtimeProject}" />`));

const benchDir = join(scratch, 'bench');
for (const file of ['Bench.csproj', 'Bench.cs'])
  cpSync(join(root, 'test', 'bench', 'csharp', file), join(benchDir, file));
mustRun(
  'dotnet',
  [
    'build',
    join(benchDir, 'Bench.csproj'),
    '-c',
    'Release',
    '-nologo',
    '-v',
    'q',
    `-p:SdkProject=${sdkProject}`,
    '-p:UseSharedCompilation=false',
  ],
  { env: DOTNET_ENV },
);
const stdout = mustRun(
  'dotnet',
  [join(benchDir, 'bin', 'Release', 'net10.0', 'Bench.dll'), workload.document, workload.keySet],
  {
    env: { ...DOTNET_ENV, BENCH_ROUNDS: String(rounds) },
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
const run = parseFigures('csharp', stdout);
checkCounts('csharp', run.decode_items);

const decode = run.decode_ms;
const encode = run.encode_us;
const figures = {
  csharp_dotnet_version: run.dotnet,
  csharp_rounds: run.rounds,
  csharp_decode_ms: decode,
  csharp_encode_us: encode,
  csharp_decode_allocated_bytes: run.decode_allocated_bytes,
  csharp_decode_speedup_vs_xmlserializer: r3(decode.XmlSerializer / decode.ours),
  csharp_encode_speedup_vs_xmlserializer: r3(encode.XmlSerializer / encode.ours),
  csharp_decode_time_vs_xmlreader: r3(decode.ours / decode['XmlReader pass (floor)']),
  // Bytes allocated by one decode (an upper bound of its peak).
  csharp_decode_peak_memory_vs_document: r3(run.decode_allocated_bytes.ours / workload.documentBytes),
};

if (json) {
  console.log(JSON.stringify(figures, null, 2));
} else {
  printTable(
    `csharp (.NET ${run.dotnet}, Release) against XmlSerializer (hand-written [XmlRoot] classes), the same workload (${(workload.documentBytes / 1e6).toFixed(2)} MB), ${rounds} rounds, median:`,
    [
      { label: 'decode KeyListResponse', unit: 'ms', figures: decode, digits: 1 },
      { label: 'encode KeySet', unit: 'us', figures: encode, digits: 2 },
      {
        label: 'decode allocates',
        unit: 'MB',
        figures: Object.fromEntries(Object.entries(run.decode_allocated_bytes).map(([k, v]) => [k, v / 1e6])),
        digits: 1,
      },
    ],
    [
      ['csharp_decode_speedup_vs_xmlserializer', figures.csharp_decode_speedup_vs_xmlserializer, '>= 1'],
      ['csharp_encode_speedup_vs_xmlserializer', figures.csharp_encode_speedup_vs_xmlserializer, '>= 1'],
      ['csharp_decode_peak_memory_vs_document (allocated)', figures.csharp_decode_peak_memory_vs_document, '< 4'],
      ['csharp_decode_time_vs_xmlreader (the floor)', figures.csharp_decode_time_vs_xmlreader, 'none; for reading'],
    ],
  );
}
