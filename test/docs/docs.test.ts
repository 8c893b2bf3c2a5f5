/**
 * The documentation target (templates/docs): one Markdown page per operation in the shape of the
 * published documentation page (../shared/seeds/KeySet.txt), for wsdl/ECGridOS.wsdl (committed in
 * packages/ecgridos-docs/) and for the full v4.1 WSDL (generated into a temporary folder). The
 * code examples are extracted from the pages and compiled against the generated SDKs: Node.js
 * (type-checked under strict), Python (compileall and mypy --strict), Java (javac -Werror) and C#
 * (dotnet build); the KeySet examples also run against a local server.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findLanguage, languageNames } from '../../generator/src/languages.js';
import { listPackageFiles, renderRepoTree } from '../support/generate.js';
import { CONTRACT_WSDL, CORPUS, ROOT, readRepoFile } from '../support/paths.js';
import { startServer } from '../support/soap-server.js';
import { buildPackage, DOTNET_ENV, feedArgument } from '../targets/support/drivers/csharp.js';
import { compileJava, javaSources, withRuntime } from '../targets/support/drivers/java.js';
import { mypyPath, PYTHON, pythonEnv } from '../targets/support/drivers/python.js';
import { contractPackage, generatePackage, makeScratch, removeScratch, V41_WSDL } from '../targets/support/packages.js';
import { mustRun, runCommand } from '../targets/support/run.js';

const HAS_V41 = existsSync(join(CORPUS, 'ECGridOS-v4.1.wsdl'));
const HOOK_TIMEOUT = 1_200_000;
const SEED = join(ROOT, '..', 'shared', 'seeds', 'KeySet.txt');

/** The fenced code blocks of a page in one language. */
function codeBlocks(markdown: string, language: string): string[] {
  return [...markdown.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].filter((m) => m[1] === language).map((m) => m[2] ?? '');
}

function onlyBlock(markdown: string, language: string): string {
  const blocks = codeBlocks(markdown, language);
  expect(blocks, `one ${language} block`).toHaveLength(1);
  return blocks[0]!;
}

const pages = (tree: Map<string, string>) => [...tree].filter(([path]) => /\/operations\/[^/]+\.md$/.test(path));

const contractTree = renderRepoTree(CONTRACT_WSDL, 'docs');
const v41Tree = HAS_V41 ? renderRepoTree(V41_WSDL, 'docs') : new Map<string, string>();
const keySetPage = contractTree.get('ecgridos-docs/operations/KeySet.md') ?? '';

describe('docs: a target of its own', () => {
  it('is found by --target docs but is not one of the SDK languages a plain generate renders', () => {
    expect(findLanguage('docs')?.name).toBe('docs');
    expect(languageNames()).not.toContain('docs');
  });

  it('packages/ecgridos-docs is what the generator renders from wsdl/ECGridOS.wsdl (`generate --target docs`)', () => {
    expect([...contractTree.keys()].sort()).toEqual(['ecgridos-docs/README.md', 'ecgridos-docs/operations/KeySet.md']);
    expect(listPackageFiles(join(ROOT, 'packages'), ['ecgridos-docs']), 'run `npx ecgrid-codegen generate --target docs`').toEqual([...contractTree.keys()].sort());
    for (const [path, text] of contractTree) {
      expect(readFileSync(join(ROOT, 'packages', path), 'utf8'), path).toBe(text);
      expect(text).not.toContain(ROOT);
    }
    expect(existsSync(join(ROOT, 'packages', 'ecgridos-docs', 'package.json'))).toBe(false);
  });
});

describe('docs: the KeySet page has the shape of the documentation page', () => {
  it('title, description, signature, parameters, response object, example XML, enumerations, code examples, in that order', () => {
    const marks = [
      '# KeySet\n\nCreates or updates an API key for a user with a specified visibility level.\n',
      ':::caution ',
      '## Method Signature\n\n```\nKeyIDInfo KeySet(string SessionID, int UserID, KeyVisibility Visibility)\n```',
      '## Parameters\n\n| Parameter | Type | Required | Description |\n|---|---|---|---|\n',
      '## Response Object — KeyIDInfo',
      '| Field | Type | Description |\n|---|---|---|\n',
      '```xml\n<!-- Example response XML -->\n<KeyIDInfo>\n',
      '## ENUMs\n\n### KeyVisibility\n\n| Value | Description |\n|---|---|\n',
      '## Code Examples',
      '### C#\n\n```csharp\n',
      '### Java\n\n```java\n',
      '### Node.js\n\n```js\n',
      '### Python\n\n```python\n',
    ];
    let at = 0;
    for (const mark of marks) {
      const found = keySetPage.indexOf(mark, at);
      expect(found, `${JSON.stringify(mark)} after offset ${at}`).toBeGreaterThanOrEqual(0);
      at = found + mark.length;
    }
  });

  it('has the rows of the documentation page (Required as the WSDL says: SessionID is minOccurs="0")', () => {
    const seed = readFileSync(SEED, 'utf8');
    const rows = seed.split('\n').filter((line) => /^\w+ \| /.test(line));
    expect(rows.length).toBe(12); // 3 parameters, 5 response fields, 4 enumeration values
    for (const row of rows) {
      const cells = row.replace(/ \|$/, '').split(' | ');
      if (cells.length === 4 && cells[0] === 'SessionID') cells[2] = 'No';
      const expected = `| ${cells.join(' | ')} |`;
      expect(keySetPage).toContain(expected);
    }
  });

  it('the example XML is the response object with a value for every field', () => {
    const xml = onlyBlock(keySetPage, 'xml');
    expect(xml).toBe(
      '<!-- Example response XML -->\n<KeyIDInfo>\n  <KeyID>1001</KeyID>\n  <UserID>1002</UserID>\n  <Key>string</Key>\n  <Visibility>Private</Visibility>\n  <Created>2026-05-07T10:00:00</Created>\n</KeyIDInfo>\n',
    );
  });
});

describe.runIf(HAS_V41)('docs: the full v4.1 WSDL', () => {
  it('one page per operation (221) and an index linking each', () => {
    const list = pages(v41Tree);
    expect(list).toHaveLength(221);
    const index = v41Tree.get('ecgridos-api-v4-docs/README.md') ?? '';
    for (const [path] of list) expect(index).toContain(`](operations/${path.split('/').pop()})`);
  });

  it('every page has its sections and one example per language', () => {
    for (const [path, text] of pages(v41Tree)) {
      for (const mark of ['## Method Signature', '## Parameters', '## Code Examples', '### C#', '### Java', '### Node.js', '### Python']) expect(text, `${path}: ${mark}`).toContain(mark);
      for (const language of ['csharp', 'java', 'js', 'python']) expect(codeBlocks(text, language), `${path} ${language}`).toHaveLength(1);
      expect(text).toMatch(/## Response( Object — \w+|) ?/);
    }
  });
});

/** Every page's example in one language, with the page's operation name. */
function examples(tree: Map<string, string>, language: string): { name: string; code: string }[] {
  return pages(tree).map(([path, text]) => ({ name: (path.split('/').pop() ?? '').replace(/\.md$/, ''), code: onlyBlock(text, language) }));
}

const KEYSET_RESPONSE = readRepoFile('wsdl/examples/KeySet.soap11.response.xml');

describe('docs: the code examples compile, and the KeySet examples run against a local server', () => {
  let scratch = '';
  const v41: Record<string, string> = {};
  beforeAll(() => {
    scratch = makeScratch('docs');
  });
  afterAll(() => {
    if (scratch !== '') removeScratch(scratch);
  });
  const v41Package = (language: string) => (v41[language] ??= generatePackage(V41_WSDL, language, join(scratch, `generated-${language}`)));

  it('Node.js: every example type-checks under strict against the generated TypeScript SDK', async () => {
    const dir = join(scratch, 'node');
    mkdirSync(dir, { recursive: true });
    const files: string[] = [];
    for (const [set, tree] of [['contract', contractTree], ['v41', v41Tree]] as const) {
      for (const { name, code } of examples(tree, 'js')) {
        const file = join(dir, `${set}-${name}.mts`);
        writeFileSync(file, code);
        files.push(file);
      }
    }
    const paths: Record<string, string[]> = {
      '@ecgrid/ecgridos': [join(ROOT, 'packages', 'ecgridos', 'src', 'index.ts')],
      '@ecgrid/soap-runtime': [join(ROOT, 'packages', 'runtime', 'src', 'index.ts')],
    };
    if (HAS_V41) paths['@ecgrid/ecgridos-api-v4'] = [join(v41Package('typescript'), 'src', 'index.ts')];
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { strict: true, noEmit: true, module: 'esnext', moduleResolution: 'bundler', target: 'es2022', lib: ['es2022', 'dom'], types: ['node'], typeRoots: [join(ROOT, 'node_modules', '@types')], paths, skipLibCheck: true },
        files,
      }),
    );
    await mustRun(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(dir, 'tsconfig.json')]);
  }, HOOK_TIMEOUT);

  it('Node.js: the KeySet example runs against a local server', async () => {
    // Inside the repository (.vitest-tmp/ is ignored), so `@ecgrid/ecgridos` resolves to the workspace package.
    mkdirSync(join(ROOT, '.vitest-tmp'), { recursive: true });
    const dir = mkdtempSync(join(ROOT, '.vitest-tmp', 'docs-'));
    const server = await startServer(() => ({ body: KEYSET_RESPONSE }));
    try {
      writeFileSync(join(dir, 'KeySet.mjs'), onlyBlock(keySetPage, 'js'));
      const result = await mustRun(process.execPath, [join(dir, 'KeySet.mjs')], { env: { ECGRID_ENDPOINT: server.url } });
      expect(result.stdout).toContain('xyz987uvw654rst321opq098nml765kj');
      expect(server.requests).toHaveLength(1);
      expect(server.requests[0]?.body).toContain('<UserID>1</UserID>');
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('Python: the KeySet example runs; every example passes compileall and mypy --strict', async () => {
    const dir = join(scratch, 'python');
    mkdirSync(dir, { recursive: true });
    const contract = contractPackage('python');
    const keySet = join(dir, 'keyset_example.py');
    writeFileSync(keySet, onlyBlock(keySetPage, 'python'));
    const server = await startServer(() => ({ body: KEYSET_RESPONSE }));
    try {
      const result = await mustRun(PYTHON, [keySet], { env: { ...pythonEnv(contract, dir), ECGRID_ENDPOINT: server.url } });
      expect(result.stdout).toContain('xyz987uvw654rst321opq098nml765kj');
      expect(server.requests[0]?.body).toContain('<UserID>1</UserID>');
    } finally {
      await server.close();
    }
    const mypy = await runCommand('mypy', ['--version']);
    if (mypy.status !== 0) throw new Error('mypy is not available: install it (apt-get install -y mypy)');
    await mustRun('mypy', ['--strict', '--cache-dir', join(dir, 'cache-contract'), join(contract, 'src'), keySet], { env: { ...pythonEnv(contract, dir), MYPYPATH: mypyPath(contract) } });
    if (!HAS_V41) return;
    const pkg = v41Package('python');
    const v41Dir = join(dir, 'v41');
    mkdirSync(v41Dir);
    const files = examples(v41Tree, 'python').map(({ name, code }) => {
      const file = join(v41Dir, `example_${name.toLowerCase()}.py`);
      writeFileSync(file, code);
      return file;
    });
    const env = { ...pythonEnv(pkg, dir), MYPYPATH: mypyPath(pkg) };
    await mustRun(PYTHON, ['-m', 'compileall', '-q', v41Dir], { env });
    await mustRun('mypy', ['--strict', '--cache-dir', join(dir, 'cache-v41'), join(pkg, 'src'), ...files], { env });
  }, HOOK_TIMEOUT);

  it('Java: the KeySet example runs; every example compiles with javac -Xlint:all -Werror', async () => {
    const dir = join(scratch, 'java');
    mkdirSync(dir, { recursive: true });
    const contract = contractPackage('java');
    const keySet = join(dir, 'contract', 'KeySetExample.java');
    mkdirSync(join(dir, 'contract'), { recursive: true });
    writeFileSync(keySet, onlyBlock(keySetPage, 'java'));
    const classes = join(dir, 'classes-contract');
    await compileJava([...javaSources(join(contract, 'src', 'main', 'java')), keySet], classes, dir);
    const server = await startServer(() => ({ body: KEYSET_RESPONSE }));
    try {
      const result = await mustRun('java', ['-cp', withRuntime(classes), 'KeySetExample'], { env: { ECGRID_ENDPOINT: server.url } });
      expect(result.stdout).toContain('xyz987uvw654rst321opq098nml765kj');
      expect(server.requests[0]?.body).toContain('<UserID>1</UserID>');
    } finally {
      await server.close();
    }
    if (!HAS_V41) return;
    const v41Dir = join(dir, 'v41');
    mkdirSync(v41Dir);
    const files = examples(v41Tree, 'java').map(({ name, code }) => {
      const file = join(v41Dir, `${name}Example.java`);
      writeFileSync(file, code);
      return file;
    });
    await compileJava([...javaSources(join(v41Package('java'), 'src', 'main', 'java')), ...files], join(dir, 'classes-v41'), dir);
  }, HOOK_TIMEOUT);

  it.runIf(HAS_V41)('C#: every v4.1 example builds with warnings as errors (each page\'s statements as one method)', async () => {
    const dir = join(scratch, 'csharp-v41');
    mkdirSync(join(dir, 'examples'), { recursive: true });
    const project = await buildPackage(v41Package('csharp'), join(dir, 'sdk'));
    const sources: string[] = [];
    for (const { name, code } of examples(v41Tree, 'csharp')) {
      const lines = code.split('\n');
      const usings = lines.filter((l) => /^using [\w.]+;$/.test(l));
      const body = lines.filter((l) => !/^using [\w.]+;$/.test(l) && !l.startsWith('//'));
      const file = join(dir, 'examples', `${name}.cs`);
      writeFileSync(file, [...usings, '', `internal static class ${name}Example`, '{', '    public static async System.Threading.Tasks.Task Run()', '    {', ...body.map((l) => (l ? `        ${l}` : l)), '    }', '}', ''].join('\n'));
      sources.push(file);
    }
    writeFileSync(join(dir, 'examples', 'Program.cs'), 'internal static class Program { public static void Main() { } }\n');
    cpSync(join(ROOT, 'test', 'targets', 'examples', 'csharp', 'KeySetExample.csproj'), join(dir, 'csharp', 'Examples.csproj'));
    await mustRun('dotnet', ['build', join(dir, 'csharp', 'Examples.csproj'), '-c', 'Release', '-nologo', `-p:SdkProject=${project}`, '-p:ExampleSource=../examples/*.cs', '-p:UseSharedCompilation=false', feedArgument()], { env: DOTNET_ENV });
  }, HOOK_TIMEOUT);

  it('C#: the KeySet example builds with warnings as errors and runs', async () => {
    const dir = join(scratch, 'csharp');
    mkdirSync(join(dir, 'csharp'), { recursive: true });
    const project = await buildPackage(contractPackage('csharp'), join(dir, 'sdk'));
    writeFileSync(join(dir, 'KeySetExample.cs'), onlyBlock(keySetPage, 'csharp'));
    cpSync(join(ROOT, 'test', 'targets', 'examples', 'csharp', 'KeySetExample.csproj'), join(dir, 'csharp', 'KeySetExample.csproj'));
    await mustRun('dotnet', ['build', join(dir, 'csharp', 'KeySetExample.csproj'), '-c', 'Release', '-nologo', `-p:SdkProject=${project}`, '-p:UseSharedCompilation=false', feedArgument()], { env: DOTNET_ENV });
    const server = await startServer(() => ({ body: KEYSET_RESPONSE }));
    try {
      const result = await mustRun('dotnet', [join(dir, 'csharp', 'bin', 'Release', 'net10.0', 'KeySetExample.dll')], { env: { ...DOTNET_ENV, ECGRID_ENDPOINT: server.url } });
      expect(result.stdout).toContain('KeyID: 1043\nUserID: 5001\nKey: xyz987uvw654rst321opq098nml765kj\nVisibility: Shared\nCreated: 2026-05-07');
      expect(server.requests[0]?.body).toContain('<UserID>1</UserID>');
    } finally {
      await server.close();
    }
  }, HOOK_TIMEOUT);
});
