/**
 * The TypeScript driver: plays the fourth language with the runtime codec and the schema
 * descriptor, and defines what every other driver must write for a vector.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  decodeElement,
  decodeEnvelope,
  decodeType,
  encodeBodyElement,
  encodeElement,
  encodeEnvelope,
  encodeType,
  parseXml,
  type SchemaDescriptor,
} from '@ecgrid/soap-runtime';
import type { Vector, VectorManifest } from './vectors.js';

/** Decodes `input` as the vector says and encodes it again; returns the output text. */
export function runVector(schema: SchemaDescriptor, vector: Vector, input: string): string {
  const options = {
    qualified: vector.encode.qualified,
    ...(vector.encode.indent !== null ? { indent: vector.encode.indent } : {}),
  };
  const decodeOptions = { namespaces: vector.decode.namespaces };
  const { root } = vector;
  if (vector.kind === 'envelope') {
    if (root.kind !== 'element') throw new Error(`vector ${vector.name}: an envelope's root must be an element`);
    const envelope = decodeEnvelope(input);
    const value = decodeElement(schema, root.id, envelope.body, decodeOptions);
    const body = encodeBodyElement(schema, root.id, value, { version: envelope.version, ...options });
    return encodeEnvelope(
      { version: envelope.version, body },
      vector.encode.indent !== null ? { indent: vector.encode.indent } : {},
    );
  }
  const node = parseXml(input).root;
  if (root.kind === 'element') {
    return encodeElement(schema, root.id, decodeElement(schema, root.id, node, decodeOptions), options);
  }
  const value = decodeType(schema, root.id, node, decodeOptions);
  return encodeType(schema, root.id, { ns: root.ns, local: root.local }, value, options);
}

/** Runs every vector of a manifest, writing `<outDir>/<name>.xml`, like the other drivers. */
export function runTypeScriptDriver(schema: SchemaDescriptor, manifestPath: string, outDir: string): void {
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as VectorManifest;
  mkdirSync(outDir, { recursive: true });
  for (const vector of manifest.vectors) {
    let output: string;
    try {
      output = runVector(schema, vector, readFileSync(join(dirname(manifestPath), vector.input), 'utf8'));
    } catch (error) {
      throw new Error(`vector ${vector.name}: ${error instanceof Error ? error.message : String(error)}`);
    }
    writeFileSync(join(outDir, `${vector.name}.xml`), output);
  }
}
