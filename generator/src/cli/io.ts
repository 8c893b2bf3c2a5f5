import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readTextFile } from '../text-file.js';
import type { Diagnostic } from '../model/core.js';
import type { LoadResult } from '../pipeline.js';
import { allLanguages } from '../languages.js';
import type { LanguageAdapter } from '../view/language.js';
import { loadCore } from '../pipeline.js';
import { displayPath } from './report.js';
import type { ParsedArgs } from './args.js';
import { UsageError } from './args.js';

/** Where a command writes; tests pass their own. */
export interface CliIo {
  readonly cwd: string;
  stdout(text: string): void;
  stderr(line: string): void;
  readStdin(): Promise<string>;
}

/** How imports are found: `--allow-remote`, `--map` pairs and `--catalog` files (paths as shown to users). */
export interface ImportOptions {
  readonly allowRemote?: boolean;
  readonly map?: readonly { readonly location: string; readonly file: string }[];
  readonly catalogs?: readonly string[];
}

/** The options every command that reads a WSDL takes for its imports. */
export const IMPORT_OPTION_SPECS = [
  { name: 'allow-remote', flag: true },
  { name: 'catalog', repeatable: true },
  { name: 'map', repeatable: true },
] as const;

/** Help lines for --catalog and --map, their descriptions starting at column `width` like the command's other options. */
export function importOptionsHelp(width: number): string {
  const line = (option: string, text: readonly string[]) =>
    text.map((t, i) => `${(i === 0 ? `  ${option}` : '').padEnd(width)}${t}`).join('\n');
  return [
    line('--catalog FILE', [
      'an OASIS XML catalog (system, uri, rewriteSystem, rewriteURI, ...)',
      'mapping import locations to local files (repeatable)',
    ]),
    line('--map LOC=FILE', [
      'read FILE for imports of LOC, as written or as a URL; split at',
      'the last "=", so LOC may hold "?xsd=" (repeatable); a LOC ending',
      'in "/" maps every location under it into the folder FILE',
    ]),
  ].join('\n');
}

/**
 * `--map` and `--catalog` as load options: FILE paths relative to the working folder, as
 * shown to users. A --map value without "=" is a usage error.
 */
export function importOptionsOf(args: ParsedArgs, io: CliIo): ImportOptions {
  const map = (args.values.get('map') ?? []).map((value) => {
    const at = value.lastIndexOf('=');
    if (at <= 0 || at === value.length - 1)
      throw new UsageError(`--map ${JSON.stringify(value)}: expected LOCATION=FILE`);
    const file = value.slice(at + 1);
    return { location: value.slice(0, at), file: `${displayPath(file, io.cwd)}${file.endsWith('/') ? '/' : ''}` };
  });
  const catalogs = (args.values.get('catalog') ?? []).map((file) => displayPath(file, io.cwd));
  return {
    allowRemote: args.flags.has('allow-remote'),
    ...(map.length ? { map } : {}),
    ...(catalogs.length ? { catalogs } : {}),
  };
}

/** Reads and loads a WSDL; a file that cannot be read is a diagnostic like any other input error. */
export function loadWsdlFile(io: CliIo, path: string, options: ImportOptions = {}): LoadResult {
  const shown = displayPath(path, io.cwd);
  let text: string;
  try {
    text = readTextFile(resolve(io.cwd, path));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    const diagnostic: Diagnostic = {
      code: 'cannot-read',
      severity: 'error',
      message: `cannot read the WSDL: ${reason}; check the --wsdl path`,
      origin: { file: shown, line: 1, column: 1 },
    };
    return { ok: false, diagnostics: [diagnostic] };
  }
  return loadCore(shown, text, {
    allowRemote: options.allowRemote ?? false,
    ...(options.map ? { map: options.map } : {}),
    ...(options.catalogs ? { catalogs: options.catalogs } : {}),
    readFile: (file) => {
      try {
        return readTextFile(resolve(io.cwd, file));
      } catch {
        return undefined;
      }
    },
  });
}

/**
 * The versions of the packages already in the output folder, which regeneration keeps: each
 * package folder's version file as the languages describe it (package.json, *.csproj, ...).
 */
export function readPackageVersions(
  outDir: string,
  languages: readonly LanguageAdapter[] = allLanguages(),
): Record<string, string> {
  const versions: Record<string, string> = {};
  let entries: string[];
  try {
    entries = readdirSync(outDir).sort();
  } catch {
    return versions;
  }
  for (const entry of entries) {
    let files: string[];
    try {
      files = readdirSync(join(outDir, entry)).sort();
    } catch {
      continue; // Not a folder.
    }
    search: for (const language of languages) {
      const spec = language.versionFile;
      if (!spec) continue;
      for (const file of files.filter((f) => spec.name.test(f))) {
        const version = spec.pattern.exec(readFileSync(join(outDir, entry, file), 'utf8'))?.[1];
        if (version !== undefined) {
          versions[entry] = version;
          break search;
        }
      }
    }
  }
  return versions;
}
