import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RUNTIME_VERSION_FILES, syncRuntimeVersions } from '../../generator/scripts/sync-runtime-versions.mjs';
import { ROOT } from '../support/paths.js';

/** The four runtime libraries are one library in four languages: one version, @ecgrid/soap-runtime's. */
describe('runtime versions', () => {
  const work = mkdtempSync(join(tmpdir(), 'ecgrid-runtime-versions-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("every runtime has @ecgrid/soap-runtime's version", () => {
    expect(syncRuntimeVersions(ROOT, { check: true })).toEqual([]);
  });

  it('a bump of @ecgrid/soap-runtime is written into every runtime project file, and only the version changes', () => {
    const files = ['packages/runtime/package.json', ...RUNTIME_VERSION_FILES.map((f) => f.file)];
    for (const file of files) cpSync(join(ROOT, file), join(work, file), { recursive: true });
    const manifest = join(work, 'packages/runtime/package.json');
    const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
    const old = pkg.version;
    writeFileSync(manifest, JSON.stringify({ ...pkg, version: '7.8.9' }));
    const before = new Map(RUNTIME_VERSION_FILES.map((f) => [f.file, readFileSync(join(work, f.file), 'utf8')]));

    expect(syncRuntimeVersions(work, { check: true }).map((d) => d.file)).toEqual(
      RUNTIME_VERSION_FILES.map((f) => f.file),
    );
    syncRuntimeVersions(work);
    expect(syncRuntimeVersions(work, { check: true })).toEqual([]);
    for (const { file, pattern } of RUNTIME_VERSION_FILES) {
      const after = readFileSync(join(work, file), 'utf8');
      expect(pattern.exec(after)?.[1], file).toBe('7.8.9');
      // Everything else is as it was.
      expect(after.replace('7.8.9', old), file).toBe(before.get(file));
    }
  });
});
