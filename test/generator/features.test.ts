import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SoapFaultError, decodeElement, decodeEnvelope, encodeElement, parseXml } from '@ecgrid/soap-runtime';
import type { XmlElement } from '@ecgrid/soap-runtime';
import { buildSchemaDescriptor } from '../../generator/src/descriptor/build-descriptor.js';
import { findLanguage, languageNames } from '../../generator/src/languages.js';
import { unsupportedFeatures } from '../../generator/src/model/features.js';
import { loadCore, renderTree } from '../../generator/src/pipeline.js';
import type { Core } from '../../generator/src/model/core.js';
import { extractSchemas, validateXml } from '../support/libxml2.js';
import { ROOT, readRepoFile } from '../support/paths.js';

/**
 * The capability table in README.md is the contract: every feature it lists as supported goes
 * through the whole pipeline on its fixture (core, TypeScript types that type-check, codec round
 * trip of every sample, libxml2 validation of what we write); "partial" features generate with
 * their limits reported; "reported" ones are refused or warned about with a position.
 */
type Cell = 'supported' | 'not yet' | 'reported';

interface Row {
  readonly feature: string;
  readonly fixture: string;
  /** By language name, in the table's column order. */
  readonly cells: ReadonlyMap<string, Cell>;
  /** The TypeScript cell: what the tests below hold the TypeScript pipeline to. */
  readonly status: Cell;
}

/** The table's language columns, by heading. */
const COLUMNS: Readonly<Record<string, string>> = {
  TypeScript: 'typescript',
  'C#': 'csharp',
  Java: 'java',
  Python: 'python',
};

function capabilityTable(): { header: string[]; rows: Row[]; lines: string[] } {
  const readme = readRepoFile('README.md');
  const section = readme.slice(readme.indexOf('## XML Schema and WSDL support'));
  const lines = section.split('\n');
  const headerLine = lines.find((l) => l.startsWith('| feature | fixture |')) ?? '';
  const header = headerLine
    .split('|')
    .slice(3, -1)
    .map((c) => c.trim());
  const rows: Row[] = [];
  for (const line of lines) {
    const m = /^\| (.+?) \| `test\/fixtures\/([a-z0-9-]+)\/` \| (.+) \|$/.exec(line);
    if (!m) continue;
    const values = (m[3] ?? '').split(' | ') as Cell[];
    const cells = new Map(header.map((h, i) => [COLUMNS[h] ?? h, values[i] as Cell]));
    rows.push({ feature: m[1] ?? '', fixture: m[2] ?? '', cells, status: cells.get('typescript') ?? 'reported' });
  }
  return { header, rows, lines: lines.filter((l) => /^\| .+? \| `test\/fixtures\//.test(l)) };
}

const FIXTURES = join(ROOT, 'test', 'fixtures');
const typescript = findLanguage('typescript');

function load(fixture: string) {
  const path = `test/fixtures/${fixture}/${fixture}.wsdl`;
  return {
    path,
    result: loadCore(path, readRepoFile(path), {
      readFile: (p) => (existsSync(join(ROOT, p)) ? readFileSync(join(ROOT, p), 'utf8') : undefined),
    }),
  };
}

function samples(fixture: string): string[] {
  const dir = join(FIXTURES, fixture, 'samples');
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.xml'))
        .sort()
    : [];
}

/** The global element a sample's root is, found by its namespace and name. */
function elementId(core: Core, root: { ns: string; local: string }): string {
  const element = core.elements.find((e) => e.namespace === root.ns && e.name === root.local);
  if (!element) throw new Error(`no global element {${root.ns}}${root.local}`);
  return element.id;
}

/** The body's element of an envelope, or for a Fault the element inside its detail. */
function envelopeContent(text: string): XmlElement {
  try {
    return decodeEnvelope(text).body;
  } catch (error) {
    if (!(error instanceof SoapFaultError)) throw error;
    const detail = error.detail?.children.find((c): c is XmlElement => c.kind === 'element');
    if (!detail) throw new Error('a fault sample without a detail element');
    return detail;
  }
}

/**
 * A decoded value without what kept XML (xs:any, xs:anyType) records of its text rather than its
 * content: source offsets, and which ancestor declared a namespace (the writer declares what each
 * kept element needs on it). Names, namespaces, attributes and text are compared.
 */
function withoutOffsets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutOffsets);
  if (typeof value !== 'object' || value === null || value instanceof Uint8Array) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== 'offset' && key !== 'declarations' && key !== 'scope')
      .map(([key, v]) => [key, withoutOffsets(v)]),
  );
}

const table = capabilityTable();
const rows = table.rows;

/** What a cell must say: from the language's feature list and the features the fixture uses. */
function expectedCell(language: string, fixture: string, status: Cell): Cell {
  if (status === 'reported') return 'reported';
  const adapter = findLanguage(language);
  const { result } = load(fixture);
  if (adapter === undefined || !result.ok) return 'reported';
  return unsupportedFeatures(result.core, adapter).length === 0 ? 'supported' : 'not yet';
}

describe('the capability table', () => {
  it('lists every fixture folder exactly once', () => {
    const folders = readdirSync(FIXTURES, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    expect(rows.map((r) => r.fixture).sort()).toEqual(folders);
    expect(rows.length).toBeGreaterThan(15);
  });

  it('has one column per registered language', () => {
    expect(table.header.map((h) => COLUMNS[h])).toEqual(languageNames());
  });

  it('says for every language what its feature list makes it do on every fixture (printed as it should be when not)', () => {
    const expected = rows.map((row) => {
      const cells = languageNames().map((language) => expectedCell(language, row.fixture, row.status));
      return `| ${row.feature} | \`test/fixtures/${row.fixture}/\` | ${cells.join(' | ')} |`;
    });
    if (process.env.UPDATE_CAPABILITIES === '1') {
      // Rewrites the table's rows in README.md; review the diff.
      const readme = readRepoFile('README.md');
      let i = 0;
      writeFileSync(
        join(ROOT, 'README.md'),
        readme.replace(/^\| .+? \| `test\/fixtures\/[a-z0-9-]+\/` \| .+ \|$/gm, () => expected[i++] ?? ''),
      );
      return;
    }
    expect(table.lines.join('\n'), 'UPDATE_CAPABILITIES=1 rewrites the table').toBe(expected.join('\n'));
  });
});

describe.each(rows)('$feature ($fixture): $status', ({ fixture, status }) => {
  if (status === 'not yet') throw new Error(`${fixture}: TypeScript must support every feature`);
  if (status === 'reported') {
    it('is refused or warned about with a file:line position', () => {
      const { result } = load(fixture);
      const reported = result.diagnostics.filter(
        (d) => d.origin && d.origin.line > 0 && d.origin.file.startsWith('test/fixtures/'),
      );
      expect(reported.length, JSON.stringify(result.diagnostics)).toBeGreaterThan(0);
    });
    return;
  }

  it('loads into the core without errors', () => {
    const { result } = load(fixture);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.ok).toBe(true);
    // Supported means nothing of it is skipped or merely warned about.
    if (status === 'supported') expect(result.diagnostics).toEqual([]);
  });

  it('renders TypeScript that type-checks under strict', async () => {
    const { result } = load(fixture);
    if (!result.ok || !typescript?.typecheck) throw new Error('cannot load');
    const files = renderTree(result.core, typescript);
    expect(await typescript.typecheck(files, join(ROOT, 'packages'))).toEqual([]);
  }, 60_000);

  const names = samples(fixture);
  if (names.length === 0) return;
  it.each(names)('sample %s: decodes, encodes to schema-valid XML, decodes back equal', (name) => {
    const { result } = load(fixture);
    if (!result.ok) throw new Error('cannot load');
    const schema = buildSchemaDescriptor(result.core);
    const text = readFileSync(join(FIXTURES, fixture, 'samples', name), 'utf8');
    const document = parseXml(text);
    const isEnvelope = document.root.local === 'Envelope';
    const node = isEnvelope ? envelopeContent(text) : document.root;
    const id = elementId(result.core, { ns: node.ns, local: node.local });
    const value = decodeElement(schema, id, node);
    const xml = encodeElement(schema, id, value);
    expect(withoutOffsets(decodeElement(schema, id, parseXml(xml).root))).toEqual(withoutOffsets(value));
    if (!isEnvelope && result.core.elements.find((e) => e.id === id)?.synthesized === undefined) {
      const wsdl = readRepoFile(`test/fixtures/${fixture}/${fixture}.wsdl`);
      const xsd = extractSchemas(wsdl).find((s) => s.targetNamespace === node.ns);
      if (xsd) {
        // Schemas the WSDL imports from files beside it travel with it.
        const dir = join(FIXTURES, fixture);
        const local = Object.fromEntries(
          readdirSync(dir)
            .filter((f) => f.endsWith('.xsd'))
            .map((f) => [f, readFileSync(join(dir, f), 'utf8')]),
        );
        expect(validateXml(xsd.text, xml, { files: { ...local, ...xsd.files } }).errors).toEqual([]);
      }
    }
  });
});
