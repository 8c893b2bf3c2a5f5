import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allLanguages } from '../../generator/src/languages.js';
import { FEATURE_NAMES, featureUses, unsupportedFeatures, type Feature } from '../../generator/src/model/features.js';
import { renderTree, UnsupportedFeatureError } from '../../generator/src/pipeline.js';
import { loadFixtures } from '../targets/support/fixtures.js';
import { ROOT } from '../support/paths.js';

/**
 * The policy for what a target does not support yet: decided from the typed core before
 * rendering, reported at the construct in the WSDL or XSD, never a template error.
 */
const fixtures = loadFixtures();

/** The start tags a feature's use may point at. */
const TAGS: Record<Feature, readonly string[]> = {
  derivation: ['complexType'],
  abstract: ['complexType', 'element'],
  choice: ['choice'],
  'nested-sequence': ['sequence'],
  all: ['complexType'],
  'simple-content': ['complexType'],
  list: ['simpleType'],
  union: ['simpleType'],
  'default-fixed': ['element', 'attribute'],
  nillable: ['element'],
  mixed: ['complexType'],
  any: ['any', 'element'],
  'substitution-group': ['element'],
  'rpc-literal': ['operation'],
  'rpc-encoded': ['operation'],
  'soap-array': ['complexType'],
  'soap-header': ['operation'],
  'fault-detail': ['operation'],
  'one-way': ['operation'],
  'any-attribute': ['anyAttribute'],
};

describe('featureUses', () => {
  it('points every use at the start tag of its construct, in the file that declares it', () => {
    const lines = new Map<string, string[]>();
    const problems: string[] = [];
    let count = 0;
    for (const fixture of fixtures) {
      for (const use of featureUses(fixture.core)) {
        count++;
        const file = use.origin.file;
        if (!lines.has(file)) lines.set(file, readFileSync(join(ROOT, file), 'utf8').split('\n'));
        const text = (lines.get(file) ?? [])[use.origin.line - 1]?.slice(use.origin.column - 1) ?? '';
        const tag = /^<(?:[\w.-]+:)?([\w.-]+)/.exec(text)?.[1];
        if (tag === undefined || !TAGS[use.feature].includes(tag))
          problems.push(
            `${file}:${use.origin.line}:${use.origin.column}: ${use.feature} at ${JSON.stringify(text.slice(0, 40))}`,
          );
      }
    }
    expect(count).toBeGreaterThan(50);
    expect(problems).toEqual([]);
  });

  it('every feature is used by at least one fixture, so the capability table rests on a fixture per row', () => {
    const used = new Set(fixtures.flatMap((f) => featureUses(f.core).map((u) => u.feature)));
    expect(FEATURE_NAMES.filter((f) => !used.has(f))).toEqual([]);
  });

  it('finds what each feature fixture is named for', () => {
    const expected: Record<string, Feature> = {
      'abstract-type': 'abstract',
      all: 'all',
      choice: 'choice',
      'complex-extension': 'derivation',
      'complex-restriction': 'derivation',
      'default-fixed': 'default-fixed',
      'list-and-union': 'list',
      'mixed-content': 'mixed',
      nillable: 'nillable',
      'one-way': 'one-way',
      'rpc-encoded': 'rpc-encoded',
      'rpc-literal': 'rpc-literal',
      'simple-content': 'simple-content',
      'soap-header': 'soap-header',
      'substitution-group': 'substitution-group',
      'fault-detail': 'fault-detail',
    };
    for (const [name, feature] of Object.entries(expected)) {
      const fixture = fixtures.find((f) => f.name === name);
      expect(fixture, name).toBeDefined();
      expect(
        featureUses(fixture?.core ?? ({} as never)).map((u) => u.feature),
        name,
      ).toContain(feature);
    }
  });
});

describe('unsupportedFeatures and renderTree', () => {
  const typescript = allLanguages().find((l) => l.name === 'typescript');
  if (typescript === undefined) throw new Error('typescript is not registered');
  const choice = fixtures.find((f) => f.name === 'choice');
  if (choice === undefined) throw new Error('the choice fixture did not load');

  it('a language that lacks a feature gets positioned unsupported-feature errors, and nothing is rendered', () => {
    const limited = {
      ...typescript,
      name: 'limited',
      features: FEATURE_NAMES.filter((f) => f !== 'choice' && f !== 'nested-sequence'),
    };
    const diagnostics = unsupportedFeatures(choice.core, limited);
    expect(diagnostics.length).toBeGreaterThan(3);
    for (const d of diagnostics) {
      expect(d).toMatchObject({ code: 'unsupported-feature', severity: 'error' });
      expect(d.origin?.file).toBe('test/fixtures/choice/choice.wsdl');
      expect(d.message).toMatch(
        /^the limited target does not support (xs:choice|nested xs:sequence \(optional, repeated or a choice option\)) yet: the (choice|nested sequence) \w+ of \w+$/,
      );
    }
    let thrown: unknown;
    try {
      renderTree(choice.core, limited);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(UnsupportedFeatureError);
    expect((thrown as UnsupportedFeatureError).message).toMatch(
      /^test\/fixtures\/choice\/choice\.wsdl:\d+:\d+: the limited target does not support xs:choice yet/m,
    );
  });

  it('reports at most the limit, then one line with how many more', () => {
    const none = { name: 'none', features: [] };
    const all = fixtures.flatMap((f) => unsupportedFeatures(f.core, none, 1000));
    expect(all.length).toBeGreaterThan(25);
    const capped = fixtures.map((f) => unsupportedFeatures(f.core, none, 2)).find((d) => d.length === 3);
    expect(capped?.[2]?.message).toMatch(/^the none target: \d+ more uses of features it does not support yet \(.+\)$/);
    expect(capped?.[2]?.origin).toBeUndefined();
  });

  it('a language that supports every feature a fixture uses renders it', () => {
    expect(() => renderTree(choice.core, typescript)).not.toThrow();
  });
});
