/**
 * The docs pages drop into a Docusaurus site: a minimal site of its own (test/docs/site/, its own
 * package.json and lock, installed here with `npm ci` so the root install stays light) is built
 * from the pages the generator renders, once for wsdl/ECGridOS.wsdl and once for the full v4.1
 * WSDL, and the KeySet page is opened in headless Chromium (Debian's `chromium`, driven by
 * puppeteer-core from the site's workspace): its signature, tables, errors and code example are
 * read from each language tab after a click on it, as a reader sees them, and checked against the
 * generated SDKs and runtimes they describe.
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderRepoTree } from '../support/generate.js';
import { CONTRACT_WSDL, CORPUS, ROOT } from '../support/paths.js';
import { V41_WSDL } from '../targets/support/packages.js';
import { mustRun } from '../targets/support/run.js';

const SITE = join(ROOT, 'test', 'docs', 'site');
const SEED = join(ROOT, '..', 'shared', 'seeds', 'KeySet.txt');
const HAS_V41 = existsSync(join(CORPUS, 'ECGridOS-v4.1.wsdl'));
const BUILD_TIMEOUT = 900_000;
const LABELS = ['C#', 'Java', 'Node.js', 'Python'];

interface Section {
  readonly panels: number;
  readonly text: string;
  readonly code: readonly string[];
  readonly rows: readonly (readonly string[])[];
  readonly selected?: readonly string[];
}

/** What `check-page.mjs` saw in the browser. */
interface PageFacts {
  readonly status: number;
  readonly errors: readonly string[];
  readonly labels: readonly string[];
  readonly tabs: Readonly<Record<string, Readonly<Record<string, Section>>>>;
  readonly title: string;
  readonly h1: string;
  readonly caution: string;
  readonly articleText: string;
  readonly sidebar: readonly string[];
  readonly description: string;
}

/** Debian's Chromium, found on the PATH; the test fails (never skips) without it. */
function chromium(): string {
  const path = (process.env.PATH ?? '')
    .split(delimiter)
    .map((dir) => join(dir, 'chromium'))
    .find((file) => existsSync(file));
  if (path === undefined)
    throw new Error(
      "chromium is not installed: run .ci/install-tools (it installs Debian's chromium package), or apt-get install -y chromium",
    );
  return path;
}

/** The site's own install, from its lock, when it is missing or not the locked one. */
async function installSite(): Promise<void> {
  const lock = JSON.parse(readFileSync(join(SITE, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { version?: string }>;
  };
  const installed = (name: string) => {
    const file = join(SITE, 'node_modules', name, 'package.json');
    return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version : undefined;
  };
  const current = [
    '@docusaurus/core',
    '@docusaurus/faster',
    '@docusaurus/theme-classic',
    'puppeteer-core',
    'react',
  ].every((name) => installed(name) === lock.packages[`node_modules/${name}`]?.version);
  if (!current) await mustRun('npm', ['ci', '--prefix', SITE, '--no-audit', '--no-fund'], { timeoutMs: BUILD_TIMEOUT });
}

/** Writes a rendered docs tree's package folder to `dir` and returns the folder of the pages. */
function writePages(tree: ReadonlyMap<string, string>, dir: string): string {
  mkdirSync(dir, { recursive: true });
  let pages = '';
  for (const [path, text] of tree) {
    const file = join(dir, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    if (path.endsWith('/sidebars.js')) pages = dirname(file);
  }
  if (pages === '') throw new Error('the docs tree has no sidebars.js');
  return pages;
}

/**
 * Builds a site (a folder of its own under test/docs/site/.build/, so builds never share
 * Docusaurus' generated files) with the pages in `pages` as its docs; returns the built folder.
 */
async function buildSite(name: string, pages: string): Promise<string> {
  mkdirSync(join(SITE, '.build'), { recursive: true });
  const siteDir = mkdtempSync(join(SITE, '.build', `${name}-`));
  cpSync(join(SITE, 'docusaurus.config.mjs'), join(siteDir, 'docusaurus.config.mjs'));
  // No minifying: the test reads the pages, and minifying is most of the build time of the 221 v4.1 pages.
  await mustRun(
    join(SITE, 'node_modules', '.bin', 'docusaurus'),
    ['build', '--no-minify', '--out-dir', join(siteDir, 'out'), siteDir],
    {
      cwd: SITE,
      env: { ECGRID_DOCS_DIR: pages },
      timeoutMs: BUILD_TIMEOUT,
    },
  );
  return join(siteDir, 'out');
}

async function openPage(built: string, path: string): Promise<PageFacts> {
  const result = await mustRun(process.execPath, [join(SITE, 'check-page.mjs'), built, path, chromium()], {
    cwd: SITE,
    timeoutMs: 300_000,
  });
  return JSON.parse(result.stdout) as PageFacts;
}

/** The fenced blocks of a page in one language, as the page's source has them. */
function codeBlocks(mdx: string, language: string): string[] {
  return [...mdx.matchAll(/^```(\w*)\n([\s\S]*?)\n^```$/gm)].filter((m) => m[1] === language).map((m) => m[2] ?? '');
}

/** Every file under a folder with one of the extensions. */
function sourceFiles(dir: string, extensions: readonly string[]): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) {
      if (!['node_modules', 'bin', 'obj', 'target', 'dist', 'tests', 'test', '__pycache__'].includes(entry))
        out.push(...sourceFiles(full, extensions));
    } else if (extensions.some((e) => entry.endsWith(e))) out.push(full);
  }
  return out;
}

/** Per tab: the SDK package, the runtime library and the language's source files. */
const SDKS: Record<
  string,
  {
    readonly fence: string;
    readonly sdk: string;
    readonly runtime: string;
    readonly ext: string;
    readonly call: string;
  }
> = {
  'C#': {
    fence: 'csharp',
    sdk: 'packages/ecgridos-csharp',
    runtime: 'packages/runtime-csharp/src',
    ext: '.cs',
    call: 'await client.KeySetAsync(',
  },
  Java: {
    fence: 'java',
    sdk: 'packages/ecgridos-java/src',
    runtime: 'packages/runtime-java/src/main',
    ext: '.java',
    call: 'port.KeySet(',
  },
  'Node.js': {
    fence: 'js',
    sdk: 'packages/ecgridos/src',
    runtime: 'packages/runtime/src',
    ext: '.ts',
    call: 'await client.KeySet({',
  },
  Python: {
    fence: 'python',
    sdk: 'packages/ecgridos-python/src',
    runtime: 'packages/runtime-python/src',
    ext: '.py',
    call: 'client.service.KeySet(',
  },
};

/** The types each SDK declares for KeySet's parameters and KeyIDInfo's fields (its own sources say so too). */
const TYPES: Record<
  string,
  {
    readonly parameters: readonly string[];
    readonly fields: readonly string[];
    readonly member: (value: string) => string;
  }
> = {
  'C#': {
    parameters: ['string?', 'int', 'KeyVisibility'],
    fields: ['int', 'int', 'string', 'KeyVisibility', 'XsdDateTime'],
    member: (v) => `KeyVisibility.${v}`,
  },
  Java: {
    parameters: ['String', 'int', 'KeyVisibility'],
    fields: ['int', 'int', 'String', 'KeyVisibility', 'XsdDateTime'],
    member: (v) => `KeyVisibility.${v.toUpperCase()}`,
  },
  'Node.js': {
    parameters: ['string', 'number', 'KeyVisibility'],
    fields: ['number', 'number', 'string', 'KeyVisibility', 'XsdDateTime'],
    member: (v) => `KeyVisibility.${v}`,
  },
  Python: {
    parameters: ['str | None', 'int', 'KeyVisibility'],
    fields: ['int', 'int', 'str', 'KeyVisibility', 'XsdDateTime'],
    member: (v) => `KeyVisibility.${v}`,
  },
};

const contractTree = renderRepoTree(CONTRACT_WSDL, 'docs');
const keySetSource = contractTree.get('ecgridos-docs/operations/KeySet.mdx') ?? '';

describe('docs: a Docusaurus site built from the generated pages, read in headless Chromium', () => {
  const scratch: string[] = [];
  let keySet: PageFacts;
  let built = '';

  beforeAll(async () => {
    chromium();
    await installSite();
    mkdirSync(join(SITE, '.build'), { recursive: true });
    const dir = mkdtempSync(join(SITE, '.build', 'pages-'));
    scratch.push(dir);
    built = await buildSite('contract', writePages(contractTree, dir));
    scratch.push(dirname(built));
    keySet = await openPage(built, '/operations/KeySet');
  }, BUILD_TIMEOUT);

  afterAll(() => {
    for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
  });

  it("the KeySet page renders: its title, description, a caution admonition (no literal :::), the sidebar file's entries", () => {
    expect(keySet.status).toBe(200);
    expect(keySet.errors).toEqual([]);
    expect(keySet.h1).toBe('KeySet');
    expect(keySet.title).toMatch(/^KeySet \|/);
    expect(keySet.description).toBe('Creates or updates an API key for a user with a specified visibility level.');
    expect(keySet.caution).toMatch(
      /^caution\s+ECGridOS SOAP API: the documented contract of the KeySet operation\. Established API: the SOAP API is in maintenance mode\./i,
    );
    expect(keySet.articleText).not.toContain(':::');
    expect(keySet.sidebar).toEqual(expect.arrayContaining(['Overview', 'Operations', 'KeySet']));
    expect(existsSync(join(built, 'index.html')), 'the index page (README.md)').toBe(true);
  });

  it('one tab per SDK language; a click on one switches every section of the page to it', () => {
    expect(keySet.labels).toEqual(LABELS);
    for (const label of LABELS) {
      const sections = keySet.tabs[label] ?? {};
      expect(Object.keys(sections)).toEqual([
        'Method Signature',
        'Parameters',
        'Response Object — KeyIDInfo',
        'ENUMs',
        'Errors and faults',
        'Code Examples',
      ]);
      for (const [name, section] of Object.entries(sections)) {
        expect(section.selected, `${label}: ${name}`).toEqual([label]);
        expect(section.panels, `${label}: ${name} shows one panel`).toBe(1);
      }
    }
  });

  it("each tab's signature is the method as that SDK declares it (found in its generated sources)", () => {
    const shown = Object.fromEntries(LABELS.map((label) => [label, keySet.tabs[label]?.['Method Signature']?.code]));
    expect(shown).toEqual({
      'C#': [
        'Task<KeyIDInfo> KeySetAsync(string? sessionID, int userID, KeyVisibility visibility, CancellationToken cancellationToken = default)',
      ],
      Java: ['KeyIDInfo KeySet(String sessionID, int userID, KeyVisibility visibility)'],
      'Node.js': ['KeySet(input: KeySet, options?: CallOptions): Promise<KeyIDInfo>'],
      Python: [
        'def KeySet(self, *, SessionID: str | None = None, UserID: int, Visibility: KeyVisibility | Literal["Private", "Shared", "Public", "Session"], timeout: float | None = None) -> KeyIDInfo',
      ],
    });
    for (const label of LABELS) {
      const { sdk, ext } = SDKS[label]!;
      const sources = sourceFiles(join(ROOT, sdk), [ext])
        .map((f) => readFileSync(f, 'utf8').replace(/\bmodels\./g, ''))
        .join('\n');
      expect(sources, `${label}: ${sdk} declares the signature`).toContain(shown[label]?.[0]);
    }
  });

  it("the parameters, response and enumeration tables have the documentation page's rows, with each SDK's types and members", () => {
    const seed = readFileSync(SEED, 'utf8')
      .split('\n')
      .filter((line) => /^\w+ \| /.test(line))
      .map((line) => line.replace(/ \|$/, '').split(' | '));
    const parameters = seed.filter((cells) => cells.length === 4);
    const fields = seed
      .filter((cells) => cells.length === 3 && ['KeyID', 'UserID', 'Key', 'Visibility', 'Created'].includes(cells[0]!))
      .slice(0, 5);
    const values = seed.filter((cells) => cells.length === 2);
    expect([parameters.length, fields.length, values.length]).toEqual([3, 5, 4]);
    for (const label of LABELS) {
      const tab = keySet.tabs[label]!;
      const types = TYPES[label]!;
      // Required as the WSDL says: SessionID is minOccurs="0".
      expect(tab.Parameters?.rows).toEqual([
        ['Parameter', 'Type', 'Required', 'Description'],
        ...parameters.map(([name, , required, doc], i) => [
          name,
          types.parameters[i],
          name === 'SessionID' ? 'No' : required,
          doc,
        ]),
      ]);
      expect(tab['Response Object — KeyIDInfo']?.rows).toEqual([
        ['Field', 'Type', 'Description'],
        ...fields.map(([name, , doc], i) => [name, types.fields[i], doc]),
      ]);
      expect(tab.ENUMs?.rows).toEqual([
        ['Value', 'Member', 'Description'],
        ...values.map(([value, doc]) => [value, types.member(value!), doc]),
      ]);
    }
  });

  it('the example response XML is shown under the response object', () => {
    const section = keySet.tabs['C#']?.['Response Object — KeyIDInfo'];
    expect(section?.code).toEqual([codeBlocks(keySetSource, 'xml')[0]]);
    expect(section?.code[0]).toContain('<KeyIDInfo>\n  <KeyID>1001</KeyID>');
  });

  it("each tab's errors are classes its runtime library declares", () => {
    for (const label of LABELS) {
      const { runtime, ext } = SDKS[label]!;
      const rows = keySet.tabs[label]?.['Errors and faults']?.rows ?? [];
      expect(rows[0]).toEqual(['Error', 'When']);
      expect(rows[1]?.[1]).toMatch(/^the service answered with a SOAP Fault/);
      const names = rows.slice(1).flatMap((row) => (row[0] ?? '').split(', '));
      expect(names.length).toBeGreaterThanOrEqual(5);
      const sources = sourceFiles(join(ROOT, runtime), [ext])
        .map((f) => readFileSync(f, 'utf8'))
        .join('\n');
      for (const name of names)
        expect(sources, `${label}: ${runtime} declares ${name}`).toMatch(new RegExp(`\\bclass ${name}\\b`));
    }
  });

  it('each tab shows its own code example, the one the page holds (which docs.test.ts compiles and runs)', () => {
    for (const label of LABELS) {
      const { fence, call } = SDKS[label]!;
      const code = keySet.tabs[label]?.['Code Examples']?.code ?? [];
      expect(code, label).toEqual(codeBlocks(keySetSource, fence).slice(-1));
      expect(code[0], label).toContain(call);
    }
  });
});

describe.runIf(HAS_V41)('docs: the v4.1 pages build into a site too', () => {
  const scratch: string[] = [];
  afterAll(() => {
    for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
  });

  it(
    'every page is built (221 operations and the index), and documentation holding HTML reads as text',
    async () => {
      chromium();
      await installSite();
      const tree = renderRepoTree(V41_WSDL, 'docs');
      mkdirSync(join(SITE, '.build'), { recursive: true });
      const dir = mkdtempSync(join(SITE, '.build', 'pages-'));
      scratch.push(dir);
      const built = await buildSite('v41', writePages(tree, dir));
      scratch.push(dirname(built));
      const operations = [...tree.keys()]
        .filter((p) => p.endsWith('.mdx'))
        .map((p) =>
          p
            .split('/')
            .pop()!
            .replace(/\.mdx$/, ''),
        );
      expect(operations).toHaveLength(221);
      for (const name of operations) expect(existsSync(join(built, 'operations', name, 'index.html')), name).toBe(true);
      expect(existsSync(join(built, 'index.html'))).toBe(true);

      // The WSDL's own documentation is HTML (`<b>ECGridOS™</b> ... <a href=... target=_blank>`).
      const page = await openPage(built, '/operations/CallBackAddEx');
      expect(page.errors).toEqual([]);
      expect(page.h1).toBe('CallBackAddEx');
      expect(page.caution).toContain('<b>ECGridOS™</b> is a comprehensive API operating system');
      expect(page.labels).toEqual(LABELS);
      for (const label of LABELS)
        expect(page.tabs[label]?.['Code Examples']?.code[0], label).toContain('CallBackAddEx');
    },
    BUILD_TIMEOUT,
  );
});
