import { mkdirSync, renameSync, rmSync, rmdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { FileTree } from '../render/render.js';
import { readTextFile } from '../text-file.js';
import type { Manifest } from './manifest.js';
import { MANIFEST_NAME, isSafeRelativePath, parseManifest, serializeManifest } from './manifest.js';

export interface WritePlan {
  readonly outDir: string;
  readonly target: string;
  readonly source: string;
  readonly files: FileTree;
}

export interface TreeChanges {
  /** Files whose content differs from disk or that are missing. */
  readonly changed: readonly string[];
  /** Files the previous manifest listed for this target that are no longer generated. */
  readonly stale: readonly string[];
  readonly unchanged: number;
}

export class OutputError extends Error {
  override readonly name = 'OutputError';
}

/** Reads the manifest of an output folder; a damaged one is an error, never guessed at. */
export function readManifest(outDir: string): Manifest {
  const text = readText(join(outDir, MANIFEST_NAME));
  const manifest = parseManifest(text);
  if (manifest === 'invalid') {
    throw new OutputError(
      `${MANIFEST_NAME} in the output folder is not a manifest written by ecgrid-codegen; remove it or choose another --out folder`,
    );
  }
  return manifest;
}

/** Compares a rendered tree with the output folder, without touching it. */
export function diffTree(plan: WritePlan): TreeChanges {
  return diffAgainst(plan, readManifest(plan.outDir));
}

function diffAgainst(plan: WritePlan, manifest: Manifest): TreeChanges {
  const changed: string[] = [];
  let unchanged = 0;
  for (const [path, text] of plan.files) {
    if (readText(join(plan.outDir, path)) === text) unchanged++;
    else changed.push(path);
  }
  const previous = manifest.targets[plan.target]?.files ?? [];
  const stale = previous.filter((path) => !plan.files.has(path)).sort();
  return { changed: changed.sort(), stale, unchanged };
}

/**
 * Writes a rendered tree: every new content goes to a temporary file beside its target first;
 * only when all of them are written are they renamed into place, then stale files (listed by
 * the previous manifest and no longer generated) are removed, and the manifest is written last.
 * A failure before the renames leaves the folder as it was.
 */
export function writeTree(plan: WritePlan): TreeChanges {
  for (const path of plan.files.keys()) {
    if (!isSafeRelativePath(path))
      throw new OutputError(
        `refusing to write ${JSON.stringify(path)}: outside the output folder (a bug in the language adapter)`,
      );
  }
  const manifest = readManifest(plan.outDir);
  const changes = diffAgainst(plan, manifest);
  const staged: { temp: string; final: string }[] = [];
  const suffix = `.ecgrid-codegen-${process.pid}.tmp`;
  try {
    for (const path of changes.changed) {
      const final = join(plan.outDir, path);
      const temp = `${final}${suffix}`;
      mkdirSync(dirname(final), { recursive: true });
      writeFileSync(temp, plan.files.get(path) ?? '');
      staged.push({ temp, final });
    }
  } catch (error) {
    for (const { temp } of staged) rmSync(temp, { force: true });
    throw new OutputError(
      `could not write the output: ${error instanceof Error ? error.message : String(error)}; nothing was changed`,
    );
  }
  for (const { temp, final } of staged) renameSync(temp, final);
  for (const path of changes.stale) {
    rmSync(join(plan.outDir, path), { force: true });
    removeEmptyParents(plan.outDir, dirname(path));
  }
  const next: Manifest = {
    ...manifest,
    targets: { ...manifest.targets, [plan.target]: { source: plan.source, files: [...plan.files.keys()] } },
  };
  const manifestText = serializeManifest(next);
  if (readText(join(plan.outDir, MANIFEST_NAME)) !== manifestText) {
    const temp = join(plan.outDir, `${MANIFEST_NAME}${suffix}`);
    writeFileSync(temp, manifestText);
    renameSync(temp, join(plan.outDir, MANIFEST_NAME));
  }
  return changes;
}

function removeEmptyParents(outDir: string, dir: string): void {
  for (let current = dir; current !== '.' && current !== ''; current = dirname(current)) {
    const full = join(outDir, current);
    try {
      if (readdirSync(full).length > 0) return;
      rmdirSync(full);
    } catch {
      return;
    }
  }
}

function readText(path: string): string | undefined {
  try {
    return readTextFile(path);
  } catch {
    return undefined;
  }
}
