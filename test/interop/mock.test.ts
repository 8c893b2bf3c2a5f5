import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSoapClient } from '@ecgrid/soap-runtime';
import { buildSchemaDescriptor, buildServiceDescriptor } from '../../generator/src/descriptor/build-descriptor.js';
import { sampleValue } from '../../generator/src/samples/sample-value.js';
import { loadRepoCore } from '../support/generate.js';
import { ECGridOSClient, KeyVisibility, SoapFaultError } from '../../packages/ecgridos/src/index.js';
import { validateXml, extractSchemas } from '../support/libxml2.js';
import { CONTRACT_WSDL, ROOT, readRepoFile } from '../support/paths.js';
import { startMockProcess, type MockProcess } from './mock-process.js';

const example = (name: string) => readFileSync(join(ROOT, 'wsdl', 'examples', name), 'utf8');
const SESSION = 'mock-secret-session-4242';
const V41_WSDL = '../shared/corpus/ECGridOS-v4.1.wsdl';

let mock: MockProcess;
beforeAll(async () => {
  mock = await startMockProcess(CONTRACT_WSDL);
});
afterAll(async () => {
  await mock?.stop('SIGKILL');
});

/** What the mock's echo does, spelled out for the test: same-named fields take the request's value. */
function echoed(value: unknown, request: Record<string, unknown>): unknown {
  if (Array.isArray(value)) return value.map((v) => echoed(v, request));
  if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== Object.prototype) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, Object.hasOwn(request, k) ? request[k] : echoed(v, request)]),
  );
}

async function post(body: string, contentType: string): Promise<{ status: number; text: string }> {
  const response = await fetch(mock.url, { method: 'POST', headers: { 'content-type': contentType }, body });
  return { status: response.status, text: await response.text() };
}

describe('ecgrid-codegen mock', () => {
  it('prints its URL on 127.0.0.1 and serves the WSDL at ?WSDL with the addresses pointing at itself', async () => {
    expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v4\.1\/prod\/ECGridOS\.asmx$/);
    const response = await fetch(`${mock.url}?WSDL`);
    expect(response.status).toBe(200);
    const wsdl = await response.text();
    expect(wsdl).toContain(`location="${mock.url}"`);
    expect(wsdl).not.toContain('https://os.ecgrid.io/v4.1/prod/ECGridOS.asmx');
    expect(wsdl.replaceAll(`location="${mock.url}"`, '')).toBe(
      readRepoFile(CONTRACT_WSDL).replace(/location="[^"]*"/g, ''),
    );
  });

  it.each(['1.1', '1.2'] as const)(
    'answers KeySet from the generated client (SOAP %s) with the example response',
    async (soapVersion) => {
      const client = new ECGridOSClient({ endpoint: mock.url, soapVersion });
      const [info, responseText] = await client.KeySetAsync({
        SessionID: SESSION,
        UserID: 5001,
        Visibility: KeyVisibility.Shared,
      });
      expect(info).toEqual({
        KeyID: 1043,
        UserID: 5001,
        Key: 'xyz987uvw654rst321opq098nml765kj',
        Visibility: 'Shared',
        Created: '2026-05-07T10:00:00',
      });
      expect(responseText).toBe(example(`KeySet.soap${soapVersion === '1.1' ? '11' : '12'}.response.xml`));
    },
  );

  it('answers operations of the real v4.1 WSDL (no examples) with generated values that libxml2 validates', async () => {
    const v41 = await startMockProcess(V41_WSDL);
    try {
      const core = loadRepoCore(V41_WSDL);
      const schema = buildSchemaDescriptor(core);
      const service = buildServiceDescriptor(core.services[0]!);
      const xsd = extractSchemas(readRepoFile(V41_WSDL)).find((x) => x.targetNamespace === 'https://os.ecgrid.io/')!;
      for (const name of ['KeyList', 'ParcelInBoxArchive', 'TPSetOwner']) {
        const operation = service.operations[name]!;
        const client = createSoapClient(schema, service, { endpoint: v41.url });
        const input = sampleValue(schema, operation.input, { as: 'element' });
        const raw = await client.callRaw(name, input);
        const body = /<soap:Body>\s*([\s\S]*?)\s*<\/soap:Body>/.exec(raw.responseText)![1]!;
        // The Body's element alone, with the envelope's xsi declaration it relies on for nil.
        const element = body.replace(/^<([\w:.-]+)/, '<$1 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"');
        const valid = validateXml(xsd.text, element, { files: xsd.files });
        expect(valid.errors, name).toEqual([]);
        // The generated answer, with each field named like a request field echoing the request.
        const expected = Object.values(
          sampleValue(schema, operation.output!, { as: 'element' }) as Record<string, unknown>,
        )[0];
        expect(raw.result, name).toEqual(echoed(expected, input as Record<string, unknown>));
      }
    } finally {
      await v41.stop('SIGKILL');
    }
  });

  it('accepts a valid one-way request with 202 and no body', async () => {
    const wsdl = 'test/fixtures/one-way/one-way.wsdl';
    const oneWay = await startMockProcess(wsdl);
    try {
      const core = loadRepoCore(wsdl);
      const schema = buildSchemaDescriptor(core);
      const service = buildServiceDescriptor(core.services[0]!);
      const operation = Object.values(service.operations).find((op) => op.output === undefined)!;
      const client = createSoapClient(schema, service, { endpoint: oneWay.url });
      const raw = await client.callRaw(operation.name, sampleValue(schema, operation.input, { as: 'element' }));
      expect(raw.response.status).toBe(202);
      expect(raw.result).toBeUndefined();
    } finally {
      await oneWay.stop('SIGKILL');
    }
  });

  it.each([
    [
      'an int that is not a number',
      (x: string) => x.replace('<UserID>5001</UserID>', '<UserID>five</UserID>'),
      'KeySet.UserID',
    ],
    [
      'an unknown enumeration value',
      (x: string) => x.replace('<Visibility>Shared</Visibility>', '<Visibility>Everyone</Visibility>'),
      'KeySet.Visibility',
    ],
    ['a missing required element', (x: string) => x.replace(/\s*<UserID>5001<\/UserID>/, ''), 'UserID'],
    ['an unknown element', (x: string) => x.replace('<UserID>', '<Color>red</Color><UserID>'), 'Color'],
    ['malformed XML', (x: string) => x.replace('</KeySet>', '</KeySetX>'), 'not well-formed'],
  ])('answers %s with a SOAP 1.1 Fault naming the problem', async (_name, mutate, expected) => {
    const { status, text } = await post(mutate(example('KeySet.soap11.request.xml')), 'text/xml; charset=utf-8');
    expect(status).toBe(500);
    expect(text).toContain('<faultcode>soap:Client</faultcode>');
    expect(text).toContain(expected);
    expect(text).not.toContain('a3f1c2d4-7e8b-4c5a-9d0f-1b2c3d4e5f60');
  });

  it('answers an invalid SOAP 1.2 request with a SOAP 1.2 Sender Fault, which the client raises as SoapFaultError', async () => {
    const { status, text } = await post(
      example('KeySet.soap12.request.xml').replace('<UserID>5001</UserID>', '<UserID>99999999999</UserID>'),
      'application/soap+xml; charset=utf-8',
    );
    expect(status).toBe(400);
    expect(text).toContain('<soap:Value>soap:Sender</soap:Value>');
    expect(text).toContain('KeySet.UserID');
    const client = new ECGridOSClient({ endpoint: mock.url, soapVersion: '1.2' });
    const error = await client
      .KeySet({ SessionID: SESSION, UserID: 5001, Visibility: 'Nobody' as KeyVisibility })
      .catch((e: unknown) => e);
    // The client validates before sending, so this never reaches the server.
    expect(error).not.toBeInstanceOf(SoapFaultError);
  });

  it('logs one line per request and stops with exit code 0 on SIGTERM and SIGINT', async () => {
    const own = await startMockProcess(CONTRACT_WSDL);
    const before = own.lines().length;
    await fetch(`${own.url}?WSDL`).then((r) => r.text());
    await fetch(own.url, {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body: example('KeySet.soap11.request.xml'),
    }).then((r) => r.text());
    await fetch(own.url, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: 'not xml' }).then((r) =>
      r.text(),
    );
    await expect.poll(() => own.lines().length - before).toBe(3);
    const logged = own.lines().slice(before);
    expect(logged).toHaveLength(3);
    expect(logged[0]).toMatch(/^GET \/v4\.1\/prod\/ECGridOS\.asmx\?WSDL 200 WSDL /);
    expect(logged[1]).toMatch(/^POST \/v4\.1\/prod\/ECGridOS\.asmx 200 KeySet /);
    expect(logged[2]).toMatch(/^POST \/v4\.1\/prod\/ECGridOS\.asmx 500 fault: the request is not well-formed XML/);
    expect(logged.join('\n')).not.toContain('a3f1c2d4-7e8b-4c5a-9d0f-1b2c3d4e5f60');
    expect(await own.stop('SIGTERM')).toBe(0);
    expect(own.lines().at(-1)).toBe('ecgrid-codegen mock: stopped (SIGTERM)');
    const again = await startMockProcess(CONTRACT_WSDL);
    expect(await again.stop('SIGINT')).toBe(0);
    expect(again.stderr()).toBe('');
  });

  it('echoes request fields into the answer by name (UserID 1 in, UserID 1 out), the example otherwise', async () => {
    const client = new ECGridOSClient({ endpoint: mock.url });
    const [info, text] = await client.KeySetAsync({ SessionID: SESSION, UserID: 1, Visibility: KeyVisibility.Private });
    expect(info).toEqual({
      KeyID: 1043,
      UserID: 1,
      Key: 'xyz987uvw654rst321opq098nml765kj',
      Visibility: 'Private',
      Created: '2026-05-07T10:00:00',
    });
    expect(text).not.toContain(SESSION);
  });

  it('--fault OPERATION answers it with a generated fault, --fault OPERATION=FILE with that envelope; other operations as usual', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecgrid-mock-'));
    const faultFile = join(dir, 'fault.xml');
    const own = example('KeySet.soap11.request.xml');
    writeFileSync(
      faultFile,
      `<?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault><faultcode>soap:Server</faultcode><faultstring>from a file</faultstring></soap:Fault></soap:Body></soap:Envelope>`,
    );
    const generated = await startMockProcess(CONTRACT_WSDL, ['--fault', 'KeySet']);
    const fromFile = await startMockProcess(CONTRACT_WSDL, ['--fault', `KeySet=${faultFile}`]);
    try {
      for (const soapVersion of ['1.1', '1.2'] as const) {
        const error = await new ECGridOSClient({ endpoint: generated.url, soapVersion })
          .KeySet({ SessionID: SESSION, UserID: 1, Visibility: KeyVisibility.Shared })
          .catch((e: unknown) => e);
        expect(error, soapVersion).toBeInstanceOf(SoapFaultError);
        expect((error as SoapFaultError).reason).toBe('mock fault for KeySet');
      }
      const error = await new ECGridOSClient({ endpoint: fromFile.url })
        .KeySet({ SessionID: SESSION, UserID: 1, Visibility: KeyVisibility.Shared })
        .catch((e: unknown) => e);
      expect((error as SoapFaultError).reason).toBe('from a file');
      // An invalid request is still told what is wrong, not given the chosen fault.
      const invalid = await fetch(generated.url, {
        method: 'POST',
        headers: { 'content-type': 'text/xml' },
        body: own.replace('<UserID>5001</UserID>', '<UserID>x</UserID>'),
      });
      expect(await invalid.text()).toContain('KeySet.UserID');
    } finally {
      await generated.stop('SIGKILL');
      await fromFile.stop('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--fault gives an operation that declares faults a typed detail, which the client decodes', async () => {
    const wsdl = 'test/fixtures/fault-detail/fault-detail.wsdl';
    const own = await startMockProcess(wsdl, ['--fault', 'CancelShipment']);
    try {
      const core = loadRepoCore(wsdl);
      const schema = buildSchemaDescriptor(core);
      const service = buildServiceDescriptor(core.services[0]!);
      const client = createSoapClient(schema, service, { endpoint: own.url });
      const error = await client.call('CancelShipment', { ShipmentID: 'S-1' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SoapFaultError);
      const fault = error as SoapFaultError;
      expect(fault.reason).toBe('mock fault for CancelShipment (ShipmentNotFound)');
      expect(fault.faultName).toBe('ShipmentNotFound');
      expect(fault.detailValue).toEqual(
        sampleValue(schema, service.operations.CancelShipment!.faults![0]!.element, { as: 'element' }),
      );
    } finally {
      await own.stop('SIGKILL');
    }
  });

  it('--delay MS holds each answer back, so a client timeout fires; --log FILE records every request as a JSON line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecgrid-mock-'));
    const log = join(dir, 'requests.jsonl');
    const slow = await startMockProcess(CONTRACT_WSDL, ['--delay', '400', '--log', log]);
    try {
      const client = new ECGridOSClient({ endpoint: slow.url, timeoutMs: 100 });
      const error = await client
        .KeySet({ SessionID: SESSION, UserID: 1, Visibility: KeyVisibility.Shared })
        .catch((e: unknown) => e);
      expect((error as Error).name).toBe('TimeoutError');
      const started = performance.now();
      const patient = new ECGridOSClient({ endpoint: slow.url, timeoutMs: 10_000 });
      expect((await patient.KeySet({ SessionID: SESSION, UserID: 7, Visibility: KeyVisibility.Shared })).UserID).toBe(
        7,
      );
      expect(performance.now() - started).toBeGreaterThanOrEqual(390);
      // Complete lines only: the mock may be appending while the test reads.
      const entries = (): Record<string, unknown>[] =>
        existsSync(log)
          ? readFileSync(log, 'utf8')
              .split('\n')
              .filter((line) => line.endsWith('}'))
              .map((line) => JSON.parse(line) as Record<string, unknown>)
          : [];
      await expect.poll(() => entries().length).toBe(2);
      const [gaveUp, answered] = entries();
      // The request whose client timed out is logged too, as not sent.
      expect(gaveUp).toMatchObject({
        operation: 'KeySet',
        status: 200,
        summary: 'KeySet (not sent: the client closed the connection first)',
      });
      expect(answered).toMatchObject({
        method: 'POST',
        path: '/v4.1/prod/ECGridOS.asmx',
        operation: 'KeySet',
        summary: 'KeySet',
        soapAction: '"https://os.ecgrid.io/KeySet"',
      });
      expect(answered?.body).toContain('<UserID>7</UserID>');
      expect(Date.parse(String(answered?.time))).not.toBeNaN();
    } finally {
      await slow.stop('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an unknown --fault operation or a bad --delay is a usage error (exit 2)', () => {
    for (const args of [
      ['--fault', 'NoSuchOperation'],
      ['--delay', 'soon'],
    ]) {
      const run = spawnSync(
        process.execPath,
        [join(ROOT, 'generator', 'bin', 'ecgrid-codegen.js'), 'mock', '--wsdl', CONTRACT_WSDL, ...args],
        { cwd: ROOT, encoding: 'utf8' },
      );
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(
        args[0] === '--fault'
          ? /--fault "NoSuchOperation": no such operation; the WSDL has KeySet/
          : /--delay must be a number/,
      );
    }
  });
});
