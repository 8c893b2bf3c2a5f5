/**
 * The TypeScript hostile-suite driver: `typescript/driver.mjs`, run by Node against the built
 * contract SDK (`packages/ecgridos/dist`, which `npm test` builds first).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../support/paths.js';
import type { HostileDriver } from '../cases.js';

export async function prepare(): Promise<HostileDriver> {
  if (!existsSync(join(ROOT, 'packages', 'ecgridos', 'dist', 'index.js')))
    throw new Error('build the packages first: npm run build:packages');
  return { command: process.execPath, args: [join(import.meta.dirname, 'typescript', 'driver.mjs')] };
}
