/**
 * Round-trip vectors: XML documents and SOAP envelopes that every target language decodes with
 * its generated codec and encodes again. The format is described in `test/targets/README.md`;
 * the expected output of each vector is what the TypeScript runtime writes (`ts-driver.ts`).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  encodeBodyElement,
  encodeElement,
  encodeEnvelope,
  encodeType,
  type SchemaDescriptor,
  type SoapEnvelopeVersion,
} from '@ecgrid/soap-runtime';
import { buildSchemaDescriptor } from '../../../generator/src/descriptor/build-descriptor.js';
import type { Core } from '../../../generator/src/model/core.js';
import { sampleValue } from '../../../generator/src/samples/sample-value.js';
import { runVector } from './ts-driver.js';

export interface VectorRoot {
  readonly kind: 'element' | 'type';
  /** `{ns}local` of the global element or the type. */
  readonly id: string;
  /** The XML name the value is written under: the element's, or the type's own name. */
  readonly ns: string;
  readonly local: string;
}

export interface Vector {
  /** Also the output file name (`<name>.xml`): letters, digits, `.`, `_`, `-`. */
  readonly name: string;
  readonly kind: 'document' | 'envelope';
  readonly root: VectorRoot;
  /** Paths relative to the manifest's folder. */
  readonly input: string;
  readonly expected: string;
  readonly decode: { readonly namespaces: 'strict' | 'ignore' };
  readonly encode: { readonly qualified: boolean; readonly indent: string | null };
}

export interface VectorManifest {
  /** `contract` or `v4.1`. */
  readonly set: string;
  /** The WSDL the vectors belong to, relative to the repository root. */
  readonly source: string;
  readonly vectors: readonly Vector[];
}

/** A vector set in memory: the manifest and the files it names (relative path -> text). */
export interface VectorSet {
  readonly manifest: VectorManifest;
  readonly files: Map<string, string>;
}

export const MANIFEST_FILE = 'vectors.json';

export function readManifest(path: string): VectorManifest {
  return JSON.parse(readFileSync(path, 'utf8')) as VectorManifest;
}

/** The manifest as written to disk: 2-space JSON, LF, one final newline. */
export function manifestText(manifest: VectorManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** Writes a set into `dir` (the manifest and every file of `files`); returns the manifest path. */
export function writeVectorSet(dir: string, set: VectorSet): string {
  mkdirSync(dir, { recursive: true });
  for (const [path, text] of set.files) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const manifest = join(dir, MANIFEST_FILE);
  writeFileSync(manifest, manifestText(set.manifest));
  return manifest;
}

function splitId(id: string): { ns: string; local: string } {
  const end = id.indexOf('}');
  return id.startsWith('{') ? { ns: id.slice(1, end), local: id.slice(end + 1) } : { ns: '', local: id };
}

/** Builds a set: each vector's input is given, its expected output is the TypeScript driver's. */
export class VectorSetBuilder {
  private readonly vectors: Vector[] = [];
  readonly files = new Map<string, string>();

  constructor(
    private readonly schema: SchemaDescriptor,
    private readonly set: string,
    private readonly source: string,
  ) {}

  /** Adds a vector whose input is `inputText` (stored as `<name>.input.xml`) or an existing file. */
  add(
    vector: Omit<Vector, 'input' | 'expected'>,
    input: { readonly text: string } | { readonly file: string; readonly text: string },
  ): void {
    if (!/^[A-Za-z0-9._-]+$/.test(vector.name)) throw new Error(`bad vector name ${vector.name}`);
    if (this.vectors.some((v) => v.name === vector.name)) throw new Error(`duplicate vector ${vector.name}`);
    const inputPath = 'file' in input ? input.file : `${vector.name}.input.xml`;
    if (!('file' in input)) this.files.set(inputPath, input.text);
    const expectedPath = `${vector.name}.expected.xml`;
    const complete: Vector = {
      name: vector.name,
      kind: vector.kind,
      root: vector.root,
      input: inputPath,
      expected: expectedPath,
      decode: vector.decode,
      encode: vector.encode,
    };
    this.files.set(expectedPath, runVector(this.schema, complete, input.text));
    this.vectors.push(complete);
  }

  /** A sample of a named type written as a document (the type's own name as element name). */
  addTypeSamples(typeId: string, label: string): void {
    const value = sampleValue(this.schema, typeId, { as: 'type' });
    const name = splitId(typeId);
    const root: VectorRoot = { kind: 'type', id: typeId, ns: name.ns, local: name.local };
    const write = (qualified: boolean, indent?: string) =>
      encodeType(this.schema, typeId, name, value, { qualified, ...(indent !== undefined ? { indent } : {}) });
    // Pretty input, compact output: decoders must skip whitespace between elements.
    this.add(
      {
        name: `type.${label}`,
        kind: 'document',
        root,
        decode: { namespaces: 'strict' },
        encode: { qualified: true, indent: null },
      },
      { text: write(true, '  ') },
    );
    // Compact input, pretty output.
    this.add(
      {
        name: `type.${label}.pretty`,
        kind: 'document',
        root,
        decode: { namespaces: 'strict' },
        encode: { qualified: true, indent: '  ' },
      },
      { text: write(true) },
    );
    // Unqualified, as documentation pages print XML.
    this.add(
      {
        name: `type.${label}.unqualified`,
        kind: 'document',
        root,
        decode: { namespaces: 'ignore' },
        encode: { qualified: false, indent: null },
      },
      { text: write(false, '\t') },
    );
  }

  /** A sample of a global element, as a document. */
  addElementSample(elementId: string, label: string, indent?: string): void {
    const value = sampleValue(this.schema, elementId, { as: 'element' });
    const root = this.elementRoot(elementId);
    const text = encodeElement(this.schema, elementId, value, indent !== undefined ? { indent } : {});
    this.add(
      {
        name: `element.${label}`,
        kind: 'document',
        root,
        decode: { namespaces: 'strict' },
        encode: { qualified: true, indent: null },
      },
      { text },
    );
  }

  /** A sample of a global element in a SOAP envelope; the output uses `indent` for both. */
  addEnvelopeSample(elementId: string, label: string, version: SoapEnvelopeVersion, indent: string | null): void {
    const value = sampleValue(this.schema, elementId, { as: 'element' });
    const options = indent === null ? {} : { indent };
    const body = encodeBodyElement(this.schema, elementId, value, { version, ...options });
    const text = encodeEnvelope({ version, body }, options);
    const root = this.elementRoot(elementId);
    this.add(
      {
        name: `envelope.${label}`,
        kind: 'envelope',
        root,
        decode: { namespaces: 'strict' },
        encode: { qualified: true, indent },
      },
      { text },
    );
  }

  elementRoot(elementId: string): VectorRoot {
    const element = this.schema.elements[elementId];
    if (element === undefined) throw new Error(`no element ${elementId}`);
    return { kind: 'element', id: elementId, ns: element.ns, local: element.name };
  }

  build(): VectorSet {
    return { manifest: { set: this.set, source: this.source, vectors: [...this.vectors] }, files: new Map(this.files) };
  }
}

/** A vector name made of safe characters. */
function label(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, '_');
}

/**
 * The vectors of a whole WSDL: every named type (three encodings each), every global element that
 * an operation sends or receives as a document, and each of them in an envelope (requests SOAP
 * 1.1 indented, responses SOAP 1.2 compact).
 */
export function addSchemaVectors(builder: VectorSetBuilder, core: Core): void {
  const typeLabels = new Set<string>();
  for (const type of core.types) {
    if (type.anonymousIn !== undefined) continue;
    let name = label(type.name);
    for (let i = 2; typeLabels.has(name); i++) name = `${label(type.name)}${i}`;
    typeLabels.add(name);
    builder.addTypeSamples(type.id, name);
  }
  const seen = new Set<string>();
  // Elements of the same local name in several namespaces (several port types' operations) get numbered labels.
  const elementLabels = new Set<string>();
  for (const service of core.services) {
    for (const op of service.operations) {
      for (const [id, direction] of [
        [op.input, 'request'],
        [op.output, 'response'],
      ] as const) {
        if (id === undefined || seen.has(id)) continue;
        seen.add(id);
        let name = label(splitId(id).local);
        for (let i = 2; elementLabels.has(name); i++) name = `${label(splitId(id).local)}${i}`;
        elementLabels.add(name);
        builder.addElementSample(id, name, direction === 'request' ? '  ' : undefined);
        if (direction === 'request') builder.addEnvelopeSample(id, `${name}.soap11`, '1.1', '  ');
        else builder.addEnvelopeSample(id, `${name}.soap12`, '1.2', null);
      }
    }
  }
}

/** The `v4.1` set (or any WSDL's): generated samples only. */
export function schemaVectorSet(core: Core, set: string): VectorSet {
  const builder = new VectorSetBuilder(buildSchemaDescriptor(core), set, core.source);
  addSchemaVectors(builder, core);
  return builder.build();
}

/** Where the committed `contract` set lives, and how it refers to `wsdl/examples/`. */
export const CONTRACT_SET_DIR = 'test/targets/vectors/contract';
const EXAMPLES_FROM_SET = '../../../../wsdl/examples';

/**
 * The `contract` set of wsdl/ECGridOS.wsdl: the documentation page's example (unqualified,
 * re-encoded unqualified with a 2-space indent), the four KeySet envelopes of `wsdl/examples/`
 * (re-encoded byte for byte, without the final newline) and the generated samples.
 */
export function contractVectorSet(core: Core, readExample: (file: string) => string): VectorSet {
  const schema = buildSchemaDescriptor(core);
  const builder = new VectorSetBuilder(schema, 'contract', core.source);
  const tns = core.targetNamespace;
  builder.add(
    {
      name: 'page.KeyIDInfo',
      kind: 'document',
      root: { kind: 'type', id: `{${tns}}KeyIDInfo`, ns: tns, local: 'KeyIDInfo' },
      decode: { namespaces: 'ignore' },
      encode: { qualified: false, indent: '  ' },
    },
    { file: `${EXAMPLES_FROM_SET}/KeyIDInfo.xml`, text: readExample('KeyIDInfo.xml') },
  );
  for (const version of ['soap11', 'soap12'] as const) {
    for (const [direction, element] of [
      ['request', 'KeySet'],
      ['response', 'KeySetResponse'],
    ] as const) {
      const file = `KeySet.${version}.${direction}.xml`;
      builder.add(
        {
          name: `example.KeySet.${version}.${direction}`,
          kind: 'envelope',
          root: builder.elementRoot(`{${tns}}${element}`),
          decode: { namespaces: 'strict' },
          encode: { qualified: true, indent: '  ' },
        },
        { file: `${EXAMPLES_FROM_SET}/${file}`, text: readExample(file) },
      );
    }
  }
  addSchemaVectors(builder, core);
  return builder.build();
}
