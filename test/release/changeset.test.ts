import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planChangeset, recordableCore } from '../../generator/src/changeset/changeset.js';
import { loadRepoCore } from '../support/generate.js';
import { CONTRACT_WSDL, ROOT, readRepoFile } from '../support/paths.js';

const BIN = join(ROOT, 'generator', 'bin', 'ecgrid-codegen.js');
const CHANGESET_BIN = join(ROOT, 'node_modules', '@changesets', 'cli', 'bin.js');

/** A copy of the repository with what generate and changesets read; node_modules is linked. */
function copyRepository(to: string): void {
  for (const file of ['package.json', 'package-lock.json']) cpSync(join(ROOT, file), join(to, file));
  cpSync(join(ROOT, 'wsdl'), join(to, 'wsdl'), { recursive: true });
  mkdirSync(join(to, '.changeset'));
  cpSync(join(ROOT, '.changeset', 'config.json'), join(to, '.changeset', 'config.json'));
  mkdirSync(join(to, 'generator'));
  cpSync(join(ROOT, 'generator', 'package.json'), join(to, 'generator', 'package.json'));
  cpSync(join(ROOT, 'packages'), join(to, 'packages'), {
    recursive: true,
    filter: (source) => !/[\\/](node_modules|dist)$/.test(source),
  });
  symlinkSync(join(ROOT, 'node_modules'), join(to, 'node_modules'), 'dir');
  // Start from a fresh API record: the first --changeset records the baseline.
  rmSync(join(to, 'packages', '.ecgrid-codegen-api.json'), { force: true });
}

let work: string;
function run(command: string, args: string[]) {
  const r = spawnSync(process.execPath, [command, ...args], {
    cwd: work,
    encoding: 'utf8',
    env: { ...process.env, CI: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const codegen = (...args: string[]) => run(BIN, args);
const changesetFiles = () =>
  readdirSync(join(work, '.changeset')).filter((f) => f.endsWith('.md') && f !== 'README.md');
const read = (path: string) => readFileSync(join(work, path), 'utf8');

beforeAll(() => {
  expect(existsSync(join(ROOT, 'generator', 'dist', 'cli.js')), 'build the CLI first: npm run build:tools').toBe(true);
  work = mkdtempSync(join(tmpdir(), 'ecgrid-release-'));
  copyRepository(work);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('generate --changeset, changeset version, generate --sync-versions', () => {
  it('an unchanged WSDL writes no changeset', () => {
    const first = codegen('generate', '--changeset', '--quiet');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toBe(
      'recorded the API of wsdl/ECGridOS.wsdl in packages/.ecgrid-codegen-api.json as the baseline of the next changeset; no changeset written\n',
    );
    expect(changesetFiles()).toEqual([]);
    expect(existsSync(join(work, 'packages', '.ecgrid-codegen-api.json'))).toBe(true);
    const again = codegen('generate', '--changeset', '--quiet');
    expect(again.stdout).toBe(
      'no package changed since the last changeset of wsdl/ECGridOS.wsdl; no changeset written\n',
    );
  });

  it('an added enum value and a removed field: a major changeset naming every changed package', () => {
    const wsdl = read('wsdl/ECGridOS.wsdl');
    const removed = wsdl.replace(
      /<s:element minOccurs="1" maxOccurs="1" name="Key" type="s:string">[\s\S]*?<\/s:element>\s*/,
      '',
    );
    expect(removed).not.toBe(wsdl);
    writeFileSync(
      join(work, 'wsdl', 'ECGridOS.wsdl'),
      removed.replace(
        '<s:enumeration value="Session">',
        '<s:enumeration value="Team" /><s:enumeration value="Session">',
      ),
    );
    const result = codegen('generate', '--changeset', '--quiet');
    expect(result.code, result.stderr).toBe(0);
    const files = changesetFiles();
    expect(files).toHaveLength(1);
    expect(result.stdout).toBe(
      `wrote .changeset/${files[0]}: @ecgrid/ecgridos major (versioned with it: ecgridos-csharp, ecgridos-java, ecgridos-python)\n`,
    );
    const text = read(join('.changeset', files[0]!));
    expect(text.startsWith('---\n"@ecgrid/ecgridos": major\n---\n\n')).toBe(true);
    expect(text).toContain('- **breaking**: removed field KeyIDInfo.Key');
    expect(text).toContain('\n- added enum-value KeyVisibility.Team\n');
    expect(text).toContain('`ecgridos-csharp`, `ecgridos-java`, `ecgridos-python`');
    expect(text).not.toContain(work);
  });

  it('changeset version bumps the npm package; --sync-versions carries it to the other languages', () => {
    const before = JSON.parse(read('packages/ecgridos/package.json')).version as string;
    const major = Number(before.split('.')[0]);
    const expected = major === 0 ? '1.0.0' : `${major + 1}.0.0`;
    const version = run(CHANGESET_BIN, ['version']);
    expect(version.code, version.stderr + version.stdout).toBe(0);
    expect(JSON.parse(read('packages/ecgridos/package.json')).version).toBe(expected);
    expect(read('packages/ecgridos/CHANGELOG.md')).toContain('removed field KeyIDInfo.Key');
    expect(changesetFiles()).toEqual([]);

    const sync = codegen('generate', '--sync-versions', '--quiet');
    expect(sync.code, sync.stderr).toBe(0);
    expect(JSON.parse(read('packages/ecgridos/package.json')).version).toBe(expected);
    expect(read('packages/ecgridos-csharp/ECGridOS.Client.csproj')).toContain(`<Version>${expected}</Version>`);
    expect(read('packages/ecgridos-python/pyproject.toml')).toContain(`version = "${expected}"`);
    // A plain regeneration keeps the versions, and the version bump itself is no new change.
    expect(codegen('generate', '--quiet').code).toBe(0);
    expect(read('packages/ecgridos-csharp/ECGridOS.Client.csproj')).toContain(`<Version>${expected}</Version>`);
    const after = codegen('generate', '--changeset', '--quiet');
    expect(after.stdout).toBe(
      'no package changed since the last changeset of wsdl/ECGridOS.wsdl; no changeset written\n',
    );
  });
});

describe('planChangeset', () => {
  const core = recordableCore(loadRepoCore(CONTRACT_WSDL));
  const files = new Map([
    ['ecgridos/package.json', '{"name": "@ecgrid/ecgridos", "version": "0.1.0"}'],
    ['ecgridos-csharp/X.cs', ''],
  ]);
  const plan = (current: typeof core, before: Record<string, string>, after: Record<string, string>) =>
    planChangeset({ previous: core, current, previousPackages: before, currentPackages: after, files });

  it('nothing changed: no changeset', () => {
    expect(
      plan(core, { ecgridos: 'a', 'ecgridos-csharp': 'b' }, { ecgridos: 'a', 'ecgridos-csharp': 'b' }),
    ).toBeUndefined();
  });

  it('documentation only, or generated code only: a patch', () => {
    const docs = recordableCore(
      loadRepoCore(
        CONTRACT_WSDL,
        readRepoFile(CONTRACT_WSDL).replace('Date and time the key was created', 'When the key was made'),
      ),
    );
    const p = plan(docs, { ecgridos: 'a' }, { ecgridos: 'a2' });
    expect(p?.bump).toBe('patch');
    expect(p?.text.startsWith('---\n"@ecgrid/ecgridos": patch\n---\n')).toBe(true);
    // Only the C# output changed: the npm package of the same WSDL carries the version.
    const csharpOnly = plan(
      core,
      { ecgridos: 'a', 'ecgridos-csharp': 'b' },
      { ecgridos: 'a', 'ecgridos-csharp': 'b2' },
    );
    expect(csharpOnly).toMatchObject({
      bump: 'patch',
      npmPackages: ['@ecgrid/ecgridos'],
      otherPackages: ['ecgridos-csharp'],
    });
  });

  it('an addition: a minor', () => {
    const added = recordableCore(
      loadRepoCore(
        CONTRACT_WSDL,
        readRepoFile(CONTRACT_WSDL).replace(
          '<s:enumeration value="Session">',
          '<s:enumeration value="Team" /><s:enumeration value="Session">',
        ),
      ),
    );
    expect(plan(added, { ecgridos: 'a' }, { ecgridos: 'a2' })?.bump).toBe('minor');
  });
});
