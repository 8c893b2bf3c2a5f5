/**
 * The SOAP client against a real HTTP server on 127.0.0.1: what it sends for SOAP 1.1 and 1.2,
 * what it returns, and the typed error for each way a call can fail. No error may contain the
 * SessionID.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { readFileSync } from 'node:fs';
import { inspect } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  AbortError,
  ClientUsageError,
  createSoapClient,
  HttpError,
  ResponseFormatError,
  SoapFaultError,
  SoapRuntimeError,
  TimeoutError,
  TransportError,
  XSD_NS,
  type ClientOptions,
  type SchemaDescriptor,
  type ServiceDescriptor,
  type XmlElement,
} from '@ecgrid/soap-runtime';

// ---------------------------------------------------------------------------------------------
// The KeySet contract (wsdl/ECGridOS.wsdl) as descriptors

const TNS = 'https://os.ecgrid.io/';
const t = (local: string): string => `{${TNS}}${local}`;
const xs = (local: string): string => `{${XSD_NS}}${local}`;
const field = (name: string, type: string, min = 1) =>
  ({ kind: 'element', name, ns: TNS, type, min, max: 1, nillable: false }) as const;

const schema: SchemaDescriptor = {
  types: {
    [t('KeySet')]: {
      kind: 'complex',
      name: 'KeySet',
      content: [
        field('SessionID', xs('string'), 0),
        field('UserID', xs('int')),
        field('Visibility', t('KeyVisibility')),
      ],
    },
    [t('KeyVisibility')]: {
      kind: 'enum',
      name: 'KeyVisibility',
      base: xs('string'),
      values: ['Private', 'Shared', 'Public', 'Session'],
    },
    [t('KeySetResponse')]: {
      kind: 'complex',
      name: 'KeySetResponse',
      content: [field('KeySetResult', t('KeyIDInfo'))],
    },
    [t('KeyIDInfo')]: {
      kind: 'complex',
      name: 'KeyIDInfo',
      content: [
        field('KeyID', xs('int')),
        field('UserID', xs('int')),
        field('Key', xs('string')),
        field('Visibility', t('KeyVisibility')),
        field('Created', xs('dateTime')),
      ],
    },
  },
  elements: {
    [t('KeySet')]: { name: 'KeySet', ns: TNS, type: t('KeySet'), nillable: false },
    [t('KeySetResponse')]: { name: 'KeySetResponse', ns: TNS, type: t('KeySetResponse'), nillable: false },
  },
};

const PATH = '/v4.1/prod/ECGridOS.asmx';
const ACTION = 'https://os.ecgrid.io/KeySet';

const serviceAt = (base: string): ServiceDescriptor => ({
  name: 'ECGridOS',
  endpoints: { soap11: `${base}${PATH}`, soap12: `${base}${PATH}` },
  operations: {
    KeySet: { name: 'KeySet', soapAction: ACTION, input: t('KeySet'), output: t('KeySetResponse'), wrapped: true },
  },
});

const example = (name: string): string => readFileSync(new URL(`../../wsdl/examples/${name}`, import.meta.url), 'utf8');

// The SessionID of the examples: the secret that must never show up in an error.
const SESSION_ID = /<SessionID>([^<]+)<\/SessionID>/.exec(example('KeySet.soap11.request.xml'))![1]!;
const INPUT = { SessionID: SESSION_ID, UserID: 5001, Visibility: 'Shared' };
const RESULT = {
  KeyID: 1043,
  UserID: 5001,
  Key: 'xyz987uvw654rst321opq098nml765kj',
  Visibility: 'Shared',
  Created: '2026-05-07T10:00:00',
};

// ---------------------------------------------------------------------------------------------
// The test server

interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

let server: Server;
let base: string;
let handler: Handler;
let received: Received[] = [];
const sockets = new Set<Socket>();

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      handler(req, res, body);
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(() => {
  received = [];
  // Connections stay open between tests: undici reuses idle keep-alive connections, and closing
  // them from the server side here would fail the next test's request (POSTs are not retried).
  // The client closes the ones a hanging request used when it aborts.
});

afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const reply =
  (status: number, contentType: string, body: string): Handler =>
  (_req, res) => {
    res.writeHead(status, { 'Content-Type': contentType });
    res.end(body);
  };
const never: Handler = () => {
  /* keep the request open */
};

const client = (options: ClientOptions = {}) => createSoapClient(schema, serviceAt(base), options);

/** Awaits the rejection of `promise` and returns the error. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

/** The SessionID appears nowhere in the error: message, stack, JSON, inspect (cause included). */
function expectNoSecret(error: unknown): void {
  expect(error).toBeInstanceOf(SoapRuntimeError);
  const e = error as Error;
  expect(e.message).not.toContain(SESSION_ID);
  expect(e.stack ?? '').not.toContain(SESSION_ID);
  expect(JSON.stringify(e)).not.toContain(SESSION_ID);
  expect(inspect(e, { depth: null, showHidden: true })).not.toContain(SESSION_ID);
  expect(String(e)).not.toContain(SESSION_ID);
}

// ---------------------------------------------------------------------------------------------

describe('successful calls', () => {
  it('SOAP 1.1: POSTs the KeySet envelope with SOAPAction and returns KeySetResult', async () => {
    handler = reply(200, 'text/xml; charset=utf-8', example('KeySet.soap11.response.xml'));
    const result = await client().call('KeySet', INPUT);
    expect(result).toEqual(RESULT);

    expect(received).toHaveLength(1);
    const r = received[0]!;
    expect(r.method).toBe('POST');
    expect(r.url).toBe(PATH);
    expect(r.headers['content-type']).toBe('text/xml; charset=utf-8');
    expect(r.headers.soapaction).toBe(`"${ACTION}"`);
    // The envelope encoder writes no final newline; the example files end with one.
    expect(`${r.body}\n`).toBe(example('KeySet.soap11.request.xml'));
  });

  it('SOAP 1.2: action in the Content-Type, no SOAPAction header', async () => {
    handler = reply(200, 'application/soap+xml; charset=utf-8', example('KeySet.soap12.response.xml'));
    const result = await client({ soapVersion: '1.2' }).call('KeySet', INPUT);
    expect(result).toEqual(RESULT);

    const r = received[0]!;
    expect(r.method).toBe('POST');
    expect(r.url).toBe(PATH);
    expect(r.headers['content-type']).toBe(`application/soap+xml; charset=utf-8; action="${ACTION}"`);
    expect(r.headers.soapaction).toBeUndefined();
    expect(`${r.body}\n`).toBe(example('KeySet.soap12.request.xml'));
  });

  it('callRaw returns the request and response as exchanged', async () => {
    handler = reply(200, 'text/xml; charset=utf-8', example('KeySet.soap11.response.xml'));
    const raw = await client().callRaw('KeySet', INPUT);
    expect(raw.result).toEqual(RESULT);
    expect(raw.request.url).toBe(`${base}${PATH}`);
    expect(raw.request.body).toBe(received[0]!.body);
    expect(raw.request.headers.soapaction).toBe(`"${ACTION}"`);
    expect(raw.response.status).toBe(200);
    expect(raw.response.headers['content-type']).toBe('text/xml; charset=utf-8');
    expect(raw.response.body).toBe(example('KeySet.soap11.response.xml'));
  });

  it('the endpoint option overrides the service endpoint', async () => {
    handler = reply(200, 'text/xml; charset=utf-8', example('KeySet.soap11.response.xml'));
    const service = serviceAt('http://127.0.0.1:9'); // nothing listens there
    const c = createSoapClient(schema, service, { endpoint: `${base}/other/path.asmx` });
    expect(c.endpoint).toBe(`${base}/other/path.asmx`);
    expect(await c.call('KeySet', INPUT)).toEqual(RESULT);
    expect(received.map((r) => r.url)).toEqual(['/other/path.asmx']);
  });

  it('pretty: false sends the envelope without whitespace between elements', async () => {
    handler = reply(200, 'text/xml; charset=utf-8', example('KeySet.soap11.response.xml'));
    expect(await client({ pretty: false }).call('KeySet', INPUT)).toEqual(RESULT);
    expect(received[0]!.body).toBe(example('KeySet.soap11.request.xml').replace(/>\s+</g, '><').trimEnd());
  });

  it('sends the client and call headers', async () => {
    handler = reply(200, 'text/xml; charset=utf-8', example('KeySet.soap11.response.xml'));
    await client({ headers: { 'X-Client': 'a', 'X-Both': 'client' } }).call('KeySet', INPUT, {
      headers: { 'X-Call': 'b', 'X-Both': 'call' },
    });
    const h = received[0]!.headers;
    expect([h['x-client'], h['x-call'], h['x-both']]).toEqual(['a', 'b', 'call']);
  });

  it('returns undefined when the response wrapper has no result element', async () => {
    const empty = example('KeySet.soap11.response.xml').replace(/\n\s*<KeySetResult>[\s\S]*<\/KeySetResult>/, '');
    expect(empty).toContain('<KeySetResponse xmlns="https://os.ecgrid.io/">\n    </KeySetResponse>');
    handler = reply(200, 'text/xml; charset=utf-8', empty);
    // The contract requires KeySetResult; a schema where it is optional decodes to undefined.
    const lenient: SchemaDescriptor = {
      ...schema,
      types: {
        ...schema.types,
        [t('KeySetResponse')]: {
          kind: 'complex',
          name: 'KeySetResponse',
          content: [field('KeySetResult', t('KeyIDInfo'), 0)],
        },
      },
    };
    expect(await createSoapClient(lenient, serviceAt(base)).call('KeySet', INPUT)).toBeUndefined();
  });

  it('uses an injected fetch', async () => {
    const calls: Array<[string, RequestInit | undefined]> = [];
    const fakeFetch: typeof fetch = async (url, init) => {
      calls.push([String(url), init]);
      return new Response(example('KeySet.soap11.response.xml'), {
        status: 200,
        headers: { 'Content-Type': 'text/xml; charset=utf-8' },
      });
    };
    const c = createSoapClient(schema, serviceAt('https://os.ecgrid.io'), { fetch: fakeFetch });
    expect(await c.call('KeySet', INPUT)).toEqual(RESULT);
    expect(calls).toHaveLength(1);
    expect(calls[0]![0]).toBe(`https://os.ecgrid.io${PATH}`);
    expect(calls[0]![1]!.method).toBe('POST');
  });

  it('hands the dispatcher option (a proxy agent) to fetch with every request, and none when not given', async () => {
    const inits: RequestInit[] = [];
    const fakeFetch: typeof fetch = async (_url, init) => {
      inits.push(init ?? {});
      return new Response(example('KeySet.soap11.response.xml'), {
        status: 200,
        headers: { 'Content-Type': 'text/xml; charset=utf-8' },
      });
    };
    const dispatcher = { dispatch: () => true };
    await createSoapClient(schema, serviceAt('https://os.ecgrid.io'), { fetch: fakeFetch, dispatcher }).call(
      'KeySet',
      INPUT,
    );
    await createSoapClient(schema, serviceAt('https://os.ecgrid.io'), { fetch: fakeFetch }).call('KeySet', INPUT);
    expect((inits[0] as { dispatcher?: unknown }).dispatcher).toBe(dispatcher);
    expect('dispatcher' in (inits[1] as object)).toBe(false);
  });
});

/** The element inside the fault's detail / Detail element. */
const detailChild = (fault: SoapFaultError): XmlElement | undefined =>
  fault.detail?.children.find((c): c is XmlElement => c.kind === 'element');

describe('faults', () => {
  // The server echoes the SessionID in the fault, as services sometimes do.
  const withSecret = (text: string): string =>
    text
      .replace('Session is not valid or has expired.', `Session ${SESSION_ID} is not valid or has expired.`)
      .replace('<Operation>KeySet</Operation>', `<Operation>KeySet(${SESSION_ID})</Operation>`);

  it('SOAP 1.1 fault with HTTP 500 -> SoapFaultError', async () => {
    handler = reply(500, 'text/xml; charset=utf-8', withSecret(example('Fault.soap11.xml')));
    const error = await rejection(client().call('KeySet', INPUT));
    expect(error).toBeInstanceOf(SoapFaultError);
    const fault = error as SoapFaultError;
    expect(fault.version).toBe('1.1');
    expect(fault.code).toBe('soap:Client');
    expect(fault.codeLocal).toBe('Client');
    expect(fault.codeNs).toBe('http://schemas.xmlsoap.org/soap/envelope/');
    expect(fault.reason).toBe('Session *** is not valid or has expired.');
    expect(fault.detail?.local).toBe('detail');
    expect(detailChild(fault)?.local).toBe('ErrorInfo');
    expect(detailChild(fault)?.ns).toBe(TNS);
    expect(JSON.stringify(fault.detail)).toContain('SessionInvalid');
    expect(JSON.stringify(fault.detail)).toContain('KeySet(***)');
    expectNoSecret(error);
    expect(received).toHaveLength(1); // never retried
  });

  it('SOAP 1.2 fault with HTTP 500 -> SoapFaultError', async () => {
    handler = reply(500, 'application/soap+xml; charset=utf-8', withSecret(example('Fault.soap12.xml')));
    const error = await rejection(client({ soapVersion: '1.2' }).call('KeySet', INPUT));
    expect(error).toBeInstanceOf(SoapFaultError);
    const fault = error as SoapFaultError;
    expect(fault.version).toBe('1.2');
    expect(fault.code).toBe('soap:Sender');
    expect(fault.codeLocal).toBe('Sender');
    expect(fault.codeNs).toBe('http://www.w3.org/2003/05/soap-envelope');
    expect(fault.reason).toBe('Session *** is not valid or has expired.');
    expect(fault.detail?.local).toBe('Detail');
    expect(detailChild(fault)?.local).toBe('ErrorInfo');
    expect(JSON.stringify(fault.detail)).toContain('KeySet(***)');
    expectNoSecret(error);
  });

  it('a fault with HTTP 200 is a SoapFaultError too', async () => {
    handler = reply(200, 'text/xml; charset=utf-8', example('Fault.soap11.xml'));
    const error = await rejection(client().call('KeySet', INPUT));
    expect(error).toBeInstanceOf(SoapFaultError);
    expect((error as SoapFaultError).reason).toBe('Session is not valid or has expired.');
  });
});

describe('HTTP and format errors', () => {
  it('HTTP 500 with an HTML page -> HttpError', async () => {
    const html = `<!DOCTYPE html>\n<html><body><h1>Server Error</h1><p>Session ${SESSION_ID} rejected</p></body></html>\n`;
    handler = reply(500, 'text/html; charset=utf-8', html);
    const error = await rejection(client().call('KeySet', INPUT));
    expect(error).toBeInstanceOf(HttpError);
    const e = error as HttpError;
    expect(e.code).toBe('http-error');
    expect(e.status).toBe(500);
    expect(e.statusText).toBe('Internal Server Error');
    expect(e.contentType).toBe('text/html; charset=utf-8');
    expect(e.bodyExcerpt).toContain('<h1>Server Error</h1>');
    expect(e.bodyExcerpt).toContain('Session *** rejected');
    expect(e.message).toContain('HTTP 500');
    expectNoSecret(error);
    expect(received).toHaveLength(1);
  });

  it('HTTP 404 with an empty body -> HttpError', async () => {
    handler = reply(404, 'text/plain', '');
    const error = await rejection(client().call('KeySet', INPUT));
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).status).toBe(404);
    expect((error as HttpError).bodyExcerpt).toBe('');
  });

  it('the body excerpt is short', async () => {
    handler = reply(502, 'text/plain', 'x'.repeat(100_000));
    const error = (await rejection(client().call('KeySet', INPUT))) as HttpError;
    expect(error).toBeInstanceOf(HttpError);
    expect(error.bodyExcerpt.length).toBeLessThanOrEqual(501);
  });

  it('HTTP 200 with a body that is not XML -> ResponseFormatError with the parse error as cause', async () => {
    handler = reply(200, 'text/plain', `OK ${SESSION_ID}`);
    const error = await rejection(client().call('KeySet', INPUT));
    expect(error).toBeInstanceOf(ResponseFormatError);
    const e = error as ResponseFormatError;
    expect(e.code).toBe('invalid-response');
    expect(e.status).toBe(200);
    expect(e.bodyExcerpt).toBe('OK ***');
    expect(e.cause).toBeInstanceOf(SoapRuntimeError);
    expectNoSecret(error);
  });

  it('HTTP 200 with XML that is not an envelope -> ResponseFormatError', async () => {
    handler = reply(200, 'text/xml', example('KeyIDInfo.xml'));
    const error = await rejection(client().call('KeySet', INPUT));
    expect(error).toBeInstanceOf(ResponseFormatError);
    expect((error as ResponseFormatError).cause).toBeInstanceOf(SoapRuntimeError);
  });

  it('HTTP 200 with an empty body -> ResponseFormatError', async () => {
    handler = reply(200, 'text/xml', '');
    const error = await rejection(client().call('KeySet', INPUT));
    expect(error).toBeInstanceOf(ResponseFormatError);
  });
});

describe('timeouts, aborts and transport failures', () => {
  it('a server that never answers -> TimeoutError after timeoutMs', async () => {
    handler = never;
    const started = Date.now();
    const error = await rejection(client({ timeoutMs: 150 }).call('KeySet', INPUT));
    const elapsed = Date.now() - started;
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).code).toBe('timeout');
    expect((error as TimeoutError).timeoutMs).toBe(150);
    expect(elapsed).toBeGreaterThanOrEqual(140);
    expect(elapsed).toBeLessThan(2_000);
    expect(received).toHaveLength(1);
    expectNoSecret(error);
  });

  it('the call timeout overrides the client timeout', async () => {
    handler = never;
    const error = await rejection(client({ timeoutMs: 60_000 }).call('KeySet', INPUT, { timeoutMs: 100 }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).timeoutMs).toBe(100);
  });

  it("the caller's signal aborts the call -> AbortError", async () => {
    handler = never;
    const controller = new AbortController();
    const reason = new Error('user cancelled');
    setTimeout(() => controller.abort(reason), 50);
    const error = await rejection(client().call('KeySet', INPUT, { signal: controller.signal }));
    expect(error).toBeInstanceOf(AbortError);
    expect((error as AbortError).code).toBe('aborted');
    expect((error as AbortError).name).toBe('AbortError');
    expect((error as AbortError).cause).toBe(reason);
    expectNoSecret(error);
  });

  it('an already aborted signal sends nothing', async () => {
    handler = never;
    const error = await rejection(client().call('KeySet', INPUT, { signal: AbortSignal.abort() }));
    expect(error).toBeInstanceOf(AbortError);
    await new Promise((r) => setTimeout(r, 20));
    expect(received).toHaveLength(0);
  });

  it('the server resets the connection -> TransportError with the cause', async () => {
    handler = (req) => req.socket.destroy();
    const error = await rejection(client().call('KeySet', INPUT));
    expect(error).toBeInstanceOf(TransportError);
    const e = error as TransportError;
    expect(e.code).toBe('transport-error');
    expect(e.cause).toBeDefined();
    expect(e.message).toContain(`${base}${PATH}`);
    expect(received).toHaveLength(1); // never retried
    expectNoSecret(error);
  });

  it('the connection is refused -> TransportError', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const c = createSoapClient(schema, serviceAt(`http://127.0.0.1:${port}`));
    const error = await rejection(c.call('KeySet', INPUT));
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).message).toMatch(/ECONNREFUSED/);
    expectNoSecret(error);
  });
});

describe('usage errors', () => {
  it('unknown operation', async () => {
    const error = await rejection(client().call('KeyGet', INPUT));
    expect(error).toBeInstanceOf(ClientUsageError);
    expect((error as ClientUsageError).code).toBe('unknown-operation');
    expect(received).toHaveLength(0);
  });

  it('no endpoint for the SOAP version', () => {
    const service: ServiceDescriptor = { ...serviceAt(base), endpoints: { soap11: `${base}${PATH}` } };
    expect(() => createSoapClient(schema, service, { soapVersion: '1.2' })).toThrow(ClientUsageError);
  });

  it('an endpoint that is not an absolute http(s) URL is a usage error when the client is made, which never repeats the URL', () => {
    for (const [endpoint, message] of [
      ['not a url', /does not parse as a URL/],
      ['/relative/path.asmx', /does not parse as a URL/],
      ['ftp://user:pw-secret@example.com/x', /not a ftp: URL/],
      ['file:///etc/passwd', /not a file: URL/],
    ] as const) {
      let error: unknown;
      try {
        createSoapClient(schema, serviceAt(base), { endpoint });
      } catch (e) {
        error = e;
      }
      expect(error, endpoint).toBeInstanceOf(ClientUsageError);
      expect((error as ClientUsageError).code).toBe('invalid-option');
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain('pw-secret');
    }
    expect(() => createSoapClient(schema, serviceAt(base), { endpoint: 'HTTPS://EXAMPLE.COM/x' })).not.toThrow();
  });

  it('an input that does not match the schema fails before sending, without the secret', async () => {
    const error = await rejection(client().call('KeySet', { ...INPUT, Visibility: SESSION_ID }));
    expect(error).toBeInstanceOf(SoapRuntimeError);
    expect(received).toHaveLength(0);
    expectNoSecret(error);
  });
});
