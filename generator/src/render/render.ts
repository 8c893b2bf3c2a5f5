import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars/runtime';
import { readTextFile } from '../text-file.js';
import type { LanguageAdapter } from '../view/language.js';
import type { View } from '../view/view.js';

/** Generated files: `/`-separated path relative to the output folder -> content. */
export type FileTree = Map<string, string>;

export interface RenderOptions {
  /** The language's built-in template folder. */
  readonly templateDir: string;
  /** A user folder whose files replace built-in templates of the same relative path. */
  readonly overrideDir?: string;
  /**
   * Templates of other language folders registered as partials (`LanguageAdapter.includes`):
   * the partial's name, the language folder and the template's path in it.
   */
  readonly includes?: readonly {
    readonly as: string;
    readonly language: string;
    readonly templateDir: string;
    readonly template: string;
  }[];
}

/** How every template and partial is compiled: code, not HTML, and a missing field is an error. */
export const COMPILE_OPTIONS = { noEscape: true, strict: true } as const;

interface Precompiled {
  readonly text: string;
  readonly spec: string;
}

/** Where the build puts the precompiled built-in templates: `dist/<dir>/<language>.json`. */
export const PRECOMPILED_DIR = 'precompiled';

/** Per language folder, read once per process. */
const precompiled = new Map<string, Readonly<Record<string, Precompiled>>>();

/**
 * The build's precompiled built-in templates of one language folder (keyed by path inside it),
 * when running from a build; empty otherwise. Only the languages rendered are read.
 */
function precompiledTemplates(language: string): Readonly<Record<string, Precompiled>> {
  let templates = precompiled.get(language);
  if (templates === undefined) {
    try {
      const file = join(dirname(fileURLToPath(import.meta.url)), PRECOMPILED_DIR, `${language}.json`);
      templates = JSON.parse(readTextFile(file)) as Record<string, Precompiled>;
    } catch {
      templates = {};
    }
    precompiled.set(language, templates);
  }
  return templates;
}

/** The build's precompiled code of a built-in template of `language` whose file still has `text`. */
function precompiledSpec(language: string, path: string, text: string): string | undefined {
  const entry = precompiledTemplates(language)[path];
  return entry && entry.text === text ? entry.spec : undefined;
}

/** A template file's text, with LF line ends. */
function readTemplate(file: string): string {
  return readTextFile(file).replace(/\r\n?/g, '\n');
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
 * Handlebars with its compiler, for templates that must be compiled now: an override, or a
 * built-in template edited since the build (and every template when running from source).
 * A precompiled template needs only the runtime, imported above: the compiler, its parser
 * tables above all, is most of Handlebars' load time, which a plain `generate` would otherwise
 * pay on every run. So it is required only here, from the installed package.
 */
function handlebarsWithCompiler(): typeof Handlebars {
  return createRequire(import.meta.url)('handlebars') as typeof Handlebars;
}

/**
 * Renders the planned files of a view. Templates only lay out: names and types come from the
 * view, helpers from the adapter. Output ends with exactly one newline, LF only.
 */
export function render(view: View, adapter: LanguageAdapter, options: RenderOptions): FileTree {
  const read = (path: string): string => {
    const override = options.overrideDir ? join(options.overrideDir, path) : undefined;
    const file = override && existsSync(override) ? override : join(options.templateDir, path);
    try {
      return readTemplate(file);
    } catch {
      throw new TemplateError(path, `cannot read ${existsSync(file) ? 'the file' : 'it: no such template'}`);
    }
  };
  const plan = adapter.plan(view);
  const partials = partialNames(options);
  // Every template is read first: whether any of them has to be compiled decides which Handlebars is loaded.
  const texts = new Map<string, string>();
  for (const path of [
    ...partials.map((partial) => `partials/${partial}.hbs`),
    ...plan.map((planned) => planned.template),
  ]) {
    if (!texts.has(path)) texts.set(path, read(path));
  }
  const language = basename(options.templateDir);
  // Included templates of other languages: read from their folders, precompiled by their language.
  const included = (options.includes ?? []).map((include) => {
    let text: string;
    try {
      text = readTemplate(join(include.templateDir, include.template));
    } catch {
      throw new TemplateError(`${include.language}/${include.template}`, 'cannot read it: no such template');
    }
    return { name: include.as, text, spec: precompiledSpec(basename(include.templateDir), include.template, text) };
  });
  const needsCompiler =
    [...texts].some(([path, text]) => precompiledSpec(language, path, text) === undefined) ||
    included.some((i) => i.spec === undefined);
  const hbs = (needsCompiler ? handlebarsWithCompiler() : Handlebars).create();
  hbs.registerHelper(SHARED_HELPERS);
  hbs.registerHelper(adapter.helpers);
  /** The precompiled code when there is one, else the text compiled now. */
  const templateOf = (text: string, spec: string | undefined): HandlebarsTemplateDelegate =>
    spec !== undefined
      ? hbs.template(new Function(`return ${spec}`)() as TemplateSpecification)
      : hbs.compile(text, COMPILE_OPTIONS);
  const compiled = new Map<string, HandlebarsTemplateDelegate>();
  const compile = (path: string): HandlebarsTemplateDelegate => {
    let template = compiled.get(path);
    if (!template) {
      const text = texts.get(path) ?? '';
      template = templateOf(text, precompiledSpec(language, path, text));
      compiled.set(path, template);
    }
    return template;
  };
  for (const partial of partials) {
    hbs.registerPartial(partial, compile(`partials/${partial}.hbs`));
  }
  for (const include of included) hbs.registerPartial(include.name, templateOf(include.text, include.spec));
  const files: FileTree = new Map();
  for (const planned of plan) {
    let text: string;
    try {
      const template = compile(planned.template);
      text = planned.item === undefined ? template(view) : template(view, { data: { item: planned.item } });
    } catch (error) {
      throw new TemplateError(planned.template, error instanceof Error ? error.message : String(error));
    }
    files.set(planned.path, withFinalNewline(text));
  }
  return files;
}

/**
 * Helpers every language's templates have (an adapter's helper of the same name wins):
 * `prettyJson value` prints a view value (the codec plan `schema`, a service's `descriptor`) as
 * JSON indented by two spaces, which is a literal in most target languages.
 */
const SHARED_HELPERS: Readonly<Record<string, Handlebars.HelperDelegate>> = {
  prettyJson: (value: unknown) => JSON.stringify(value, null, 2),
};

/** The text with its trailing whitespace replaced by exactly one newline. */
function withFinalNewline(text: string): string {
  // trimEnd removes exactly what /\s+$/ matches, without a regular expression over the whole file.
  const trimmed = text.trimEnd();
  // Most files already end so: the text itself is kept then, rather than copied into a new
  // string (schema.ts alone is most of a megabyte).
  return trimmed.length === text.length - 1 && text.endsWith('\n') ? text : `${trimmed}\n`;
}

function partialNames(options: RenderOptions): string[] {
  const names = new Set<string>();
  for (const dir of [options.templateDir, options.overrideDir]) {
    if (!dir) continue;
    const partials = join(dir, 'partials');
    if (!existsSync(partials)) continue;
    for (const entry of readdirSync(partials)) {
      if (entry.endsWith('.hbs'))
        names.add(relative(partials, join(partials, entry)).split(sep).join('/').slice(0, -4));
    }
  }
  return [...names].sort();
}
