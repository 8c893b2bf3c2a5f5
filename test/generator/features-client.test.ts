import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SoapFaultError, createSoapClient, decodeElement, decodeEnvelope } from '@ecgrid/soap-runtime';
import type { XmlElement } from '@ecgrid/soap-runtime';
import { buildSchemaDescriptor, buildServiceDescriptor } from '../../generator/src/descriptor/build-descriptor.js';
import { loadCore } from '../../generator/src/pipeline.js';
import type { TestServer } from '../support/soap-server.js';
import { startServer } from '../support/soap-server.js';
import { ROOT, readRepoFile } from '../support/paths.js';

/**
 * Feature fixtures through the client the generated SDKs wrap (built from the fixture's core
 * the way a generated package embeds it), against an HTTP server on 127.0.0.1.
 */
function fixture(name: string) {
  const path = `test/fixtures/${name}/${name}.wsdl`;
  const result = loadCore(path, readRepoFile(path), { readFile: (p) => readFileSync(join(ROOT, p), 'utf8') });
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  const service = result.core.services[0];
  if (!service) throw new Error('no service');
  const schema = buildSchemaDescriptor(result.core);
  const descriptor = buildServiceDescriptor(service);
  const sample = (file: string) => readRepoFile(`test/fixtures/${name}/samples/${file}`);
  /** The value of an element as the codec decodes it (a request body, a header block). */
  const decodedValue = (node: XmlElement) => decodeElement(schema, `{${node.ns}}${node.local}`, node);
  /** The operation whose request element is the given body element. */
  const operationFor = (body: XmlElement) => {
    const op = Object.values(descriptor.operations).find((o) => o.input === `{${body.ns}}${body.local}`);
    if (!op) throw new Error(`no operation takes ${body.local}`);
    return op;
  };
  return {
    sample,
    decodedValue,
    operationFor,
    client: (endpoint: string, soapVersion: '1.1' | '1.2' = '1.1') =>
      createSoapClient(schema, descriptor, { endpoint, soapVersion }),
  };
}

const firstElement = (node: XmlElement | undefined) =>
  node?.children.find((c): c is XmlElement => c.kind === 'element');

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('feature fixtures through the SOAP client', () => {
  it('soap:header: the header value travels in soap:Header, the result comes back typed', async () => {
    const f = fixture('soap-header');
    server = await startServer(() => ({ body: f.sample('SubmitInterchange.response.xml') }));
    const request = decodeEnvelope(f.sample('SubmitInterchange.request.xml'));
    const header = firstElement(request.header);
    if (!header) throw new Error('the sample has no header');
    const op = f.operationFor(request.body);
    const result = await f
      .client(server.url)
      .call(op.name, f.decodedValue(request.body), { soapHeaders: { [header.local]: f.decodedValue(header) } });
    expect(result).toBeDefined();
    const sent = decodeEnvelope(server.requests[0]?.body ?? '');
    const sentHeader = firstElement(sent.header);
    expect(sentHeader && `{${sentHeader.ns}}${sentHeader.local}`).toBe(`{${header.ns}}${header.local}`);
    expect(sentHeader && f.decodedValue(sentHeader)).toEqual(f.decodedValue(header));
    expect(f.decodedValue(sent.body)).toEqual(f.decodedValue(request.body));
  });

  for (const file of [
    'CancelShipment.fault-shipment-not-found.xml',
    'CancelShipment.fault-cancellation-rejected.xml',
  ]) {
    it(`faults with typed details (${file}): faultName and the decoded detail`, async () => {
      const f = fixture('fault-detail');
      server = await startServer(() => ({ status: 500, body: f.sample(file) }));
      const request = decodeEnvelope(f.sample('CancelShipment.request.xml'));
      const error = await f
        .client(server.url)
        .call(f.operationFor(request.body).name, f.decodedValue(request.body))
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SoapFaultError);
      const fault = error as SoapFaultError;
      let detail: XmlElement | undefined;
      try {
        decodeEnvelope(f.sample(file));
      } catch (e) {
        detail = firstElement((e as SoapFaultError).detail);
      }
      if (!detail) throw new Error('the fault sample has no detail element');
      expect(fault.faultName).toBeTypeOf('string');
      expect(fault.detailValue).toEqual(f.decodedValue(detail));
    });
  }

  it('one-way operations resolve when the server accepts with an empty 202', async () => {
    const f = fixture('one-way');
    server = await startServer(() => ({ status: 202, body: '' }));
    const request = decodeEnvelope(f.sample('PostEvent.request.xml'));
    const op = f.operationFor(request.body);
    expect(op.output).toBeUndefined();
    await expect(f.client(server.url).call(op.name, f.decodedValue(request.body))).resolves.toBeUndefined();
    expect(f.decodedValue(decodeEnvelope(server.requests[0]?.body ?? '').body)).toEqual(f.decodedValue(request.body));
  });

  for (const [name, file, response] of [
    ['rpc-literal', 'GetRate.request.xml', 'GetRate.response.xml'],
    ['rpc-encoded', 'FindPartners.request.xml', 'FindPartners.response.xml'],
  ] as const) {
    it(`${name}: the request carries the rpc wrapper, the response parts come back decoded`, async () => {
      const f = fixture(name);
      server = await startServer(() => ({ body: f.sample(response) }));
      const request = decodeEnvelope(f.sample(file));
      const op = f.operationFor(request.body);
      const result = await f.client(server.url).call(op.name, f.decodedValue(request.body));
      const expected = f.decodedValue(decodeEnvelope(f.sample(response)).body) as Record<string, unknown>;
      const keys = Object.keys(expected);
      expect(result).toEqual(keys.length === 1 ? expected[keys[0] ?? ''] : expected);
      const sent = decodeEnvelope(server.requests[0]?.body ?? '').body;
      expect(`{${sent.ns}}${sent.local}`).toBe(op.input);
      expect(f.decodedValue(sent)).toEqual(f.decodedValue(request.body));
    });
  }
});
