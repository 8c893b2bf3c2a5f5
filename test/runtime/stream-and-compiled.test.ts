/**
 * The fast paths against the paths they stand in for:
 * - the streaming decoder (`streamEnvelopeElement`, used by `decodeEnvelopeElement` and the
 *   client) gives exactly the value the tree decoder (`decodeEnvelope` + `decodeElement`) gives,
 *   key order and types included, for random valid responses of every element of both WSDLs and
 *   the feature fixtures' samples; it streams every valid response of the two WSDLs; and on
 *   mutated (mostly invalid) documents it never accepts what the tree decoder refuses;
 * - the compiled encoders write byte for byte what the generic encoders write, and fail with the
 *   same errors, checked by compiling the same schemas with code generation refused (as a
 *   Content-Security-Policy would), which is also that fallback's test.
 */
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  compileSchema,
  decodeElement,
  decodeEnvelope,
  decodeEnvelopeElement,
  encodeBodyElement,
  encodeEnvelope,
  parseXml,
  serializeElement,
  streamEnvelopeElement,
  type DecodeEnvelopeElementOptions,
  type SchemaDescriptor,
  type XmlElement,
} from '@ecgrid/soap-runtime';
import { buildSchemaDescriptor } from '../../generator/src/descriptor/build-descriptor.js';
import { loadRepoCore } from '../support/generate.js';
import { CONTRACT_WSDL, ROOT } from '../support/paths.js';
import { elementArbitrary } from './property-arbitraries.js';
import { isXmlElement } from '../support/values.js';

const V41_WSDL = '../shared/corpus/ECGridOS-v4.1.wsdl';
const SEED = Number(process.env.FC_SEED ?? 20261126);
const SOAP11 = 'http://schemas.xmlsoap.org/soap/envelope/';

/** A form of a value that `toEqual` compares exactly: key order, bigint, bytes and kept XML included. */
function exact(value: unknown): unknown {
  if (isXmlElement(value)) return { xml: serializeElement(value) };
  if (typeof value === 'bigint') return { bigint: value.toString() };
  if (value instanceof Uint8Array) return { bytes: [...value] };
  if (Array.isArray(value)) return value.map(exact);
  if (typeof value === 'object' && value !== null)
    return { entries: Object.entries(value).map(([k, v]) => [k, exact(v)]) };
  return value;
}

type Outcome = { value: unknown; header?: string } | { error: string };

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** What the tree decoder makes of a response. */
function treeOutcome(
  schema: SchemaDescriptor,
  id: string,
  xml: string,
  options: DecodeEnvelopeElementOptions = {},
): Outcome {
  try {
    const envelope = decodeEnvelope(xml, options);
    const value = decodeElement(schema, id, envelope.body, {
      namespaces: options.namespaces,
      positionOf: (o) => envelope.document.positionOf(o),
    });
    return {
      value: exact(value),
      ...(envelope.header === undefined ? {} : { header: serializeElement(envelope.header) }),
    };
  } catch (error) {
    return { error: describeError(error) };
  }
}

function publicOutcome(
  schema: SchemaDescriptor,
  id: string,
  xml: string,
  options: DecodeEnvelopeElementOptions = {},
): Outcome {
  try {
    const decoded = decodeEnvelopeElement(schema, id, xml, options);
    return {
      value: exact(decoded.value),
      ...(decoded.header === undefined ? {} : { header: serializeElement(decoded.header) }),
    };
  } catch (error) {
    return { error: describeError(error) };
  }
}

/** The streamed outcome, or undefined when the streaming decoder left the document to the tree. */
function streamedOutcome(
  schema: SchemaDescriptor,
  id: string,
  xml: string,
  options: DecodeEnvelopeElementOptions = {},
): Outcome | undefined {
  const streamed = streamEnvelopeElement(schema, id, xml, options);
  if (streamed === undefined) return undefined;
  return {
    value: exact(streamed.value),
    ...(streamed.header === undefined ? {} : { header: serializeElement(streamed.header) }),
  };
}

function envelopeOf(schema: SchemaDescriptor, id: string, value: unknown, indent: string | undefined): string {
  const body = encodeBodyElement(schema, id, value, { version: '1.1', indent });
  return encodeEnvelope({ version: '1.1', body }, { indent });
}

const descriptors = new Map<string, SchemaDescriptor>();
function schemaOf(wsdl: string): SchemaDescriptor {
  let schema = descriptors.get(wsdl);
  if (schema === undefined) {
    schema = buildSchemaDescriptor(loadRepoCore(wsdl));
    descriptors.set(wsdl, schema);
  }
  return schema;
}

/** A fresh copy of a descriptor: compiled again, since compilations are cached per descriptor object. */
const freshCopy = (schema: SchemaDescriptor): SchemaDescriptor => structuredClone(schema);

/** Runs `run` while code generation (`new Function`) throws, as under a Content-Security-Policy. */
function withoutCodeGeneration<T>(run: () => T): { result: T; refusals: number } {
  let refusals = 0;
  vi.stubGlobal('Function', function refused(): never {
    refusals++;
    throw new EvalError('Code generation from strings disallowed for this context');
  });
  try {
    return { result: run(), refusals };
  } finally {
    vi.unstubAllGlobals();
  }
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the streaming decoder', () => {
  for (const [label, wsdl, runs] of [
    ['wsdl/ECGridOS.wsdl', CONTRACT_WSDL, 60],
    ['the v4.1 WSDL', V41_WSDL, 12],
  ] as const) {
    it(`streams every valid response of ${label} and gives the tree decoder's exact values`, () => {
      const schema = schemaOf(wsdl);
      let documents = 0;
      for (const id of Object.keys(schema.elements)) {
        fc.assert(
          fc.property(elementArbitrary(schema, id), fc.boolean(), (value, pretty) => {
            const xml = envelopeOf(schema, id, value, pretty ? '  ' : undefined);
            const streamed = streamedOutcome(schema, id, xml);
            expect(streamed, `${id} was not streamed:\n${xml}`).toBeDefined();
            expect(streamed).toEqual(treeOutcome(schema, id, xml));
            documents++;
          }),
          { numRuns: runs, seed: SEED },
        );
      }
      expect(documents).toBeGreaterThan(Object.keys(schema.elements).length * (runs - 1));
    });
  }

  /** Small edits of a valid document, most of which make it invalid or not well-formed. */
  const mutation = fc.oneof(
    fc.record({
      kind: fc.constant('insert' as const),
      at: fc.nat(),
      text: fc.constantFrom(
        ' ',
        '\n',
        '<!--c-->',
        '<?pi x?>',
        'x',
        '<![CDATA[y]]>',
        '<X/>',
        '&amp;',
        '&#13;',
        '\r\n',
        '</a>',
        'xsi:nil="true"',
      ),
    }),
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
    fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('remove' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  );

  type Mutation = {
    kind: 'insert' | 'delete' | 'duplicate' | 'remove' | 'truncate';
    at: number;
    text?: string;
    length?: number;
  };

  function mutate(xml: string, m: Mutation): string {
    const at = m.at % (xml.length + 1);
    switch (m.kind) {
      case 'insert':
        return xml.slice(0, at) + m.text + xml.slice(at);
      case 'delete':
        return xml.slice(0, at) + xml.slice(at + (m.length ?? 1));
      case 'duplicate':
      case 'remove': {
        // Repeats or removes the element starting at the first '<' from `at` whose end tag follows.
        const open = xml.indexOf('<', at);
        const name = /^<([A-Za-z_][\w.:-]*)/.exec(xml.slice(open))?.[1];
        if (open < 0 || name === undefined) return xml;
        const close = xml.indexOf(`</${name}>`, open);
        if (close < 0) return xml;
        const element = xml.slice(open, close + name.length + 3);
        return (
          xml.slice(0, open) + (m.kind === 'duplicate' ? element + element : '') + xml.slice(open + element.length)
        );
      }
      default:
        return xml.slice(0, at);
    }
  }

  for (const [label, wsdl, runs] of [
    ['wsdl/ECGridOS.wsdl', CONTRACT_WSDL, 40],
    ['the v4.1 WSDL', V41_WSDL, 4],
  ] as const) {
    it(`never accepts a mutated response of ${label} that the tree decoder refuses, nor gives another value`, () => {
      const schema = schemaOf(wsdl);
      let streamed = 0;
      let refused = 0;
      for (const id of Object.keys(schema.elements)) {
        fc.assert(
          fc.property(
            elementArbitrary(schema, id),
            mutation,
            fc.constantFrom<'strict' | 'ignore'>('strict', 'ignore'),
            (value, m, namespaces) => {
              const xml = mutate(envelopeOf(schema, id, value, undefined), m);
              const tree = treeOutcome(schema, id, xml, { namespaces });
              const fast = streamedOutcome(schema, id, xml, { namespaces });
              if (fast !== undefined) {
                streamed++;
                expect(fast).toEqual(tree);
              }
              if ('error' in tree) refused++;
              // The public entry point gives the tree decoder's outcome, errors included.
              expect(publicOutcome(schema, id, xml, { namespaces })).toEqual(tree);
            },
          ),
          { numRuns: runs, seed: SEED },
        );
      }
      expect(streamed).toBeGreaterThan(0);
      expect(refused).toBeGreaterThan(0);
    });
  }

  it("agrees with the tree decoder on every feature fixture's samples", () => {
    const fixtures = join(ROOT, 'test', 'fixtures');
    let compared = 0;
    for (const feature of readdirSync(fixtures, { withFileTypes: true })) {
      if (!feature.isDirectory()) continue;
      const dir = join(fixtures, feature.name);
      const wsdl = readdirSync(dir).find((f) => f.endsWith('.wsdl'));
      const samples = readdirSync(dir).includes('samples')
        ? readdirSync(join(dir, 'samples')).filter((f) => f.endsWith('.xml'))
        : [];
      if (wsdl === undefined || samples.length === 0) continue;
      const schema = schemaOf(join('test', 'fixtures', feature.name, wsdl));
      for (const sample of samples) {
        let xml = readFileSync(join(dir, 'samples', sample), 'utf8');
        let root = parseXml(xml).root;
        if (!(root.local === 'Envelope' && root.ns.startsWith('http'))) {
          xml = `<soap:Envelope xmlns:soap="${SOAP11}"><soap:Body>${xml.replace(/^<\?xml[^?]*\?>/, '')}</soap:Body></soap:Envelope>`;
        } else {
          const body = root.children.find((c): c is XmlElement => c.kind === 'element' && c.local === 'Body');
          const first = body?.children.find((c): c is XmlElement => c.kind === 'element');
          if (first === undefined) continue;
          root = first;
        }
        const target = root.local === 'Envelope' ? undefined : root;
        const id =
          target === undefined
            ? undefined
            : Object.keys(schema.elements).find(
                (k) => schema.elements[k]!.name === target.local && schema.elements[k]!.ns === target.ns,
              );
        if (id === undefined) continue;
        const tree = treeOutcome(schema, id, xml);
        const fast = streamedOutcome(schema, id, xml);
        if (fast !== undefined) expect(fast, `${feature.name}/${sample}`).toEqual(tree);
        expect(publicOutcome(schema, id, xml), `${feature.name}/${sample}`).toEqual(tree);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(60);
  });

  describe('hand-written KeyList responses of the v4.1 WSDL', () => {
    const id = '{https://os.ecgrid.io/}KeyListResponse';
    const item = (key: string, more = ''): string =>
      `<KeyValue><Key>${key}</Key>${more}<Created>2026-01-02T03:04:05</Created><Expires>2027-01-02T03:04:05Z</Expires><Visibility>Shared</Visibility><NetworkID>1</NetworkID><MailboxID>2</MailboxID><UserID>3</UserID></KeyValue>`;
    const wrap = (items: string, head = '', tail = ''): string =>
      `${head}<soap:Envelope xmlns:soap="${SOAP11}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soap:Body><KeyListResponse xmlns="https://os.ecgrid.io/"><KeyListResult>${items}</KeyListResult></KeyListResponse></soap:Body></soap:Envelope>${tail}`;
    const cases: Record<string, { xml: string; options?: DecodeEnvelopeElementOptions; streams: boolean }> = {
      'plain items': { xml: wrap(item('a') + item('b')), streams: true },
      'a nil item': { xml: wrap(`${item('a')}<KeyValue xsi:nil="true"/>${item('b')}`), streams: true },
      'a nil item with content and spaces in the value': {
        xml: wrap('<KeyValue xsi:nil=" 1 "><Key>x</Key></KeyValue>'),
        streams: true,
      },
      'comments, PIs and whitespace between elements': {
        xml: wrap(`\n  <!-- first -->\n  ${item('a')}<?pi data?>\n  ${item('b')}\n`),
        streams: true,
      },
      'CDATA, references, CR LF and a comment inside values': {
        xml: wrap(item('a<![CDATA[<b>&]]>c', '<Value>x &amp; y &#x41;&#13;\r\nz</Value><Meta>p<!--c-->q</Meta>')),
        streams: true,
      },
      'self-closing and empty simple elements': { xml: wrap(item('', '<Value/><Meta></Meta>')), streams: true },
      'integers with a sign, leading zeros and spaces': {
        xml: wrap(
          item('a')
            .replace('<NetworkID>1<', '<NetworkID>+5<')
            .replace('<MailboxID>2<', '<MailboxID>-0<')
            .replace('<UserID>3<', '<UserID> 007 <'),
        ),
        streams: true,
      },
      'the smallest and largest xs:int': {
        xml: wrap(
          item('a')
            .replace('<NetworkID>1<', '<NetworkID>-2147483648<')
            .replace('<MailboxID>2<', '<MailboxID>2147483647<'),
        ),
        streams: true,
      },
      'an end tag with spaces': { xml: wrap(item('a').replace('</Key>', '</Key  >')), streams: true },
      'a Header, a BOM, the XML declaration and trailing misc': {
        xml:
          `\uFEFF<?xml version="1.0" encoding="utf-8"?>` +
          wrap(item('a')).replace(
            '<soap:Body>',
            '<soap:Header><h:Trace xmlns:h="urn:t">1</h:Trace></soap:Header><soap:Body>',
          ) +
          '<!-- end -->\n',
        streams: true,
      },
      'unqualified elements with namespaces ignored': {
        xml: wrap(item('a')).replace(' xmlns="https://os.ecgrid.io/"', ''),
        options: { namespaces: 'ignore' },
        streams: true,
      },
      'whitespace-only values with whitespace text dropped': {
        xml: wrap(item('   ')),
        options: { keepWhitespaceText: false },
        streams: true,
      },
      'an xsi:type naming the declared type': {
        xml: wrap(item('a').replace('<KeyValue>', '<KeyValue xmlns:t="https://os.ecgrid.io/" xsi:type="t:KeyValue">')),
        streams: true,
      },
      'elements after the Body and a second Body': {
        xml: wrap(item('a')).replace('</soap:Body>', '</soap:Body><soap:Body/><other/>'),
        streams: true,
      },
      'unqualified elements in strict mode': {
        xml: wrap(item('a')).replace(' xmlns="https://os.ecgrid.io/"', ''),
        streams: false,
      },
      'a Fault': {
        xml: `<soap:Envelope xmlns:soap="${SOAP11}"><soap:Body><soap:Fault><faultcode>soap:Server</faultcode><faultstring>no</faultstring></soap:Fault></soap:Body></soap:Envelope>`,
        streams: false,
      },
      'an element out of order': {
        xml: wrap(item('a').replace('<Created>', '<UserID>9</UserID><Created>')),
        streams: false,
      },
      'a missing required element': { xml: wrap(item('a').replace('<NetworkID>1</NetworkID>', '')), streams: false },
      'a nil element that is not nillable': {
        xml: wrap(item('a').replace('<NetworkID>1</NetworkID>', '<NetworkID xsi:nil="true"/>')),
        streams: false,
      },
      'text among the elements': { xml: wrap(`stray${item('a')}`), streams: false },
      'an invalid value': {
        xml: wrap(item('a').replace('<NetworkID>1</NetworkID>', '<NetworkID>x</NetworkID>')),
        streams: false,
      },
      'an xs:int out of range': {
        xml: wrap(item('a').replace('<NetworkID>1<', '<NetworkID>2147483648<')),
        streams: false,
      },
      'an xs:int of 16 digits': {
        xml: wrap(item('a').replace('<NetworkID>1<', '<NetworkID>1234567890123456<')),
        streams: false,
      },
      'an xs:int with a fraction': { xml: wrap(item('a').replace('<NetworkID>1<', '<NetworkID>1.0<')), streams: false },
      'an unknown enumeration value': { xml: wrap(item('a').replace('Shared', 'Everyone')), streams: false },
      'an element inside a simple value': { xml: wrap(item('a<b/>')), streams: false },
      'an empty Body': { xml: wrap('').replace(/<KeyListResponse[\s\S]*<\/KeyListResponse>/, ''), streams: false },
      'a second root element': { xml: wrap(item('a'), '', '<again/>'), streams: false },
      'a SOAP 1.2 envelope where 1.1 is expected': {
        xml: wrap(item('a')).replace(SOAP11, 'http://www.w3.org/2003/05/soap-envelope'),
        options: { version: '1.1' },
        streams: false,
      },
      'mismatched tags after the value': {
        xml: wrap(item('a')).replace('</KeyListResult>', '</KeyListResul>'),
        streams: false,
      },
    };
    for (const [name, { xml, options, streams }] of Object.entries(cases)) {
      it(`${name}: ${streams ? 'streamed' : 'left to the tree decoder'}, with the tree decoder's outcome`, () => {
        const schema = schemaOf(V41_WSDL);
        const tree = treeOutcome(schema, id, xml, options);
        const fast = streamedOutcome(schema, id, xml, options);
        if (streams) {
          expect('value' in tree, JSON.stringify(tree)).toBe(true);
          expect(fast).toEqual(tree);
        } else expect(fast).toBeUndefined();
        expect(publicOutcome(schema, id, xml, options)).toEqual(tree);
      });
    }
  });

  it('without code generation (a Content-Security-Policy), decodes the same values', () => {
    const schema = schemaOf(CONTRACT_WSDL);
    const ids = Object.keys(schema.elements);
    const documents = ids.flatMap((id) =>
      fc
        .sample(elementArbitrary(schema, id), { numRuns: 20, seed: SEED })
        .map((value) => ({ id, xml: envelopeOf(schema, id, value, undefined) })),
    );
    const plain = freshCopy(schema);
    const expected = documents.map(({ id, xml }) => streamedOutcome(schema, id, xml));
    const fallback = withoutCodeGeneration(() => documents.map(({ id, xml }) => streamedOutcome(plain, id, xml)));
    expect(fallback.refusals).toBeGreaterThan(0);
    expect(fallback.result).toEqual(expected);
    expect(expected.every((o) => o !== undefined)).toBe(true);
  });
});

describe('the compiled encoders', () => {
  for (const [label, wsdl, runs] of [
    ['wsdl/ECGridOS.wsdl', CONTRACT_WSDL, 60],
    ['the v4.1 WSDL', V41_WSDL, 10],
  ] as const) {
    it(`write ${label}'s values byte for byte as the generic encoders do, and fail the same way`, () => {
      const schema = schemaOf(wsdl);
      const generic = freshCopy(schema);
      // Compile the copy with code generation refused: every type keeps the generic encoder.
      expect(withoutCodeGeneration(() => compileSchema(generic)).refusals).toBeGreaterThan(0);
      const outcome = (
        s: SchemaDescriptor,
        id: string,
        value: unknown,
        indent: string | undefined,
        xsiTypes: boolean,
      ): string => {
        try {
          return encodeBodyElement(s, id, value, { version: '1.1', indent, xsiTypes });
        } catch (error) {
          return `error ${describeError(error)}`;
        }
      };
      let compared = 0;
      for (const id of Object.keys(schema.elements)) {
        fc.assert(
          fc.property(
            elementArbitrary(schema, id),
            fc.boolean(),
            fc.boolean(),
            fc.option(
              fc.tuple(
                fc.nat(),
                fc.constantFrom<unknown>(
                  undefined,
                  null,
                  'x',
                  '',
                  'a&b<c>\r',
                  '\u0001',
                  7,
                  1.5,
                  -0,
                  2n ** 70n,
                  true,
                  [],
                  {},
                ),
              ),
              { nil: undefined },
            ),
            (value, pretty, xsiTypes, spoil) => {
              // Sometimes one property replaced by a wrong (or odd but valid) value.
              if (spoil !== undefined && typeof value === 'object' && value !== null && !Array.isArray(value)) {
                const keys = Object.keys(value);
                if (keys.length > 0) value = { ...value, [keys[spoil[0] % keys.length]!]: spoil[1] };
              }
              const indent = pretty ? '\t' : undefined;
              expect(outcome(schema, id, value, indent, xsiTypes)).toBe(outcome(generic, id, value, indent, xsiTypes));
              compared++;
            },
          ),
          { numRuns: runs, seed: SEED },
        );
      }
      expect(compared).toBe(Object.keys(schema.elements).length * runs);
    });
  }
});
