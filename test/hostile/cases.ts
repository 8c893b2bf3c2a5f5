/**
 * The one list of hostile cases every SDK is held to (`hostile.test.ts`): what the local server
 * answers to a KeySet call, and what the SDK must make of it. Each case is run against each
 * language's driver in a process of its own, with the call deadline `timeoutMs`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createGzip } from 'node:zlib';

/** How a language's driver is started: built once by `drivers/<language>.ts`'s `prepare(workDir)`. */
export interface HostileDriver {
  readonly command: string;
  readonly args: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
}

/** What a driver prints (see `drivers/README.md`). */
export interface DriverResult {
  readonly ok: boolean;
  readonly value?: Record<string, unknown>;
  readonly sdkError?: boolean;
  readonly type?: string;
  readonly code?: string;
  readonly message?: string;
  readonly elapsedMs: number;
  readonly peakRssKb: number;
}

export type Expectation =
  /** The call succeeds; `check` returns a problem, or undefined when the value is right. */
  | { readonly ok: true; readonly check: (value: Record<string, unknown>) => string | undefined }
  /** The call fails with the SDK's own error; with `codes`, its code is one of them. */
  | { readonly ok: false; readonly codes?: readonly string[] };

export interface HostileCase {
  readonly name: string;
  /** Why the case is here: the defect it guards against. */
  readonly about: string;
  /** The call's deadline given to the driver. */
  readonly timeoutMs: number;
  readonly expect: Expectation;
  /** The answer; it must end by itself (every loop bounded) or when the client goes away. */
  serve(req: IncomingMessage, res: ServerResponse): void;
}

/** The SessionID every driver sends: no error message may contain it. */
export const SESSION_ID = 's3cr3t-session-7f9e2c';

const MiB = 1024 * 1024;
const SOAP11 = 'http://schemas.xmlsoap.org/soap/envelope/';
const TNS = 'https://os.ecgrid.io/';
const XML_HEAD = '<?xml version="1.0" encoding="utf-8"?>';

/** A KeySet response envelope around the given KeySetResult content. */
function envelope(result: string, resultAttributes = ''): string {
  return (
    `${XML_HEAD}<soap:Envelope xmlns:soap="${SOAP11}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
    `<soap:Body><KeySetResponse xmlns="${TNS}"><KeySetResult${resultAttributes}>${result}</KeySetResult></KeySetResponse></soap:Body></soap:Envelope>`
  );
}

function fields(key: string, keyId = '1043'): string {
  return `<KeyID>${keyId}</KeyID><UserID>5001</UserID><Key>${key}</Key><Visibility>Shared</Visibility><Created>2026-05-07T10:00:00</Created>`;
}

const VALID = envelope(fields('xyz987uvw654rst321opq098nml765kj'));

function send(
  res: ServerResponse,
  body: string | Buffer,
  headers: Record<string, string | number> = {},
  status = 200,
): void {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.writeHead(status, { 'content-type': 'text/xml; charset=utf-8', 'content-length': bytes.length, ...headers });
  res.end(bytes);
}

/**
 * Streams `head`, then `chunk` again and again (waiting for the client to take each one) until
 * `total` bytes were offered or the client went away, then `tail`. Bounded by `total` and by
 * a 30-second guard, so the server never streams forever.
 */
function stream(
  res: ServerResponse,
  head: string,
  chunk: Buffer,
  total: number,
  tail: string,
  headers: Record<string, string | number> = {},
): void {
  res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8', ...headers });
  const started = Date.now();
  let sent = 0;
  let gone = false;
  res.on('close', () => {
    gone = true;
  });
  res.write(head);
  const pump = (): void => {
    while (!gone && sent < total && Date.now() - started < 30_000) {
      sent += chunk.length;
      if (!res.write(chunk)) {
        res.once('drain', pump);
        return;
      }
    }
    if (!gone) res.end(tail);
  };
  pump();
}

/** The first part of a response whose Key value is as long as the client cares to read. */
const OPEN_KEY = `${XML_HEAD}<soap:Envelope xmlns:soap="${SOAP11}"><soap:Body><KeySetResponse xmlns="${TNS}"><KeySetResult><KeyID>1043</KeyID><UserID>5001</UserID><Key>`;
const CLOSE_KEY = `</Key><Visibility>Shared</Visibility><Created>2026-05-07T10:00:00</Created></KeySetResult></KeySetResponse></soap:Body></soap:Envelope>`;
const LETTERS = Buffer.alloc(64 * 1024, 'k');

/** How far the gzip bomb inflates. */
const BOMB_INFLATED = 512 * MiB;

/** A gzip stream of a valid response whose Key is `BOMB_INFLATED` bytes long, compressed once and kept. */
let bomb: Promise<Buffer> | undefined;
function gzipBomb(): Promise<Buffer> {
  bomb ??= new Promise<Buffer>((resolve, reject) => {
    const gzip = createGzip({ level: 9 });
    const parts: Buffer[] = [];
    gzip.on('data', (part: Buffer) => parts.push(part));
    gzip.on('end', () => resolve(Buffer.concat(parts)));
    gzip.on('error', reject);
    const zeros = Buffer.alloc(MiB, 'k');
    gzip.write(OPEN_KEY);
    let written = 0;
    const pump = (): void => {
      while (written < BOMB_INFLATED) {
        written += zeros.length;
        if (!gzip.write(zeros)) {
          gzip.once('drain', pump);
          return;
        }
      }
      gzip.end(CLOSE_KEY);
    };
    pump();
  });
  return bomb;
}

/** Elements nested `depth` deep, each declaring `prefixes` prefixes of its own, around `inner`. */
function namespaceNest(depth: number, prefixes: number, inner = ''): string {
  let open = '';
  for (let d = 0; d < depth; d++)
    open += `<a${Array.from({ length: prefixes }, (_, i) => ` xmlns:p${d}x${i}="urn:p${i}"`).join('')}>`;
  return `${open}${inner}${'</a>'.repeat(depth)}`;
}

export const HOSTILE_CASES: readonly HostileCase[] = [
  {
    name: 'control',
    about: 'the documented answer, so every driver is known to work',
    timeoutMs: 10_000,
    expect: {
      ok: true,
      check: (v) =>
        v.KeyID === 1043 && v.Key === 'xyz987uvw654rst321opq098nml765kj' && v.Visibility === 'Shared'
          ? undefined
          : `got ${JSON.stringify(v)}`,
    },
    serve: (_req, res) => send(res, VALID),
  },
  {
    name: 'endless-chunked-body',
    about:
      'a chunked body that never ends: refused at the body limit, not buffered until memory or the deadline runs out',
    timeoutMs: 20_000,
    expect: { ok: false, codes: ['size-limit'] },
    serve: (_req, res) => stream(res, OPEN_KEY, LETTERS, 4096 * MiB, CLOSE_KEY),
  },
  {
    name: 'valid-200-mib-body',
    about: 'a well-formed response of 200 MiB with its Content-Length: refused at the body limit while it streams in',
    timeoutMs: 20_000,
    expect: { ok: false, codes: ['size-limit'] },
    serve: (_req, res) =>
      stream(res, OPEN_KEY, LETTERS, 200 * MiB, CLOSE_KEY, {
        'content-length': OPEN_KEY.length + 200 * MiB + CLOSE_KEY.length,
      }),
  },
  {
    name: 'gzip-bomb',
    about: 'a gzip body that inflates to 512 MiB: never inflated without a bound (refused, or not inflated at all)',
    timeoutMs: 20_000,
    expect: { ok: false },
    serve: (_req, res) => {
      void gzipBomb().then((body) => send(res, body, { 'content-encoding': 'gzip' }));
    },
  },
  {
    name: 'namespace-scope-copies',
    about:
      '960 prefixes in scope, then 40,000 elements that each declare one more (all within the limits): scopes are chained, not copied per element',
    timeoutMs: 20_000,
    expect: { ok: false },
    serve: (_req, res) =>
      send(res, envelope(fields('k') + namespaceNest(8, 120, '<c xmlns:z="urn:z"/>'.repeat(40_000)))),
  },
  {
    name: 'namespace-declarations-beyond-limits',
    about: '1,000 nested elements each declaring 40 prefixes: refused at the namespace limit in scope, early',
    timeoutMs: 20_000,
    expect: { ok: false },
    serve: (_req, res) => send(res, envelope(fields('k') + namespaceNest(1000, 40))),
  },
  {
    name: 'many-attributes',
    about: '100,000 attributes on one element: refused at the attribute limit, never a quadratic duplicate check',
    timeoutMs: 20_000,
    expect: { ok: false },
    serve: (_req, res) =>
      send(res, envelope(fields('k'), Array.from({ length: 100_000 }, (_, i) => ` a${i}="v"`).join(''))),
  },
  {
    name: 'trickling-body',
    about: 'headers at once, then one byte a second: the call deadline covers the whole body',
    timeoutMs: 2_000,
    expect: { ok: false, codes: ['timeout'] },
    serve: (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8', 'content-length': VALID.length });
      let at = 0;
      const timer = setInterval(() => {
        if (at >= VALID.length || res.destroyed) {
          clearInterval(timer);
          if (!res.destroyed) res.end();
          return;
        }
        res.write(VALID[at++] ?? '');
      }, 1000);
      res.on('close', () => clearInterval(timer));
    },
  },
  {
    name: 'silent-server',
    about: 'a server that accepts the request and never answers: the call deadline covers the headers',
    timeoutMs: 2_000,
    expect: { ok: false, codes: ['timeout'] },
    serve: (req, res) => {
      // Answer nothing; the socket is closed when the client gives up or the suite ends.
      const timer = setTimeout(() => res.destroy(), 30_000);
      req.socket.on('close', () => clearTimeout(timer));
    },
  },
  {
    name: 'invalid-utf8',
    about: 'bytes that are not UTF-8 in a value: a typed error, never U+FFFD in the result',
    timeoutMs: 10_000,
    expect: { ok: false },
    serve: (_req, res) => {
      const [before, after] = envelope(fields('KEY')).split('KEY');
      send(
        res,
        Buffer.concat([Buffer.from(before ?? ''), Buffer.from([0x61, 0xc3, 0x28, 0x62]), Buffer.from(after ?? '')]),
      );
    },
  },
  {
    name: 'deep-fault-detail',
    about: "a SOAP Fault whose detail nests 1,000 elements deep: the SDK's fault error, no recursion error",
    timeoutMs: 10_000,
    expect: { ok: false },
    serve: (_req, res) =>
      send(
        res,
        `${XML_HEAD}<soap:Envelope xmlns:soap="${SOAP11}"><soap:Body><soap:Fault><faultcode>soap:Server</faultcode><faultstring>deep</faultstring>` +
          `<detail>${'<d>'.repeat(1000)}x${'</d>'.repeat(1000)}</detail></soap:Fault></soap:Body></soap:Envelope>`,
        {},
        500,
      ),
  },
  {
    name: 'body-shorter-than-content-length',
    about: 'the connection closes before Content-Length bytes came: a typed transport error',
    timeoutMs: 10_000,
    expect: { ok: false },
    serve: (req, res) => {
      res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8', 'content-length': VALID.length + 1000 });
      res.write(VALID);
      setTimeout(() => req.socket.destroy(), 100);
    },
  },
  {
    name: 'huge-integer',
    about: "an xs:int of 5,000 digits: a typed decode error, whatever the language's integers do",
    timeoutMs: 10_000,
    expect: { ok: false },
    serve: (_req, res) => send(res, envelope(fields('k', '9'.repeat(5000)))),
  },
  {
    name: 'unknown-xsi-type',
    about: 'an xsi:type naming a type the schema does not have: a typed decode error, not ignored',
    timeoutMs: 10_000,
    expect: { ok: false },
    serve: (_req, res) => send(res, envelope(fields('k'), ' xmlns:q="urn:nowhere" xsi:type="q:NoSuchType"')),
  },
  {
    name: 'ten-mib-element-name',
    about: 'an element name of 10 MiB: refused at the name limit, with a short message',
    timeoutMs: 10_000,
    expect: { ok: false },
    serve: (_req, res) => send(res, envelope(`${fields('k')}<${'n'.repeat(10 * MiB)}/>`)),
  },
  {
    name: 'doctype',
    about: 'a DOCTYPE with an entity: refused, nothing expanded or fetched',
    timeoutMs: 10_000,
    expect: { ok: false },
    serve: (_req, res) =>
      send(res, `${XML_HEAD}<!DOCTYPE x [<!ENTITY e "expanded">]>${envelope(fields('&e;')).slice(XML_HEAD.length)}`),
  },
  {
    name: 'doctype-text-in-cdata',
    about: 'the text "<!DOCTYPE html>" inside CDATA is a value, not a DOCTYPE',
    timeoutMs: 10_000,
    expect: { ok: true, check: (v) => (v.Key === '<!DOCTYPE html>' ? undefined : `Key is ${JSON.stringify(v.Key)}`) },
    serve: (_req, res) => send(res, envelope(fields('<![CDATA[<!DOCTYPE html>]]>'))),
  },
  {
    name: 'utf16-with-bom-no-charset',
    about: 'a UTF-16LE body with its BOM and no charset in the Content-Type: the BOM tells',
    timeoutMs: 10_000,
    expect: { ok: true, check: (v) => (v.Key === 'clé-ü' ? undefined : `Key is ${JSON.stringify(v.Key)}`) },
    serve: (_req, res) => {
      const text = envelope(fields('clé-ü')).replace('encoding="utf-8"', 'encoding="utf-16"');
      send(res, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), {
        'content-type': 'text/xml',
      });
    },
  },
  {
    name: 'redirect',
    about: 'a redirect is not followed: the request (and its SessionID) goes nowhere else',
    timeoutMs: 10_000,
    expect: { ok: false },
    serve: (_req, res) => {
      res.writeHead(307, { location: 'http://127.0.0.1:9/elsewhere', 'content-length': 0 });
      res.end();
    },
  },
];
