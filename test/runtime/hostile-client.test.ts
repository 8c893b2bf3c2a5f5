/**
 * The client against misbehaving servers on 127.0.0.1: every failure is a typed error, a call is
 * sent exactly once (never retried), and no secret (SessionID, password) appears in an error.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  HttpError,
  ResponseFormatError,
  SoapFaultError,
  type SoapRuntimeError,
  TimeoutError,
  TransportError,
  createSoapClient,
} from '@ecgrid/soap-runtime';
import { buildSchemaDescriptor, buildServiceDescriptor } from '../../generator/src/descriptor/build-descriptor.js';
import { ECGridOSClient, KeyVisibility } from '../../packages/ecgridos/src/index.js';
import { loadRepoCore } from '../support/generate.js';
import { readRepoFile } from '../support/paths.js';
import { startServer, type Reply, type TestServer } from '../support/soap-server.js';

const SESSION = 'hostile-secret-session-0c7d51';
const PASSWORD = 'hunter2-Secret-Passw0rd';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Everything an error carries that could leak: message, stack, cause chain, own fields as JSON. */
function everything(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let i = 0; i < 5 && current !== undefined; i++) {
    if (current instanceof Error) {
      parts.push(current.message, current.stack ?? '');
      try {
        parts.push(JSON.stringify(current, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)));
      } catch {
        // Circular: the message and stack are enough.
      }
      parts.push(
        String(
          Object.entries(current).map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`),
        ),
      );
      current = (current as { cause?: unknown }).cause;
    } else {
      parts.push(String(current));
      break;
    }
  }
  return parts.join('\n');
}

async function keySetAgainst(
  reply: Reply,
  options: { timeoutMs?: number } = {},
): Promise<{ error: unknown; requests: number }> {
  server = await startServer(() => reply);
  const client = new ECGridOSClient({ endpoint: server.url, timeoutMs: options.timeoutMs ?? 5000 });
  const error = await client.KeySet({ SessionID: SESSION, UserID: 5001, Visibility: KeyVisibility.Shared }).then(
    () => undefined,
    (e: unknown) => e,
  );
  await new Promise((r) => setTimeout(r, 50));
  return { error, requests: server.requests.length };
}

const fault = readRepoFile('wsdl/examples/Fault.soap11.xml').replace(
  'Session is not valid or has expired.',
  `Session ${SESSION} is not valid.`,
);

describe('the client against misbehaving servers', () => {
  const cases: Array<[string, Reply, new (...args: never[]) => SoapRuntimeError]> = [
    ['a connection reset', { reset: true }, TransportError],
    ['HTTP 500 with a SOAP Fault that echoes the SessionID', { status: 500, body: fault }, SoapFaultError],
    [
      'HTTP 500 with an HTML page that echoes the SessionID',
      {
        status: 500,
        contentType: 'text/html',
        body: `<html><body><h1>Server Error</h1><p>${SESSION}</p></body></html>`,
      },
      HttpError,
    ],
    [
      'HTTP 200 with a body that is not XML',
      { status: 200, contentType: 'text/plain', body: `OK ${SESSION}` },
      ResponseFormatError,
    ],
    [
      'HTTP 200 with HTML',
      { status: 200, contentType: 'text/html', body: '<!DOCTYPE html><html></html>' },
      ResponseFormatError,
    ],
    ['HTTP 200 with an empty body', { status: 200, body: '' }, ResponseFormatError],
    [
      'HTTP 200 with a truncated envelope',
      { status: 200, body: readRepoFile('wsdl/examples/KeySet.soap11.response.xml').slice(0, 300) },
      ResponseFormatError,
    ],
    ['HTTP 503 with no body', { status: 503, body: '' }, HttpError],
  ];
  it.each(cases)('%s: a typed error, one request, no secret', async (_name, reply, type) => {
    const { error, requests } = await keySetAgainst(reply);
    expect(error).toBeInstanceOf(type);
    expect(requests).toBe(1);
    expect(everything(error)).not.toContain(SESSION);
  });

  it('a server that never answers: TimeoutError after timeoutMs, not retried', async () => {
    const started = Date.now();
    const { error, requests } = await keySetAgainst({ hang: true }, { timeoutMs: 300 });
    expect(error).toBeInstanceOf(TimeoutError);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(requests).toBe(1);
    expect(everything(error)).not.toContain(SESSION);
  });

  it('a redirect is not followed (the request would lose its body or go elsewhere): HttpError', async () => {
    const { createServer } = await import('node:http');
    let hits = 0;
    const other = createServer((_req, res) => {
      hits++;
      res.end('');
    });
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
    const port = (other.address() as { port: number }).port;
    try {
      // The test server cannot set Location; a raw one does.
      const redirecting = createServer((_req, res) => {
        res.writeHead(307, { location: `http://127.0.0.1:${port}/elsewhere` });
        res.end();
      });
      await new Promise<void>((r) => redirecting.listen(0, '127.0.0.1', r));
      const url = `http://127.0.0.1:${(redirecting.address() as { port: number }).port}/ECGridOS.asmx`;
      const client = new ECGridOSClient({ endpoint: url, timeoutMs: 5000 });
      const error = await client
        .KeySet({ SessionID: SESSION, UserID: 5001, Visibility: KeyVisibility.Shared })
        .catch((e: unknown) => e);
      redirecting.closeAllConnections();
      redirecting.close();
      expect(error).toBeInstanceOf(HttpError);
      expect((error as HttpError).status).toBe(307);
      expect(hits).toBe(0);
      expect(everything(error)).not.toContain(SESSION);
    } finally {
      other.closeAllConnections();
      other.close();
    }
  });

  it('a response body that is not valid UTF-8: ResponseFormatError, not replacement characters in a value', async () => {
    const { createServer } = await import('node:http');
    const valid = Buffer.from(
      readRepoFile('wsdl/examples/KeySet.soap11.response.xml').replace('xyz987', `${SESSION}-xyz987`),
      'utf8',
    );
    const at = valid.indexOf('<Key>') + 5;
    const broken = Buffer.concat([valid.subarray(0, at), Buffer.from([0xc3, 0x28]), valid.subarray(at)]);
    const raw = createServer((_req, res) => {
      _req.resume();
      _req.on('end', () => {
        res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' });
        res.end(broken);
      });
    });
    await new Promise<void>((r) => raw.listen(0, '127.0.0.1', r));
    try {
      const client = new ECGridOSClient({
        endpoint: `http://127.0.0.1:${(raw.address() as { port: number }).port}/ECGridOS.asmx`,
        timeoutMs: 5000,
      });
      const error = await client
        .KeySet({ SessionID: SESSION, UserID: 5001, Visibility: KeyVisibility.Shared })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ResponseFormatError);
      expect((error as Error).message).toContain('not valid utf-8');
      expect(everything(error)).not.toContain(SESSION);
    } finally {
      raw.closeAllConnections();
      raw.close();
    }
  });

  it('a connection refused is a TransportError without the secret', async () => {
    const client = new ECGridOSClient({ endpoint: 'http://127.0.0.1:1/ECGridOS.asmx', timeoutMs: 5000 });
    const error = await client
      .KeySet({ SessionID: SESSION, UserID: 5001, Visibility: KeyVisibility.Shared })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect(everything(error)).not.toContain(SESSION);
  });

  it('a v4.1 Login whose password the server echoes in a Fault: neither error nor its detail shows the password', async () => {
    const core = loadRepoCore('../shared/corpus/ECGridOS-v4.1.wsdl');
    const schema = buildSchemaDescriptor(core);
    const service = buildServiceDescriptor(core.services[0]!);
    server = await startServer(() => ({
      status: 500,
      body: fault.replace(SESSION, `login failed for password ${PASSWORD}`),
    }));
    const client = createSoapClient(schema, service, { endpoint: server.url });
    const error = await client.call('Login', { LoginName: 'someone', Password: PASSWORD }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SoapFaultError);
    expect(everything(error)).not.toContain(PASSWORD);
    expect(server.requests).toHaveLength(1);
  });
});
