import { createRequire } from 'node:module';
import { posix } from 'node:path';
import type { XmlElement } from '@ecgrid/soap-runtime';
import type { Diagnostic } from '../model/core.js';
import { XSD_NS } from '../model/core.js';
import { readTextFile } from '../text-file.js';
import type { SourceDocument } from './source.js';
import { attr, childElements, parseSource, reportAt } from './source.js';
import type { SchemaSource } from './xsd-context.js';
import { bundledSchemas } from './bundled-schemas.js';
import { chainCatalogs, mapCatalog, readCatalogs } from './catalog.js';

export const WSDL_NS = 'http://schemas.xmlsoap.org/wsdl/';

/** How imported files are read. Paths are as shown to users: relative, `/`-separated. */
export interface LoadOptions {
  /** Reads a local file; undefined when it does not exist. Default: the file system. */
  readonly readFile?: (path: string) => string | undefined;
  /** Fetch `http(s)://` imports. Off by default: a WSDL should not reach the network unasked. */
  readonly allowRemote?: boolean;
  /**
   * `--map LOCATION=FILE`: an import of LOCATION (as written, or as an absolute URL) reads FILE;
   * a LOCATION ending in `/` maps every location under it. Consulted first.
   */
  readonly map?: readonly { readonly location: string; readonly file: string }[];
  /** `--catalog FILE`: OASIS XML catalogs (paths read with `readFile`), consulted after `map`. */
  readonly catalogs?: readonly string[];
  /** Read the bundled W3C schemas for imports of their canonical URLs (default true). */
  readonly bundled?: boolean;
}

/** What the error for an import that cannot be read suggests. */
const IMPORT_OPTIONS_HINT = 'pass --map LOCATION=FILE or --catalog FILE (an OASIS XML catalog) to read a local copy';

export interface LoadedDocuments {
  /** The WSDL documents: the main one first, then those it imports (wsdl:import). */
  readonly wsdls: readonly SourceDocument[];
  readonly schemas: readonly SchemaSource[];
}

const REMOTE = /^[a-z][a-z0-9+.-]*:/i;

function defaultReadFile(path: string): string | undefined {
  try {
    return readTextFile(path);
  } catch {
    return undefined;
  }
}

/** Fetches a URL synchronously (the reader is synchronous); only with `allowRemote`. */
function fetchRemote(url: string): string {
  // Loaded here, not imported: node:child_process takes several milliseconds to load, a cost
  // every run would pay, and only a WSDL with remote imports read with --allow-remote needs it.
  const { execFileSync } = createRequire(import.meta.url)('node:child_process') as typeof import('node:child_process');
  const script =
    'fetch(process.argv[1]).then(async (r) => { if (!r.ok) throw new Error("HTTP " + r.status); process.stdout.write(await r.text()); }).catch((e) => { process.stderr.write(String(e.message)); process.exit(1); })';
  return execFileSync(process.execPath, ['-e', script, url], {
    encoding: 'utf8',
    timeout: 30_000,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/**
 * Loads the main WSDL and everything it imports: `wsdl:import`, then `xs:import` and
 * `xs:include` with a `schemaLocation`, resolved against the importing file. Schemas may import
 * each other in a cycle (XML Schema allows it); each file is read once. A WSDL that imports
 * itself through others, a missing file and a refused remote location are errors at the import.
 */
export function loadDocuments(
  main: SourceDocument,
  diagnostics: Diagnostic[],
  options: LoadOptions = {},
): LoadedDocuments {
  const readFile = options.readFile ?? defaultReadFile;
  const wsdls: SourceDocument[] = [];
  const schemas: SchemaSource[] = [];
  const loadedSchemas = new Set<string>();
  /** `xs:import`s without a schemaLocation, resolved once everything else is loaded. */
  const locationless: { readonly source: SourceDocument; readonly at: XmlElement; readonly namespace: string }[] = [];

  const catalog = chainCatalogs([
    mapCatalog(options.map ?? []),
    readCatalogs(options.catalogs ?? [], readFile, diagnostics),
  ]);
  const bundled = options.bundled === false ? undefined : bundledSchemas();

  const read = (from: SourceDocument, at: XmlElement, location: string, what: string): SourceDocument | undefined => {
    // Relative locations in a document read from a URL are URLs too.
    const absolute = REMOTE.test(location)
      ? location
      : REMOTE.test(from.path)
        ? new URL(location, from.path).href
        : undefined;
    const namespace = what === 'xs:import' ? attr(at, 'namespace') : undefined;
    const mapped =
      catalog.lookup(location, namespace) ??
      (absolute !== undefined && absolute !== location ? catalog.lookup(absolute, namespace) : undefined);
    if (mapped !== undefined && !REMOTE.test(mapped)) {
      const mappedText = readFile(mapped);
      if (mappedText === undefined) {
        reportAt(
          diagnostics,
          from,
          at,
          'import-not-found',
          'error',
          `${what} of ${location}: the --map or --catalog entry for it names ${mapped}, which does not exist`,
        );
        return undefined;
      }
      return parsed(mapped, mappedText);
    }
    const target = mapped ?? absolute;
    const bundledText = target !== undefined ? bundled?.read(target) : undefined;
    // A bundled schema keeps its URL as its path: its own relative imports resolve as URLs.
    if (target !== undefined && bundledText !== undefined) return parsed(target, bundledText);
    const remote = target !== undefined;
    const path = target ?? posix.normalize(posix.join(posix.dirname(from.path), location));
    let text: string | undefined;
    if (remote && !options.allowRemote) {
      reportAt(
        diagnostics,
        from,
        at,
        'remote-import-refused',
        'error',
        `${what} of ${path} refused: remote files are not fetched unless you pass --allow-remote; or save it locally and ${IMPORT_OPTIONS_HINT}`,
      );
      return undefined;
    }
    try {
      text = remote ? fetchRemote(location) : readFile(path);
    } catch (error) {
      reportAt(
        diagnostics,
        from,
        at,
        'import-not-found',
        'error',
        `${what} of ${location} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      return undefined;
    }
    if (text === undefined) {
      // `/Service?xsd=...`: a path on the server the WSDL was saved from, as JAX-WS and WCF publish schemas.
      const message = location.startsWith('/')
        ? `${what} of ${location}: a location on the server the WSDL was saved from; save that file too and pass --map ${location}=FILE (or --catalog FILE, an OASIS XML catalog)`
        : `${what}: ${path} does not exist; check the location (it is resolved relative to ${from.path}), or ${IMPORT_OPTIONS_HINT}`;
      reportAt(diagnostics, from, at, 'import-not-found', 'error', message);
      return undefined;
    }
    return parsed(path, text);
  };

  const parsed = (path: string, text: string): SourceDocument | undefined => {
    const result = parseSource(path, text);
    if (!result.ok) {
      diagnostics.push(result.diagnostic);
      return undefined;
    }
    return result.source;
  };

  const addSchema = (source: SourceDocument, element: XmlElement, targetNamespace: string) => {
    const key = `${source.path}#${element.offset}@${targetNamespace}`;
    if (loadedSchemas.has(key)) return;
    loadedSchemas.add(key);
    schemas.push({ source, element, targetNamespace });
    for (const child of childElements(element)) {
      if (child.ns !== XSD_NS || (child.local !== 'import' && child.local !== 'include')) continue;
      const location = attr(child, 'schemaLocation');
      if (location === undefined) {
        const namespace = attr(child, 'namespace');
        if (child.local === 'import' && namespace !== undefined) locationless.push({ source, at: child, namespace });
        continue;
      }
      const imported = read(source, child, location, `xs:${child.local}`);
      if (!imported) continue;
      const root = imported.document.root;
      if (root.ns !== XSD_NS || root.local !== 'schema') {
        reportAt(
          diagnostics,
          source,
          child,
          'not-a-schema',
          'error',
          `xs:${child.local} of ${location}: the file's root is ${root.name}, not xs:schema`,
        );
        continue;
      }
      const ownNamespace = attr(root, 'targetNamespace') ?? '';
      if (child.local === 'include' && ownNamespace !== '' && ownNamespace !== targetNamespace) {
        reportAt(
          diagnostics,
          source,
          child,
          'include-namespace-mismatch',
          'error',
          `xs:include of ${location}: its targetNamespace ${ownNamespace} differs from ${targetNamespace || '(none)'}; use xs:import for another namespace`,
        );
        continue;
      }
      const expected = attr(child, 'namespace');
      if (child.local === 'import' && expected !== undefined && expected !== ownNamespace) {
        reportAt(
          diagnostics,
          source,
          child,
          'import-namespace-mismatch',
          'error',
          `xs:import of ${location} expects namespace ${expected}, but the file declares ${ownNamespace || '(none)'}`,
        );
        continue;
      }
      addSchema(imported, root, child.local === 'include' ? targetNamespace : ownNamespace);
    }
  };

  const addWsdl = (source: SourceDocument, chain: readonly string[]) => {
    wsdls.push(source);
    const root = source.document.root;
    for (const child of childElements(root)) {
      if (child.ns !== WSDL_NS) continue;
      if (child.local === 'types') {
        for (const schema of childElements(child)) {
          if (schema.ns === XSD_NS && schema.local === 'schema')
            addSchema(source, schema, attr(schema, 'targetNamespace') ?? '');
          else
            reportAt(
              diagnostics,
              source,
              schema,
              'unsupported',
              'warning',
              `${schema.name} inside wsdl:types is not an XML Schema and was skipped`,
            );
        }
      } else if (child.local === 'import') {
        const location = attr(child, 'location');
        if (location === undefined) {
          reportAt(diagnostics, source, child, 'missing-location', 'error', 'wsdl:import needs a location attribute');
          continue;
        }
        const target = REMOTE.test(location)
          ? location
          : posix.normalize(posix.join(posix.dirname(source.path), location));
        if (chain.includes(target)) {
          reportAt(
            diagnostics,
            source,
            child,
            'import-cycle',
            'error',
            `wsdl:import of ${location} makes a cycle (${[...chain, target].join(' -> ')}); remove one of the imports`,
          );
          continue;
        }
        if (wsdls.some((w) => w.path === target)) continue;
        const imported = read(source, child, location, 'wsdl:import');
        if (!imported) continue;
        const importedRoot = imported.document.root;
        if (importedRoot.ns === XSD_NS && importedRoot.local === 'schema') {
          addSchema(imported, importedRoot, attr(importedRoot, 'targetNamespace') ?? '');
        } else if (importedRoot.ns === WSDL_NS && importedRoot.local === 'definitions') {
          addWsdl(imported, [...chain, target]);
        } else {
          reportAt(
            diagnostics,
            source,
            child,
            'not-a-wsdl',
            'error',
            `wsdl:import of ${location}: the file's root is ${importedRoot.name}, not wsdl:definitions or xs:schema`,
          );
        }
      }
    }
  };

  addWsdl(main, [main.path]);
  // Imports without a location name a namespace another schema of the WSDL declares, or one a
  // catalog (a `uri` entry by namespace name) or the bundled schemas know: read those last.
  for (let i = 0; i < locationless.length; i++) {
    const { source, at, namespace } = locationless[i] as (typeof locationless)[number];
    if (schemas.some((s) => s.targetNamespace === namespace)) continue;
    const mapped = catalog.lookup('', namespace);
    const found =
      mapped !== undefined && !REMOTE.test(mapped)
        ? { path: mapped, text: readFile(mapped) }
        : {
            path: mapped ?? namespace,
            text: bundled?.readNamespace(namespace) ?? (mapped !== undefined ? bundled?.read(mapped) : undefined),
          };
    if (found.text === undefined) continue;
    const document = parsed(found.path, found.text);
    const root = document?.document.root;
    if (
      !document ||
      root?.ns !== XSD_NS ||
      root.local !== 'schema' ||
      (attr(root, 'targetNamespace') ?? '') !== namespace
    ) {
      reportAt(
        diagnostics,
        source,
        at,
        'not-a-schema',
        'error',
        `xs:import of namespace ${namespace}: ${found.path} is not a schema of that namespace`,
      );
      continue;
    }
    addSchema(document, root, namespace);
  }
  return { wsdls, schemas };
}
