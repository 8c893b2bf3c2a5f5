/**
 * Random mutations and truncations of valid SOAP responses, random bytes and invalid UTF-8:
 * decoding either fails with a typed error (a SoapRuntimeError subclass) or returns a complete
 * value that encodes again under the schema; it never crashes with another error, hangs, or
 * returns a partial object.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  SoapRuntimeError,
  XmlParseError,
  decodeElement,
  decodeEnvelope,
  encodeBodyElement,
  encodeElement,
  encodeEnvelope,
  parseXml,
  type SchemaDescriptor,
} from '@ecgrid/soap-runtime';
import { buildSchemaDescriptor } from '../../generator/src/descriptor/build-descriptor.js';
import { schema as contract } from '../../packages/ecgridos/src/schema.js';
import { loadRepoCore } from '../support/generate.js';
import { readRepoFile } from '../support/paths.js';
import { elementArbitrary } from './property-arbitraries.js';

const SEED = Number(process.env.FC_SEED ?? 20260507);
const V41: SchemaDescriptor = buildSchemaDescriptor(loadRepoCore('../shared/corpus/ECGridOS-v4.1.wsdl'));
const KEYSET_RESPONSE = '{https://os.ecgrid.io/}KeySetResponse';
const KEYLIST_RESPONSE = '{https://os.ecgrid.io/}KeyListResponse';

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

function decode(schema: SchemaDescriptor, elementId: string, input: string | Uint8Array): Outcome {
  try {
    const text = typeof input === 'string' ? input : undefined;
    const envelope =
      text !== undefined
        ? decodeEnvelope(text)
        : decodeEnvelope(new TextDecoder().decode(parseXmlBytes(input as Uint8Array)));
    return { ok: true, value: decodeElement(schema, elementId, envelope.body) };
  } catch (error) {
    return { ok: false, error };
  }
}

/** Validates the bytes as UTF-8 XML first (throws XmlParseError), then hands them on. */
function parseXmlBytes(bytes: Uint8Array): Uint8Array {
  parseXml(bytes);
  return bytes;
}

/** The property every outcome must have. */
function checkOutcome(schema: SchemaDescriptor, elementId: string, outcome: Outcome): void {
  if (!outcome.ok) {
    expect(outcome.error, String(outcome.error)).toBeInstanceOf(SoapRuntimeError);
    return;
  }
  // A value that came back is whole: it encodes under the schema again.
  expect(() => encodeElement(schema, elementId, outcome.value)).not.toThrow();
}

const mutation = (length: number) =>
  fc.oneof(
    fc.record({ kind: fc.constant('truncate' as const), at: fc.integer({ min: 0, max: length - 1 }) }),
    fc.record({
      kind: fc.constant('delete' as const),
      at: fc.integer({ min: 0, max: length - 1 }),
      count: fc.integer({ min: 1, max: 40 }),
    }),
    fc.record({
      kind: fc.constant('insert' as const),
      at: fc.integer({ min: 0, max: length }),
      text: fc.oneof(
        fc.string({ maxLength: 8 }),
        fc.constantFrom(
          '<',
          '>',
          '&',
          '&amp;',
          '<x>',
          '</x>',
          '<!DOCTYPE x>',
          '<![CDATA[',
          ']]>',
          'xsi:nil="true"',
          '\u0000',
          '\ud800',
          '"',
          '/>',
          '<?pi?>',
          '<!--',
        ),
      ),
    }),
    fc.record({
      kind: fc.constant('replace' as const),
      at: fc.integer({ min: 0, max: length - 1 }),
      char: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
    }),
    fc.record({
      kind: fc.constant('swap' as const),
      a: fc.integer({ min: 0, max: length - 1 }),
      b: fc.integer({ min: 0, max: length - 1 }),
    }),
  );

type Mutation = typeof mutation extends (n: number) => fc.Arbitrary<infer M> ? M : never;

function apply(text: string, m: Mutation): string {
  switch (m.kind) {
    case 'truncate':
      return text.slice(0, m.at);
    case 'delete':
      return text.slice(0, m.at) + text.slice(m.at + m.count);
    case 'insert':
      return text.slice(0, m.at) + m.text + text.slice(m.at);
    case 'replace':
      return text.slice(0, m.at) + m.char + text.slice(m.at + 1);
    case 'swap': {
      const [a, b] = m.a < m.b ? [m.a, m.b] : [m.b, m.a];
      return a === b ? text : text.slice(0, a) + text[b] + text.slice(a + 1, b) + text[a] + text.slice(b + 1);
    }
  }
}

describe('mutated and truncated documents', () => {
  const example = readRepoFile('wsdl/examples/KeySet.soap11.response.xml');

  it('every truncation of the KeySet response is an XmlParseError', () => {
    for (let at = 0; at < example.trimEnd().length; at++) {
      const outcome = decode(contract, KEYSET_RESPONSE, example.slice(0, at));
      expect(outcome.ok, `truncated at ${at}`).toBe(false);
      expect((outcome as { error: unknown }).error).toBeInstanceOf(XmlParseError);
    }
  });

  it('random mutations of the KeySet response: a typed error or a whole value', () => {
    fc.assert(
      fc.property(fc.array(mutation(example.length), { minLength: 1, maxLength: 4 }), (mutations) => {
        const text = mutations.reduce((t, m) => (t.length === 0 ? t : apply(t, m)), example);
        checkOutcome(contract, KEYSET_RESPONSE, decode(contract, KEYSET_RESPONSE, text));
      }),
      { numRuns: 3000, seed: SEED },
    );
  });

  it('random mutations of random v4.1 KeyList responses: a typed error or a whole value', () => {
    const documents = elementArbitrary(V41, KEYLIST_RESPONSE).map((value) =>
      encodeEnvelope(
        { version: '1.1', body: encodeBodyElement(V41, KEYLIST_RESPONSE, value, { version: '1.1', indent: '  ' }) },
        { indent: '  ' },
      ),
    );
    fc.assert(
      fc.property(
        documents.chain((doc) =>
          fc.tuple(fc.constant(doc), fc.array(mutation(doc.length), { minLength: 1, maxLength: 3 })),
        ),
        ([doc, mutations]) => {
          const text = mutations.reduce((t, m) => (t.length === 0 ? t : apply(t, m)), doc);
          const started = performance.now();
          checkOutcome(V41, KEYLIST_RESPONSE, decode(V41, KEYLIST_RESPONSE, text));
          expect(performance.now() - started).toBeLessThan(1000);
        },
      ),
      { numRuns: 1000, seed: SEED },
    );
  });
});

describe('random bytes and invalid UTF-8', () => {
  it('random bytes are refused with a typed error', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), (bytes) => {
        checkOutcome(contract, KEYSET_RESPONSE, decode(contract, KEYSET_RESPONSE, bytes));
      }),
      { numRuns: 2000, seed: SEED },
    );
  });

  it('random text is refused with a typed error', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 256 }), (text) => {
        checkOutcome(contract, KEYSET_RESPONSE, decode(contract, KEYSET_RESPONSE, text));
      }),
      { numRuns: 2000, seed: SEED },
    );
  });

  it('a valid response with an invalid UTF-8 sequence anywhere is an XmlParseError', () => {
    const bytes = new TextEncoder().encode(readRepoFile('wsdl/examples/KeySet.soap11.response.xml'));
    const invalid = fc.constantFrom(
      [0x80],
      [0xc3, 0x28],
      [0xe2, 0x82],
      [0xed, 0xa0, 0x80],
      [0xf8, 0x88, 0x80, 0x80, 0x80],
      [0xc0, 0xaf],
      [0xff],
      [0xf4, 0x90, 0x80, 0x80],
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: bytes.length }), invalid, (at, seq) => {
        const broken = Uint8Array.from([...bytes.subarray(0, at), ...seq, ...bytes.subarray(at)]);
        const outcome = decode(contract, KEYSET_RESPONSE, broken);
        expect(outcome.ok).toBe(false);
        expect((outcome as { error: unknown }).error).toBeInstanceOf(XmlParseError);
      }),
      { numRuns: 500, seed: SEED },
    );
  });
});
