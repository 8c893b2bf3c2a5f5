import { resolve } from 'node:path';
import { findLanguage, languageNames } from '../languages.js';
import { renderTree } from '../pipeline.js';
import { TemplateError } from '../render/render.js';
import { OutputError, diffTree, writeTree } from '../write/write-tree.js';
import type { ParsedArgs } from './args.js';
import { UsageError, parseArgs, single } from './args.js';
import type { CliIo } from './io.js';
import { loadWsdlFile, readPackageVersions } from './io.js';
import { displayPath, printDiagnostics } from './report.js';

const GENERATE_HELP = `Usage: ecgrid-codegen generate [options]

Reads the WSDL, renders the packages of the target language and writes them into the output
folder. Files listed in the output folder's manifest that are no longer generated are removed;
nothing else is touched. On any error nothing is written.

Options:
  --wsdl FILE        the WSDL to read (default wsdl/ECGridOS.wsdl)
  --out DIR          the output folder (default packages)
  --target LANG      the language to generate: ${'LANGS'} (default typescript)
  --templates DIR    a folder whose templates replace built-in ones of the same path
  --quiet            print no summary line
  --help             this text
`;

const CHECK_HELP = `Usage: ecgrid-codegen check [options]

Renders the packages in memory and compares them with the output folder. Exits 1 with a
summary when a file differs, is missing or is stale, or when the generated code does not
type-check; 0 when everything is up to date.

Options:
  --wsdl FILE        the WSDL to read (default wsdl/ECGridOS.wsdl)
  --out DIR          the output folder (default packages)
  --target LANG      the language to check: ${'LANGS'} (default typescript)
  --templates DIR    a folder whose templates replace built-in ones of the same path
  --no-typecheck     skip the type check of the generated code
  --help             this text
`;

const COMMON = [
  { name: 'wsdl' },
  { name: 'out' },
  { name: 'target' },
  { name: 'templates' },
  { name: 'help', flag: true },
] as const;

interface Prepared {
  readonly outDir: string;
  readonly target: string;
  readonly source: string;
  readonly files: Map<string, string>;
}

/** The shared first half of generate and check: load, render in memory. Undefined: exit 1. */
function prepare(args: ParsedArgs, io: CliIo): Prepared | undefined {
  const wsdl = single(args, 'wsdl') ?? 'wsdl/ECGridOS.wsdl';
  const out = single(args, 'out') ?? 'packages';
  const target = single(args, 'target') ?? 'typescript';
  const language = findLanguage(target);
  if (!language) throw new UsageError(`unknown target ${JSON.stringify(target)}; available: ${languageNames().join(', ')}`);
  const loaded = loadWsdlFile(io, wsdl);
  if (printDiagnostics(loaded.diagnostics, io.stderr) || !loaded.ok) return undefined;
  const outDir = resolve(io.cwd, out);
  const templates = single(args, 'templates');
  try {
    const files = renderTree(loaded.core, language, {
      versions: readPackageVersions(outDir),
      ...(templates !== undefined ? { overrideDir: resolve(io.cwd, templates) } : {}),
    });
    return { outDir, target, source: loaded.core.source, files };
  } catch (error) {
    if (error instanceof TemplateError) {
      io.stderr(`error template: ${error.message}`);
      return undefined;
    }
    throw error;
  }
}

export async function runGenerate(argv: readonly string[], io: CliIo): Promise<number> {
  const started = performance.now();
  const args = parseArgs(argv, [...COMMON, { name: 'quiet', flag: true }]);
  if (args.flags.has('help')) {
    io.stdout(GENERATE_HELP.replace('LANGS', languageNames().join(', ')));
    return 0;
  }
  const prepared = prepare(args, io);
  if (!prepared) return 1;
  let changes;
  try {
    changes = writeTree({ outDir: prepared.outDir, target: prepared.target, source: prepared.source, files: prepared.files });
  } catch (error) {
    if (error instanceof OutputError) {
      io.stderr(`error output: ${error.message}`);
      return 1;
    }
    throw error;
  }
  if (!args.flags.has('quiet')) {
    const packages = new Set([...prepared.files.keys()].map((p) => p.split('/')[0])).size;
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    io.stdout(
      `generated ${packages} package${packages === 1 ? '' : 's'} (${prepared.target}) from ${prepared.source} into ${displayPath(prepared.outDir, io.cwd)}: ` +
        `${changes.changed.length} written, ${changes.stale.length} removed, ${changes.unchanged} unchanged in ${seconds}s\n`,
    );
  }
  return 0;
}

export async function runCheck(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, [...COMMON, { name: 'no-typecheck', flag: true }]);
  if (args.flags.has('help')) {
    io.stdout(CHECK_HELP.replace('LANGS', languageNames().join(', ')));
    return 0;
  }
  const prepared = prepare(args, io);
  if (!prepared) return 1;
  let stale = false;
  try {
    const changes = diffTree({ outDir: prepared.outDir, target: prepared.target, source: prepared.source, files: prepared.files });
    const out = displayPath(prepared.outDir, io.cwd);
    for (const path of changes.changed) io.stderr(`${out}/${path}: out of date or missing`);
    for (const path of changes.stale) io.stderr(`${out}/${path}: no longer generated`);
    stale = changes.changed.length > 0 || changes.stale.length > 0;
    io.stdout(
      stale
        ? `${out} is stale: ${changes.changed.length} file(s) differ or are missing, ${changes.stale.length} stale; run "ecgrid-codegen generate" to update it\n`
        : `${out} is up to date (${changes.unchanged} files)\n`,
    );
  } catch (error) {
    if (error instanceof OutputError) {
      io.stderr(`error output: ${error.message}`);
      return 1;
    }
    throw error;
  }
  const language = findLanguage(prepared.target);
  if (!args.flags.has('no-typecheck') && language?.typecheck) {
    const problems = await language.typecheck(prepared.files, prepared.outDir);
    for (const problem of problems) io.stderr(problem);
    if (problems.length) {
      io.stdout(`the generated ${prepared.target} code has ${problems.length} type error(s)\n`);
      return 1;
    }
  }
  return stale ? 1 : 0;
}
