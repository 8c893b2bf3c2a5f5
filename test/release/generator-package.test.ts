import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/paths.js';

/**
 * The generator as users get it: the packed `ecgrid-codegen` tarball (artifacts/npm, built by
 * `generator/scripts/build-artifacts.mjs` before the tests) installs into an empty project with
 * npm, and its CLI generates every SDK target for `wsdl/ECGridOS.wsdl` there, with no file of
 * this repository in reach; a template override shipped as an npm package of its own changes
 * what it writes through `--templates <package name>`.
 */
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const NPX = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'generator', 'package.json'), 'utf8')) as { version: string })
  .version;
const TARBALL = join(ROOT, 'artifacts', 'npm', `ecgrid-codegen-${VERSION}.tgz`);
/** The runtime the generated TypeScript SDK depends on (from npm for users; from artifacts/ here). */
const RUNTIME_TARBALL = join(ROOT, 'artifacts', 'npm', `ecgrid-soap-runtime-${VERSION}.tgz`);

function sh(command: string, args: string[], cwd: string) {
  const r = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tarballFiles(): string[] {
  const r = spawnSync('tar', ['tzf', TARBALL], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout
    .split('\n')
    .filter((f) => f !== '' && !f.endsWith('/'))
    .map((f) => f.replace(/^package\//, ''))
    .sort();
}

/** The repository's generated files of a target, from the manifest `generate` keeps. */
function committedFiles(target: string): string[] {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'packages', '.ecgrid-codegen-manifest.json'), 'utf8')) as {
    targets: Record<string, { files: string[] }>;
  };
  return [...(manifest.targets[target]?.files ?? [])].sort();
}

function filesUnder(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) out.push(...filesUnder(join(dir, entry.name), `${prefix}${entry.name}/`));
    else out.push(`${prefix}${entry.name}`);
  }
  return out.sort();
}

let work: string;
let project: string;
beforeAll(() => {
  expect(
    existsSync(TARBALL),
    `${TARBALL} is missing: run node generator/scripts/build-artifacts.mjs --language npm (npm test does)`,
  ).toBe(true);
  work = mkdtempSync(join(tmpdir(), 'ecgrid-generator-'));
  project = join(work, 'consumer');
  mkdirSync(project);
  writeFileSync(
    join(project, 'package.json'),
    `${JSON.stringify({ name: 'consumer', private: true, type: 'module' }, null, 2)}\n`,
  );
  copyFileSync(join(ROOT, 'wsdl', 'ECGridOS.wsdl'), join(project, 'ECGridOS.wsdl'));
  // A template override shipped as a package: the TypeScript README, laid out like templates/.
  const overrides = join(work, 'acme-templates');
  mkdirSync(join(overrides, 'typescript'), { recursive: true });
  writeFileSync(
    join(overrides, 'package.json'),
    `${JSON.stringify({ name: '@acme/ecgrid-templates', version: '1.0.0', files: ['typescript'] }, null, 2)}\n`,
  );
  writeFileSync(
    join(overrides, 'typescript', 'README.md.hbs'),
    '# {{package.name}}, the ACME way\n\nGenerated with the ACME templates.\n',
  );
  const install = sh(
    NPM,
    ['install', '--save-dev', '--prefer-offline', '--no-audit', '--no-fund', TARBALL, RUNTIME_TARBALL, overrides],
    project,
  );
  expect(install.code, install.stderr).toBe(0);
}, 300_000);
afterAll(() => {
  if (work !== undefined) rmSync(work, { recursive: true, force: true });
});

describe('the ecgrid-codegen npm package', () => {
  it('is public and carries its CLI, its build, its templates and its bundled schemas, and no sources', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'generator', 'package.json'), 'utf8')) as {
      private?: boolean;
      bin: Record<string, string>;
    };
    expect(manifest.private).toBeUndefined();
    expect(manifest.bin).toEqual({ 'ecgrid-codegen': 'bin/ecgrid-codegen.js' });
    const files = tarballFiles();
    for (const file of [
      'package.json',
      'README.md',
      'bin/ecgrid-codegen.js',
      'dist/cli.js',
      'dist/index.js',
      'schemas/catalog.xml',
      'schemas/PROVENANCE.md',
    ])
      expect(files, file).toContain(file);
    for (const language of ['typescript', 'csharp', 'java', 'python', 'docs']) {
      expect(
        files.some((f) => f.startsWith(`templates/${language}/`) && f.endsWith('.hbs')),
        language,
      ).toBe(true);
      expect(
        files.some((f) => f.startsWith(`dist/precompiled/${language}.json`)),
        language,
      ).toBe(true);
    }
    expect(files.filter((f) => f.endsWith('.ts') || f.startsWith('src/') || f.startsWith('scripts/'))).toEqual([]);
    // The copy made for the tarball is gone again, so the repository's templates/ stay the ones used here.
    expect(existsSync(join(ROOT, 'generator', 'templates'))).toBe(false);
  });

  it('installs into an empty project, whose npx ecgrid-codegen generates every SDK target of the WSDL', () => {
    const run = sh(
      NPX,
      ['--no-install', 'ecgrid-codegen', 'generate', '--wsdl', 'ECGridOS.wsdl', '--out', 'packages'],
      project,
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(
      /^generated 4 packages \(typescript, csharp, java, python\) from ECGridOS\.wsdl into packages: /m,
    );
    const written = filesUnder(join(project, 'packages')).filter((f) => f !== '.ecgrid-codegen-manifest.json');
    const expected = ['typescript', 'csharp', 'java', 'python'].flatMap(committedFiles).sort();
    expect(written).toEqual(expected);
    expect(readFileSync(join(project, 'packages', 'ecgridos', 'src', 'client.ts'), 'utf8')).toContain('KeySet');
    // The installed package's check reads the same templates back: up to date, and the TypeScript
    // type-checks against the runtime as a user has it installed.
    const check = sh(
      NPX,
      [
        '--no-install',
        'ecgrid-codegen',
        'check',
        '--wsdl',
        'ECGridOS.wsdl',
        '--out',
        'packages',
        '--target',
        'typescript',
      ],
      project,
    );
    expect(check.code, `${check.stdout}\n${check.stderr}`).toBe(0);
    expect(check.stdout).toMatch(/packages is up to date/);
  });

  it('--templates takes an installed npm package of template overrides', () => {
    const run = sh(
      NPX,
      [
        '--no-install',
        'ecgrid-codegen',
        'generate',
        '--wsdl',
        'ECGridOS.wsdl',
        '--out',
        'custom',
        '--target',
        'typescript',
        '--templates',
        '@acme/ecgrid-templates',
      ],
      project,
    );
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(join(project, 'custom', 'ecgridos', 'README.md'), 'utf8')).toBe(
      '# @ecgrid/ecgridos, the ACME way\n\nGenerated with the ACME templates.\n',
    );
    // Only the overridden file changes.
    expect(readFileSync(join(project, 'custom', 'ecgridos', 'src', 'client.ts'), 'utf8')).toBe(
      readFileSync(join(project, 'packages', 'ecgridos', 'src', 'client.ts'), 'utf8'),
    );
    const missing = sh(
      NPX,
      [
        '--no-install',
        'ecgrid-codegen',
        'generate',
        '--wsdl',
        'ECGridOS.wsdl',
        '--out',
        'never',
        '--templates',
        '@acme/not-installed',
      ],
      project,
    );
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(
      /--templates "@acme\/not-installed": no such folder, and no installed npm package of that name/,
    );
    expect(existsSync(join(project, 'never'))).toBe(false);
  });
});
