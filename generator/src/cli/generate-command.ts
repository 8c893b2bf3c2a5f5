import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import type { followNpmVersions } from '../changeset/changeset.js';
import { allLanguages, findLanguage, languageNames } from '../languages.js';
import { unsupportedFeatures } from '../model/features.js';
import { renderTree, UnsupportedFeatureError, viewFor } from '../pipeline.js';
import { TemplateError } from '../render/render.js';
import type { Core } from '../model/core.js';
import type { LanguageAdapter } from '../view/language.js';
import { OutputError, diffTree, writeTree } from '../write/write-tree.js';
import type { ParsedArgs } from './args.js';
import { UsageError, parseArgs, single } from './args.js';
import type { CliIo } from './io.js';
import { IMPORT_OPTION_SPECS, importOptionsHelp, importOptionsOf, loadWsdlFile, readPackageVersions } from './io.js';
import { displayPath, printDiagnostics, sourceName } from './report.js';

const GENERATE_HELP = `Usage: ecgrid-codegen generate [options]

Reads the WSDL, renders the packages of the target language and writes them into the output
folder. Files listed in the output folder's manifest that are no longer generated are removed;
nothing else is touched. On any error nothing is written.

Options:
  --wsdl FILE        the WSDL to read (default wsdl/ECGridOS.wsdl)
  --out DIR          the output folder (default packages)
  --target LANG      a language to generate: LANGS, or all (repeatable; default all);
                     docs renders the documentation pages (only when named, never by all)
  --templates DIR    a folder laid out like templates/ (DIR/<language>/...) whose files
                     replace the built-in templates of the same path, or the name of an
                     installed npm package laid out so (or holding such a templates/ folder)
  --allow-remote     fetch imports with http(s) locations (refused by default)
${importOptionsHelp(21)}
  --namespace NAME   the C# namespace of the generated code (default: the NuGet package id)
  --package NAME     the Java package of the generated code (default: io.ecgrid.<service>)
  --module NAME      the Python import package of the generated code (default: <service>)
  --quiet            print no summary line
  --changeset        after writing, add a .changeset/*.md entry naming every package whose
                     output changed since the last changeset, with the bump the API diff
                     implies (major: breaking, minor: additions, patch: documentation or
                     generated code only); compares with and updates OUT/.ecgrid-codegen-api.json
  --sync-versions    packages without a package.json (C#, Java, Python) take the version of
                     the npm package of the same WSDL when it is higher (after changeset version)
  --dump-view LANG   print the view LANG's templates receive, as JSON, and write nothing
  --help             this text
`;

const CHECK_HELP = `Usage: ecgrid-codegen check [options]

Renders the packages in memory and compares them with the output folder. Exits 1 with a
summary when a file differs, is missing or is stale, or when the generated code does not
type-check; 0 when everything is up to date.

Options:
  --wsdl FILE        the WSDL to read (default wsdl/ECGridOS.wsdl)
  --out DIR          the output folder (default packages)
  --target LANG      a language to check: LANGS, or all (repeatable; default all)
  --templates DIR    a folder laid out like templates/ whose files replace built-in ones, or an
                     installed npm package of such templates
  --allow-remote     fetch imports with http(s) locations (refused by default)
${importOptionsHelp(21)}
  --namespace NAME, --package NAME, --module NAME
                     the C#, Java and Python namespaces, as for generate
  --no-typecheck     skip the type check of the generated code
  --help             this text
`;

const COMMON = [
  { name: 'wsdl' },
  { name: 'out' },
  { name: 'target', repeatable: true },
  { name: 'templates' },
  ...IMPORT_OPTION_SPECS,
  { name: 'help', flag: true },
  // The languages' namespace overrides (`LanguageAdapter.namespaceOption`).
  { name: 'namespace' },
  { name: 'package' },
  { name: 'module' },
] as const;

interface Prepared {
  readonly outDir: string;
  readonly core: Core;
  readonly source: string;
  /** One rendered tree per target, in the order asked for. */
  readonly trees: readonly { readonly target: string; readonly files: Map<string, string> }[];
  /** The targets asked for that could not be rendered (already reported): the command exits 1. */
  readonly failed: readonly string[];
}

/** `--target` values (repeatable, or `all`); every registered language when none is given. */
function targetsOf(args: ParsedArgs): LanguageAdapter[] {
  const asked = args.values.get('target') ?? ['all'];
  const names = asked.includes('all') ? languageNames() : [...new Set(asked)];
  return names.map((name) => {
    const language = findLanguage(name);
    if (!language)
      throw new UsageError(`unknown target ${JSON.stringify(name)}; available: ${languageNames().join(', ')}, all`);
    return language;
  });
}

/**
 * The namespace overrides given for the targets (`--namespace` and so on, each the
 * `namespaceOption` of one language), by language name. An option no target takes, or an
 * invalid value, is a usage error.
 */
function namespacesOf(args: ParsedArgs, languages: readonly LanguageAdapter[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const flag of ['namespace', 'package', 'module']) {
    const value = single(args, flag);
    if (value === undefined) continue;
    const takers = languages.filter((l) => l.namespaceOption?.flag === flag);
    if (takers.length === 0) {
      const owner = allLanguages().find((l) => l.namespaceOption?.flag === flag);
      throw new UsageError(
        owner
          ? `--${flag} applies to --target ${owner.name}, which is not generated here`
          : `--${flag} applies to no target`,
      );
    }
    for (const language of takers) {
      const problem = language.namespaceOption?.validate(value);
      if (problem !== undefined) throw new UsageError(`--${flag} ${JSON.stringify(value)}: ${problem}`);
      out.set(language.name, value);
    }
  }
  return out;
}

/**
 * The folder of `--templates`: a folder laid out like templates/ (`<language>/...`), or the name
 * of an installed npm package that is one (or has one, `templates/`), resolved from the working
 * folder as Node resolves packages, so overrides can be shipped and versioned on their own.
 */
function templatesDirOf(value: string | undefined, io: CliIo): string | undefined {
  if (value === undefined) return undefined;
  const asFolder = resolve(io.cwd, value);
  if (existsSync(asFolder) && statSync(asFolder).isDirectory()) return asFolder;
  if (/^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*$/i.test(value)) {
    let manifest: string | undefined;
    try {
      manifest = createRequire(join(io.cwd, 'package.json')).resolve(`${value}/package.json`);
    } catch {
      manifest = undefined;
    }
    if (manifest !== undefined) {
      const root = dirname(manifest);
      return existsSync(join(root, 'templates')) ? join(root, 'templates') : root;
    }
  }
  throw new UsageError(
    `--templates ${JSON.stringify(value)}: no such folder, and no installed npm package of that name (npm install it, or give a folder laid out like templates/)`,
  );
}

/**
 * The shared first half of generate and check: load, then render every target in memory. A
 * target that cannot be rendered (a feature it does not support, a template error) is reported
 * and left out; the others go on (each is written whole or not at all). Undefined: nothing to do,
 * exit 1.
 */
function prepare(args: ParsedArgs, io: CliIo, syncVersions?: typeof followNpmVersions): Prepared | undefined {
  const wsdl = single(args, 'wsdl') ?? 'wsdl/ECGridOS.wsdl';
  const out = single(args, 'out') ?? 'packages';
  const languages = targetsOf(args);
  const namespaces = namespacesOf(args, languages);
  const loaded = loadWsdlFile(io, wsdl, importOptionsOf(args, io));
  if (printDiagnostics(loaded.diagnostics, io.stderr) || !loaded.ok) return undefined;
  const outDir = resolve(io.cwd, out);
  // Generated files name the WSDL relative to the output folder's parent, not the working folder.
  const core = { ...loaded.core, source: sourceName(wsdl, outDir, io.cwd) };
  const templates = templatesDirOf(single(args, 'templates'), io);
  const found = readPackageVersions(outDir);
  const versions = syncVersions ? syncVersions(loaded.core, found, allLanguages()) : found;
  const trees: { target: string; files: Map<string, string> }[] = [];
  const failed: string[] = [];
  for (const language of languages) {
    // Features the language does without are warned about; the ones it cannot are errors (thrown below).
    printDiagnostics(
      unsupportedFeatures(loaded.core, language).filter((d) => d.severity === 'warning'),
      io.stderr,
    );
    try {
      trees.push({
        target: language.name,
        files: renderTree(core, language, {
          versions,
          ...(namespaces.has(language.name) ? { namespace: namespaces.get(language.name) } : {}),
          ...(templates !== undefined ? { overrideDir: join(templates, language.name) } : {}),
        }),
      });
    } catch (error) {
      if (error instanceof UnsupportedFeatureError) printDiagnostics(error.diagnostics, io.stderr);
      else if (error instanceof TemplateError) io.stderr(`error template: ${language.name}: ${error.message}`);
      else throw error;
      failed.push(language.name);
    }
  }
  if (failed.length > 0) {
    const rest = trees.length > 0 ? `; going on with ${trees.map((t) => t.target).join(', ')}` : '';
    io.stderr(`error targets: ${failed.join(', ')} cannot be generated from ${loaded.core.source} (see above)${rest}`);
  }
  if (trees.length === 0) return undefined;
  return { outDir, core, source: core.source, trees, failed };
}

export async function runGenerate(argv: readonly string[], io: CliIo): Promise<number> {
  // process.hrtime, not performance.now: the first use of `performance` loads perf_hooks, ~2 ms.
  const started = process.hrtime.bigint();
  const args = parseArgs(argv, [
    ...COMMON,
    { name: 'quiet', flag: true },
    { name: 'dump-view' },
    { name: 'changeset', flag: true },
    { name: 'sync-versions', flag: true },
  ]);
  if (args.flags.has('help')) {
    io.stdout(GENERATE_HELP.replace('LANGS', languageNames().join(', ')));
    return 0;
  }
  const dump = single(args, 'dump-view');
  if (dump !== undefined) return dumpView(args, dump, io);
  if (args.flags.has('changeset') && !existsSync(resolve(io.cwd, '.changeset', 'config.json'))) {
    io.stderr('error changeset: no .changeset/config.json in the working folder; run "npx changeset init" there first');
    return 1;
  }
  // Loaded only when asked for, like the changeset step below: it brings node:crypto and the API diff.
  const syncVersions = args.flags.has('sync-versions')
    ? (await import('../changeset/changeset.js')).followNpmVersions
    : undefined;
  const prepared = prepare(args, io, syncVersions);
  if (!prepared) return 1;
  let written = 0;
  let removed = 0;
  let unchanged = 0;
  try {
    for (const tree of prepared.trees) {
      const changes = writeTree({
        outDir: prepared.outDir,
        target: tree.target,
        source: prepared.source,
        files: tree.files,
      });
      written += changes.changed.length;
      removed += changes.stale.length;
      unchanged += changes.unchanged;
    }
  } catch (error) {
    if (error instanceof OutputError) {
      io.stderr(`error output: ${error.message}`);
      return 1;
    }
    throw error;
  }
  if (!args.flags.has('quiet')) {
    const packages = new Set(prepared.trees.flatMap((t) => [...t.files.keys()].map((p) => p.split('/')[0]))).size;
    const seconds = (Number(process.hrtime.bigint() - started) / 1e9).toFixed(2);
    io.stdout(
      `generated ${packages} package${packages === 1 ? '' : 's'} (${prepared.trees.map((t) => t.target).join(', ')}) from ${prepared.source} into ${displayPath(prepared.outDir, io.cwd)}: ` +
        `${written} written, ${removed} removed, ${unchanged} unchanged in ${seconds}s\n`,
    );
  }
  // The targets that were written are complete; the ones that failed were reported by prepare.
  // No changeset is written for a partial generation.
  if (prepared.failed.length > 0) return 1;
  if (args.flags.has('changeset')) {
    // Only SDK packages are released: the documentation target is left out.
    const trees = prepared.trees.filter((t) => languageNames().includes(t.target));
    const languages = trees.map((t) => findLanguage(t.target)).filter((l): l is LanguageAdapter => l !== undefined);
    // Loaded only when asked for: a plain generate stays lean.
    const { runChangeset } = await import('../changeset/changeset-step.js');
    return runChangeset({
      io,
      outDir: prepared.outDir,
      core: prepared.core,
      trees,
      languages,
      templates: templatesDirOf(single(args, 'templates'), io),
    });
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
  const out = displayPath(prepared.outDir, io.cwd);
  let changed = 0;
  let staleFiles = 0;
  let unchanged = 0;
  try {
    for (const tree of prepared.trees) {
      const changes = diffTree({
        outDir: prepared.outDir,
        target: tree.target,
        source: prepared.source,
        files: tree.files,
      });
      for (const path of changes.changed) io.stderr(`${out}/${path}: out of date or missing`);
      for (const path of changes.stale) io.stderr(`${out}/${path}: no longer generated`);
      changed += changes.changed.length;
      staleFiles += changes.stale.length;
      unchanged += changes.unchanged;
    }
  } catch (error) {
    if (error instanceof OutputError) {
      io.stderr(`error output: ${error.message}`);
      return 1;
    }
    throw error;
  }
  const stale = changed > 0 || staleFiles > 0;
  io.stdout(
    stale
      ? `${out} is stale: ${changed} file(s) differ or are missing, ${staleFiles} stale; run "ecgrid-codegen generate" to update it\n`
      : `${out} is up to date (${unchanged} files)\n`,
  );
  if (!args.flags.has('no-typecheck')) {
    for (const tree of prepared.trees) {
      const language = findLanguage(tree.target);
      if (!language?.typecheck) continue;
      const problems = await language.typecheck(tree.files, prepared.outDir);
      for (const problem of problems) io.stderr(problem);
      if (problems.length) {
        io.stdout(`the generated ${tree.target} code has ${problems.length} type error(s)\n`);
        return 1;
      }
    }
  }
  return stale || prepared.failed.length > 0 ? 1 : 0;
}

/** Prints exactly what a language's templates see, for template authors. */
function dumpView(args: ParsedArgs, name: string, io: CliIo): number {
  const language = findLanguage(name);
  if (!language)
    throw new UsageError(`unknown language ${JSON.stringify(name)}; available: ${languageNames().join(', ')}`);
  const namespace = namespacesOf(args, [language]).get(language.name);
  const wsdl = single(args, 'wsdl') ?? 'wsdl/ECGridOS.wsdl';
  const loaded = loadWsdlFile(io, wsdl, importOptionsOf(args, io));
  if (printDiagnostics(loaded.diagnostics, io.stderr) || !loaded.ok) return 1;
  const outDir = resolve(io.cwd, single(args, 'out') ?? 'packages');
  // The WSDL named as generate names it in the files, so the dump is what the templates see.
  const view = viewFor({ ...loaded.core, source: sourceName(wsdl, outDir, io.cwd) }, language, {
    versions: readPackageVersions(outDir),
    ...(namespace !== undefined ? { namespace } : {}),
  });
  io.stdout(`${JSON.stringify(view, null, 2)}\n`);
  return 0;
}
