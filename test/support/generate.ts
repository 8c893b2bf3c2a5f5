import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { loadCore, renderTree } from '../../generator/src/pipeline.js';
import { findLanguage } from '../../generator/src/languages.js';
import { readPackageVersions } from '../../generator/src/cli/io.js';
import type { Core } from '../../generator/src/model/core.js';
import { ROOT } from './paths.js';

/** Loads a WSDL of the repository (path relative to the root) into the core, or fails loudly. */
export function loadRepoCore(path: string, text = readFileSync(join(ROOT, path), 'utf8')): Core {
  const result = loadCore(path, text);
  if (!result.ok) throw new Error(`cannot load ${path}:\n${result.diagnostics.map((d) => d.message).join('\n')}`);
  return result.core;
}

/** Renders a language's tree in memory, keeping the versions of the packages in `outDir`. */
export function renderRepoTree(wsdl: string, target: string, outDir = join(ROOT, 'packages')): Map<string, string> {
  const language = findLanguage(target);
  if (!language) throw new Error(`no language ${target}`);
  return renderTree(loadRepoCore(wsdl), language, { versions: readPackageVersions(outDir) });
}

/** Files that live in a generated package folder without being generated. */
const NOT_GENERATED = /(^|\/)(node_modules|dist|bin|obj|target|__pycache__)(\/|$)|(^|\/)CHANGELOG\.md$/;

/** Every file under the given package folders of `outDir`, as `/`-separated relative paths. */
export function listPackageFiles(outDir: string, dirs: Iterable<string>): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const full = join(dir, entry);
      const rel = relative(outDir, full).split(sep).join('/');
      if (NOT_GENERATED.test(rel)) continue;
      if (statSync(full).isDirectory()) walk(full);
      else files.push(rel);
    }
  };
  for (const dir of dirs) {
    try {
      walk(join(outDir, dir));
    } catch {
      // A missing package folder: every file of it is then reported missing.
    }
  }
  return files.sort();
}
