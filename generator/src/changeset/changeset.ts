/**
 * `generate --changeset`: after a WSDL change, a `.changeset/*.md` entry for the generated
 * packages whose output changed, with the bump the API diff implies.
 *
 * The "previous" API comes from the API record `<out>/.ecgrid-codegen-api.json`, a generated,
 * committed file that `--changeset` rewrites each time it writes a changeset: per WSDL, the
 * typed core (without source positions) and a hash of each package's output (rendered with
 * default versions, so a version bump is not an output change). It works in a plain checkout,
 * in CI and for users without git history; a plain `generate` never touches it, so the next
 * `--changeset` still compares against the last released API.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiDiff, Bump } from '../diff/diff-core.js';
import { countsOf, describeChange, diffCores } from '../diff/diff-core.js';
import type { Core } from '../model/core.js';
import type { LanguageAdapter } from '../view/language.js';

export const API_RECORD_NAME = '.ecgrid-codegen-api.json';

export interface ApiRecord {
  readonly generator: 'ecgrid-codegen';
  readonly formatVersion: 1;
  /** Per WSDL (as the manifest names it): the API and the package output of the last changeset. */
  readonly sources: Readonly<
    Record<string, { readonly core: Core; readonly packages: Readonly<Record<string, string>> }>
  >;
}

export class ApiRecordError extends Error {
  override readonly name = 'ApiRecordError';
}

export function readApiRecord(outDir: string): ApiRecord {
  const path = join(outDir, API_RECORD_NAME);
  if (!existsSync(path)) return { generator: 'ecgrid-codegen', formatVersion: 1, sources: {} };
  try {
    const value = JSON.parse(readFileSync(path, 'utf8')) as Partial<ApiRecord>;
    if (
      value.generator === 'ecgrid-codegen' &&
      value.formatVersion === 1 &&
      typeof value.sources === 'object' &&
      value.sources !== null
    )
      return value as ApiRecord;
  } catch {
    // Reported below.
  }
  throw new ApiRecordError(
    `${API_RECORD_NAME} in the output folder is not an API record written by ecgrid-codegen; restore it from version control or remove it to record a new baseline`,
  );
}

export function writeApiRecord(outDir: string, record: ApiRecord): void {
  const sources = Object.fromEntries(Object.entries(record.sources).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const path = join(outDir, API_RECORD_NAME);
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify({ ...record, sources }, null, 1)}\n`);
  renameSync(temp, path);
}

/** The core as recorded: no source positions and no diagnostics, so moving a line is no change. */
export function recordableCore(core: Core): Core {
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value)
          .filter(([key]) => key !== 'origin')
          .map(([key, v]) => [key, strip(v)]),
      );
    }
    return value;
  };
  return { ...(strip(core) as Core), diagnostics: [] };
}

/** One hash per package folder (the first path segment) over its files' paths and contents. */
export function packageHashes(files: Iterable<[string, string]>): Record<string, string> {
  const byDir = new Map<string, [string, string][]>();
  for (const [path, text] of files) {
    const dir = path.split('/')[0] ?? path;
    const list = byDir.get(dir) ?? [];
    list.push([path, text]);
    byDir.set(dir, list);
  }
  const hashes: Record<string, string> = {};
  for (const dir of [...byDir.keys()].sort()) {
    const hash = createHash('sha256');
    for (const [path, text] of byDir.get(dir)!.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      hash.update(`${path}\0${text}\0`);
    hashes[dir] = hash.digest('hex');
  }
  return hashes;
}

/** The npm package a rendered folder publishes (a package.json that is not private), if any. */
export function npmNameOf(files: ReadonlyMap<string, string>, dir: string): string | undefined {
  const text = files.get(`${dir}/package.json`);
  if (text === undefined) return undefined;
  try {
    const pkg = JSON.parse(text) as { name?: string; private?: boolean };
    return pkg.private ? undefined : pkg.name;
  } catch {
    return undefined;
  }
}

export interface ChangesetPlan {
  readonly bump: Exclude<Bump, 'none'>;
  /** The npm packages the entry names (changesets versions them). */
  readonly npmPackages: readonly string[];
  /** Changed package folders without an npm package (their versions follow the npm package's). */
  readonly otherPackages: readonly string[];
  readonly diff: ApiDiff;
  readonly fileName: string;
  readonly text: string;
}

const MAX_LINES = 60;

/**
 * Plans the changeset for one WSDL: undefined when neither the API nor any package's output
 * changed since the record. A package whose output changed without an API change (templates,
 * documentation) gets a patch.
 */
export function planChangeset(input: {
  readonly previous: Core;
  readonly current: Core;
  readonly previousPackages: Readonly<Record<string, string>>;
  readonly currentPackages: Readonly<Record<string, string>>;
  /** Every rendered file of the current run, to find npm package names. */
  readonly files: ReadonlyMap<string, string>;
}): ChangesetPlan | undefined {
  const diff = diffCores(input.previous, input.current);
  const changedDirs = Object.keys(input.currentPackages)
    .filter((dir) => input.previousPackages[dir] !== input.currentPackages[dir])
    .sort();
  if (changedDirs.length === 0) return undefined;
  const bump: Exclude<Bump, 'none'> = diff.bump === 'none' ? 'patch' : diff.bump;
  const npmPackages: string[] = [];
  const otherPackages: string[] = [];
  for (const dir of changedDirs) {
    const name = npmNameOf(input.files, dir);
    if (name) npmPackages.push(name);
    else otherPackages.push(dir);
  }
  // A non-npm package follows the npm package generated from the same WSDL: name that one too.
  if (npmPackages.length === 0) {
    for (const dir of Object.keys(input.currentPackages).sort()) {
      const name = npmNameOf(input.files, dir);
      if (name) npmPackages.push(name);
    }
  }
  const breaking = diff.changes.filter((c) => c.breaking);
  const other = diff.changes.filter((c) => !c.breaking);
  const body: string[] = [];
  body.push(
    diff.changes.length === 0
      ? `Regenerated from ${input.current.source}: the API is unchanged; the generated code or its documentation changed.`
      : `Regenerated from ${input.current.source}: ${breaking.length} breaking and ${other.length} other API change(s) (${diff.bump}).`,
  );
  if (diff.changes.length) {
    body.push('');
    for (const count of countsOf(diff)) body.push(`- ${count}`);
    const lines = [
      ...breaking.map((c) => `- **breaking**: ${describeChange(c)}`),
      ...other.map((c) => `- ${describeChange(c)}`),
    ];
    body.push('');
    body.push(...lines.slice(0, MAX_LINES));
    if (lines.length > MAX_LINES)
      body.push(`- ... and ${lines.length - MAX_LINES} more (\`ecgrid-codegen diff\` lists them all)`);
  }
  if (otherPackages.length) {
    body.push('', `Also changed, versioned with the npm package: ${otherPackages.map((d) => `\`${d}\``).join(', ')}.`);
  }
  const front = npmPackages.map((name) => `"${name}": ${bump}`).join('\n');
  const text = `---\n${front}\n---\n\n${body.join('\n')}\n`;
  const id = createHash('sha256')
    .update(JSON.stringify(input.current))
    .update(JSON.stringify(input.currentPackages))
    .digest('hex')
    .slice(0, 8);
  const base =
    input.current.source
      .split('/')
      .pop()
      ?.replace(/\.[^.]*$/, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-') || 'wsdl';
  return { bump, npmPackages, otherPackages, diff, fileName: `${base}-${id}.md`, text };
}

/** Writes a planned changeset into the changesets folder, which must exist (`changeset init`). */
export function writeChangeset(changesetDir: string, plan: ChangesetPlan): string {
  if (!existsSync(join(changesetDir, 'config.json'))) {
    throw new ApiRecordError(`no changesets configuration in ${changesetDir}; run "npx changeset init" first`);
  }
  mkdirSync(changesetDir, { recursive: true });
  const path = join(changesetDir, plan.fileName);
  writeFileSync(path, plan.text);
  return path;
}

function semverParts(version: string): number[] | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(version);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

function higher(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  const pa = semverParts(a);
  const pb = semverParts(b);
  if (!pa || !pb) return a;
  for (let i = 0; i < 3; i++) if (pa[i]! !== pb[i]!) return pa[i]! > pb[i]! ? a : b;
  return a;
}

/**
 * `--sync-versions`: the packages of a WSDL without a package.json (C#, Java, Python) take the
 * version of the npm package generated from the same WSDL when it is higher, so the version
 * `changeset version` gives the npm package reaches every language on the next regeneration.
 */
export function followNpmVersions(
  core: Core,
  versions: Readonly<Record<string, string>>,
  languages: readonly LanguageAdapter[],
): Record<string, string> {
  const service = core.services[0]?.partOf ?? core.services[0]?.name ?? core.name;
  const npm = languages.filter((l) => l.versionFile?.name.test('package.json'));
  const npmVersion = npm
    .map((l) => versions[l.packageOf(service).dir])
    .reduce<string | undefined>((a, b) => higher(a, b), undefined);
  if (npmVersion === undefined) return { ...versions };
  const next: Record<string, string> = { ...versions };
  for (const language of languages) {
    if (npm.includes(language)) continue;
    const dir = language.packageOf(service).dir;
    next[dir] = higher(versions[dir], npmVersion) ?? npmVersion;
  }
  return next;
}
