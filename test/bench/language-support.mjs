// What the per-language benchmarks (python.bench.mjs, java.bench.mjs, csharp.bench.mjs) share:
// a scratch folder, the workload written to files (the KeyListResponse envelope of
// keylist-document.mjs and KEYSET_INPUT as JSON), the language's v4.1 SDK generated with the CLI,
// commands that fail with a clear message, and the text table with the issue's targets.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KEYSET_INPUT, keyListDocument, loadBenchSetup, root, wsdlPath } from './keylist-document.mjs';

export { root, wsdlPath };
export const json = process.argv.includes('--json');
export const rounds = Number(process.env.BENCH_ROUNDS ?? 7);
/** Schemas of the two namespaces the v4.1 WSDL uses without a location, for the peers (no network). */
export const PEER_SCHEMAS = {
  soapEncoding: join(root, 'test', 'bench', 'peers', 'soap-encoding.xsd'),
  xmlSchemaElement: join(root, 'test', 'bench', 'peers', 'xml-schema-element.xsd'),
};

/** Stops the benchmark with a message on stderr (exit code 1). */
export function fail(message) {
  console.error(message);
  process.exit(1);
}

if (!Number.isInteger(rounds) || rounds < 1)
  fail(`BENCH_ROUNDS must be a positive integer, not ${process.env.BENCH_ROUNDS}`);
if (
  !existsSync(join(root, 'generator', 'dist', 'index.js')) ||
  !existsSync(join(root, 'packages', 'runtime', 'dist', 'index.js'))
) {
  fail('build the runtime and the CLI first: npm run build:tools');
}

/** A scratch folder removed when the process exits (kept with ECGRID_KEEP_SCRATCH=1). */
export function makeScratch(language) {
  const dir = mkdtempSync(join(tmpdir(), `ecgrid-bench-${language}-`));
  process.on('exit', () => {
    if (process.env.ECGRID_KEEP_SCRATCH === '1') console.error(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}

/**
 * Fails with `hint` unless `command args` runs (the toolchain check: a language whose toolchain is
 * missing fails the bench with a message saying what to install).
 */
export function requireTool(language, command, args, hint) {
  const probe = spawnSync(command, args, { encoding: 'utf8' });
  if (probe.error !== undefined || probe.status !== 0)
    fail(
      `${language} benchmark: \`${command} ${args.join(' ')}\` does not run (${probe.error?.message ?? (probe.stderr.trim() || `exit code ${probe.status}`)}): ${hint}`,
    );
  return `${probe.stdout}${probe.stderr}`.trim();
}

/** Runs a command to completion; on failure prints its output and stops the benchmark. */
export function mustRun(command, args, options = {}) {
  const run = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  if (run.error !== undefined || run.status !== 0) {
    fail(
      `\`${command} ${args.join(' ')}\` failed (${run.error?.message ?? `exit code ${run.status}`}):\n${run.stdout ?? ''}${run.stderr ?? ''}`,
    );
  }
  return run.stdout;
}

/**
 * The workload as files in `dir`: `keylist-response.xml` (the KeyListResponse envelope of 10,000
 * KeyValue items the TypeScript benchmark decodes, as UTF-8) and `keyset.json` (KEYSET_INPUT, the
 * 64-bit ObjectID as a decimal string).
 */
export async function writeWorkload(dir) {
  const { runtime, schema } = await loadBenchSetup();
  const bytes = Buffer.from(keyListDocument(runtime, schema), 'utf8');
  const document = join(dir, 'keylist-response.xml');
  writeFileSync(document, bytes);
  const keySet = join(dir, 'keyset.json');
  writeFileSync(
    keySet,
    JSON.stringify(KEYSET_INPUT, (_key, value) => (typeof value === 'bigint' ? String(value) : value)),
  );
  return { document, documentBytes: bytes.length, keySet };
}

/** Generates the language's SDK of the v4.1 WSDL into `outDir` with the CLI; returns the package folder. */
export function generateSdk(target, outDir) {
  mustRun(
    process.execPath,
    [
      join(root, 'generator', 'bin', 'ecgrid-codegen.js'),
      'generate',
      '--wsdl',
      wsdlPath,
      '--target',
      target,
      '--out',
      outDir,
      '--quiet',
    ],
    { cwd: root },
  );
  const manifest = join(outDir, '.ecgrid-codegen-manifest.json');
  if (!existsSync(manifest)) fail(`ecgrid-codegen generate --target ${target} wrote no manifest into ${outDir}`);
  return outDir;
}

/** Parses the JSON a bench program printed (its last line), failing with its output otherwise. */
export function parseFigures(language, stdout) {
  const last = stdout.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(last);
  } catch {
    return fail(`${language} benchmark printed no JSON figures:\n${stdout}`);
  }
}

/** Every contestant of a figure set must have decoded the same number of KeyValue items. */
export function checkCounts(language, counts, expected = 10_000) {
  for (const [name, count] of Object.entries(counts)) {
    if (count !== expected) fail(`${language} benchmark: ${name} decoded ${count} KeyValue items, not ${expected}`);
  }
}

export const r3 = (x) => Number(x.toFixed(3));

/** Prints one language's table: times, then each key with its target. */
export function printTable(title, sections, keys) {
  const row = (name, value, note = '') => console.log(`  ${name.padEnd(58)} ${String(value).padStart(11)}   ${note}`);
  console.log(title);
  for (const { label, unit, figures, digits } of sections) {
    for (const [name, value] of Object.entries(figures)) row(`${label}: ${name}`, `${value.toFixed(digits)} ${unit}`);
  }
  console.log('ratios:');
  for (const [key, value, target] of keys) row(key, value, `(target ${target})`);
}
