#!/usr/bin/env node
// The runtime libraries of all four languages are one library and share one version:
// @ecgrid/soap-runtime's (packages/runtime/package.json), which changesets bumps. This writes that
// version into the C#, Java and Python runtimes' project files (`npm run version-packages` runs it
// after `changeset version`); with --check it changes nothing and exits 1 when one differs.
//
// Usage: node generator/scripts/sync-runtime-versions.mjs [--check] [--root DIR]
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where each runtime records its version: the file, and a pattern whose first group is the version. */
export const RUNTIME_VERSION_FILES = [
  {
    file: 'packages/runtime-csharp/src/ECGrid.Soap.Runtime/ECGrid.Soap.Runtime.csproj',
    pattern: /<Version>([^<]+)<\/Version>/,
  },
  {
    file: 'packages/runtime-java/pom.xml',
    pattern: /<artifactId>soap-runtime<\/artifactId>(?:\s*<!--[\s\S]*?-->)*\s*<version>([^<]+)<\/version>/,
  },
  { file: 'packages/runtime-python/pyproject.toml', pattern: /^version = "([^"]+)"$/m },
  { file: 'packages/runtime-python/src/ecgrid_soap_runtime/__init__.py', pattern: /^__version__ = "([^"]+)"$/m },
];

/** Brings every runtime's version to @ecgrid/soap-runtime's; returns the files that differed. */
export function syncRuntimeVersions(root, { check = false } = {}) {
  const { version } = JSON.parse(readFileSync(join(root, 'packages', 'runtime', 'package.json'), 'utf8'));
  const differing = [];
  for (const { file, pattern } of RUNTIME_VERSION_FILES) {
    const path = join(root, file);
    const text = readFileSync(path, 'utf8');
    // The d flag gives the group's exact position, so only the version itself is replaced.
    const match = new RegExp(pattern.source, `${pattern.flags}d`).exec(text);
    if (!match) throw new Error(`${file}: no version found (expected ${pattern})`);
    if (match[1] === version) continue;
    differing.push({ file, found: match[1], version });
    if (!check) {
      const [start, end] = match.indices[1];
      writeFileSync(path, text.slice(0, start) + version + text.slice(end));
    }
  }
  return differing;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const check = args.includes('--check');
  const rootAt = args.indexOf('--root');
  const root =
    rootAt >= 0 && args[rootAt + 1]
      ? resolve(args[rootAt + 1])
      : resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const differing = syncRuntimeVersions(root, { check });
  for (const d of differing) console.log(`${d.file}: ${d.found} ${check ? 'differs from' : '->'} ${d.version}`);
  if (check && differing.length) {
    console.error(
      "the runtime versions differ from @ecgrid/soap-runtime's: run node generator/scripts/sync-runtime-versions.mjs",
    );
    process.exit(1);
  }
}
