/**
 * A local SOAP server for a WSDL: serves the WSDL at `?WSDL` (with its port addresses pointing at
 * the server), validates every request against the schema with the runtime's strict codec, and
 * answers each operation with a schema-valid response: the example envelope of `examples/` when
 * there is one, a generated sample value otherwise. Invalid requests get a SOAP Fault in the
 * request's SOAP version that says what is wrong.
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
  const samples = new Map<string, string>();

  const respond = (version: SoapEnvelopeVersion, operation: OperationDescriptor): string => {
    const example = options.examples?.get(`${operation.name}.soap${version === '1.1' ? '11' : '12'}.response.xml`);
    if (example !== undefined) return example;
    const key = `${version} ${operation.name}`;
    let text = samples.get(key);
    if (text === undefined) {
      const body =
        operation.output === undefined
          ? ''
          : encodeBodyElement(options.schema, operation.output, sampleValue(options.schema, operation.output, { as: 'element' }), {
              version,
              indent: '  ',
              xsiTypes: operation.encoded === true,
            });
      text = `${encodeEnvelope({ version, body }, { indent: '  ' })}\n`;
      samples.set(key, text);
    }
    return text;
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
      return fault(version, 'client', `unsupported Content-Type ${JSON.stringify(contentType)}; SOAP 1.1 uses text/xml, SOAP 1.2 application/soap+xml`);
    }
    let envelope;
    try {
      envelope = decodeEnvelope(body);
    } catch (error) {
      if (error instanceof XmlParseError) return fault(version, 'client', `the request is not well-formed XML: ${error.message}`);
      if (error instanceof EnvelopeError) return fault(version, 'client', `the request is not a SOAP envelope: ${error.message}`);
      if (error instanceof SoapFaultError) return fault(version, 'client', 'the request Body holds a Fault');
      throw error;
    }
    version = envelope.version;
    const mediaVersion = envelope.document.root.ns === SOAP12_ENVELOPE_NS ? '1.2' : '1.1';
    if (/application\/soap\+xml/i.test(contentType) !== (mediaVersion === '1.2')) {
      return fault(version, 'client', `a SOAP ${version} envelope must be sent as ${soapContentType(version).split(';')[0]}, not ${contentType.split(';')[0]}`);
    }
    const root = envelope.body;
    const id = root.ns === '' ? root.local : `{${root.ns}}${root.local}`;
    const operation = byInput.get(id);
    if (operation === undefined) {
      const where = root.ns === '' ? 'in no namespace' : `in namespace "${root.ns}"`;
      return fault(version, 'client', `no operation takes the element <${root.local}> ${where}`);
    }
    try {
      decodeElement(options.schema, operation.input, root, { positionOf: (o) => envelope.document.positionOf(o) });
    } catch (error) {
      if (error instanceof DecodeError) return fault(version, 'client', `invalid ${operation.name} request: ${error.message}`);
      throw error;
    }
    if (operation.output === undefined) {
      // One-way: accepted, nothing to answer (SOAP 1.1 HTTP binding, WS-I BP: 202 with no body).
      return { status: 202, contentType: soapContentType(version), body: '', summary: operation.name };
    }
    return { status: 200, contentType: soapContentType(version), body: respond(version, operation), summary: operation.name };
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
        const reason = error instanceof EncodeError ? `cannot write a sample response: ${error.message}` : 'internal error of the mock server';
        answer = fault('1.1', 'server', reason);
      }
    } else {
      answer = { status: 405, contentType: 'text/plain; charset=utf-8', body: 'POST a SOAP request, or GET ?WSDL\n', summary: 'not a SOAP request' };
    }
    res.writeHead(answer.status, { 'content-type': answer.contentType, 'content-length': Buffer.byteLength(answer.body) });
    res.end(req.method === 'HEAD' ? undefined : answer.body);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    log(`${req.method ?? '?'} ${(req.url ?? '').split('?')[0]}${query ? `?${query.slice(0, 20)}` : ''} ${answer.status} ${answer.summary} ${ms.toFixed(1)}ms`);
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
  return wsdlText.replace(/(<(?:[\w.-]+:)?address\b[^>]*?\blocation\s*=\s*)("[^"]*"|'[^']*')/g, (_m, head: string) => `${head}"${url}"`);
}
