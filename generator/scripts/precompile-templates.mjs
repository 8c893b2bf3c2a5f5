// Precompiles the built-in Handlebars templates into dist/templates.json, so `generate` does not
// compile them on every run. Each entry keeps the template's text: at run time a template whose
// file no longer has that text (edited since the build) or is overridden is compiled as before.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { COMPILE_OPTIONS } from '../dist/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const templates = join(here, '..', '..', 'templates');
const out = {};
const walk = (dir) => {
  for (const entry of readdirSync(dir).sort()) {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) walk(full);
    else if (entry.endsWith('.hbs')) {
      const text = readFileSync(full, 'utf8').replace(/\r\n?/g, '\n');
      out[relative(templates, full).split(sep).join('/')] = { text, spec: Handlebars.precompile(text, COMPILE_OPTIONS) };
    }
  }
};
walk(templates);
writeFileSync(join(here, '..', 'dist', 'templates.json'), JSON.stringify(out));
console.log(`precompiled ${Object.keys(out).length} templates into dist/templates.json`);
