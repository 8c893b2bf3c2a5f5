import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { csharp } from '../../templates/csharp/language.js';
import { createDocsAdapter } from '../../templates/docs/language.js';
import { java } from '../../templates/java/language.js';
import { python } from '../../templates/python/language.js';
import { typescript } from '../../templates/typescript/language.js';
import type { LanguageAdapter } from './view/language.js';

/** The registered target languages: the only place that imports adapters. */
const LANGUAGES: readonly LanguageAdapter[] = [typescript, csharp, java, python];

export function allLanguages(): readonly LanguageAdapter[] {
  return LANGUAGES;
}

export function languageNames(): string[] {
  return LANGUAGES.map((l) => l.name);
}

/** Targets that are not SDKs (documentation): rendered only when named with --target, never by "all". */
const EXTRA_TARGETS: readonly LanguageAdapter[] = [createDocsAdapter(LANGUAGES)];

export function findLanguage(name: string): LanguageAdapter | undefined {
  return LANGUAGES.find((l) => l.name === name) ?? EXTRA_TARGETS.find((l) => l.name === name);
}

/** The built-in template folder of a language: `templates/<name>` of this installation. */
export function templateDirOf(language: LanguageAdapter): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'templates', language.name);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error(`bug: the templates folder of ${language.name} is not installed next to the generator`);
    dir = parent;
  }
}
