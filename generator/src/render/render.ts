import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import type { LanguageAdapter } from '../view/language.js';
import type { View } from '../view/view.js';

/** Generated files: `/`-separated path relative to the output folder -> content. */
export type FileTree = Map<string, string>;

export interface RenderOptions {
  /** The language's built-in template folder. */
  readonly templateDir: string;
  /** A user folder whose files replace built-in templates of the same relative path. */
  readonly overrideDir?: string;
}

/** How every template and partial is compiled: code, not HTML, and a missing field is an error. */
export const COMPILE_OPTIONS = { noEscape: true, strict: true } as const;

interface Precompiled {
  readonly text: string;
  readonly spec: string;
}

let precompiled: Readonly<Record<string, Precompiled>> | undefined;

/** The build's precompiled built-in templates (dist/templates.json), when running from a build. */
function precompiledTemplates(): Readonly<Record<string, Precompiled>> {
  if (precompiled === undefined) {
    try {
      const file = join(dirname(fileURLToPath(import.meta.url)), 'templates.json');
      precompiled = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Precompiled>;
    } catch {
      precompiled = {};
    }
  }
  return precompiled;
}

export class TemplateError extends Error {
  constructor(
    readonly template: string,
    message: string,
  ) {
    super(`template ${template}: ${message}`);
    this.name = 'TemplateError';
  }
}

/**
 * Renders the planned files of a view. Templates only lay out: names and types come from the
 * view, helpers from the adapter. Output ends with exactly one newline, LF only.
 */
export function render(view: View, adapter: LanguageAdapter, options: RenderOptions): FileTree {
  const hbs = Handlebars.create();
  hbs.registerHelper(adapter.helpers);
  const read = (path: string): string => {
    const override = options.overrideDir ? join(options.overrideDir, path) : undefined;
    const file = override && existsSync(override) ? override : join(options.templateDir, path);
    try {
      return readFileSync(file, 'utf8').replace(/\r\n?/g, '\n');
    } catch {
      throw new TemplateError(path, `cannot read ${existsSync(file) ? 'the file' : 'it: no such template'}`);
    }
  };
  /** A built-in template precompiled by the build when its file still has the same text; else compiled now. */
  const compile = (path: string): HandlebarsTemplateDelegate => {
    const text = read(path);
    const built = precompiledTemplates()[`${basename(options.templateDir)}/${path}`];
    if (built && built.text === text) return hbs.template(new Function(`return ${built.spec}`)() as TemplateSpecification);
    return hbs.compile(text, COMPILE_OPTIONS);
  };
  for (const partial of partialNames(options)) {
    hbs.registerPartial(partial, compile(`partials/${partial}.hbs`));
  }
  const files: FileTree = new Map();
  const compiled = new Map<string, HandlebarsTemplateDelegate>();
  for (const planned of adapter.plan(view)) {
    let text: string;
    try {
      let template = compiled.get(planned.template);
      if (!template) {
        template = compile(planned.template);
        compiled.set(planned.template, template);
      }
      text = planned.item === undefined ? template(view) : template(view, { data: { item: planned.item } });
    } catch (error) {
      if (error instanceof TemplateError) throw error;
      throw new TemplateError(planned.template, error instanceof Error ? error.message : String(error));
    }
    files.set(planned.path, `${text.replace(/\s+$/, '')}\n`);
  }
  return files;
}

function partialNames(options: RenderOptions): string[] {
  const names = new Set<string>();
  for (const dir of [options.templateDir, options.overrideDir]) {
    if (!dir) continue;
    const partials = join(dir, 'partials');
    if (!existsSync(partials)) continue;
    for (const entry of readdirSync(partials)) {
      if (entry.endsWith('.hbs')) names.add(relative(partials, join(partials, entry)).split(sep).join('/').slice(0, -4));
    }
  }
  return [...names].sort();
}
