// The Java runtime side by side with JAXB, on the real v4.1 WSDL and the TypeScript benchmark's
// workload. The v4.1 SDK is generated into a scratch folder with the CLI and compiled with the
// runtime's sources (packages/runtime-java/src/main/java); the peer's classes are what `wsimport`
// (Debian's jaxws) generates from the same WSDL; test/bench/java/Bench.java times both in one JVM.
// It runs twice: with the JDK's StAX, and with Woodstox on the class path as Debian's jaxws-rt
// brings it (both the runtime and JAXB then read through Woodstox). The key ratios are the slower
// of the two runs; both are in the figures. Jars come from /usr/share/java (or ECGRID_JAVA_LIBS).
// Each contestant runs for BENCH_WARMUP_MS (2,000 by default) before its timed rounds, so that
// every one is timed once the JIT has compiled it (a number of calls would warm a fast one less).
// A script, not a test: `npm run bench` runs it; `--json` prints the figures as JSON.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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

const LIBS = process.env.ECGRID_JAVA_LIBS ?? '/usr/share/java';
const JAXB_JARS = [
  'jaxb-api.jar',
  'jaxb-runtime.jar',
  'jaxb-core.jar',
  'txw2.jar',
  'istack-commons-runtime.jar',
  'javax.activation.jar',
];
const WOODSTOX_JARS = ['woodstox-core.jar', 'stax2-api.jar'];

requireTool('java', 'java', ['-version'], 'a JDK 17 or later (apt-get install -y openjdk-17-jdk-headless)');
requireTool('java', 'javac', ['-version'], 'a JDK 17 or later (apt-get install -y openjdk-17-jdk-headless)');
requireTool(
  'java',
  'wsimport',
  ['-version'],
  'the peer JAXB needs wsimport (apt-get install -y jaxws libjaxb-java libwoodstox-java)',
);
const jar = (name) => {
  const path = join(LIBS, name);
  if (!existsSync(path))
    fail(
      `java benchmark: ${path} is missing (apt-get install -y jaxws libjaxb-java libwoodstox-java, or set ECGRID_JAVA_LIBS)`,
    );
  return path;
};
const jaxbJars = JAXB_JARS.map(jar);
const woodstoxJars = WOODSTOX_JARS.map(jar);

function javaSources(dir) {
  const out = [];
  for (const entry of readdirSync(dir).sort()) {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...javaSources(full));
    else if (entry.endsWith('.java')) out.push(full);
  }
  return out;
}

const scratch = makeScratch('java');
const workload = await writeWorkload(scratch);
const sdkDir = generateSdk('java', join(scratch, 'sdk'));

// The peer's classes: wsimport of the same WSDL. The WSDL imports the SOAP encoding namespace
// without a location and references xs:schema (.NET DataSet types), so both are given to it (-b);
// its element InterconnectNote and type InterconnectNote need -XautoNameResolution.
const jaxbSrc = join(scratch, 'jaxb-src');
mkdirSync(jaxbSrc);
mkdirSync(join(scratch, 'jaxb-out'));
mustRun('wsimport', [
  '-quiet',
  '-keep',
  '-Xnocompile',
  '-extension',
  '-B-XautoNameResolution',
  '-b',
  PEER_SCHEMAS.xmlSchemaElement,
  '-b',
  PEER_SCHEMAS.soapEncoding,
  '-d',
  join(scratch, 'jaxb-out'),
  '-s',
  jaxbSrc,
  '-p',
  'bench.jaxb',
  wsdlPath,
]);
// Only the data classes: the service and port interfaces are JAX-WS, not JAXB.
const jaxbSources = javaSources(jaxbSrc).filter((file) => !/@WebService(Client)?\b/.test(readFileSync(file, 'utf8')));

const classes = join(scratch, 'classes');
const sources = [
  ...javaSources(join(root, 'packages', 'runtime-java', 'src', 'main', 'java')),
  ...javaSources(
    join(
      sdkDir,
      readdirSync(sdkDir).find((e) => !e.startsWith('.')) ?? fail(`no package in ${sdkDir}`),
      'src',
      'main',
      'java',
    ),
  ),
  ...jaxbSources,
  join(root, 'test', 'bench', 'java', 'Bench.java'),
];
const argFile = join(scratch, 'javac-sources.txt');
writeFileSync(argFile, sources.map((s) => `"${s}"`).join('\n'));
mustRun('javac', ['-nowarn', '-encoding', 'UTF-8', '-d', classes, '-cp', jaxbJars[0], `@${argFile}`]);

const warmupMs = Number(process.env.BENCH_WARMUP_MS ?? '2000');
if (!Number.isInteger(warmupMs) || warmupMs < 0) fail(`java benchmark: BENCH_WARMUP_MS must be a whole number of ms`);

function runBench(extraJars) {
  const stdout = mustRun(
    'java',
    ['-cp', [classes, ...jaxbJars, ...extraJars].join(':'), 'Bench', workload.document, workload.keySet],
    {
      env: { ...process.env, BENCH_ROUNDS: String(rounds), BENCH_WARMUP_MS: String(warmupMs) },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const run = parseFigures('java', stdout);
  checkCounts('java', run.decode_items);
  return run;
}
const jdk = runBench([]);
if (!jdk.stax.startsWith('com.sun.xml.internal.'))
  fail(`java benchmark: without Woodstox the StAX factory is ${jdk.stax}, not the JDK's`);
const woodstox = runBench(woodstoxJars);
if (!woodstox.stax.startsWith('com.ctc.wstx.'))
  fail(`java benchmark: with Woodstox on the class path the StAX factory is ${woodstox.stax}`);

const both = (key) => ({
  ...Object.fromEntries(Object.entries(jdk[key]).map(([k, v]) => [`${k}, JDK StAX`, v])),
  ...Object.fromEntries(Object.entries(woodstox[key]).map(([k, v]) => [`${k}, Woodstox`, v])),
});
const decodeJdk = r3(jdk.decode_ms.JAXB / jdk.decode_ms.ours);
const decodeWoodstox = r3(woodstox.decode_ms.JAXB / woodstox.decode_ms.ours);
const encodeJdk = r3(jdk.encode_us['JAXB marshal'] / jdk.encode_us.ours);
const encodeWoodstox = r3(woodstox.encode_us['JAXB marshal'] / woodstox.encode_us.ours);
const allocated = both('decode_allocated_bytes');
const figures = {
  java_version: jdk.java,
  java_jaxb: jdk.jaxb,
  java_rounds: rounds,
  java_warmup_ms: warmupMs,
  java_decode_ms: both('decode_ms'),
  java_encode_us: both('encode_us'),
  java_decode_allocated_bytes: allocated,
  java_decode_speedup_vs_jaxb: Math.min(decodeJdk, decodeWoodstox),
  java_decode_speedup_vs_jaxb_jdk_stax: decodeJdk,
  java_decode_speedup_vs_jaxb_woodstox: decodeWoodstox,
  java_encode_speedup_vs_jaxb: Math.min(encodeJdk, encodeWoodstox),
  java_encode_speedup_vs_jaxb_jdk_stax: encodeJdk,
  java_encode_speedup_vs_jaxb_woodstox: encodeWoodstox,
  java_decode_time_vs_stax: r3(
    Math.max(
      jdk.decode_ms.ours / jdk.decode_ms['StAX pass (floor)'],
      woodstox.decode_ms.ours / woodstox.decode_ms['StAX pass (floor)'],
    ),
  ),
  // Bytes allocated by one decode (an upper bound of its peak), the larger of the two runs.
  java_decode_peak_memory_vs_document: r3(
    Math.max(jdk.decode_allocated_bytes.ours, woodstox.decode_allocated_bytes.ours) / workload.documentBytes,
  ),
};

if (json) {
  console.log(JSON.stringify(figures, null, 2));
} else {
  const mb = Object.fromEntries(Object.entries(allocated).map(([k, v]) => [k, v / 1e6]));
  printTable(
    `java ${jdk.java} against JAXB (${jdk.jaxb}, wsimport classes), the same workload (${(workload.documentBytes / 1e6).toFixed(2)} MB), ${rounds} rounds after ${warmupMs} ms of warm-up each, median; a JVM with the JDK's StAX, then one with Woodstox on the class path:`,
    [
      { label: 'decode KeyListResponse', unit: 'ms', figures: figures.java_decode_ms, digits: 1 },
      { label: 'encode KeySet', unit: 'us', figures: figures.java_encode_us, digits: 2 },
      { label: 'decode allocates', unit: 'MB', figures: mb, digits: 1 },
    ],
    [
      ['java_decode_speedup_vs_jaxb (slower of the two)', figures.java_decode_speedup_vs_jaxb, '>= 1.5'],
      ['  with the JDK StAX', decodeJdk, '>= 1.5'],
      ['  with Woodstox', decodeWoodstox, '>= 1.5'],
      ['java_encode_speedup_vs_jaxb (slower of the two)', figures.java_encode_speedup_vs_jaxb, '>= 2'],
      ['  with the JDK StAX', encodeJdk, '>= 2'],
      ['  with Woodstox', encodeWoodstox, '>= 2'],
      ['java_decode_peak_memory_vs_document (allocated)', figures.java_decode_peak_memory_vs_document, '< 4'],
      ['java_decode_time_vs_stax (the floor, slower run)', figures.java_decode_time_vs_stax, 'none; for reading'],
    ],
  );
}
