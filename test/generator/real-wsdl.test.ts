import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findLanguage } from '../../generator/src/languages.js';
import { loadCore, renderTree } from '../../generator/src/pipeline.js';
import { CORPUS, ROOT } from '../support/paths.js';

const typescript = findLanguage('typescript');

function generate(file: string) {
  const result = loadCore(`../shared/corpus/${file}`, readFileSync(join(CORPUS, file), 'utf8'));
  if (!result.ok || !typescript) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
  return { core: result.core, files: renderTree(result.core, typescript) };
}

describe('the real service WSDLs through the TypeScript target', () => {
  for (const [file, version] of [
    ['ECGridOS-v4.1.wsdl', '4'],
    ['ECGridOS-v3.2.wsdl', '3'],
  ] as const) {
    describe(file, () => {
      const { core, files } = generate(file);
      const dir = `ecgridos-api-v${version}`;

      it('decodes _x0020_ escapes in WSDL names and names the package after the service', () => {
        expect(core.services.map((s) => s.name)).toEqual([`ECGridOS API v${version}`]);
        expect(JSON.parse(files.get(`${dir}/package.json`) ?? '{}').name).toBe(`@ecgrid/${dir}`);
        expect(files.get(`${dir}/src/client.ts`)).toContain(`export class ECGridOS_API_v${version}Client {`);
      });

      it('reports the HTTP GET and POST bindings (the client speaks SOAP) and nothing else', () => {
        expect(core.diagnostics.map((d) => d.code)).toEqual(['http-binding-unused', 'http-binding-unused']);
        expect(core.diagnostics.every((d) => d.severity === 'warning' && d.origin && d.origin.line > 0)).toBe(true);
      });

      it("reads the second schema's SOAP-encoded array (AbstractTypes StringArray) as a list of strings", () => {
        const array = core.types.find((t) => t.name === 'StringArray' && t.namespace.endsWith('/AbstractTypes'));
        expect(array?.kind === 'complex' && array.soapArrayItem).toBe('{http://www.w3.org/2001/XMLSchema}string');
        expect(files.get(`${dir}/src/types.ts`)).toMatch(/export type StringArray = \(string \| null\)\[\];/);
      });

      it('gives acronyms and element/type name clashes no numbered twins', () => {
        const types = files.get(`${dir}/src/types.ts`) ?? '';
        const names = [...types.matchAll(/^export (?:interface|const) (\w+)/gm)].map((m) => m[1] ?? '');
        expect(names.filter((n) => /[A-Za-z]\d+$/.test(n) && !/S3$|V\d$/.test(n))).toEqual([]);
        expect(new Set(names).size).toBe(names.length);
        const client = files.get(`${dir}/src/client.ts`) ?? '';
        expect(client).toContain('  NowUTC(input: NowUTC');
        expect(client).toContain('  TPSetOwner(input: TPSetOwner');
        // The operation InterconnectNote's wrapper element and the type InterconnectNote both exist.
        expect(names).toContain('InterconnectNote');
        expect(names).toContain('InterconnectNoteElement');
        expect(client).toContain('InterconnectNote(input: InterconnectNoteElement');
      });

      it('types every schema-typed value (no `any`)', () => {
        for (const [path, text] of files) {
          if (path.endsWith('.ts')) expect(text, path).not.toMatch(/:\s*any\b|<any>|as any\b/);
        }
      });

      it('type-checks under strict', async () => {
        const problems = (await typescript?.typecheck?.(files, join(ROOT, 'packages'))) ?? ['no type checker'];
        expect(problems).toEqual([]);
      }, 120_000);
    });
  }
});
