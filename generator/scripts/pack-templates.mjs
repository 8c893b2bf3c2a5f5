// `npm pack` of ecgrid-codegen: `prepack` copies the built-in templates (templates/<language>/,
// the .hbs files and the folders' README.md) into generator/templates/, where the installed CLI
// finds them (`templateDirOf` looks for templates/ beside its dist/); `postpack` removes the copy,
// so that inside the repository the CLI keeps reading the repository's templates/.
// Usage: node scripts/pack-templates.mjs copy|clean
import { cpSync, existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const source = join(here, '..', '..', 'templates');
const target = join(here, '..', 'templates');
const command = process.argv[2];

if (command === 'clean') {
  rmSync(target, { recursive: true, force: true });
} else if (command === 'copy') {
  rmSync(target, { recursive: true, force: true });
  let count = 0;
  cpSync(source, target, {
    recursive: true,
    filter: (path) => {
      if (statSync(path).isDirectory()) return true;
      const keep = path.endsWith('.hbs') || path.endsWith('README.md');
      if (keep) count++;
      return keep;
    },
  });
  // cpSync keeps folders whose files were all filtered out; a package has no use for them.
  const prune = (dir) => {
    for (const entry of readdirSync(dir)) {
      const full = join(dir, entry);
      if (statSync(full).isDirectory()) prune(full);
    }
    if (readdirSync(dir).length === 0) rmSync(dir, { recursive: true });
  };
  if (existsSync(target)) prune(target);
  console.log(`packed ${count} template files into templates/`);
} else {
  console.error('usage: node scripts/pack-templates.mjs copy|clean');
  process.exit(2);
}
