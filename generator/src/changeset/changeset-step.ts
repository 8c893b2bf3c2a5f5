import { join, resolve } from 'node:path';
import type { Core } from '../model/core.js';
import { renderTree } from '../pipeline.js';
import type { LanguageAdapter } from '../view/language.js';
import type { CliIo } from '../cli/io.js';
import { displayPath } from '../cli/report.js';
import {
  API_RECORD_NAME,
  ApiRecordError,
  packageHashes,
  planChangeset,
  readApiRecord,
  recordableCore,
  writeApiRecord,
  writeChangeset,
} from './changeset.js';

export interface ChangesetStep {
  readonly io: CliIo;
  readonly outDir: string;
  readonly core: Core;
  /** The trees just written, rendered with the packages' versions. */
  readonly trees: readonly { readonly target: string; readonly files: ReadonlyMap<string, string> }[];
  readonly languages: readonly LanguageAdapter[];
  readonly templates: string | undefined;
}

/** The `--changeset` half of `generate`, after the packages are written. Returns the exit code. */
export function runChangeset(step: ChangesetStep): number {
  const { io, outDir, core } = step;
  const shownRecord = `${displayPath(outDir, io.cwd)}/${API_RECORD_NAME}`;
  try {
    const record = readApiRecord(outDir);
    // Hashes over output rendered with default versions: a release's version bump is no change.
    const neutral = new Map<string, string>();
    for (const language of step.languages) {
      const files = renderTree(
        core,
        language,
        step.templates !== undefined ? { overrideDir: join(step.templates, language.name) } : {},
      );
      for (const [path, text] of files) neutral.set(path, text);
    }
    const hashes = packageHashes(neutral);
    const current = recordableCore(core);
    const entry = record.sources[core.source];
    const packages = { ...(entry?.packages ?? {}), ...hashes };
    const save = () =>
      writeApiRecord(outDir, { ...record, sources: { ...record.sources, [core.source]: { core: current, packages } } });
    if (!entry) {
      save();
      io.stdout(
        `recorded the API of ${core.source} in ${shownRecord} as the baseline of the next changeset; no changeset written\n`,
      );
      return 0;
    }
    const files = new Map<string, string>();
    for (const tree of step.trees) for (const [path, text] of tree.files) files.set(path, text);
    const plan = planChangeset({
      previous: entry.core,
      current,
      previousPackages: entry.packages,
      currentPackages: hashes,
      files,
    });
    if (!plan) {
      save();
      io.stdout(`no package changed since the last changeset of ${core.source}; no changeset written\n`);
      return 0;
    }
    const path = writeChangeset(resolve(io.cwd, '.changeset'), plan);
    save();
    const also = plan.otherPackages.length ? ` (versioned with it: ${plan.otherPackages.join(', ')})` : '';
    io.stdout(
      `wrote ${displayPath(path, io.cwd)}: ${plan.npmPackages.map((n) => `${n} ${plan.bump}`).join(', ')}${also}\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof ApiRecordError) {
      io.stderr(`error changeset: ${error.message}`);
      return 1;
    }
    throw error;
  }
}
