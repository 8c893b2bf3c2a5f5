import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSchemaDescriptor } from '../../generator/src/descriptor/build-descriptor.js';
import { languageNames } from '../../generator/src/languages.js';
import { loadRepoCore } from '../support/generate.js';
import { CONTRACT_WSDL } from '../support/paths.js';
import { compareLanguages, compareWithExpected, summarize } from './support/compare.js';
import { loadDrivers } from './support/drivers.js';
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
      runTypeScriptDriver(buildSchemaDescriptor(loadRepoCore(set === 'contract' ? CONTRACT_WSDL : V41_WSDL)), manifest, reference);
      outputs.set('typescript', reference);
      // One language after the other: the toolchains each take the machine's cores.
      for (const driver of drivers) {
        if (!languageNames().includes(driver.language)) continue;
        const outDir = join(scratch, `out-${set}-${driver.language}`);
        try {
          const prepared = await driver.prepare(packageForSet(set, driver.language, scratch), join(scratch, `build-${set}-${driver.language}`));
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
