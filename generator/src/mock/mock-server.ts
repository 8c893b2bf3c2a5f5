/**
 * A local SOAP server for a WSDL: serves the WSDL at `?WSDL` (with its port addresses pointing at
 * the server), validates every request against the schema with the runtime's strict codec, and
 * answers each operation with a schema-valid response: the example envelope of `examples/` when
 * there is one, a generated sample value otherwise, with every response field that has a request
 * field of the same name (at any depth) echoing the request's value. Invalid requests get a SOAP
 * Fault in the request's SOAP version that says what is wrong. Options make chosen operations
 * answer with a fault, delay every answer, and record every request.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  DecodeError,
  EncodeError,
  EnvelopeError,
  SOAP12_ENVELOPE_NS,
  SoapFaultError,
  XmlParseError,
  decodeElement,
  decodeEnvelope,
  encodeBodyElement,
  encodeElement,
  encodeEnvelope,
  type OperationDescriptor,
  type SchemaDescriptor,
  type ServiceDescriptor,
  type SoapEnvelopeVersion,
} from '@ecgrid/soap-runtime';
import { sampleValue } from '../samples/sample-value.js';
import { faultEnvelope, faultStatus, soapContentType, type FaultSide } from './soap-fault.js';

export interface MockServerOptions {
  readonly schema: SchemaDescriptor;
  readonly services: readonly ServiceDescriptor[];
  /** The WSDL text served at `?WSDL`. */
  readonly wsdlText: string;
  /**
   * Example response envelopes by file name (`KeySet.soap11.response.xml`), used as the answer
   * of their operation in their SOAP version instead of a generated value.
   */
  readonly examples?: ReadonlyMap<string, string>;
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  readonly port?: number;
  /** One line per request. */
  readonly log?: (line: string) => void;
  /** Largest request body accepted, in bytes (default 16 MiB). */
  readonly maxRequestBytes?: number;
  /**
   * Operations that answer with a SOAP Fault instead, by name: the envelope text to send (a file
   * the user gave), or undefined for a generated fault (a typed detail when the operation
   * declares a fault).
   */
  readonly faults?: ReadonlyMap<string, string | undefined>;
  /** Milliseconds to wait before each answer to a POST (default 0). */
  readonly delayMs?: number;
  /** Called with every request after it is answered, for a request log. */
  readonly record?: (entry: RequestRecord) => void;
}

/** One request as the request log keeps it. */
export interface RequestRecord {
  readonly time: string;
  readonly method: string;
  readonly path: string;
  readonly soapAction?: string;
  readonly contentType?: string;
  /** The operation the request was for, when one was recognised. */
  readonly operation?: string;
  readonly status: number;
  /** What the answer was: the operation's name, `fault: ...`, `WSDL`. */
  readonly summary: string;
  /** The request body as received. */
  readonly body: string;
}

export interface MockServer {
  /** The endpoint URL (the WSDL's endpoint path on 127.0.0.1). */
  readonly url: string;
  close(): Promise<void>;
}

interface Answer {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
  /** What the log line says about the request: the operation, or the fault reason. */
  readonly summary: string;
  readonly operation?: string;
}

const DEFAULT_MAX_REQUEST = 16 * 1024 * 1024;

export async function startMockServer(options: MockServerOptions): Promise<MockServer> {
  const log = options.log ?? (() => undefined);
  const maxBytes = options.maxRequestBytes ?? DEFAULT_MAX_REQUEST;
  const byInput = new Map<string, OperationDescriptor>();
  for (const service of options.services) {
    for (const operation of Object.values(service.operations)) {
      if (!byInput.has(operation.input)) byInput.set(operation.input, operation);
    }
  }
  const endpointPath = pathOf(options.services[0]?.endpoints.soap11 ?? options.services[0]?.endpoints.soap12);
  let baseUrl = '';
  let servedWsdl = '';
  const samples = new Map<string, { value: unknown; text: string }>();

  const encodeResponse = (version: SoapEnvelopeVersion, operation: OperationDescriptor, value: unknown): string => {
    const body =
      operation.output === undefined
        ? ''
        : encodeBodyElement(options.schema, operation.output, value, {
            version,
            indent: '  ',
            xsiTypes: operation.encoded === true,
          });
    return `${encodeEnvelope({ version, body }, { indent: '  ' })}\n`;
  };

  /** The answer's value and text before echoing: the example's, or a generated sample's. */
  const baseResponse = (
    version: SoapEnvelopeVersion,
    operation: OperationDescriptor,
  ): { value: unknown; text: string } => {
    const key = `${version} ${operation.name}`;
    const known = samples.get(key);
    if (known !== undefined) return known;
    const output = operation.output;
    const example = options.examples?.get(`${operation.name}.soap${version === '1.1' ? '11' : '12'}.response.xml`);
    let answer: { value: unknown; text: string };
    if (example !== undefined && output !== undefined) {
      answer = { value: decodeElement(options.schema, output, decodeEnvelope(example).body), text: example };
    } else {
      const value = output === undefined ? undefined : sampleValue(options.schema, output, { as: 'element' });
      answer = { value, text: encodeResponse(version, operation, value) };
    }
    samples.set(key, answer);
    return answer;
  };

  const respond = (version: SoapEnvelopeVersion, operation: OperationDescriptor, request: unknown): string => {
    const base = baseResponse(version, operation);
    if (operation.output === undefined) return base.text;
    const echoed = echoRequest(base.value, request, (value) => {
      try {
        encodeResponse(version, operation, value);
        return true;
      } catch (error) {
        if (error instanceof EncodeError) return false;
        throw error;
      }
    });
    if (echoed === base.value) return base.text;
    // An example stays byte for byte what it was when the echo changes no value in it.
    const text = encodeResponse(version, operation, echoed);
    return text === encodeResponse(version, operation, base.value) ? base.text : text;
  };

  /** The fault `--fault` asks for: the user's envelope, or one generated (with a typed detail when declared). */
  const chosenFault = (
    version: SoapEnvelopeVersion,
    operation: OperationDescriptor,
    given: string | undefined,
  ): Answer => {
    if (given !== undefined)
      return {
        status: 500,
        contentType: soapContentType(version),
        body: given,
        summary: `fault: ${operation.name} (--fault file)`,
        operation: operation.name,
      };
    const declared = operation.faults?.[0];
    const detail =
      declared === undefined
        ? undefined
        : encodeElement(
            options.schema,
            declared.element,
            sampleValue(options.schema, declared.element, { as: 'element' }),
          );
    const reason = `mock fault for ${operation.name}${declared === undefined ? '' : ` (${declared.name})`}`;
    return {
      status: faultStatus(version, 'server'),
      contentType: soapContentType(version),
      body: faultEnvelope(version, 'server', reason, detail),
      summary: `fault: ${reason}`,
      operation: operation.name,
    };
  };

  const fault = (version: SoapEnvelopeVersion, side: FaultSide, reason: string): Answer => ({
    status: faultStatus(version, side),
    contentType: soapContentType(version),
    body: faultEnvelope(version, side, reason),
    summary: `fault: ${reason}`,
  });

  const answerPost = (contentType: string, body: string): Answer => {
    // The version the client speaks, from its media type, until the envelope says otherwise.
    let version: SoapEnvelopeVersion = /application\/soap\+xml/i.test(contentType) ? '1.2' : '1.1';
    if (!/^\s*(text\/xml|application\/soap\+xml)\b/i.test(contentType)) {
      return fault(
        version,
        'client',
        `unsupported Content-Type ${JSON.stringify(contentType)}; SOAP 1.1 uses text/xml, SOAP 1.2 application/soap+xml`,
      );
    }
    let envelope: ReturnType<typeof decodeEnvelope>;
    try {
      envelope = decodeEnvelope(body);
    } catch (error) {
      if (error instanceof XmlParseError)
        return fault(version, 'client', `the request is not well-formed XML: ${error.message}`);
      if (error instanceof EnvelopeError)
        return fault(version, 'client', `the request is not a SOAP envelope: ${error.message}`);
      if (error instanceof SoapFaultError) return fault(version, 'client', 'the request Body holds a Fault');
      throw error;
    }
    version = envelope.version;
    const mediaVersion = envelope.document.root.ns === SOAP12_ENVELOPE_NS ? '1.2' : '1.1';
    if (/application\/soap\+xml/i.test(contentType) !== (mediaVersion === '1.2')) {
      return fault(
        version,
        'client',
        `a SOAP ${version} envelope must be sent as ${soapContentType(version).split(';')[0]}, not ${contentType.split(';')[0]}`,
      );
    }
    const root = envelope.body;
    const id = root.ns === '' ? root.local : `{${root.ns}}${root.local}`;
    const operation = byInput.get(id);
    if (operation === undefined) {
      const where = root.ns === '' ? 'in no namespace' : `in namespace "${root.ns}"`;
      return fault(version, 'client', `no operation takes the element <${root.local}> ${where}`);
    }
    let request: unknown;
    try {
      request = decodeElement(options.schema, operation.input, root, {
        positionOf: (o) => envelope.document.positionOf(o),
      });
    } catch (error) {
      if (error instanceof DecodeError)
        return {
          ...fault(version, 'client', `invalid ${operation.name} request: ${error.message}`),
          operation: operation.name,
        };
      throw error;
    }
    if (options.faults?.has(operation.name) === true)
      return chosenFault(version, operation, options.faults.get(operation.name));
    if (operation.output === undefined) {
      // One-way: accepted, nothing to answer (SOAP 1.1 HTTP binding, WS-I BP: 202 with no body).
      return {
        status: 202,
        contentType: soapContentType(version),
        body: '',
        summary: operation.name,
        operation: operation.name,
      };
    }
    return {
      status: 200,
      contentType: soapContentType(version),
      body: respond(version, operation, request),
      summary: operation.name,
      operation: operation.name,
    };
  };

  const handle = (req: IncomingMessage, res: ServerResponse, body: string): void => {
    const started = process.hrtime.bigint();
    let answer: Answer;
    const query = (req.url ?? '').split('?')[1] ?? '';
    if ((req.method === 'GET' || req.method === 'HEAD') && /^wsdl$/i.test(query)) {
      answer = { status: 200, contentType: 'text/xml; charset=utf-8', body: servedWsdl, summary: 'WSDL' };
    } else if (req.method === 'POST') {
      try {
        answer = answerPost(req.headers['content-type'] ?? '', body);
      } catch (error) {
        const reason =
          error instanceof EncodeError
            ? `cannot write a sample response: ${error.message}`
            : 'internal error of the mock server';
        answer = fault('1.1', 'server', reason);
      }
    } else {
      answer = {
        status: 405,
        contentType: 'text/plain; charset=utf-8',
        body: 'POST a SOAP request, or GET ?WSDL\n',
        summary: 'not a SOAP request',
      };
    }
    const report = (sent: boolean): void => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const path = (req.url ?? '').split('?')[0] ?? '';
      const summary = sent ? answer.summary : `${answer.summary} (not sent: the client closed the connection first)`;
      log(
        `${req.method ?? '?'} ${path}${query ? `?${query.slice(0, 20)}` : ''} ${answer.status} ${summary} ${ms.toFixed(1)}ms`,
      );
      const soapAction = req.headers.soapaction;
      options.record?.({
        time: new Date().toISOString(),
        method: req.method ?? '?',
        path,
        ...(typeof soapAction === 'string' ? { soapAction } : {}),
        ...(req.headers['content-type'] !== undefined ? { contentType: req.headers['content-type'] } : {}),
        ...(answer.operation !== undefined ? { operation: answer.operation } : {}),
        status: answer.status,
        summary,
        body,
      });
    };
    const send = (): void => {
      res.writeHead(answer.status, {
        'content-type': answer.contentType,
        'content-length': Buffer.byteLength(answer.body),
      });
      res.end(req.method === 'HEAD' ? undefined : answer.body);
      report(true);
    };
    const delay = options.delayMs ?? 0;
    if (req.method === 'POST' && delay > 0) {
      let sent = false;
      const timer = setTimeout(() => {
        sent = true;
        send();
      }, delay);
      // A client that gives up (its timeout) closes the connection: nothing to send then, but the
      // request is logged all the same.
      res.once('close', () => {
        if (sent) return;
        clearTimeout(timer);
        report(false);
      });
    } else send();
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        if (!refused) {
          refused = true;
          res.writeHead(413, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
          res.end('request too large\n');
          log(`${req.method ?? '?'} ${(req.url ?? '').split('?')[0]} 413 request larger than ${maxBytes} bytes`);
          req.destroy();
        }
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!refused) handle(req, res, Buffer.concat(chunks).toString('utf8'));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}${endpointPath}`;
  servedWsdl = pointAddressesAt(options.wsdlText, baseUrl);
  return {
    url: baseUrl,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * `response` with every field whose name a field of `request` has (at any depth, the first one
 * found) replaced by the request's value, where `fits` accepts the result; the same object when
 * nothing was replaced. Fields are tried all at once, then one by one when that does not fit.
 */
export function echoRequest(response: unknown, request: unknown, fits: (value: unknown) => boolean): unknown {
  const given = new Map<string, unknown>();
  const collect = (value: unknown): void => {
    if (Array.isArray(value)) for (const item of value) collect(item);
    else if (isPlainObject(value)) {
      for (const [key, v] of Object.entries(value)) {
        if (key.startsWith('$')) continue;
        if (!given.has(key) && v !== undefined) given.set(key, v);
        collect(v);
      }
    }
  };
  collect(request);
  if (given.size === 0) return response;
  const names: string[] = [];
  const gather = (value: unknown): void => {
    if (Array.isArray(value)) for (const item of value) gather(item);
    else if (isPlainObject(value)) {
      for (const [key, v] of Object.entries(value)) {
        if (given.has(key) && !key.startsWith('$')) names.push(key);
        else gather(v);
      }
    }
  };
  gather(response);
  const wanted = [...new Set(names)];
  if (wanted.length === 0) return response;
  const replace = (value: unknown, only: ReadonlySet<string>): unknown => {
    if (Array.isArray(value)) return value.map((item) => replace(item, only));
    if (!isPlainObject(value)) return value;
    return Object.fromEntries(
      Object.entries(value).map(([key, v]) => [key, only.has(key) ? given.get(key) : replace(v, only)]),
    );
  };
  const all = replace(response, new Set(wanted));
  if (fits(all)) return all;
  const kept = new Set<string>();
  for (const name of wanted) {
    const candidate = new Set([...kept, name]);
    if (fits(replace(response, candidate))) kept.add(name);
  }
  return kept.size === 0 ? response : replace(response, kept);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

/** The path of an endpoint URL ('/' when there is none or it does not parse). */
function pathOf(url: string | undefined): string {
  if (url === undefined) return '/';
  try {
    return new URL(url).pathname || '/';
  } catch {
    return '/';
  }
}

/** The WSDL with the `location` of every SOAP port address replaced by the server's URL. */
export function pointAddressesAt(wsdlText: string, url: string): string {
  return wsdlText.replace(
    /(<(?:[\w.-]+:)?address\b[^>]*?\blocation\s*=\s*)("[^"]*"|'[^']*')/g,
    (_m, head: string) => `${head}"${url}"`,
  );
}
