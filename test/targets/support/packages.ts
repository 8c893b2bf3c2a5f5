/**
 * Where the packages and vector sets the target tests work on come from: the committed contract
 * package in `packages/`, a v4.1 package generated into a temporary folder (never into
 * `packages/`), the committed `contract` vectors and the `v4.1` vectors built at test time.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findLanguage } from '../../../generator/src/languages.js';
import { renderTree, viewFor } from '../../../generator/src/pipeline.js';
import { writeTree } from '../../../generator/src/write/write-tree.js';
import { loadRepoCore } from '../../support/generate.js';
import { CONTRACT_WSDL, ROOT } from '../../support/paths.js';
import { CONTRACT_SET_DIR, MANIFEST_FILE, schemaVectorSet, writeVectorSet } from './vectors.js';

/** The real service WSDL, relative to the repository root (never copied into the repository). */
export const V41_WSDL = '../shared/corpus/ECGridOS-v4.1.wsdl';

export type SetName = 'contract' | 'v4.1';
export const SET_NAMES: readonly SetName[] = ['contract', 'v4.1'];

function adapterOf(language: string) {
  const adapter = findLanguage(language);
  if (adapter === undefined) throw new Error(`${language} is not registered in generator/src/languages.ts`);
  return adapter;
}

/** The folder of a language's package under an output folder (the adapter's `packageOf`). */
export function packageDirName(language: string, wsdl = CONTRACT_WSDL): string {
  return viewFor(loadRepoCore(wsdl), adapterOf(language)).package.dir;
}

/** The committed package of `wsdl/ECGridOS.wsdl` for a language. */
export function contractPackage(language: string): string {
  const dir = join(ROOT, 'packages', packageDirName(language));
  if (!existsSync(dir)) throw new Error(`${dir} is missing: run \`npm run golden:update\``);
  return dir;
}

/** Generates a language's package for a WSDL into `outRoot` (as `generate --out outRoot --target`); returns its folder. */
export function generatePackage(wsdl: string, language: string, outRoot: string): string {
  const adapter = adapterOf(language);
  const core = loadRepoCore(wsdl);
  const files = renderTree(core, adapter);
  writeTree({ outDir: outRoot, target: language, source: core.source, files });
  return join(outRoot, viewFor(core, adapter).package.dir);
}

/** The package a set's vectors are decoded with: committed for `contract`, generated for `v4.1`. */
export function packageForSet(set: SetName, language: string, scratch: string): string {
  return set === 'contract'
    ? contractPackage(language)
    : generatePackage(V41_WSDL, language, join(scratch, `generated-${language}`));
}

/** The manifest of a set: the committed one, or the v4.1 set written into `scratch`. */
export function manifestForSet(set: SetName, scratch: string): string {
  if (set === 'contract') return join(ROOT, CONTRACT_SET_DIR, MANIFEST_FILE);
  const manifest = join(scratch, 'vectors-v4.1', MANIFEST_FILE);
  if (existsSync(manifest)) return manifest;
  return writeVectorSet(join(scratch, 'vectors-v4.1'), schemaVectorSet(loadRepoCore(V41_WSDL), 'v4.1'));
}

/** A fresh temporary folder; `removeScratch` deletes it. */
export function makeScratch(label: string): string {
  return mkdtempSync(join(tmpdir(), `ecgrid-targets-${label}-`));
}

export function removeScratch(dir: string): void {
  if (process.env.ECGRID_KEEP_SCRATCH === '1') return;
  rmSync(dir, { recursive: true, force: true });
}
