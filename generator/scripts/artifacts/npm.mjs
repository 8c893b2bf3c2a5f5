// npm tarballs: the generator (ecgrid-codegen, with its templates and bundled schemas),
// @ecgrid/soap-runtime and every generated TypeScript package of packages/ (each folder whose
// package.json is not private), packed with `npm pack`, whose `prepack` builds the package first,
// so a tarball never lacks its dist/.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The folders of packages/ that npm publishes. */
export function npmPackages(root) {
  const packages = join(root, 'packages');
  return readdirSync(packages)
    .sort()
    .filter((dir) => {
      const manifest = join(packages, dir, 'package.json');
      return existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).private !== true;
    })
    .map((dir) => join(packages, dir));
}

export async function build({ root, out }) {
  const dest = join(out, 'npm');
  mkdirSync(dest, { recursive: true });
  for (const dir of [join(root, 'generator'), ...npmPackages(root)]) {
    const { name } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    execFileSync('npm', ['pack', '--workspace', name, '--pack-destination', dest, '--silent'], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
}
