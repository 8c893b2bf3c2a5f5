import runtimePackage from '@ecgrid/soap-runtime/package.json' with { type: 'json' };
import type { Core, Diagnostic } from './model/core.js';
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

/** Renders the whole output tree of one language in memory. */
export function renderTree(core: Core, language: LanguageAdapter, options: TreeOptions = {}): FileTree {
  const includes = (language.includes ?? []).map((include) => {
    const from = findLanguage(include.language);
    if (!from) throw new Error(`bug: ${language.name} includes a template of ${include.language}, which is not registered`);
    return { as: include.as, language: include.language, templateDir: templateDirOf(from), template: include.template };
  });
  return render(viewFor(core, language, options), language, {
    templateDir: templateDirOf(language),
    ...(includes.length ? { includes } : {}),
    ...(options.overrideDir ? { overrideDir: options.overrideDir } : {}),
  });
}
