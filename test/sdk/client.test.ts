import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ECGridOSClient,
  HttpError,
  KeyVisibility,
  SoapFaultError,
  TimeoutError,
} from '../../packages/ecgridos/src/index.js';
import { keySetExample } from './usage/keyset-usage.js';
import type { Reply, TestServer } from '../support/soap-server.js';
import { startServer } from '../support/soap-server.js';
import { ROOT } from '../support/paths.js';

const example = (name: string) => readFileSync(join(ROOT, 'wsdl', 'examples', name), 'utf8');
const SESSION = 'secret-session-7f3a9c1e';
const EXPECTED = {
  KeyID: 1043,
  UserID: 5001,
  Key: 'xyz987uvw654rst321opq098nml765kj',
  Visibility: 'Shared',
  Created: '2026-05-07T10:00:00',
};

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(reply: Reply | (() => Reply)): Promise<TestServer> {
  server = await startServer(typeof reply === 'function' ? reply : () => reply);
  return server;
}

describe('the generated ECGridOSClient against an HTTP server on 127.0.0.1', () => {
  it('SOAP 1.1: SOAPAction header, text/xml, the request body, the typed result', async () => {
    const s = await serve({ body: example('KeySet.soap11.response.xml') });
    const client = new ECGridOSClient({ endpoint: s.url });
    const info = await client.KeySet({ SessionID: SESSION, UserID: 5001, Visibility: KeyVisibility.Shared });
    expect(info).toEqual(EXPECTED);
    const request = s.requests[0];
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/v4.1/prod/ECGridOS.asmx');
    expect(request?.headers.soapaction).toBe('"https://os.ecgrid.io/KeySet"');
    expect(request?.headers['content-type']).toMatch(/^text\/xml; charset=utf-8/);
    expect(request?.body).toContain('<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"');
    expect(request?.body).toMatch(
      /<KeySet xmlns="https:\/\/os\.ecgrid\.io\/">\s*<SessionID>secret-session-7f3a9c1e<\/SessionID>\s*<UserID>5001<\/UserID>\s*<Visibility>Shared<\/Visibility>\s*<\/KeySet>/,
    );
  });

  it('SOAP 1.2 on request: application/soap+xml with the action parameter, no SOAPAction', async () => {
    const s = await serve({
      body: example('KeySet.soap12.response.xml'),
      contentType: 'application/soap+xml; charset=utf-8',
    });
    const client = new ECGridOSClient({ endpoint: s.url, soapVersion: '1.2' });
    expect(await client.KeySet({ SessionID: SESSION, UserID: 5001, Visibility: 'Shared' })).toEqual(EXPECTED);
    const request = s.requests[0];
    expect(request?.headers['content-type']).toMatch(
      /^application\/soap\+xml; charset=utf-8; action="https:\/\/os\.ecgrid\.io\/KeySet"/,
    );
    expect(request?.headers.soapaction).toBeUndefined();
    expect(request?.body).toContain('xmlns:soap="http://www.w3.org/2003/05/soap-envelope"');
  });

  it('node-soap calling convention: KeySetAsync resolves to [result, rawResponse, header, rawRequest]', async () => {
    const s = await serve({ body: example('KeySet.soap11.response.xml') });
    const [result, rawResponse, header, rawRequest] = await new ECGridOSClient({ endpoint: s.url }).KeySetAsync({
      SessionID: SESSION,
      UserID: 5001,
      Visibility: 'Shared',
    });
    expect(result).toEqual(EXPECTED);
    expect(rawResponse).toBe(example('KeySet.soap11.response.xml'));
    expect(header).toBeUndefined();
    expect(rawRequest).toBe(s.requests[0]?.body);
  });

  it("runs the page's adapted Node.js example", async () => {
    const s = await serve({ body: example('KeySet.soap11.response.xml') });
    expect(await keySetExample(s.url, SESSION)).toEqual([EXPECTED, EXPECTED]);
  });

  for (const version of ['1.1', '1.2'] as const) {
    it(`a SOAP ${version} Fault becomes a SoapFaultError with code, reason and detail`, async () => {
      const s = await serve({
        status: 500,
        body: example(`Fault.soap${version.replace('.', '')}.xml`),
        contentType: version === '1.1' ? 'text/xml; charset=utf-8' : 'application/soap+xml; charset=utf-8',
      });
      const error = await new ECGridOSClient({ endpoint: s.url, soapVersion: version })
        .KeySet({ SessionID: SESSION, UserID: 5001, Visibility: 'Shared' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SoapFaultError);
      const fault = error as SoapFaultError;
      expect(fault.codeLocal).toBe(version === '1.1' ? 'Client' : 'Sender');
      expect(fault.reason.length).toBeGreaterThan(0);
      expect(fault.detail).toBeDefined();
      expect(JSON.stringify({ message: fault.message, stack: fault.stack })).not.toContain(SESSION);
    });
  }

  it('HTTP 500 with an HTML page becomes an HttpError without the SessionID', async () => {
    const s = await serve({
      status: 500,
      contentType: 'text/html',
      body: `<html><body><h1>Server Error</h1><p>session ${SESSION}</p></body></html>`,
    });
    const error = await new ECGridOSClient({ endpoint: s.url })
      .KeySet({ SessionID: SESSION, UserID: 5001, Visibility: 'Shared' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).status).toBe(500);
    expect(
      JSON.stringify({ ...(error as object), message: (error as Error).message, stack: (error as Error).stack }),
    ).not.toContain(SESSION);
  });

  it('a server that never answers ends in a TimeoutError', async () => {
    const s = await serve({ hang: true });
    const started = Date.now();
    const error = await new ECGridOSClient({ endpoint: s.url, timeoutMs: 300 })
      .KeySet({ SessionID: SESSION, UserID: 5001, Visibility: 'Shared' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(Date.now() - started).toBeLessThan(5000);
    expect((error as Error).message).not.toContain(SESSION);
  });
});
