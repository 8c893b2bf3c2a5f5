/**
 * Validates many documents against one schema in a single `xmllint` run (the schema of the real
 * WSDL takes libxml2 ~50 ms to compile; a thousand samples one by one would take a minute).
 * Same referee as `test/support/libxml2.ts#validateXml`, batched.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireXmllint, type ExtractedSchema } from '../../support/libxml2.js';

/** Validation errors by document name; a document absent from the map validated. */
export function validateMany(schema: ExtractedSchema, documents: ReadonlyMap<string, string>): Map<string, string[]> {
  requireXmllint();
  const dir = mkdtempSync(join(tmpdir(), 'ecgrid-xmllint-batch-'));
  try {
    for (const [name, text] of Object.entries(schema.files)) writeFileSync(join(dir, name), text);
    writeFileSync(join(dir, schema.fileName), schema.text);
    const fileOf = new Map<string, string>();
    let i = 0;
    for (const [name, text] of documents) {
      const file = `doc-${i++}.xml`;
      fileOf.set(file, name);
      writeFileSync(join(dir, file), text);
    }
    const errors = new Map<string, string[]>();
    const files = [...fileOf.keys()];
    // Chunks keep the command line short.
    for (let start = 0; start < files.length; start += 200) {
      const chunk = files.slice(start, start + 200);
      const run = spawnSync('xmllint', ['--noout', '--nonet', '--schema', schema.fileName, ...chunk], {
        cwd: dir,
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      });
      if (run.error) throw run.error;
      for (const line of run.stderr.split('\n')) {
        const m = /^(doc-[0-9]+\.xml)(.*)$/.exec(line);
        if (m === null) {
          if (line.trim() !== '' && run.status !== 0 && !/^doc-/.test(line)) {
            if (/failed to compile|parser error/.test(line)) throw new Error(`the schema does not compile: ${line}`);
          }
          continue;
        }
        if (/^ validates$/.test(m[2] ?? '')) continue;
        const name = fileOf.get(m[1] as string) as string;
        const list = errors.get(name) ?? [];
        if (!/^ fails to validate$/.test(m[2] ?? '')) list.push(line.replace(m[1] as string, name));
        else if (list.length === 0) list.push(`${name} fails to validate`);
        errors.set(name, list);
      }
    }
    return errors;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
