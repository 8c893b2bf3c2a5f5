/**
 * Comparing driver outputs byte for byte: with each vector's expected file, and between
 * languages. Problems are returned as readable lines (vector, language, first difference).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { readManifest } from './vectors.js';

/** Where two texts first differ, with a little context on both sides. */
export function describeDifference(actual: string, expected: string): string {
  let i = 0;
  while (i < actual.length && i < expected.length && actual[i] === expected[i]) i++;
  const line = expected.slice(0, i).split('\n').length;
  const show = (s: string) => JSON.stringify(s.slice(Math.max(0, i - 30), i + 40));
  return `first difference at offset ${i} (line ${line}): got ${show(actual)}, expected ${show(expected)}`;
}

function readOutput(outDir: string, name: string): string | undefined {
  const path = join(outDir, `${name}.xml`);
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

/** Each output of `language` in `outDir` against the manifest's expected files. */
export function compareWithExpected(manifestPath: string, outDir: string, language: string): string[] {
  const manifest = readManifest(manifestPath);
  const problems: string[] = [];
  for (const vector of manifest.vectors) {
    const expected = readFileSync(join(dirname(manifestPath), vector.expected), 'utf8');
    const actual = readOutput(outDir, vector.name);
    if (actual === undefined) problems.push(`${manifest.set}/${vector.name}: ${language} wrote no output`);
    else if (actual !== expected)
      problems.push(`${manifest.set}/${vector.name}: ${language} ${describeDifference(actual, expected)}`);
  }
  return problems;
}

/**
 * The outputs of several languages (language -> output folder) against each other: for each
 * vector, every language must have written the same bytes as the first one (the reference).
 */
export function compareLanguages(manifestPath: string, outputs: ReadonlyMap<string, string>): string[] {
  const manifest = readManifest(manifestPath);
  const [reference, ...others] = [...outputs.entries()];
  if (reference === undefined) return [];
  const problems: string[] = [];
  for (const vector of manifest.vectors) {
    const base = readOutput(reference[1], vector.name);
    for (const [language, dir] of others) {
      const text = readOutput(dir, vector.name);
      if (base === undefined || text === undefined) {
        problems.push(`${manifest.set}/${vector.name}: no output from ${base === undefined ? reference[0] : language}`);
      } else if (text !== base) {
        problems.push(
          `${manifest.set}/${vector.name}: ${language} disagrees with ${reference[0]}: ${describeDifference(text, base)}`,
        );
      }
    }
  }
  return problems;
}

/** At most `limit` problems, and how many more there are, for an assertion message. */
export function summarize(problems: readonly string[], limit = 20): string {
  const shown = problems.slice(0, limit).join('\n');
  return problems.length > limit ? `${shown}\n… and ${problems.length - limit} more` : shown;
}
