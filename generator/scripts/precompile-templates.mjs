// Precompiles the built-in Handlebars templates into dist/precompiled/<language>.json, so
// `generate` does not compile them on every run. One file per language folder: a run reads only
// the languages it renders (all of them together are over 1 MB, TypeScript's about 100 KB).
// Each entry keeps the template's text: at run time a template whose file no longer has that
// text (edited since the build) or is overridden is compiled as before.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { COMPILE_OPTIONS, PRECOMPILED_DIR } from '../dist/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const templates = join(here, '..', '..', 'templates');
const outDir = join(here, '..', 'dist', PRECOMPILED_DIR);

/** Every .hbs file under `dir`, keyed by its path relative to `root`, in a fixed order. */
const walk = (root, dir, out) => {
  for (const entry of readdirSync(dir).sort()) {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) walk(root, full, out);
    else if (entry.endsWith('.hbs')) {
      const text = readFileSync(full, 'utf8').replace(/\r\n?/g, '\n');
      out[relative(root, full).split(sep).join('/')] = { text, spec: Handlebars.precompile(text, COMPILE_OPTIONS) };
    }
  }
  return out;
};

mkdirSync(outDir, { recursive: true });
let count = 0;
for (const language of readdirSync(templates).sort()) {
  const folder = join(templates, language);
  if (!statSync(folder).isDirectory()) continue;
  const entries = walk(folder, folder, {});
  count += Object.keys(entries).length;
  writeFileSync(join(outDir, `${language}.json`), JSON.stringify(entries));
}
console.log(`precompiled ${count} templates into dist/${PRECOMPILED_DIR}/`);
