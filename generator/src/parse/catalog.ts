import { posix } from 'node:path';
import type { XmlElement } from '@ecgrid/soap-runtime';
import type { Diagnostic } from '../model/core.js';
import { attr, childElements, parseSource, reportAt } from './source.js';

export const CATALOG_NS = 'urn:oasis:names:tc:entity:xmlns:xml:catalog';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/**
 * The entries of an OASIS XML catalog (XML Catalogs 1.1) that map where a schema or WSDL is
 * imported from to a copy: `system`, `uri`, `rewriteSystem`, `rewriteURI`, `systemSuffix`,
 * `uriSuffix`, inside `group`s and across `nextCatalog`s. Targets are already resolved against
 * the catalog's folder (or `xml:base`).
 */
export interface Catalog {
  /** The file a location is mapped to (a path as the loader reads it, or a URL), or undefined. */
  lookup(location: string, namespace?: string): string | undefined;
}

type Entry =
  | { readonly kind: 'exact'; readonly system: boolean; readonly key: string; readonly target: string }
  | { readonly kind: 'prefix'; readonly system: boolean; readonly key: string; readonly target: string }
  | { readonly kind: 'suffix'; readonly system: boolean; readonly key: string; readonly target: string };

const REMOTE = /^[a-z][a-z0-9+.-]*:/i;

/** `base` joined with `reference`: URL resolution for URLs, path joining for local files. */
function resolveAgainst(base: string, reference: string): string {
  if (REMOTE.test(reference)) return reference;
  if (REMOTE.test(base)) return new URL(reference, base).href;
  return posix.normalize(posix.join(posix.dirname(base), reference));
}

/**
 * Reads catalog files (paths as the loader reads them) into one catalog, entries in file order:
 * the first match wins, as in XML Catalogs. Problems (unreadable file, wrong root) are error
 * diagnostics at the catalog.
 */
export function readCatalogs(
  paths: readonly string[],
  readFile: (path: string) => string | undefined,
  diagnostics: Diagnostic[],
): Catalog {
  const entries: Entry[] = [];
  const seen = new Set<string>();
  const readOne = (
    path: string,
    from?: { readonly source: Parameters<typeof reportAt>[1]; readonly at: XmlElement },
  ) => {
    if (seen.has(path)) return;
    seen.add(path);
    const text = readFile(path);
    if (text === undefined) {
      const message = `cannot read the catalog ${path}; check the --catalog path`;
      if (from) reportAt(diagnostics, from.source, from.at, 'catalog-not-found', 'error', message);
      else
        diagnostics.push({
          code: 'catalog-not-found',
          severity: 'error',
          message,
          origin: { file: path, line: 1, column: 1 },
        });
      return;
    }
    const parsed = parseSource(path, text);
    if (!parsed.ok) {
      diagnostics.push(parsed.diagnostic);
      return;
    }
    const root = parsed.source.document.root;
    if (root.ns !== CATALOG_NS || root.local !== 'catalog') {
      reportAt(
        diagnostics,
        parsed.source,
        root,
        'not-a-catalog',
        'error',
        `${path}: the root is ${root.name}, not catalog in ${CATALOG_NS} (an OASIS XML catalog)`,
      );
      return;
    }
    const next: { path: string; at: XmlElement }[] = [];
    const walk = (element: XmlElement, base: string) => {
      for (const child of childElements(element)) {
        if (child.ns !== CATALOG_NS) continue;
        const childBase = xmlBase(child, base);
        const target = (name: string) => {
          const value = attr(child, name);
          return value === undefined ? undefined : resolveAgainst(childBase, value);
        };
        const add = (kind: Entry['kind'], system: boolean, keyName: string, targetName: string) => {
          const key = attr(child, keyName);
          const to = target(targetName);
          if (key === undefined || to === undefined) {
            reportAt(
              diagnostics,
              parsed.source,
              child,
              'catalog-entry-invalid',
              'warning',
              `catalog entry ${child.local} needs ${keyName} and ${targetName}; it is ignored`,
            );
            return;
          }
          entries.push({ kind, system, key, target: to });
        };
        switch (child.local) {
          case 'group':
            walk(child, childBase);
            break;
          case 'system':
            add('exact', true, 'systemId', 'uri');
            break;
          case 'uri':
            add('exact', false, 'name', 'uri');
            break;
          case 'rewriteSystem':
            add('prefix', true, 'systemIdStartString', 'rewritePrefix');
            break;
          case 'rewriteURI':
            add('prefix', false, 'uriStartString', 'rewritePrefix');
            break;
          case 'systemSuffix':
            add('suffix', true, 'systemIdSuffix', 'uri');
            break;
          case 'uriSuffix':
            add('suffix', false, 'uriSuffix', 'uri');
            break;
          case 'nextCatalog': {
            const to = target('catalog');
            if (to !== undefined) next.push({ path: to, at: child });
            break;
          }
          default:
            // public, delegate*, dtddecl...: about DTDs and public ids, which imports never use.
            break;
        }
      }
    };
    walk(root, xmlBase(root, path));
    for (const n of next) readOne(n.path, { source: parsed.source, at: n.at });
  };
  for (const path of paths) readOne(path);
  return createCatalog(entries);
}

/** The base an element's relative targets resolve against: its `xml:base`, else the enclosing one. */
function xmlBase(element: XmlElement, enclosing: string): string {
  const base = element.attributes.find((a) => a.ns === XML_NS && a.local === 'base')?.value;
  if (base === undefined) return enclosing;
  const resolved = resolveAgainst(enclosing, base);
  // A folder base (`xml:base="schemas/"`) resolves its entries inside it.
  return base.endsWith('/') ? `${resolved.replace(/\/?$/, '/')}.` : resolved;
}

/**
 * Lookup in XML Catalogs order: exact system and uri entries, then the longest matching rewrite
 * prefix, then the longest suffix; the location first, then (for xs:import) the namespace as a
 * `uri` name.
 */
function createCatalog(entries: readonly Entry[]): Catalog {
  const match = (value: string): string | undefined => {
    const exact = entries.find((e) => e.kind === 'exact' && e.key === value);
    if (exact) return exact.target;
    let best: Entry | undefined;
    for (const e of entries)
      if (e.kind === 'prefix' && value.startsWith(e.key) && (!best || e.key.length > best.key.length)) best = e;
    if (best) return best.target + value.slice(best.key.length);
    for (const e of entries)
      if (e.kind === 'suffix' && value.endsWith(e.key) && (!best || e.key.length > best.key.length)) best = e;
    return best?.target;
  };
  return {
    lookup(location, namespace) {
      const found = match(location);
      if (found !== undefined) return found;
      if (namespace === undefined) return undefined;
      const byNamespace = entries.find((e) => e.kind === 'exact' && !e.system && e.key === namespace);
      return byNamespace?.target;
    },
  };
}

/** The empty catalog. */
export const NO_CATALOG: Catalog = { lookup: () => undefined };

/**
 * `--map LOCATION=FILE` pairs as a catalog: LOCATION matched as written in the import (or as
 * its absolute URL); a LOCATION ending in `/` maps every location under it (like rewriteURI).
 */
export function mapCatalog(pairs: readonly { readonly location: string; readonly file: string }[]): Catalog {
  return createCatalog(
    pairs.map(
      (p): Entry =>
        p.location.endsWith('/')
          ? { kind: 'prefix', system: true, key: p.location, target: p.file.endsWith('/') ? p.file : `${p.file}/` }
          : { kind: 'exact', system: true, key: p.location, target: p.file },
    ),
  );
}

/** Catalogs consulted in order, the first that maps a location winning. */
export function chainCatalogs(catalogs: readonly Catalog[]): Catalog {
  return {
    lookup(location, namespace) {
      for (const catalog of catalogs) {
        const found = catalog.lookup(location, namespace);
        if (found !== undefined) return found;
      }
      return undefined;
    },
  };
}
