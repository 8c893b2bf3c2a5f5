import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSchemaDescriptor } from '../../generator/src/descriptor/build-descriptor.js';
import { findLanguage, languageNames } from '../../generator/src/languages.js';
import { loadRepoCore } from '../support/generate.js';
import { CONTRACT_WSDL } from '../support/paths.js';
import { compareLanguages, compareWithExpected, summarize } from './support/compare.js';
import { loadDrivers } from './support/drivers.js';
import {
  compareFixtureResults,
  fixtureVectors,
  loadFixtures,
  supports,
  type FixtureVectors,
} from './support/fixtures.js';
import { makeScratch, manifestForSet, packageForSet, removeScratch, SET_NAMES, V41_WSDL } from './support/packages.js';
import { runTypeScriptDriver } from './support/ts-driver.js';

/**
 * Four SDKs, one wire format: every registered language's driver decodes and re-encodes the
 * same vectors, and all outputs must be byte-identical to the expected files and to each other.
 * TypeScript (the runtime) is the reference and always runs.
 */
const drivers = await loadDrivers();
const scratch = makeScratch('agreement');
afterAll(() => removeScratch(scratch));

it('every registered language has a round-trip driver in test/targets/support/drivers/', () => {
  const withDriver = new Set(['typescript', ...drivers.map((d) => d.language)]);
  expect(languageNames().filter((name) => !withDriver.has(name))).toEqual([]);
  expect(drivers.map((d) => d.language).filter((name) => !languageNames().includes(name))).toEqual([]);
});

for (const set of SET_NAMES) {
  describe(`vector set ${set}`, () => {
    const outputs = new Map<string, string>();
    const failures = new Map<string, string>();
    let manifest = '';

    beforeAll(async () => {
      manifest = manifestForSet(set, scratch);
      const reference = join(scratch, `out-${set}-typescript`);
      runTypeScriptDriver(
        buildSchemaDescriptor(loadRepoCore(set === 'contract' ? CONTRACT_WSDL : V41_WSDL)),
        manifest,
        reference,
      );
      outputs.set('typescript', reference);
      // One language after the other: the toolchains each take the machine's cores.
      for (const driver of drivers) {
        if (!languageNames().includes(driver.language)) continue;
        const outDir = join(scratch, `out-${set}-${driver.language}`);
        try {
          const prepared = await driver.prepare(
            packageForSet(set, driver.language, scratch),
            join(scratch, `build-${set}-${driver.language}`),
          );
          await prepared.run(manifest, outDir);
          outputs.set(driver.language, outDir);
        } catch (error) {
          failures.set(driver.language, error instanceof Error ? error.message : String(error));
        }
      }
    }, 1_800_000);

    for (const language of ['typescript', ...drivers.map((d) => d.language)]) {
      it(`${language}: the driver runs and writes the expected bytes for every vector`, () => {
        expect(failures.get(language)).toBeUndefined();
        const outDir = outputs.get(language);
        expect(outDir, `${language} produced no output`).toBeDefined();
        expect(summarize(compareWithExpected(manifest, outDir as string, language))).toBe('');
      });
    }

    it('all languages agree byte for byte', () => {
      expect(outputs.size).toBe(1 + drivers.filter((d) => languageNames().includes(d.language)).length);
      expect(summarize(compareLanguages(manifest, outputs))).toBe('');
    });
  });
}

/**
 * Every feature fixture of `test/fixtures/` in every language that supports the features it
 * uses (`LanguageAdapter.features`, which the README's capability table shows): the fixtures'
 * packages compile together with the language's strictest checker, and each vector (generated
 * samples, the fixture's valid and invalid documents) gives TypeScript's result: the same bytes,
 * or an error with the same code.
 */
describe('feature fixtures', () => {
  const fixtures = loadFixtures();
  const vectors = new Map<string, FixtureVectors>();
  const problems = new Map<string, string[]>();
  const covered = new Map<string, string[]>();

  beforeAll(async () => {
    for (const fixture of fixtures)
      vectors.set(fixture.name, fixtureVectors(fixture, join(scratch, 'fixtures', 'vectors', fixture.name)));
    for (const driver of drivers) {
      const language = findLanguage(driver.language);
      if (language === undefined || driver.prepareFixtures === undefined) continue;
      const supported = fixtures.filter((f) => supports(language, f));
      covered.set(
        driver.language,
        supported.map((f) => f.name),
      );
      const found: string[] = [];
      try {
        const prepared = await driver.prepareFixtures(supported, join(scratch, 'fixtures', `build-${driver.language}`));
        for (const fixture of supported) {
          const set = vectors.get(fixture.name);
          if (set === undefined) throw new Error(`bug: no vectors for ${fixture.name}`);
          const outDir = join(scratch, 'fixtures', `out-${driver.language}`, fixture.name);
          await prepared.run(fixture.name, set.manifest, outDir);
          found.push(...compareFixtureResults(driver.language, set, outDir));
        }
      } catch (error) {
        found.push(error instanceof Error ? error.message : String(error));
      }
      problems.set(driver.language, found);
    }
  }, 1_800_000);

  it('the fixtures have vectors, valid and invalid ones', () => {
    const all = [...vectors.values()];
    expect(all.length).toBeGreaterThanOrEqual(28);
    expect(all.reduce((n, v) => n + v.expected.size, 0)).toBeGreaterThan(300);
    expect(
      all.reduce((n, v) => n + [...v.expected.values()].filter((r) => r.startsWith('error ')).length, 0),
    ).toBeGreaterThan(20);
  });

  for (const driver of drivers) {
    it(`${driver.language}: every fixture it supports compiles and agrees with TypeScript, vector by vector`, () => {
      expect(
        driver.prepareFixtures,
        `test/targets/support/drivers/${driver.language}.ts has no prepareFixtures`,
      ).toBeDefined();
      expect(covered.get(driver.language)?.length ?? 0).toBeGreaterThan(0);
      expect(summarize(problems.get(driver.language) ?? ['not run'])).toBe('');
    });
  }
});
