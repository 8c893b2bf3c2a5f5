import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, from this file's place in test/support. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The real service WSDLs live beside the repository, never inside it. */
export const CORPUS = join(ROOT, '..', 'shared', 'corpus');
export const CONTRACT_WSDL = 'wsdl/ECGridOS.wsdl';

export function readRepoFile(path: string): string {
  return readFileSync(join(ROOT, path), 'utf8');
}
