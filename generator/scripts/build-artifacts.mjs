#!/usr/bin/env node
// Builds the runtime libraries and the generated packages in packages/ into installable
// artifacts, with each language's own offline tools:
//
//   artifacts/npm/*.tgz       npm pack of ecgrid-codegen, @ecgrid/soap-runtime and every generated TypeScript package
//   artifacts/nuget/*.nupkg   ECGrid.Soap.Runtime and every generated C# package
//   artifacts/maven/          io.ecgrid:soap-runtime and every generated Java package, in Maven
//                             repository layout (jar, sources jar, javadoc jar, pom)
//   artifacts/python/         wheels and sdists of ecgrid-soap-runtime and every generated Python package
//
// Usage: node generator/scripts/build-artifacts.mjs [--out DIR] [--language L ...]
// (languages: npm, csharp, java, python; default all). Each language is built into a staging
// folder first and moved into place only when the whole of it succeeded, so a failed build
// leaves the previous artifacts of that language as they were, never half of them.
import { mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const LANGUAGES = ['npm', 'csharp', 'java', 'python'];

function parse(argv) {
  let out = join(root, 'artifacts');
  const languages = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--out' && argv[i + 1] !== undefined) out = resolve(argv[++i]);
    else if (arg === '--language' && argv[i + 1] !== undefined) languages.push(argv[++i]);
    else {
      console.error(
        `usage: build-artifacts.mjs [--out DIR] [--language ${LANGUAGES.join('|')} ...]; unexpected ${JSON.stringify(arg)}`,
      );
      process.exit(2);
    }
  }
  for (const language of languages) {
    if (!LANGUAGES.includes(language)) {
      console.error(`unknown language ${JSON.stringify(language)}; known: ${LANGUAGES.join(', ')}`);
      process.exit(2);
    }
  }
  return { out, languages: languages.length ? [...new Set(languages)] : LANGUAGES };
}

const { out, languages } = parse(process.argv.slice(2));
mkdirSync(out, { recursive: true });
for (const language of languages) {
  const started = Date.now();
  const staging = join(out, `.staging-${language}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    const { build } = await import(`./artifacts/${language}.mjs`);
    await build({ root, out: staging });
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    console.error(`artifacts: the ${language} build failed; ${out} keeps its previous ${language} artifacts`);
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  }
  const built = readdirSync(staging);
  for (const entry of built) {
    rmSync(join(out, entry), { recursive: true, force: true });
    renameSync(join(staging, entry), join(out, entry));
  }
  rmSync(staging, { recursive: true, force: true });
  console.log(
    `artifacts: ${language} -> ${built.map((e) => join(out, e)).join(', ') || '(nothing)'} in ${((Date.now() - started) / 1000).toFixed(1)}s`,
  );
}
