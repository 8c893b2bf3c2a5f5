/**
 * The feature fixtures of `test/fixtures/` as round-trip vectors for every language: each
 * fixture's generated samples (one per named type and per operation element, as for the v4.1 set)
 * plus its `samples/` and `invalid/` documents, with what the TypeScript runtime makes of each:
 * its output, or the code of the error it raises. A language's driver runs them in keep-going mode
 * (`TargetDriver.prepareFixtures`) and must give the same result for every vector.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseXml, SOAP11_ENVELOPE_NS, SOAP12_ENVELOPE_NS, type XmlElement } from '@ecgrid/soap-runtime';
import { buildSchemaDescriptor } from '../../../generator/src/descriptor/build-descriptor.js';
import type { Core } from '../../../generator/src/model/core.js';
import { unsupportedFeatures } from '../../../generator/src/model/features.js';
import { loadCore } from '../../../generator/src/pipeline.js';
import type { LanguageAdapter } from '../../../generator/src/view/language.js';
import { readRepoFile, ROOT } from '../../support/paths.js';
import { runVector } from './ts-driver.js';
import { schemaVectorSet, type Vector } from './vectors.js';

export interface Fixture {
  /** The folder name under `test/fixtures/`. */
  readonly name: string;
  readonly core: Core;
}

const FIXTURES_DIR = join(ROOT, 'test', 'fixtures');

/** Every fixture that loads (the import-error fixtures do not), sorted by name. */
export function loadFixtures(): Fixture[] {
  return readdirSync(FIXTURES_DIR)
    .filter((name) => existsSync(join(FIXTURES_DIR, name, `${name}.wsdl`)))
    .sort()
    .flatMap((name) => {
      const path = `test/fixtures/${name}/${name}.wsdl`;
      const loaded = loadCore(path, readRepoFile(path));
      return loaded.ok ? [{ name, core: loaded.core }] : [];
    });
}

/** Whether a language supports every feature a fixture uses (so it must generate and agree). */
export function supports(language: LanguageAdapter, fixture: Fixture): boolean {
  return unsupportedFeatures(fixture.core, language).length === 0;
}

/** A fixture's package namespace for a language that compiles several fixtures together. */
export function fixtureNamespace(prefix: string, name: string, separator = '.'): string {
  return `${prefix}${separator}${name.replace(/-/g, '_')}`;
}

export interface FixtureVectors {
  readonly name: string;
  /** The manifest to pass to the driver. */
  readonly manifest: string;
  /** Per vector name: `ok <output>` or `error <code>`, as the TypeScript runtime does it. */
  readonly expected: ReadonlyMap<string, string>;
}

/**
 * Writes a fixture's vectors into `dir` and computes the TypeScript result of each: the generated
 * samples (`schema.*`, always decodable) and the documents of `samples/` and `invalid/` whose root
 * (or SOAP Body's first element) is a global element (`samples.*`, `invalid.*`).
 */
export function fixtureVectors(fixture: Fixture, dir: string): FixtureVectors {
  const schema = buildSchemaDescriptor(fixture.core);
  const vectors: Vector[] = [];
  const expected = new Map<string, string>();
  mkdirSync(dir, { recursive: true });
  const add = (vector: Vector, text: string) => {
    writeFileSync(join(dir, vector.input), text);
    vectors.push(vector);
    try {
      expected.set(vector.name, `ok ${runVector(schema, vector, text)}`);
    } catch (error) {
      expected.set(vector.name, `error ${String((error as { code?: unknown }).code ?? error)}`);
    }
  };
  const generated = schemaVectorSet(fixture.core, fixture.name);
  for (const vector of generated.manifest.vectors) {
    const text = generated.files.get(vector.input);
    if (text === undefined) throw new Error(`bug: vector ${vector.name} has no input`);
    add(
      {
        ...vector,
        name: `schema.${vector.name}`,
        input: `schema.${vector.input}`,
        expected: `schema.${vector.expected}`,
      },
      text,
    );
  }
  for (const folder of ['samples', 'invalid']) {
    const from = join(FIXTURES_DIR, fixture.name, folder);
    if (!existsSync(from)) continue;
    for (const file of readdirSync(from)
      .filter((f) => f.endsWith('.xml'))
      .sort()) {
      const text = readFileSync(join(from, file), 'utf8');
      const root = rootOf(text);
      if (root === undefined || !Object.hasOwn(schema.elements, root.id)) continue;
      add(
        {
          name: `${folder}.${file.replace(/\.xml$/, '')}`,
          kind: root.kind,
          root: { kind: 'element', id: root.id, ns: root.ns, local: root.local },
          input: `${folder}.${file}`,
          expected: `${folder}.${file}`,
          decode: { namespaces: 'strict' },
          encode: { qualified: true, indent: root.kind === 'envelope' ? '  ' : null },
        },
        text,
      );
    }
  }
  const manifest = join(dir, 'vectors.json');
  writeFileSync(
    manifest,
    `${JSON.stringify({ set: `fixture-${fixture.name}`, source: fixture.core.source, vectors }, null, 2)}\n`,
  );
  return { name: fixture.name, manifest, expected };
}

/** The element a document holds (a SOAP envelope's Body's first element), if it parses. */
function rootOf(text: string): { kind: 'document' | 'envelope'; id: string; ns: string; local: string } | undefined {
  let element: XmlElement;
  let kind: 'document' | 'envelope' = 'document';
  try {
    element = parseXml(text).root;
  } catch {
    return undefined;
  }
  if (element.local === 'Envelope' && (element.ns === SOAP11_ENVELOPE_NS || element.ns === SOAP12_ENVELOPE_NS)) {
    kind = 'envelope';
    const body = element.children.find((c) => c.kind === 'element' && c.local === 'Body');
    const first = body?.kind === 'element' ? body.children.find((c) => c.kind === 'element') : undefined;
    if (first?.kind !== 'element') return undefined;
    element = first;
  }
  return {
    kind,
    id: element.ns === '' ? element.local : `{${element.ns}}${element.local}`,
    ns: element.ns,
    local: element.local,
  };
}

/** What a keep-going driver wrote for a vector: `ok <output>`, `error <code>`, or `nothing`. */
export function readResult(outDir: string, name: string): string {
  if (existsSync(join(outDir, `${name}.xml`))) return `ok ${readFileSync(join(outDir, `${name}.xml`), 'utf8')}`;
  if (existsSync(join(outDir, `${name}.error`))) return `error ${readFileSync(join(outDir, `${name}.error`), 'utf8')}`;
  return 'nothing';
}

/** The vectors whose result differs from TypeScript's, one line each. */
export function compareFixtureResults(language: string, vectors: FixtureVectors, outDir: string): string[] {
  const problems: string[] = [];
  for (const [name, expected] of vectors.expected) {
    const actual = readResult(outDir, name);
    if (actual !== expected)
      problems.push(`${vectors.name}/${name}: ${language} ${clip(actual)} | typescript ${clip(expected)}`);
  }
  return problems;
}

function clip(text: string): string {
  return text.length > 300 ? `${text.slice(0, 300)}...` : text;
}
