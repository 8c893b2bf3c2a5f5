import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Project, ts } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/paths.js';

const PKG = join(ROOT, 'packages', 'ecgridos');

function node(args: string[]): string {
  return execFileSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
}

describe('the generated package @ecgrid/ecgridos', () => {
  it('is built for ESM and CJS with type declarations', () => {
    for (const file of ['index.js', 'index.cjs', 'index.d.ts', 'index.d.cts']) {
      expect(existsSync(join(PKG, 'dist', file)), `dist/${file} (run npm run build:packages)`).toBe(true);
    }
  });

  it('declares exports, files, its runtime dependency and a changeset-managed version', () => {
    const pkg = JSON.parse(readFileSync(join(PKG, 'package.json'), 'utf8'));
    expect(pkg.name).toBe('@ecgrid/ecgridos');
    expect(pkg.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(pkg.exports['.'].import.default).toBe('./dist/index.js');
    expect(pkg.exports['.'].require.default).toBe('./dist/index.cjs');
    expect(pkg.files).toEqual(['dist', 'README.md', 'LICENSE']);
    const runtime = JSON.parse(readFileSync(join(ROOT, 'packages', 'runtime', 'package.json'), 'utf8'));
    expect(pkg.dependencies).toEqual({ '@ecgrid/soap-runtime': `^${runtime.version}` });
    expect(readFileSync(join(PKG, 'README.md'), 'utf8')).toContain('client.KeySet(');
  });

  const script = (kind: 'esm' | 'cjs') => `
    ${kind === 'esm' ? "import { ECGridOSClient, KeyVisibility, decode, encode } from '@ecgrid/ecgridos';" : "const { ECGridOSClient, KeyVisibility, decode, encode } = require('@ecgrid/ecgridos');"}
    const value = decode('KeyIDInfo', ${JSON.stringify(readFileSync(join(ROOT, 'wsdl/examples/KeyIDInfo.xml'), 'utf8'))}, { namespaces: 'ignore' });
    console.log(JSON.stringify({ client: typeof ECGridOSClient, shared: KeyVisibility.Shared, value, xml: encode('KeyIDInfo', value) }));
  `;
  for (const kind of ['esm', 'cjs'] as const) {
    it(`works when imported from ${kind === 'esm' ? 'ESM' : 'CommonJS'}`, () => {
      const out = JSON.parse(node(kind === 'esm' ? ['--input-type=module', '-e', script(kind)] : ['-e', script(kind)]));
      expect(out.client).toBe('function');
      expect(out.shared).toBe('Shared');
      expect(out.value).toEqual({
        KeyID: 1043,
        UserID: 5001,
        Key: 'xyz987uvw654rst321opq098nml765kj',
        Visibility: 'Shared',
        Created: '2026-05-07T10:00:00',
      });
      expect(out.xml).toContain('<KeyIDInfo xmlns="https://os.ecgrid.io/">');
    });
  }

  it("type-checks a usage file modelled on the page's Node.js example under strict", () => {
    const project = new Project({
      compilerOptions: {
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.NodeNext,
        moduleResolution: ts.ModuleResolutionKind.NodeNext,
        strict: true,
        noUncheckedIndexedAccess: true,
        noEmit: true,
        types: ['node'],
        typeRoots: [join(ROOT, 'node_modules', '@types')],
      },
      skipAddingFilesFromTsConfig: true,
    });
    project.addSourceFileAtPath(join(ROOT, 'test', 'sdk', 'usage', 'keyset-usage.ts'));
    const problems = project
      .getPreEmitDiagnostics()
      .map(
        (d) =>
          `${d.getSourceFile()?.getBaseName()}:${d.getLineNumber()}: ${ts.flattenDiagnosticMessageText(d.getMessageText() as string, '\n')}`,
      );
    expect(problems).toEqual([]);
  });
});
