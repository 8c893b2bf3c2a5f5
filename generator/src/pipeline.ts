import runtimePackage from '@ecgrid/soap-runtime/package.json' with { type: 'json' };
import type { Core, Diagnostic } from './model/core.js';
import { unsupportedFeatures } from './model/features.js';
import type { LoadOptions } from './parse/loader.js';
import { readWsdl } from './parse/wsdl-reader.js';
import { runPasses } from './passes/index.js';
import type { FileTree } from './render/render.js';
import { render } from './render/render.js';
import type { LanguageAdapter } from './view/language.js';
import { buildView } from './view/build-view.js';
import type { View } from './view/view.js';
import { findLanguage, templateDirOf } from './languages.js';

export type LoadResult =
  | { readonly ok: true; readonly core: Core; readonly diagnostics: readonly Diagnostic[] }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/** Reads a WSDL into the typed core and runs the passes; any error diagnostic fails the load. */
export function loadCore(path: string, text: string, options: LoadOptions = {}): LoadResult {
  const read = readWsdl(path, text, options);
  if (!read.ok) return read;
  const core = runPasses(read.core);
  if (core.diagnostics.some((d) => d.severity === 'error')) return { ok: false, diagnostics: core.diagnostics };
  return { ok: true, core, diagnostics: core.diagnostics };
}

export interface TreeOptions {
  readonly versions?: Readonly<Record<string, string>>;
  readonly overrideDir?: string;
  /** The namespace of the generated code, overriding the adapter's default (see `LanguageAdapter.namespaceOption`). */
  readonly namespace?: string;
}

export function viewFor(core: Core, language: LanguageAdapter, options: TreeOptions = {}): View {
  return buildView(core, language, {
    runtime: { name: runtimePackage.name, version: runtimePackage.version },
    ...(options.versions ? { versions: options.versions } : {}),
    ...(options.namespace !== undefined ? { namespace: options.namespace } : {}),
  });
}

/**
 * A WSDL uses XML Schema or WSDL features a target does not handle yet: decided from the core
 * before anything is rendered. `diagnostics` are positioned `unsupported-feature` errors.
 */
export class UnsupportedFeatureError extends Error {
  constructor(
    readonly target: string,
    readonly diagnostics: readonly Diagnostic[],
  ) {
    super(
      `the ${target} target does not support features this WSDL uses:\n${diagnostics.map((d) => (d.origin ? `${d.origin.file}:${d.origin.line}:${d.origin.column}: ${d.message}` : d.message)).join('\n')}`,
    );
    this.name = 'UnsupportedFeatureError';
  }
}

/**
 * Renders the whole output tree of one language in memory. Throws `UnsupportedFeatureError`
 * (before rendering) when the core uses a feature the language does not support; the warnings
 * for features it does without come from `unsupportedFeatures` (the CLI prints them).
 */
export function renderTree(core: Core, language: LanguageAdapter, options: TreeOptions = {}): FileTree {
  const unsupported = unsupportedFeatures(core, language);
  if (unsupported.some((d) => d.severity === 'error'))
    throw new UnsupportedFeatureError(
      language.name,
      unsupported.filter((d) => d.severity === 'error'),
    );
  const includes = (language.includes ?? []).map((include) => {
    const from = findLanguage(include.language);
    if (!from)
      throw new Error(`bug: ${language.name} includes a template of ${include.language}, which is not registered`);
    return { as: include.as, language: include.language, templateDir: templateDirOf(from), template: include.template };
  });
  return render(viewFor(core, language, options), language, {
    templateDir: templateDirOf(language),
    ...(includes.length ? { includes } : {}),
    ...(options.overrideDir ? { overrideDir: options.overrideDir } : {}),
  });
}
