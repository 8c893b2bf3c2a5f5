import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSchemaDescriptor } from '../../generator/src/descriptor/build-descriptor.js';
import { loadRepoCore } from '../support/generate.js';
import { CONTRACT_WSDL, ROOT, readRepoFile } from '../support/paths.js';
import { compareLanguages, compareWithExpected, summarize } from './support/compare.js';
import { makeScratch, manifestForSet, removeScratch, V41_WSDL } from './support/packages.js';
import { runTypeScriptDriver } from './support/ts-driver.js';
import {
  CONTRACT_SET_DIR,
  contractVectorSet,
  MANIFEST_FILE,
  manifestText,
  readManifest,
  writeVectorSet,
} from './support/vectors.js';

const scratch = makeScratch('vectors');
afterAll(() => removeScratch(scratch));

describe('the committed contract vector set', () => {
  const set = contractVectorSet(loadRepoCore(CONTRACT_WSDL), (file) => readRepoFile(`wsdl/examples/${file}`));
  const dir = join(ROOT, CONTRACT_SET_DIR);

  it('is what the vector generator makes (UPDATE_VECTORS=1 rewrites it)', () => {
    if (process.env.UPDATE_VECTORS === '1')
      writeVectorSet(dir, {
        manifest: set.manifest,
        files: new Map([...set.files].filter(([p]) => !p.startsWith('../'))),
      });
    expect(readFileSync(join(dir, MANIFEST_FILE), 'utf8')).toBe(manifestText(set.manifest));
    for (const [path, text] of set.files) expect(readFileSync(join(dir, path), 'utf8'), path).toBe(text);
  });

  it('holds the page example, the four KeySet envelopes and samples of every type and element', () => {
    const names = set.manifest.vectors.map((v) => v.name);
    expect(names.slice(0, 5)).toEqual([
      'page.KeyIDInfo',
      'example.KeySet.soap11.request',
      'example.KeySet.soap11.response',
      'example.KeySet.soap12.request',
      'example.KeySet.soap12.response',
    ]);
    for (const name of [
      'type.KeyIDInfo',
      'type.KeyVisibility.pretty',
      'element.KeySet',
      'envelope.KeySetResponse.soap12',
    ])
      expect(names).toContain(name);
  });

  it('expects the page example back unqualified and indented, the envelopes byte for byte', () => {
    const expected = (name: string) => set.files.get(`${name}.expected.xml`);
    expect(expected('page.KeyIDInfo')).toBe(
      '<KeyIDInfo>\n  <KeyID>1043</KeyID>\n  <UserID>5001</UserID>\n  <Key>xyz987uvw654rst321opq098nml765kj</Key>\n  <Visibility>Shared</Visibility>\n  <Created>2026-05-07T10:00:00</Created>\n</KeyIDInfo>',
    );
    for (const file of ['KeySet.soap11.request', 'KeySet.soap12.response']) {
      expect(`${expected(`example.${file}`)}\n`).toBe(readRepoFile(`wsdl/examples/${file}.xml`));
    }
  });
});

describe('the TypeScript driver (the reference) reproduces every expected file', () => {
  it('contract', () => {
    const manifest = manifestForSet('contract', scratch);
    const out = join(scratch, 'ts-contract');
    runTypeScriptDriver(buildSchemaDescriptor(loadRepoCore(CONTRACT_WSDL)), manifest, out);
    expect(summarize(compareWithExpected(manifest, out, 'typescript'))).toBe('');
  });

  it('v4.1: every named type and every operation element of the real WSDL', () => {
    const manifest = manifestForSet('v4.1', scratch);
    expect(readManifest(manifest).vectors.length).toBeGreaterThan(800);
    const out = join(scratch, 'ts-v4.1');
    runTypeScriptDriver(buildSchemaDescriptor(loadRepoCore(V41_WSDL)), manifest, out);
    expect(summarize(compareWithExpected(manifest, out, 'typescript'))).toBe('');
  });
});

describe('the comparison helpers', () => {
  it('report a language that disagrees, with the vector and the first difference', () => {
    const manifest = manifestForSet('contract', scratch);
    const [first, second] = readManifest(manifest).vectors;
    const dirs = { a: join(scratch, 'cmp-a'), b: join(scratch, 'cmp-b') };
    for (const [lang, dir] of Object.entries(dirs)) {
      mkdirSync(dir, { recursive: true });
      for (const v of [first!, second!])
        writeFileSync(join(dir, `${v.name}.xml`), readFileSync(join(ROOT, CONTRACT_SET_DIR, v.expected), 'utf8'));
      if (lang === 'b')
        writeFileSync(
          join(dir, `${second!.name}.xml`),
          readFileSync(join(ROOT, CONTRACT_SET_DIR, second!.expected), 'utf8').replace('5001', '5002'),
        );
    }
    const problems = compareLanguages(
      manifest,
      new Map([
        ['a', dirs.a],
        ['b', dirs.b],
      ]),
    );
    expect(problems.some((p) => p.includes(`${second!.name}: b disagrees with a`) && p.includes('5002'))).toBe(true);
    expect(problems.some((p) => p.includes(`${first!.name}: b`))).toBe(false);
    const vsExpected = compareWithExpected(manifest, dirs.b, 'b');
    expect(vsExpected.some((p) => p.startsWith(`contract/${second!.name}: b first difference`))).toBe(true);
  });
});
