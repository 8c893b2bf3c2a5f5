import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from '../model/core.js';
import type { Catalog } from './catalog.js';
import { NO_CATALOG, readCatalogs } from './catalog.js';

/**
 * The well-known W3C schemas shipped with the generator (`generator/schemas/`, listed with their
 * canonical URLs in its `catalog.xml`, provenance and licences in its PROVENANCE.md): a WSDL that
 * imports one by its URL reads the copy, never the network.
 */
export interface BundledSchemas {
  /** The text of the bundled copy of a URL, or undefined. */
  read(url: string): string | undefined;
  /**
   * The text of the bundled schema for a namespace imported without a location (the catalog's
   * `uri` entries name the namespaces this applies to), or undefined.
   */
  readNamespace(namespace: string): string | undefined;
}

let cached: BundledSchemas | undefined;

/** The folder holding the bundled schemas, from this file's place in src/parse or in dist. */
function schemasDir(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'schemas', 'catalog.xml'))) return join(dir, 'schemas');
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export function bundledSchemas(): BundledSchemas {
  if (cached) return cached;
  const dir = schemasDir();
  const readBundled = (name: string): string | undefined => {
    if (dir === undefined || name.includes('..') || name.startsWith('/')) return undefined;
    try {
      return readFileSync(join(dir, name), 'utf8');
    } catch {
      return undefined;
    }
  };
  const diagnostics: Diagnostic[] = [];
  // Targets come out relative to the catalog: file names in the folder.
  const catalog: Catalog = dir === undefined ? NO_CATALOG : readCatalogs(['catalog.xml'], readBundled, diagnostics);
  if (diagnostics.length > 0)
    throw new Error(`bug: the bundled schema catalog is invalid: ${diagnostics.map((d) => d.message).join('; ')}`);
  cached = {
    read(url) {
      const file = catalog.lookup(url);
      return file === undefined ? undefined : readBundled(file);
    },
    readNamespace(namespace) {
      // No location matches '': only the `uri` entries, by namespace name, can answer.
      const file = catalog.lookup('', namespace);
      return file === undefined ? undefined : readBundled(file);
    },
  };
  return cached;
}
