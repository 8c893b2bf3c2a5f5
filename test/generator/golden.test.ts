import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { languageNames } from '../../generator/src/languages.js';
import { MANIFEST_NAME, parseManifest } from '../../generator/src/write/manifest.js';
import { listPackageFiles, renderRepoTree } from '../support/generate.js';
import { CONTRACT_WSDL, ROOT } from '../support/paths.js';

/**
 * The committed packages/ is the golden output: rendering wsdl/ECGridOS.wsdl in memory must
 * give exactly its files, no more, no fewer. `npm run golden:update` rewrites it on purpose.
 */
describe('golden: packages/ is what the generator renders from wsdl/ECGridOS.wsdl', () => {
  const outDir = join(ROOT, 'packages');
  for (const target of languageNames()) {
    it(`${target}: same file set and same bytes`, () => {
      const files = renderRepoTree(CONTRACT_WSDL, target);
      const dirs = new Set([...files.keys()].map((p) => p.split('/')[0] ?? ''));
      const onDisk = listPackageFiles(outDir, dirs);
      const hint = 'run `npm run golden:update` and review the diff';
      expect(onDisk, `file set differs; ${hint}`).toEqual([...files.keys()].sort());
      for (const [path, text] of files) {
        expect(readFileSync(join(outDir, path), 'utf8'), `${path} differs; ${hint}`).toBe(text);
      }
      const manifest = parseManifest(readFileSync(join(outDir, MANIFEST_NAME), 'utf8'));
      expect(manifest === 'invalid' ? manifest : manifest.targets[target]).toEqual({
        source: CONTRACT_WSDL,
        files: [...files.keys()].sort(),
      });
    });
  }

  it('renders the same bytes twice', () => {
    const first = renderRepoTree(CONTRACT_WSDL, 'typescript');
    const second = renderRepoTree(CONTRACT_WSDL, 'typescript');
    expect([...second]).toEqual([...first]);
    for (const text of first.values()) {
      expect(text).not.toMatch(/\r/);
      expect(text).not.toContain(ROOT);
      expect(text.endsWith('\n')).toBe(true);
    }
  });
});
