import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTRACT_WSDL, ROOT } from '../support/paths.js';

const BIN = join(ROOT, 'generator', 'bin', 'ecgrid-codegen.js');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], options: { cwd?: string; input?: string } = {}): Run {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    input: options.input ?? '',
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A tree as path -> content, for before/after comparisons. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, prefix: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(d, entry.name), `${prefix}${entry.name}/`);
      else out[`${prefix}${entry.name}`] = readFileSync(join(d, entry.name), 'utf8');
    }
  };
  if (existsSync(dir)) walk(dir, '');
  return out;
}

let work: string;
beforeAll(() => {
  expect(existsSync(join(ROOT, 'generator', 'dist', 'cli.js')), 'build the CLI first: npm run build:tools').toBe(true);
  work = mkdtempSync(join(tmpdir(), 'ecgrid-cli-'));
  cpSync(join(ROOT, 'wsdl'), join(work, 'wsdl'), { recursive: true });
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('generate', () => {
  it('writes the packages, a manifest and one summary line; a rerun is byte-identical', () => {
    const first = cli(['generate', '--out', 'out', '--target', 'typescript'], { cwd: work });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(
      /^generated 1 package \(typescript\) from wsdl\/ECGridOS\.wsdl into out: \d+ written, 0 removed, 0 unchanged in \d+\.\d\ds\n$/,
    );
    const tree = snapshot(join(work, 'out'));
    expect(Object.keys(tree)).toContain('ecgridos/src/client.ts');
    expect(Object.keys(tree)).toContain('.ecgrid-codegen-manifest.json');
    const second = cli(['generate', '--out', 'out', '--target', 'typescript', '--quiet'], { cwd: work });
    expect(second.code).toBe(0);
    expect(second.stdout).toBe('');
    expect(snapshot(join(work, 'out'))).toEqual(tree);
    for (const [path, text] of Object.entries(tree)) {
      expect(text, path).not.toContain(work);
    }
  });

  it('removes files the manifest lists that are no longer generated, and nothing else', () => {
    const out = join(work, 'stale');
    expect(cli(['generate', '--out', 'stale', '--quiet'], { cwd: work }).code).toBe(0);
    const manifestPath = join(out, '.ecgrid-codegen-manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    manifest.targets.typescript.files.push('ecgridos/src/old-file.ts');
    writeFileSync(manifestPath, JSON.stringify(manifest));
    writeFileSync(join(out, 'ecgridos', 'src', 'old-file.ts'), '// stale\n');
    writeFileSync(join(out, 'ecgridos', 'NOTES.md'), 'mine\n');
    const run = cli(['generate', '--out', 'stale'], { cwd: work });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/0 written, 1 removed/);
    expect(existsSync(join(out, 'ecgridos', 'src', 'old-file.ts'))).toBe(false);
    expect(readFileSync(join(out, 'ecgridos', 'NOTES.md'), 'utf8')).toBe('mine\n');
  });

  it('keeps the version recorded in each existing package, whatever its language (release tools own it)', () => {
    const out = join(work, 'versioned');
    expect(cli(['generate', '--out', 'versioned', '--quiet'], { cwd: work }).code).toBe(0);
    const files = {
      'ecgridos/package.json': ['"version": "0.1.0"', '"version": "1.4.2"'],
      'ecgridos-csharp/ECGridOS.Client.csproj': ['<Version>0.1.0</Version>', '<Version>2.0.1</Version>'],
      'ecgridos-java/pom.xml': ['<version>0.1.0</version>', '<version>3.1.0</version>'],
      'ecgridos-python/pyproject.toml': ['version = "0.1.0"', 'version = "0.9.7"'],
    } as const;
    for (const [file, [from, to]] of Object.entries(files)) {
      const path = join(out, file);
      const text = readFileSync(path, 'utf8');
      expect(text, file).toContain(from);
      writeFileSync(path, text.replace(from, to));
    }
    expect(cli(['generate', '--out', 'versioned', '--quiet'], { cwd: work }).code).toBe(0);
    for (const [file, [, to]] of Object.entries(files))
      expect(readFileSync(join(out, file), 'utf8'), file).toContain(to);
  });

  for (const [name, text, expected] of [
    ['not XML', 'this is not XML at all', /^bad\.wsdl:1:1: error xml-[a-z-]+: .+/m],
    [
      'not a WSDL',
      '<?xml version="1.0"?>\n<html/>\n',
      /^bad\.wsdl:2:1: error not-a-wsdl: the root element is html, not a WSDL 1\.1/m,
    ],
    [
      'a type that does not resolve',
      readFileSync(join(ROOT, CONTRACT_WSDL), 'utf8').replace(
        'name="Created" type="s:dateTime"',
        'name="Created" type="tns:Timestamp"',
      ),
      /^bad\.wsdl:\d+:\d+: error unresolved-type: type \{https:\/\/os\.ecgrid\.io\/\}Timestamp is not declared/m,
    ],
  ] as const) {
    it(`bad input (${name}): exit 1, a positioned message, the output folder untouched`, () => {
      const out = join(work, 'guarded');
      expect(cli(['generate', '--out', 'guarded', '--quiet'], { cwd: work }).code).toBe(0);
      const before = snapshot(out);
      writeFileSync(join(work, 'bad.wsdl'), text);
      const run = cli(['generate', '--wsdl', 'bad.wsdl', '--out', 'guarded'], { cwd: work });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(expected);
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(run.stdout).toBe('');
      expect(snapshot(out)).toEqual(before);
    });
  }

  it('imports: a missing file, a refused remote location and a wsdl:import cycle are positioned errors; nothing is written', () => {
    cpSync(join(ROOT, 'test', 'fixtures', 'import-missing'), join(work, 'import-missing'), { recursive: true });
    cpSync(join(ROOT, 'test', 'fixtures', 'import-remote'), join(work, 'import-remote'), { recursive: true });
    const definitions = (name: string, imported: string) =>
      `<?xml version="1.0"?>\n<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" targetNamespace="urn:${name}">\n  <wsdl:import namespace="urn:${imported}" location="${imported}.wsdl"/>\n</wsdl:definitions>\n`;
    writeFileSync(join(work, 'cycle-a.wsdl'), definitions('cycle-a', 'cycle-b'));
    writeFileSync(join(work, 'cycle-b.wsdl'), definitions('cycle-b', 'cycle-a'));
    for (const [wsdl, expected] of [
      [
        'import-missing/import-missing.wsdl',
        /^import-missing\/import-missing\.wsdl:\d+:\d+: error import-not-found: xs:import: import-missing\/[\w.-]+\.xsd does not exist/m,
      ],
      [
        'import-remote/import-remote.wsdl',
        /^import-remote\/import-remote\.wsdl:\d+:\d+: error remote-import-refused: xs:import of https:\/\/schemas\.example\.com\/remote\.xsd refused: .*--allow-remote/m,
      ],
      [
        'cycle-a.wsdl',
        /^cycle-b\.wsdl:3:3: error import-cycle: wsdl:import of cycle-a\.wsdl makes a cycle \(cycle-a\.wsdl -> cycle-b\.wsdl -> cycle-a\.wsdl\)/m,
      ],
    ] as const) {
      const run = cli(['generate', '--wsdl', wsdl, '--out', 'never'], { cwd: work });
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr).toMatch(expected);
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(join(work, 'never'))).toBe(false);
    }
  });

  it('--target all writes every target that can be written; one that fails is named, left out whole, and the exit code is 1', () => {
    // A template override that does not compile makes the java target fail, and only it.
    mkdirSync(join(work, 'broken-templates', 'java'), { recursive: true });
    writeFileSync(join(work, 'broken-templates', 'java', 'enum.java.hbs'), '{{#if unclosed}}\n');
    const run = cli(
      ['generate', '--wsdl', 'wsdl/ECGridOS.wsdl', '--out', 'partial', '--templates', 'broken-templates'],
      { cwd: work },
    );
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toMatch(/^error template: java: /m);
    expect(run.stderr).toMatch(
      /^error targets: java cannot be generated from wsdl\/ECGridOS\.wsdl \(see above\); going on with typescript, csharp, python$/m,
    );
    expect(run.stdout).toMatch(
      /^generated \d+ packages \(typescript, csharp, python\) from wsdl\/ECGridOS\.wsdl into partial/m,
    );
    const written = readdirSync(join(work, 'partial')).sort();
    expect(written).toEqual(expect.arrayContaining(['ecgridos', 'ecgridos-csharp', 'ecgridos-python']));
    expect(written).not.toContain('ecgridos-java');
    // The same targets check clean; the failed one is reported again.
    const check = cli(
      [
        'check',
        '--no-typecheck',
        '--wsdl',
        'wsdl/ECGridOS.wsdl',
        '--out',
        'partial',
        '--templates',
        'broken-templates',
      ],
      { cwd: work },
    );
    expect(check.code, check.stderr).toBe(1);
    expect(check.stdout).toMatch(/is up to date/);
    expect(check.stderr).toMatch(/^error targets: java cannot be generated/m);
  });

  it('a missing WSDL file is an input error, not a crash', () => {
    const run = cli(['generate', '--wsdl', 'nope.wsdl', '--out', 'none'], { cwd: work });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^nope\.wsdl:1:1: error cannot-read: cannot read the WSDL: no such file/);
    expect(existsSync(join(work, 'none'))).toBe(false);
  });
});

describe('namespace of the generated code (--namespace, --package, --module)', () => {
  // For each SDK language with a namespace of its own: the option, a valid override, where the
  // override shows in the package, and an invalid value.
  const cases = [
    {
      target: 'csharp',
      flag: 'namespace',
      value: 'Acme.Edi.Grid',
      file: 'ecgridos-csharp/Models.cs',
      shows: 'namespace Acme.Edi.Grid',
      bad: 'Acme..Edi',
    },
    {
      target: 'java',
      flag: 'package',
      value: 'com.acme.edi.grid',
      file: 'ecgridos-java/src/main/java/com/acme/edi/grid/ECGridOS.java',
      shows: 'package com.acme.edi.grid;',
      bad: 'com.acme.class',
    },
    {
      target: 'python',
      flag: 'module',
      value: 'acme_grid',
      file: 'ecgridos-python/src/acme_grid/client.py',
      shows: 'class ECGridOS',
      bad: 'acme-grid',
    },
  ] as const;

  for (const c of cases) {
    it(`${c.target}: --${c.flag} names the generated code; the default comes from the service`, () => {
      const out = `ns-${c.target}`;
      const run = cli(['generate', '--out', out, '--target', c.target, `--${c.flag}`, c.value, '--quiet'], {
        cwd: work,
      });
      expect(run.code, run.stderr).toBe(0);
      expect(readFileSync(join(work, out, c.file), 'utf8')).toContain(c.shows);
      const view = cli(['generate', '--dump-view', c.target, `--${c.flag}`, c.value], { cwd: work });
      expect(view.code, view.stderr).toBe(0);
      expect((JSON.parse(view.stdout) as { package: { namespace: string } }).package.namespace).toBe(c.value);
      const plain = cli(['generate', '--dump-view', c.target], { cwd: work });
      expect((JSON.parse(plain.stdout) as { package: { namespace: string } }).package.namespace).not.toBe(c.value);
    });

    it(`${c.target}: an invalid --${c.flag} is a usage error, and nothing is written`, () => {
      const run = cli(['generate', '--out', `ns-bad-${c.target}`, '--target', c.target, `--${c.flag}`, c.bad], {
        cwd: work,
      });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`--${c.flag} ${JSON.stringify(c.bad)}: `);
      expect(existsSync(join(work, `ns-bad-${c.target}`))).toBe(false);
    });
  }

  it('an option for a language that is not generated is a usage error', () => {
    const run = cli(['generate', '--out', 'ns-none', '--target', 'typescript', '--namespace', 'Acme.Edi'], {
      cwd: work,
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--namespace applies to --target csharp, which is not generated here');
  });
});

describe('check', () => {
  it('exits 0 when up to date (including the type check) and 1 with a summary when stale', () => {
    const fresh = cli(['check', '--out', 'packages']);
    expect(fresh.code, fresh.stderr + fresh.stdout).toBe(0);
    expect(fresh.stdout).toMatch(/^packages is up to date \(\d+ files\)\n$/);

    expect(cli(['generate', '--out', 'checked', '--quiet'], { cwd: work }).code).toBe(0);
    writeFileSync(join(work, 'checked', 'ecgridos', 'src', 'types.ts'), '// edited by hand\n');
    const stale = cli(['check', '--out', 'checked', '--no-typecheck'], { cwd: work });
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('checked/ecgridos/src/types.ts: out of date or missing');
    expect(stale.stdout).toMatch(
      /checked is stale: 1 file\(s\) differ or are missing, 0 stale; run "ecgrid-codegen generate"/,
    );
  });
});

describe('ir', () => {
  it('prints the typed core as JSON', () => {
    const run = cli(['ir', '--wsdl', CONTRACT_WSDL]);
    expect(run.code, run.stderr).toBe(0);
    const core = JSON.parse(run.stdout);
    expect(core.formatVersion).toBe(1);
    expect(core.source).toBe(CONTRACT_WSDL);
    expect(core.services[0].operations[0].name).toBe('KeySet');
    expect(core.types.map((t: { name: string }) => t.name)).toEqual([
      'KeySet',
      'KeyVisibility',
      'KeySetResponse',
      'KeyIDInfo',
    ]);
  });
});

describe('usage', () => {
  for (const command of ['generate', 'check', 'ir', 'convert']) {
    it(`${command} --help prints usage and exits 0`, () => {
      const run = cli([command, '--help']);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`^Usage: ecgrid-codegen ${command}`));
    });
  }

  it('wrong usage exits 2 with a hint', () => {
    for (const args of [
      ['frobnicate'],
      ['generate', '--bogus'],
      ['ir'],
      ['convert', '--wsdl', CONTRACT_WSDL, '--type', 'KeyIDInfo', '--from', 'yaml', '--to', 'json'],
      ['generate', '--target', 'cobol'],
    ]) {
      const run = cli(args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(/ecgrid-codegen/);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
    expect(cli([]).code).toBe(2);
  });
});
