/**
 * Interoperability with node-soap (npm `soap`), an implementation we did not write, both ways:
 * node-soap's client, built from our mock server's ?WSDL, calls the mock; our client calls a
 * node-soap server (`soap.listen`) built from the same WSDL. For wsdl/ECGridOS.wsdl and for a
 * sample of 24 operations of the real v4.1 WSDL (arrays, enumerations, longs, dates).
 *
 * Where node-soap itself departs from the schema the test says so and holds it to a known list:
 * it reads xs:long into a JS number (digits beyond 2^53 are lost) and xs:dateTime into a Date
 * (the lexical form and its zone are lost), leaves xs:unsignedByte as a string, reads an empty
 * element as null, drops xsi:nil items of arrays, writes a null as an empty element without
 * xsi:nil (and its server envelope does not declare xsi), and writes children in the key order
 * of the object it is given, not in schema order.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import soap from 'soap';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DecodeError,
  XSI_NS as XSI,
  createSoapClient,
  decodeElement,
  decodeEnvelope,
  encodeBodyElement,
  encodeEnvelope,
  type SchemaDescriptor,
  type ServiceDescriptor,
} from '@ecgrid/soap-runtime';
import { buildSchemaDescriptor, buildServiceDescriptor } from '../../generator/src/descriptor/build-descriptor.js';
import { sampleValue } from '../../generator/src/samples/sample-value.js';
import { ECGridOSClient, KeyVisibility } from '../../packages/ecgridos/src/index.js';
import { extractSchemas, validateXml } from '../support/libxml2.js';
import { loadRepoCore } from '../support/generate.js';
import { CONTRACT_WSDL, ROOT, readRepoFile } from '../support/paths.js';
import { startMockProcess, type MockProcess } from './mock-process.js';
import { featuresOf, mockAnswer, sampleOperations } from './operation-sample.js';
import { compareWithPeer, toPeerInput, type Deviation, type DeviationKind } from './peer-values.js';

const V41_WSDL = '../shared/corpus/ECGridOS-v4.1.wsdl';
const EXPECTED = {
  KeyID: 1043,
  UserID: 5001,
  Key: 'xyz987uvw654rst321opq098nml765kj',
  Visibility: 'Shared',
  Created: '2026-05-07T10:00:00',
};
/** What node-soap is known to do differently from the schema (see the file comment). */
const KNOWN: ReadonlySet<DeviationKind> = new Set([
  'number-as-string',
  'empty-as-null',
  'long-precision',
  'date-object',
  'nil-item-dropped',
  'single-item-not-array',
  'long-as-number',
]);

interface Loaded {
  schema: SchemaDescriptor;
  service: ServiceDescriptor;
}
function load(wsdl: string): Loaded {
  const core = loadRepoCore(wsdl);
  return { schema: buildSchemaDescriptor(core), service: buildServiceDescriptor(core.services[0]!) };
}

type Impl = (args: unknown) => unknown;

/** A node-soap server for `wsdlText` on 127.0.0.1 whose every operation answers with `impl`. */
async function nodeSoapServer(wsdlPath: string, impls: Record<string, Impl>): Promise<{ url: string; server: Server }> {
  // node-soap keys services and ports by their WSDL names; its own client tells us which they are.
  const description = (await soap.createClientAsync(`${ROOT}/${wsdlPath}`)).describe() as Record<
    string,
    Record<string, unknown>
  >;
  const services: Record<string, Record<string, Record<string, Impl>>> = {};
  for (const [serviceName, ports] of Object.entries(description)) {
    services[serviceName] = Object.fromEntries(Object.keys(ports).map((port) => [port, impls]));
  }
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  soap.listen(server, '/ECGridOS.asmx', services, readRepoFile(wsdlPath), () => undefined);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/ECGridOS.asmx`, server };
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

describe('node-soap and wsdl/ECGridOS.wsdl', () => {
  let mock: MockProcess;
  beforeAll(async () => {
    mock = await startMockProcess(CONTRACT_WSDL);
  });
  afterAll(async () => {
    await mock?.stop('SIGKILL');
  });

  it("node-soap, built from the mock's ?WSDL, calls KeySet on the mock and gets the right values", async () => {
    const client = await soap.createClientAsync(`${mock.url}?WSDL`);
    const [result, , , rawRequest] = (await client.KeySetAsync({
      SessionID: 'peer-session',
      UserID: 5001,
      Visibility: 'Shared',
    })) as [{ KeySetResult: Record<string, unknown> }, string, unknown, string];
    const { mismatches, deviations } = compareWithPeer(EXPECTED, result.KeySetResult, 'KeySetResult');
    expect(mismatches).toEqual([]);
    // node-soap turns the zone-less dateTime into a Date: the lexical form is gone.
    expect(deviations).toEqual([{ path: 'KeySetResult.Created', kind: 'date-object' }]);
    expect(rawRequest).toContain('<UserID>5001</UserID>');
    await expect.poll(() => mock.lines().some((l) => / 200 KeySet /.test(l))).toBe(true);
  });

  it('our generated client calls a node-soap server built from the same WSDL', async () => {
    let received: unknown;
    const { url, server } = await nodeSoapServer(CONTRACT_WSDL, {
      KeySet: (args) => {
        received = args;
        return { KeySetResult: EXPECTED };
      },
    });
    try {
      const client = new ECGridOSClient({ endpoint: url });
      const info = await client.KeySet({ SessionID: 'our-session', UserID: 5001, Visibility: KeyVisibility.Shared });
      expect(info).toEqual(EXPECTED);
      expect(received).toEqual({ SessionID: 'our-session', UserID: 5001, Visibility: 'Shared' });
    } finally {
      await closeServer(server);
    }
  });

  it('node-soap writes children in object-key order; the mock (like libxml2) refuses that, our client writes schema order', async () => {
    const client = await soap.createClientAsync(`${mock.url}?WSDL`);
    const error = await client
      .KeySetAsync({ Visibility: 'Shared', UserID: 5001, SessionID: 'peer-session' })
      .catch((e: unknown) => e);
    expect(String(error)).toContain('soap:Client');
    const request = (client as unknown as { lastRequest: string }).lastRequest;
    expect(request.indexOf('<Visibility>')).toBeLessThan(request.indexOf('<UserID>'));
    const body = /<KeySet[\s\S]*<\/KeySet>/.exec(request)![0];
    const xsd = extractSchemas(readRepoFile(CONTRACT_WSDL))[0]!;
    expect(validateXml(xsd.text, body, { files: xsd.files }).ok).toBe(false);
    // Ours, from an object with the same key order, follows the schema.
    const ours = new ECGridOSClient({ endpoint: mock.url });
    const [, , , ourRequest] = await ours.KeySetAsync({
      Visibility: KeyVisibility.Shared,
      UserID: 5001,
      SessionID: 'our-session',
    });
    expect(validateXml(xsd.text, /<KeySet[\s\S]*<\/KeySet>/.exec(ourRequest)![0], { files: xsd.files }).errors).toEqual(
      [],
    );
  });
});

describe('node-soap and 24 operations of the real v4.1 WSDL', () => {
  const { schema, service } = load(V41_WSDL);
  const operations = sampleOperations(schema, service);
  let mock: MockProcess;
  beforeAll(async () => {
    mock = await startMockProcess(V41_WSDL);
  });
  afterAll(async () => {
    await mock?.stop('SIGKILL');
  });

  it('the sample covers arrays, enumerations, longs and dates', () => {
    expect(operations.length).toBeGreaterThanOrEqual(20);
    const features = new Set(
      operations.flatMap((op) => [...featuresOf(schema, op.output!), ...featuresOf(schema, op.input)]),
    );
    for (const feature of ['array', 'enum', 'long', 'dateTime', 'nillable'] as const)
      expect(features).toContain(feature);
  });

  it("node-soap, built from the mock's ?WSDL, calls each on the mock and reads the values (known deviations aside)", async () => {
    const client = await soap.createClientAsync(`${mock.url}?WSDL`);
    const deviations: Deviation[] = [];
    for (const op of operations) {
      const input = sampleValue(schema, op.input, { as: 'element' });
      const [result, rawResponse] = (await client[`${op.name}Async`](toPeerInput(input))) as [unknown, string];
      // What the mock answered: the sample, echoing the request's fields by name.
      const expected = mockAnswer(schema, op);
      const compared = compareWithPeer(expected, result, op.name);
      expect(compared.mismatches, op.name).toEqual([]);
      deviations.push(...compared.deviations);
      // Our side: the response holds every value, nil items included, and our codec reads them all.
      const envelope = decodeEnvelope(rawResponse);
      expect(decodeElement(schema, op.output!, envelope.body), op.name).toEqual(expected);
    }
    const kinds = new Set(deviations.map((d) => d.kind));
    for (const kind of kinds) expect(KNOWN, kind).toContain(kind);
    // The documented node-soap deviations do occur in this sample.
    expect(kinds).toContain('long-precision');
    expect(kinds).toContain('date-object');
    await expect
      .poll(() => mock.lines().filter((l) => / 200 /.test(l) && !/WSDL/.test(l)).length)
      .toBe(operations.length);
  });

  it('our client calls each on a node-soap server built from the same WSDL', async () => {
    const received = new Map<string, unknown>();
    const impls = Object.fromEntries(
      operations.map((op) => [
        op.name,
        (args: unknown) => {
          received.set(op.name, args);
          return toPeerInput(sampleValue(schema, op.output!, { as: 'element' }), { explicitNil: true });
        },
      ]),
    );
    const { url, server } = await nodeSoapServer(V41_WSDL, impls);
    try {
      const client = createSoapClient(schema, service, { endpoint: url });
      const failures: string[] = [];
      for (const op of operations) {
        const input = sampleValue(schema, op.input, { as: 'element' });
        const expected = sampleValue(schema, op.output!, { as: 'element' }) as Record<string, unknown>;
        try {
          const result = await client.call(op.name, input);
          expect(result, op.name).toEqual(Object.values(expected)[0]);
        } catch (error) {
          failures.push(`${op.name}: ${String(error)}`);
        }
        const compared = compareWithPeer(input, received.get(op.name), op.name);
        expect(compared.mismatches, `${op.name} as node-soap read our request`).toEqual([]);
      }
      expect(failures).toEqual([]);
    } finally {
      await closeServer(server);
    }
  });

  it('node-soap writes a null array item as an empty element without xsi:nil: libxml2 and our client refuse it', async () => {
    const op = operations.find((o) =>
      JSON.stringify(toPeerInput(sampleValue(schema, o.output!, { as: 'element' }))).includes('null'),
    )!;
    const { url, server } = await nodeSoapServer(V41_WSDL, {
      [op.name]: () => toPeerInput(sampleValue(schema, op.output!, { as: 'element' })),
    });
    try {
      const input = sampleValue(schema, op.input, { as: 'element' });
      const request = encodeEnvelope({
        version: '1.1',
        body: encodeBodyElement(schema, op.input, input, { version: '1.1' }),
      });
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: `"${op.soapAction}"` },
        body: request,
      });
      const text = await response.text();
      const body = decodeEnvelope(text).body;
      expect(() => decodeElement(schema, op.output!, body)).toThrow(DecodeError);
      const xsd = extractSchemas(readRepoFile(V41_WSDL)).find((x) => x.targetNamespace === body.ns)!;
      const element = /<soap:Body>([\s\S]*)<\/soap:Body>/
        .exec(text)![1]!
        .replace(/^<([\w:.-]+)/, `<$1 xmlns:xsi="${XSI}"`);
      const verdict = validateXml(xsd.text, element, { files: xsd.files });
      expect(verdict.ok).toBe(false);
      expect(verdict.errors.join('\n')).toMatch(
        /Missing child element|not expected|Element .* This element is not expected/,
      );
    } finally {
      await closeServer(server);
    }
  });
});
