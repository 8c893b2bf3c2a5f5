import { describe, expect, it } from 'vitest';
import {
  BUILTINS,
  decodeElement,
  decodeType,
  encodeElement,
  encodeType,
  parseXml,
  type SchemaDescriptor,
  type XsdBuiltin,
} from '@ecgrid/soap-runtime';
import { buildSchemaDescriptor } from '../../generator/src/descriptor/build-descriptor.js';
import { XSD_BUILTIN_NAMES } from '../../generator/src/model/builtins.js';
import { builtinSample, sampleValue } from '../../generator/src/samples/sample-value.js';
import { extractSchemas } from '../support/libxml2.js';
import { loadRepoCore } from '../support/generate.js';
import { CONTRACT_WSDL, readRepoFile } from '../support/paths.js';
import { validateMany } from '../targets/support/xmllint-batch.js';
import { comparable } from '../support/values.js';

const V41_WSDL = '../shared/corpus/ECGridOS-v4.1.wsdl';

function localOf(id: string): { ns: string; local: string } {
  const end = id.indexOf('}');
  return id.startsWith('{') ? { ns: id.slice(1, end), local: id.slice(end + 1) } : { ns: '', local: id };
}

/** Encodes every sample, decodes it back, and validates what libxml2 can validate. */
function checkAll(wsdl: string): { count: number; validated: number } {
  const schema = buildSchemaDescriptor(loadRepoCore(wsdl));
  const toValidate = new Map<string, { ns: string; xml: string }>();
  let count = 0;
  for (const id of Object.keys(schema.elements)) {
    const value = sampleValue(schema, id);
    const xml = encodeElement(schema, id, value);
    const back = decodeElement(schema, id, parseXml(xml).root);
    expect(comparable(back), `element ${id}`).toEqual(comparable(value));
    toValidate.set(`element ${id}`, { ns: schema.elements[id]!.ns, xml });
    count++;
  }
  for (const id of Object.keys(schema.types)) {
    const value = sampleValue(schema, id, { as: 'type' });
    const name = localOf(id);
    const xml = encodeType(schema, id, name, value);
    const back = decodeType(schema, id, parseXml(xml).root);
    expect(comparable(back), `type ${id}`).toEqual(comparable(value));
    count++;
    const holder = Object.entries(schema.elements).find(([, e]) => e.type === id);
    if (holder !== undefined) {
      toValidate.set(`type ${id} in element ${holder[0]}`, {
        ns: holder[1].ns,
        xml: encodeElement(schema, holder[0], value),
      });
    }
  }
  const schemas = extractSchemas(readRepoFile(wsdl));
  let validated = 0;
  for (const xsd of schemas) {
    const documents = new Map(
      [...toValidate].filter(([, d]) => d.ns === xsd.targetNamespace).map(([k, d]) => [k, d.xml]),
    );
    const errors = validateMany(xsd, documents);
    expect(Object.fromEntries(errors)).toEqual({});
    validated += documents.size;
  }
  return { count, validated };
}

describe('sampleValue', () => {
  it('every type and element of wsdl/ECGridOS.wsdl: encodes, validates with libxml2, decodes back equal', () => {
    const { count, validated } = checkAll(CONTRACT_WSDL);
    expect(count).toBe(6);
    expect(validated).toBe(4);
  });

  it('every type and element of the real v4.1 WSDL: encodes, validates with libxml2, decodes back equal', () => {
    const { count, validated } = checkAll(V41_WSDL);
    expect(count).toBeGreaterThan(1000);
    expect(validated).toBeGreaterThan(900);
  });

  it('is deterministic and gives each field of a record its own value', () => {
    const schema = buildSchemaDescriptor(loadRepoCore(CONTRACT_WSDL));
    const id = '{https://os.ecgrid.io/}KeyIDInfo';
    const a = sampleValue(schema, id) as Record<string, unknown>;
    expect(sampleValue(schema, id)).toEqual(a);
    expect(Object.keys(a)).toEqual(['KeyID', 'UserID', 'Key', 'Visibility', 'Created']);
    expect(new Set(Object.values(a).map(String)).size).toBe(5);
    expect(typeof a.KeyID).toBe('number');
    expect(a.KeyID).not.toBe(a.UserID);
    expect(['Private', 'Shared', 'Public', 'Session']).toContain(a.Visibility);
  });

  it('fills arrays with two items, a nil where items are nillable, and stops deep recursion', () => {
    const s = '{http://www.w3.org/2001/XMLSchema}';
    const schema: SchemaDescriptor = {
      types: {
        Node: {
          kind: 'complex',
          name: 'Node',
          content: [
            { kind: 'element', name: 'Label', ns: '', type: `${s}string`, min: 1, max: 1, nillable: false },
            { kind: 'element', name: 'Size', ns: '', type: `${s}long`, min: 0, max: -1, nillable: true },
            { kind: 'element', name: 'Child', ns: '', type: 'Node', min: 0, max: 1, nillable: false },
            { kind: 'any', name: 'any', min: 0, max: -1 },
          ],
        },
      },
      elements: {},
    };
    const value = sampleValue(schema, 'Node', { maxDepth: 3 }) as Record<string, unknown>;
    expect((value.Size as unknown[]).length).toBe(2);
    expect(typeof (value.Size as unknown[])[0]).toBe('bigint');
    expect((value.Size as unknown[])[1]).toBeNull();
    expect((value.any as unknown[]).length).toBe(2);
    let depth = 0;
    for (
      let node: Record<string, unknown> | undefined = value;
      node !== undefined;
      node = node.Child as Record<string, unknown> | undefined
    )
      depth++;
    expect(depth).toBe(4);
    const xml = encodeType(schema, 'Node', { ns: '', local: 'Node' }, value);
    expect(comparable(decodeType(schema, 'Node', parseXml(xml).root))).toEqual(comparable(value));
  });

  it('gives every XSD builtin a value its runtime codec formats and parses back', () => {
    for (const name of XSD_BUILTIN_NAMES) {
      if (name === 'anyType') continue;
      const codec = BUILTINS[name as XsdBuiltin];
      for (const n of [1, 2, 3, 4, 5]) {
        const value = builtinSample(name, 'Field', n);
        const text = codec.format(value);
        expect(codec.parse(text), `${name} ${n}`).toEqual(value);
      }
      expect(builtinSample(name, 'Field', 1), name).not.toEqual(builtinSample(name, 'Field', 2));
    }
  });
});
