import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { cli: 'src/cli.ts', index: 'src/index.ts' },
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  clean: true,
  dts: false,
  sourcemap: false,
  // The runtime is bundled too, so the CLI starts by loading one file.
  noExternal: ['@ecgrid/soap-runtime', 'handlebars'],
  external: ['ts-morph'],
});
