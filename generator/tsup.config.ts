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
  // Handlebars builds its template code with source-map's SourceNode when it can load it; without
  // it, it uses a small built-in one, much faster to compile templates with (no maps are needed).
  external: ['ts-morph', 'source-map'],
});
