import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readTextFile } from '../text-file.js';
import type { Diagnostic } from '../model/core.js';
import type { LoadResult } from '../pipeline.js';
import { allLanguages } from '../languages.js';
import type { LanguageAdapter } from '../view/language.js';
import { loadCore } from '../pipeline.js';
import { displayPath } from './report.js';

/** Where a command writes; tests pass their own. */
export interface CliIo {
  readonly cwd: string;
  stdout(text: string): void;
  stderr(line: string): void;
  readStdin(): Promise<string>;
}

/** Reads and loads a WSDL; a file that cannot be read is a diagnostic like any other input error. */
export function loadWsdlFile(io: CliIo, path: string, options: { allowRemote?: boolean } = {}): LoadResult {
  const shown = displayPath(path, io.cwd);
  let text: string;
  try {
    text = readTextFile(resolve(io.cwd, path));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    const diagnostic: Diagnostic = { code: 'cannot-read', severity: 'error', message: `cannot read the WSDL: ${reason}; check the --wsdl path`, origin: { file: shown, line: 1, column: 1 } };
    return { ok: false, diagnostics: [diagnostic] };
  }
  return loadCore(shown, text, {
    allowRemote: options.allowRemote ?? false,
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
export function readPackageVersions(outDir: string, languages: readonly LanguageAdapter[] = allLanguages()): Record<string, string> {
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
