import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/paths.js';

/**
 * Every npm package in packages/ packs only what a user needs, and the packed tarballs install
 * offline into a fresh project that imports them from ESM, from CommonJS and from TypeScript
 * under `strict`. Needs the packages built (`npm run build:packages`, which `npm test` runs).
 */
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

interface PackedPackage {
  readonly dir: string;
  readonly name: string;
  readonly tarball: string;
  readonly files: readonly string[];
}

function npmPackages(): { dir: string; name: string }[] {
  return readdirSync(join(ROOT, 'packages'), { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(ROOT, 'packages', e.name, 'package.json')))
    .map((e) => ({
      dir: e.name,
      pkg: JSON.parse(readFileSync(join(ROOT, 'packages', e.name, 'package.json'), 'utf8')) as {
        name: string;
        private?: boolean;
      },
    }))
    .filter((p) => !p.pkg.private)
    .map((p) => ({ dir: p.dir, name: p.pkg.name }))
    .sort((a, b) => a.dir.localeCompare(b.dir));
}

function sh(command: string, args: string[], cwd: string) {
  const r = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let work: string;
const packed: PackedPackage[] = [];

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'ecgrid-pack-'));
  for (const { dir, name } of npmPackages()) {
    expect(
      existsSync(join(ROOT, 'packages', dir, 'dist', 'index.js')),
      `build ${name} first: npm run build:packages`,
    ).toBe(true);
    // --ignore-scripts: the packages are built (npm test builds them first); a prepack rebuild
    // would empty dist/ while other test files import it. `npm pack builds first` below covers prepack.
    const r = sh(NPM, ['pack', '--json', '--ignore-scripts', '--pack-destination', work], join(ROOT, 'packages', dir));
    expect(r.code, r.stderr).toBe(0);
    const [info] = JSON.parse(r.stdout) as { filename: string; files: { path: string }[] }[];
    packed.push({ dir, name, tarball: join(work, info!.filename), files: info!.files.map((f) => f.path).sort() });
  }
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('npm pack', () => {
  it('covers the hand-written runtime and the generated SDK', () => {
    expect(packed.map((p) => p.name)).toEqual(expect.arrayContaining(['@ecgrid/soap-runtime', '@ecgrid/ecgridos']));
  });

  it('each tarball holds the ESM and CJS builds, their declarations, README, LICENSE and nothing else', () => {
    for (const p of packed) {
      expect(p.files, p.name).toEqual(
        expect.arrayContaining([
          'LICENSE',
          'README.md',
          'package.json',
          'dist/index.js',
          'dist/index.cjs',
          'dist/index.d.ts',
          'dist/index.d.cts',
        ]),
      );
      for (const file of p.files) {
        expect(file, `${p.name} packs ${file}`).toMatch(
          /^(LICENSE|README\.md|package\.json|CHANGELOG\.md|dist\/[\w.-]+\.(js|cjs|d\.ts|d\.cts))$/,
        );
      }
    }
  });
});

describe('the packed packages in a fresh project', () => {
  let project: string;
  beforeAll(() => {
    project = join(work, 'project');
    mkdirSync(project);
    writeFileSync(
      join(project, 'package.json'),
      `${JSON.stringify({ name: 'pack-consumer', version: '1.0.0', private: true }, null, 2)}\n`,
    );
    // Offline, with an empty cache: everything comes from the tarballs.
    const r = sh(
      NPM,
      [
        'install',
        '--offline',
        '--no-audit',
        '--no-fund',
        '--ignore-scripts',
        '--cache',
        join(work, 'npm-cache'),
        ...packed.map((p) => p.tarball),
      ],
      project,
    );
    expect(r.code, r.stderr).toBe(0);
  }, 180_000);

  it('imports from ESM', () => {
    writeFileSync(
      join(project, 'esm.mjs'),
      [
        "import { ECGridOSClient, KeyVisibility, decode, encode } from '@ecgrid/ecgridos';",
        "import { SoapRuntimeError } from '@ecgrid/soap-runtime';",
        "const client = new ECGridOSClient({ endpoint: 'http://127.0.0.1:9/' });",
        "if (typeof client.KeySet !== 'function' || typeof SoapRuntimeError !== 'function') throw new Error('missing exports');",
        "const xml = encode('KeyVisibility', KeyVisibility.Shared);",
        "console.log(JSON.stringify({ xml, back: decode('KeyVisibility', xml) }));",
      ].join('\n'),
    );
    const r = sh(process.execPath, ['esm.mjs'], project);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).back).toBe('Shared');
  });

  it('requires from CommonJS', () => {
    writeFileSync(
      join(project, 'cjs.cjs'),
      [
        "const { ECGridOSClient, KeyVisibility, decode, encode } = require('@ecgrid/ecgridos');",
        "const runtime = require('@ecgrid/soap-runtime');",
        "if (typeof new ECGridOSClient().KeySet !== 'function' || typeof runtime.SoapRuntimeError !== 'function') throw new Error('missing exports');",
        "console.log(decode('KeyVisibility', encode('KeyVisibility', KeyVisibility.Private)));",
      ].join('\n'),
    );
    const r = sh(process.execPath, ['cjs.cjs'], project);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe('Private');
  });

  it('type-checks from TypeScript under strict (ESM and CommonJS resolution)', () => {
    const source = [
      "import { ECGridOSClient, KeyVisibility, type KeyIDInfo, type KeySet } from '@ecgrid/ecgridos';",
      "import { SoapRuntimeError } from '@ecgrid/soap-runtime';",
      'export async function create(client: ECGridOSClient): Promise<KeyIDInfo> {',
      "  const request: KeySet = { SessionID: 's', UserID: 5001, Visibility: KeyVisibility.Shared };",
      '  try {',
      '    return await client.KeySet(request);',
      '  } catch (error) {',
      '    if (error instanceof SoapRuntimeError) throw new Error(error.code);',
      '    throw error;',
      '  }',
      '}',
      '',
    ].join('\n');
    writeFileSync(join(project, 'esm.mts'), source);
    writeFileSync(join(project, 'cjs.cts'), source);
    writeFileSync(
      join(project, 'bad.mts'),
      "import { KeyVisibility, type KeySet } from '@ecgrid/ecgridos';\nexport const bad: KeySet = { UserID: '5001', Visibility: KeyVisibility.Shared };\n",
    );
    const tsconfig = (files: string[]) => ({
      compilerOptions: {
        strict: true,
        noEmit: true,
        module: 'nodenext',
        moduleResolution: 'nodenext',
        target: 'es2022',
        lib: ['es2022', 'dom'],
        types: [],
        skipLibCheck: false,
      },
      files,
    });
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify(tsconfig(['esm.mts', 'cjs.cts'])));
    const ok = sh(process.execPath, [TSC, '-p', 'tsconfig.json'], project);
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    // The declarations really type the calls: a string where an xs:int goes is an error.
    writeFileSync(join(project, 'tsconfig.bad.json'), JSON.stringify(tsconfig(['bad.mts'])));
    const bad = sh(process.execPath, [TSC, '-p', 'tsconfig.bad.json'], project);
    expect(bad.code).not.toBe(0);
    expect(bad.stdout).toMatch(/bad\.mts\(2,\d+\): error TS2322/);
  });
});

describe('npm pack builds first', () => {
  // A copy inside the repository, so the package's build finds the workspace's tsup.
  let copyRoot: string;
  beforeAll(() => {
    mkdirSync(join(ROOT, '.scratch'), { recursive: true });
    copyRoot = mkdtempSync(join(ROOT, '.scratch', 'prepack-'));
  });
  afterAll(() => rmSync(copyRoot, { recursive: true, force: true }));

  const copyOf = (dir: string): string => {
    const copy = join(copyRoot, dir);
    cpSync(join(ROOT, 'packages', dir), copy, {
      recursive: true,
      filter: (src) => !/[\\/](dist|node_modules)$/.test(src),
    });
    return copy;
  };

  it('packs a fresh copy without dist/ with its build (prepack), for every npm package', () => {
    for (const { dir, name } of npmPackages()) {
      const copy = copyOf(dir);
      expect(existsSync(join(copy, 'dist')), name).toBe(false);
      const r = sh(NPM, ['pack', '--dry-run', '--json'], copy);
      expect(r.code, r.stderr).toBe(0);
      const [info] = JSON.parse(r.stdout.slice(r.stdout.indexOf('['))) as { files: { path: string }[] }[];
      expect(
        info!.files.map((f) => f.path),
        name,
      ).toEqual(expect.arrayContaining(['dist/index.js', 'dist/index.cjs', 'dist/index.d.ts', 'dist/index.d.cts']));
      rmSync(copy, { recursive: true, force: true });
    }
  }, 180_000);

  it('refuses to pack when the build fails (a type error in the declarations)', () => {
    const copy = copyOf('runtime');
    writeFileSync(
      join(copy, 'src', 'index.ts'),
      `${readFileSync(join(copy, 'src', 'index.ts'), 'utf8')}\nexport const broken: number = 'not a number';\n`,
    );
    const r = sh(NPM, ['pack', '--pack-destination', copyRoot], copy);
    expect(r.code).not.toBe(0);
    expect(readdirSync(copyRoot).filter((f) => f.endsWith('.tgz'))).toEqual([]);
  }, 120_000);
});
