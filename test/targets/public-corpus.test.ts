/**
 * The public corpus of real WSDLs (`../shared/corpus/public/`, read in place, never copied) through
 * the C#, Java and Python targets: every entry generates with the CLI, each into a namespace,
 * package or module of its own, and each language then compiles all fifteen packages at once with
 * the strictest checker its tests use: C# one `dotnet build -warnaserror` of a project holding every
 * generated source under the generated projects' settings (one compiler run, not fifteen project
 * builds), Java one `javac -Xlint:all -Werror` over every source against the runtime jar, Python one
 * `mypy --strict` over every import package, then an import of each. The TypeScript target's run
 * over the same corpus is `test/generator/public-corpus.test.ts`.
 *
 * Every entry compiles in every language today, so there is no list of known failures: a WSDL that
 * stops compiling fails its language's test, with the compiler's first errors.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS, ROOT } from '../support/paths.js';
import { DOTNET_ENV, feedArgument, projectOf } from './support/drivers/csharp.js';
import { compileJava, javaSources } from './support/drivers/java.js';
import { importName, mypyPath, PYTHON, RUNTIME_SRC } from './support/drivers/python.js';
import { fixtureNamespace } from './support/fixtures.js';
import { makeScratch, removeScratch } from './support/packages.js';
import { runCommand } from './support/run.js';

const PUBLIC = join(CORPUS, 'public');
const BIN = join(ROOT, 'generator', 'bin', 'ecgrid-codegen.js');

/** The entries and their main files, from the corpus README's table (`| short-name | \`main file\` | ...`). */
function corpusEntries(): ReadonlyMap<string, string> {
  const readme = readFileSync(join(PUBLIC, 'README.md'), 'utf8');
  return new Map([...readme.matchAll(/^\| ([a-z0-9-]+) \| `([^`]+)` \|/gm)].map((m) => [m[1] ?? '', m[2] ?? '']));
}

interface Target {
  readonly language: 'csharp' | 'java' | 'python';
  /** The CLI option that names the generated code's namespace, package or module. */
  readonly option: string;
  readonly name: (entry: string) => string;
}

const CSHARP: Target = {
  language: 'csharp',
  option: '--namespace',
  name: (entry) => fixtureNamespace('ECGrid.Corpus', entry),
};
const JAVA: Target = {
  language: 'java',
  option: '--package',
  name: (entry) => fixtureNamespace('io.ecgrid.corpus', entry),
};
const PYTHON_TARGET: Target = {
  language: 'python',
  option: '--module',
  name: (entry) => fixtureNamespace('ecgrid_corpus', entry, '_'),
};

/** The first `count` distinct lines of a compiler's output that match `pattern` (MSBuild repeats its errors). */
function firstErrors(output: string, pattern: RegExp, count = 20): string {
  const lines = [...new Set(output.split(/\r?\n/).filter((line) => pattern.test(line)))];
  const shown = lines.slice(0, count).join('\n');
  return lines.length > count ? `${shown}\n… and ${lines.length - count} more` : shown;
}

let scratch: string;
let entries: ReadonlyMap<string, string>;

/**
 * Generates every entry for one language with the CLI into `scratch/<language>/<entry>/`, two at a
 * time; returns each entry's package folder. A failure names the WSDL and the language.
 */
async function generateAll(target: Target): Promise<Map<string, string>> {
  const queue = [...entries];
  const failures: string[] = [];
  const packages = new Map<string, string>();
  const worker = async () => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      const [entry, main] = next;
      const out = join(scratch, target.language, entry);
      const wsdl = join(PUBLIC, entry, main);
      const args = [BIN, 'generate', '--quiet', '--wsdl', wsdl, '--out', out, '--target', target.language];
      const result = await runCommand(process.execPath, [...args, target.option, target.name(entry)], { cwd: ROOT });
      const dirs = result.status === 0 ? readdirSync(out).filter((f) => !f.startsWith('.')) : [];
      if (result.status !== 0 || dirs.length !== 1) {
        failures.push(
          `${entry}/${main} (${target.language}): exit ${result.status}, ${dirs.length} packages\n${firstErrors(result.stderr, /error/i)}`,
        );
      } else packages.set(entry, join(out, dirs[0] ?? ''));
    }
  };
  await Promise.all([worker(), worker()]);
  if (failures.length > 0) throw new Error(`generation failed:\n${failures.sort().join('\n')}`);
  // In the README's order, whichever finished first.
  return new Map([...entries.keys()].map((entry) => [entry, packages.get(entry) ?? '']));
}

/**
 * One library project compiling every generated C# source, with the generated projects' compiler
 * settings (nullable, implicit usings off, latest language, warnings as errors, documentation
 * comments) and their runtime package reference, taken from a generated project so they follow the
 * templates.
 */
function csharpProject(packages: ReadonlyMap<string, string>): string {
  const first = [...packages.values()][0] ?? '';
  const generated = readFileSync(join(first, projectOf(first)), 'utf8');
  const settings = [
    'Nullable',
    'ImplicitUsings',
    'LangVersion',
    'TreatWarningsAsErrors',
    'GenerateDocumentationFile',
  ].map((name) => {
    const value = new RegExp(`<${name}>([^<]+)</${name}>`).exec(generated)?.[1];
    if (value === undefined) throw new Error(`the generated ${projectOf(first)} has no <${name}>`);
    return `    <${name}>${value}</${name}>`;
  });
  const runtime = /<PackageReference Include="ECGrid\.Soap\.Runtime" Version="[^"]+" \/>/.exec(generated)?.[0];
  if (runtime === undefined)
    throw new Error(`the generated ${projectOf(first)} does not reference ECGrid.Soap.Runtime`);
  const sources = [...packages.values()].flatMap((dir) =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.cs'))
      .map((f) => `    <Compile Include="${join(dir, f)}" />`),
  );
  return `<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <AssemblyName>PublicCorpus</AssemblyName>
    <EnableDefaultCompileItems>false</EnableDefaultCompileItems>
${settings.join('\n')}
  </PropertyGroup>
  <ItemGroup>
    ${runtime}
  </ItemGroup>
  <ItemGroup>
${sources.join('\n')}
  </ItemGroup>
</Project>
`;
}

/** Imports each module in one interpreter; prints the traceback of each that fails and exits 1. */
const IMPORT_ALL = `import importlib, sys, traceback
failed = []
for name in sys.argv[1:]:
    try:
        importlib.import_module(name)
    except Exception:
        failed.append(name)
        print(f"import {name} failed:", file=sys.stderr)
        traceback.print_exc()
sys.exit(1 if failed else 0)
`;

describe.skipIf(!existsSync(PUBLIC))('the public corpus through the C#, Java and Python targets', () => {
  beforeAll(() => {
    expect(existsSync(join(ROOT, 'generator', 'dist', 'cli.js')), 'build the CLI first: npm run build:tools').toBe(
      true,
    );
    entries = corpusEntries();
    scratch = makeScratch('public-corpus');
  });
  afterAll(() => removeScratch(scratch));

  it('lists the fifteen entries of the corpus README', () => {
    expect(entries.size).toBe(15);
    for (const [entry, main] of entries) expect(existsSync(join(PUBLIC, entry, main)), `${entry}/${main}`).toBe(true);
  });

  it('C#: every entry generates, and all compile in one dotnet build -warnaserror', async () => {
    const packages = await generateAll(CSHARP);
    const build = join(scratch, 'csharp-build');
    mkdirSync(build, { recursive: true });
    const project = join(build, 'PublicCorpus.csproj');
    writeFileSync(project, csharpProject(packages));
    const result = await runCommand(
      'dotnet',
      ['build', project, '-c', 'Release', '-nologo', '-warnaserror', '-p:UseSharedCompilation=false', feedArgument()],
      { env: DOTNET_ENV },
    );
    const errors = firstErrors(result.stdout + result.stderr, /: (error|warning) [A-Z]+\d+:/);
    expect(result.status, `dotnet build failed:\n${errors || result.stdout.slice(-4000)}`).toBe(0);
  }, 900_000);

  it('Java: every entry generates, and all compile in one javac -Xlint:all -Werror', async () => {
    const packages = await generateAll(JAVA);
    const sources = [...packages.values()].flatMap((dir) => javaSources(join(dir, 'src', 'main', 'java')));
    // compileJava's error holds javac's output from its start: the first errors.
    await compileJava(sources, join(scratch, 'java-classes'), scratch);
  }, 600_000);

  it('Python: every entry generates, all pass one mypy --strict, and each imports', async () => {
    const packages = await generateAll(PYTHON_TARGET);
    const dirs = [...packages.values()];
    const env = { PYTHONPYCACHEPREFIX: join(scratch, 'pycache'), MYPYPATH: mypyPath(...dirs) };
    const modules = dirs.map((dir) => join(dir, 'src', importName(dir)));
    const mypy = await runCommand('mypy', ['--strict', '--cache-dir', join(scratch, 'mypy-cache'), ...modules], {
      env,
    });
    expect(mypy.status, `mypy --strict failed:\n${firstErrors(mypy.stdout + mypy.stderr, /error/)}`).toBe(0);
    const imported = await runCommand(PYTHON, ['-c', IMPORT_ALL, ...dirs.map(importName)], {
      env: {
        PYTHONPATH: [...dirs.map((dir) => join(dir, 'src')), RUNTIME_SRC].join(delimiter),
        PYTHONPYCACHEPREFIX: join(scratch, 'pycache'),
        PYTHONIOENCODING: 'utf-8',
      },
    });
    expect(imported.status, imported.stderr.slice(0, 8000)).toBe(0);
    expect(dirs.map(importName)).toEqual([...entries.keys()].map(PYTHON_TARGET.name));
  }, 600_000);
});
