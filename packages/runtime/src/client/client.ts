/**
 * The SOAP client: encodes an operation's input into a SOAP 1.1 or 1.2 envelope, posts it with
 * `fetch` (Node 20's global one, or an injected one), and decodes the response or turns it into
 * a typed error. It never retries.
 */

import { decodeElement } from '../codec/index.js';
import { bodyText } from './body-text.js';
import {
  decodeEnvelope,
  encodeBodyElement,
  encodeEnvelope,
  streamEnvelopeElement,
  type BodyElementOptions,
  type DecodedEnvelope,
} from '../envelope.js';
import {
  AbortError,
  ClientUsageError,
  DecodeError,
  EnvelopeError,
  HttpError,
  ResponseFormatError,
  ResponseTooLargeError,
  SoapFaultError,
  type SoapRuntimeError,
  TimeoutError,
  TransportError,
} from '../errors.js';
import { XSI_NS, type OperationDescriptor, type SchemaDescriptor, type ServiceDescriptor } from '../schema.js';
import type { XmlElement } from '../xml/dom.js';
import type { ParseOptions } from '../xml/scanner.js';
import { collectSecrets, DEFAULT_SECRET_FIELDS, redactSecrets, scrubError } from './redact.js';

export type SoapVersion = '1.1' | '1.2';

export interface ClientOptions {
  /** Endpoint URL; default: the service's endpoint for the chosen SOAP version. */
  readonly endpoint?: string;
  /** Default '1.1'. */
  readonly soapVersion?: SoapVersion;
  /** Time allowed for a whole call (request and response body), default 60000 ms. */
  readonly timeoutMs?: number;
  /** Extra HTTP headers for every call (they may override the SOAP ones). */
  readonly headers?: Readonly<Record<string, string>>;
  /** The transport; default the global `fetch`. */
  readonly fetch?: typeof fetch;
  /**
   * An undici `Dispatcher` (a `ProxyAgent`, an `Agent` with its own TLS options or connection
   * pool) handed to `fetch` with every request, as Node's global `fetch` takes it; `RequestInit`
   * does not type it, so it is an option of its own here. Typed `unknown` so that this package
   * does not depend on undici.
   */
  readonly dispatcher?: unknown;
  /**
   * Pretty-print requests (default true): 2-space indentation, one element per line, the format
   * of `wsdl/examples/`. False sends them without any whitespace between elements.
   */
  readonly pretty?: boolean;
  /**
   * Input fields whose string values are secrets, redacted (`***`) from every error. A field
   * matches when its name contains one of these, ignoring case. Replaces the default
   * `DEFAULT_SECRET_FIELDS` (SessionID, Password, APIKey, ApiKey, Secret, Token, AccessKey).
   */
  readonly secretFields?: readonly string[];
  /**
   * Largest response body read (default 64 MiB, `DEFAULT_MAX_RESPONSE_BYTES`), counted while it
   * streams in, after any content decoding: a larger one is refused with a
   * `ResponseTooLargeError` as soon as it passes the limit, and the rest is never read.
   */
  readonly maxResponseBytes?: number;
  /**
   * Limits of the XML reader for responses (depth, text length, attributes, names, namespace
   * declarations; see `ParseOptions` for the defaults).
   */
  readonly xmlLimits?: XmlLimits;
}

/** The limits of `ParseOptions` a client can set for the responses it reads. */
export type XmlLimits = Pick<
  ParseOptions,
  'maxDepth' | 'maxTextLength' | 'maxAttributes' | 'maxNameLength' | 'maxNamespaceDeclarations' | 'maxNamespacesInScope'
>;

/** The default `ClientOptions.maxResponseBytes`: 64 MiB. */
export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

export interface CallOptions {
  readonly signal?: AbortSignal;
  /** Overrides the client's `timeoutMs` for this call. */
  readonly timeoutMs?: number;
  /** Extra HTTP headers for this call, applied after the client's. */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * SOAP header blocks, keyed by the local name of one of the operation's declared header
   * elements (`OperationDescriptor.headers`); written into `soap:Header` in declaration order.
   * Their secret fields are redacted from errors like the input's.
   */
  readonly soapHeaders?: Readonly<Record<string, unknown>>;
}

/** What was sent and received, for logging and debugging. The texts are not redacted. */
export interface RawExchange {
  readonly request: {
    readonly url: string;
    readonly headers: Readonly<Record<string, string>>;
    readonly body: string;
  };
  readonly response: {
    readonly status: number;
    readonly statusText: string;
    readonly headers: Readonly<Record<string, string>>;
    readonly body: string;
  };
}

export interface RawCallResult extends RawExchange {
  readonly result: unknown;
  /** The request envelope as sent (= `request.body`). */
  readonly requestText: string;
  /** The response body as received (= `response.body`). */
  readonly responseText: string;
  /** The response's SOAP Header element, when it has one. */
  readonly header: XmlElement | undefined;
}

export interface SoapClient {
  readonly service: ServiceDescriptor;
  readonly soapVersion: SoapVersion;
  readonly endpoint: string;
  /**
   * Calls an operation. For wrapped operations `input` holds the request wrapper's fields and
   * the result is the value of the response wrapper's single child (`KeySetResult`), undefined
   * when absent; otherwise `input` is the request element's value and the result the response
   * element's value. Rejects with a `SoapRuntimeError` subclass.
   */
  call(operationName: string, input: unknown, callOptions?: CallOptions): Promise<unknown>;
  /** Like `call`, and also returns the request and response as sent and received. */
  callRaw(operationName: string, input: unknown, callOptions?: CallOptions): Promise<RawCallResult>;
}

const DEFAULT_TIMEOUT_MS = 60_000;
/** Characters of a response body kept in HttpError/ResponseFormatError. */
const EXCERPT_LENGTH = 500;

export function createSoapClient(
  schema: SchemaDescriptor,
  service: ServiceDescriptor,
  options: ClientOptions = {},
): SoapClient {
  const soapVersion: SoapVersion = options.soapVersion ?? '1.1';
  if (soapVersion !== '1.1' && soapVersion !== '1.2') {
    throw new ClientUsageError('invalid-option', `soapVersion must be '1.1' or '1.2'`);
  }
  const configured = options.endpoint ?? (soapVersion === '1.2' ? service.endpoints.soap12 : service.endpoints.soap11);
  if (configured === undefined || configured === '') {
    throw new ClientUsageError(
      'no-endpoint',
      `service ${service.name} has no SOAP ${soapVersion} endpoint; pass options.endpoint`,
    );
  }
  const endpoint: string = configured;
  checkEndpoint(endpoint);
  checkTimeout(options.timeoutMs);
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  if (!(Number.isSafeInteger(maxResponseBytes) && maxResponseBytes > 0)) {
    throw new ClientUsageError('invalid-option', 'maxResponseBytes must be a positive integer');
  }
  const xmlLimits: XmlLimits = options.xmlLimits ?? {};
  const secretFields = options.secretFields ?? DEFAULT_SECRET_FIELDS;
  const clientHeaders = options.headers ?? {};
  const transport = options.fetch;
  const dispatcher = options.dispatcher;
  const indent = options.pretty === false ? undefined : '  ';

  async function callRaw(operationName: string, input: unknown, callOptions: CallOptions = {}): Promise<RawCallResult> {
    const secrets = [
      ...new Set([...collectSecrets(input, secretFields), ...collectSecrets(callOptions.soapHeaders, secretFields)]),
    ];
    let operation: OperationDescriptor | undefined;
    try {
      operation = service.operations[operationName];
      if (operation === undefined || !Object.hasOwn(service.operations, operationName)) {
        throw new ClientUsageError('unknown-operation', `service ${service.name} has no operation ${operationName}`);
      }
      checkTimeout(callOptions.timeoutMs);
      const bodyOptions = { version: soapVersion, indent, xsiTypes: operation.encoded === true };
      const headerBlocks = encodeHeaders(schema, operation, callOptions.soapHeaders, bodyOptions);
      const body = encodeEnvelope(
        {
          version: soapVersion,
          header: headerBlocks,
          body: encodeBodyElement(schema, operation.input, input, bodyOptions),
        },
        { indent },
      );
      const headers = requestHeaders(soapVersion, operation.soapAction, clientHeaders, callOptions.headers);
      const exchange = await post({
        fetch: transport ?? globalThis.fetch,
        dispatcher,
        url: endpoint,
        headers,
        body,
        timeoutMs: callOptions.timeoutMs ?? options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        signal: callOptions.signal,
        maxResponseBytes,
      });
      const { result, header } = decodeResponse(schema, operation, exchange, secrets, xmlLimits);
      return { ...exchange, result, header, requestText: exchange.request.body, responseText: exchange.response.body };
    } catch (error) {
      const clean = scrubError(error, secrets);
      // Decoded from the redacted detail, so the value holds no secret either.
      throw operation !== undefined ? withDeclaredFault(schema, operation, clean) : clean;
    }
  }

  return {
    service,
    soapVersion,
    endpoint,
    callRaw,
    async call(operationName, input, callOptions) {
      return (await callRaw(operationName, input, callOptions)).result;
    },
  };
}

/**
 * The operation's SOAP header blocks given in `soapHeaders`, in the order of its `headers`;
 * undefined when none is given. A key that names no declared header is a usage error.
 */
function encodeHeaders(
  schema: SchemaDescriptor,
  operation: OperationDescriptor,
  soapHeaders: Readonly<Record<string, unknown>> | undefined,
  options: BodyElementOptions,
): string[] | undefined {
  if (soapHeaders === undefined) return undefined;
  const declared = new Map<string, string>();
  for (const id of operation.headers ?? []) {
    const element = Object.hasOwn(schema.elements, id) ? schema.elements[id] : undefined;
    if (element === undefined)
      throw new ClientUsageError(
        'invalid-option',
        `header element ${id} of operation ${operation.name} is not defined in the schema`,
      );
    declared.set(element.name, id);
  }
  for (const key of Object.keys(soapHeaders)) {
    if (!declared.has(key))
      throw new ClientUsageError('invalid-option', `operation ${operation.name} declares no SOAP header ${key}`);
  }
  const blocks: string[] = [];
  for (const [name, id] of declared) {
    const value = soapHeaders[name];
    if (value !== undefined) blocks.push(encodeBodyElement(schema, id, value, options));
  }
  return blocks.length === 0 ? undefined : blocks;
}

/**
 * A fault whose detail holds the element of one of the operation's declared faults, with that
 * fault's name and decoded value; a detail the WSDL declares nothing for, with its plain value
 * (`plainXml`, as node-soap gives it); other errors unchanged. A declared detail element that
 * does not decode leaves both unset, with the DecodeError as `cause`.
 */
function withDeclaredFault(schema: SchemaDescriptor, operation: OperationDescriptor, error: unknown): unknown {
  if (!(error instanceof SoapFaultError) || error.detail === undefined) return error;
  const declared = operation.faults ?? [];
  for (const child of error.detail.children) {
    if (child.kind !== 'element') continue;
    for (const fault of declared) {
      const element = Object.hasOwn(schema.elements, fault.element) ? schema.elements[fault.element] : undefined;
      if (element === undefined || element.name !== child.local || element.ns !== child.ns) continue;
      try {
        const detailValue = decodeElement(schema, fault.element, child);
        return new SoapFaultError({ ...error.toInit(), faultName: fault.name, detailValue });
      } catch (cause) {
        if (cause instanceof DecodeError) return new SoapFaultError(error.toInit(), { cause });
        throw cause;
      }
    }
  }
  return new SoapFaultError({ ...error.toInit(), detailValue: plainXml(error.detail) });
}

/**
 * XML as plain values, for a fault detail no schema describes: an element without child elements
 * is its text; one with child elements is an object of them by local name (an array for a name
 * that repeats); attributes other than namespace and `xsi:` ones go to `$attributes` (the text
 * then to `$value`); `xsi:nil="true"` is null. Text between child elements is left out.
 */
function plainXml(element: XmlElement): unknown {
  const attributes: Record<string, string> = {};
  let nil = false;
  for (const a of element.attributes) {
    if (a.ns === XSI_NS) {
      if (a.local === 'nil' && (a.value.trim() === 'true' || a.value.trim() === '1')) nil = true;
      continue;
    }
    attributes[a.local] = a.value;
  }
  if (nil) return null;
  const children = element.children.filter((c): c is XmlElement => c.kind === 'element');
  const hasAttributes = Object.keys(attributes).length > 0;
  if (children.length === 0) {
    const text = element.children.map((c) => (c.kind === 'text' ? c.text : '')).join('');
    return hasAttributes ? { $attributes: attributes, $value: text } : text;
  }
  const byName = new Map<string, unknown[]>();
  for (const child of children) {
    const list = byName.get(child.local);
    if (list === undefined) byName.set(child.local, [plainXml(child)]);
    else list.push(plainXml(child));
  }
  const out: Record<string, unknown> = {};
  for (const [name, values] of byName) out[name] = values.length === 1 ? values[0] : values;
  if (hasAttributes) out.$attributes = attributes;
  return out;
}

function checkTimeout(timeoutMs: number | undefined): void {
  if (timeoutMs !== undefined && !(Number.isFinite(timeoutMs) && timeoutMs > 0)) {
    throw new ClientUsageError('invalid-option', 'timeoutMs must be a positive number');
  }
}

/** The SOAP headers of a request, then the client's and the call's extra headers. */
export function requestHeaders(
  version: SoapVersion,
  soapAction: string,
  ...extra: Array<Readonly<Record<string, string>> | undefined>
): Record<string, string> {
  const headers = new Headers();
  if (version === '1.1') {
    headers.set('Content-Type', 'text/xml; charset=utf-8');
    headers.set('SOAPAction', `"${soapAction}"`);
  } else {
    const action = soapAction === '' ? '' : `; action="${soapAction}"`;
    headers.set('Content-Type', `application/soap+xml; charset=utf-8${action}`);
  }
  for (const set of extra) {
    for (const [name, value] of Object.entries(set ?? {})) headers.set(name, value);
  }
  return headersToObject(headers);
}

/** Header names lower-cased, as `Headers` keeps them. */
function headersToObject(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name] = value;
  });
  return out;
}

/** A URL for messages: no credentials, query or fragment. */
function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}

interface PostRequest {
  readonly fetch: typeof fetch;
  readonly dispatcher: unknown;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly timeoutMs: number;
  readonly signal: AbortSignal | undefined;
  readonly maxResponseBytes: number;
}

/** Posts the request and reads the whole response, mapping failures to typed errors. */
async function post(req: PostRequest): Promise<RawExchange> {
  const url = displayUrl(req.url);
  if (req.signal?.aborted) throw new AbortError(url, { cause: req.signal.reason });

  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, req.timeoutMs);
  const onAbort = (): void => controller.abort();
  req.signal?.addEventListener('abort', onAbort, { once: true });

  const failure = (cause: unknown): SoapRuntimeError => {
    if (timedOut) return new TimeoutError(req.timeoutMs, url);
    if (req.signal?.aborted) return new AbortError(url, { cause: req.signal.reason });
    return new TransportError(url, describeTransportFailure(cause), { cause });
  };

  try {
    let response: Response;
    try {
      response = await req.fetch(req.url, {
        method: 'POST',
        // No compression is asked for; a body that comes compressed all the same is counted
        // against maxResponseBytes as it inflates (fetch inflates it), so it cannot grow unbounded.
        headers: { 'accept-encoding': 'identity', ...req.headers },
        body: req.body,
        signal: controller.signal,
        redirect: 'manual',
        // Node's fetch (undici) takes a dispatcher beside the standard RequestInit fields.
        ...(req.dispatcher !== undefined ? ({ dispatcher: req.dispatcher } as RequestInit) : {}),
      });
    } catch (cause) {
      throw failure(cause);
    }
    const bytes = await readBody(response, req.maxResponseBytes, url, controller, failure);
    // A timeout or abort that fired while the body was complete still counts.
    if (timedOut || req.signal?.aborted) throw failure(undefined);
    return {
      request: { url: req.url, headers: req.headers, body: req.body },
      response: {
        status: response.status,
        statusText: response.statusText,
        headers: headersToObject(response.headers),
        body: decodeBody(bytes, response.status, response.headers.get('content-type')),
      },
    };
  } finally {
    clearTimeout(timer);
    req.signal?.removeEventListener('abort', onAbort);
  }
}

/**
 * The whole body, read chunk by chunk and refused (`ResponseTooLargeError`, the connection
 * dropped) as soon as it passes `limit` bytes: a declared Content-Length over the limit before
 * any byte is read, an endless or inflating body at the chunk that crosses it.
 */
async function readBody(
  response: Response,
  limit: number,
  url: string,
  controller: AbortController,
  failure: (cause: unknown) => SoapRuntimeError,
): Promise<ArrayBuffer> {
  const tooLarge = (received: number | undefined): ResponseTooLargeError => {
    controller.abort();
    return new ResponseTooLargeError({ limit, received, status: response.status, url });
  };
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  // Content-Length counts encoded bytes; only an unencoded one says the body is too large.
  if (declared > limit && (response.headers.get('content-encoding') ?? 'identity') === 'identity')
    throw tooLarge(declared);
  if (response.body === null) return new ArrayBuffer(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limit) {
        void reader.cancel().catch(() => {});
        throw tooLarge(undefined);
      }
      chunks.push(value);
    }
  } catch (cause) {
    if (cause instanceof ResponseTooLargeError) throw cause;
    throw failure(cause);
  }
  if (chunks.length === 1 && chunks[0]!.byteOffset === 0 && chunks[0]!.byteLength === chunks[0]!.buffer.byteLength)
    return chunks[0]!.buffer as ArrayBuffer;
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out.buffer;
}

/** A short reason from fetch's error (undici wraps the socket error as `cause`). */
function describeTransportFailure(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let i = 0; i < 4 && current instanceof Error; i++) {
    const code = (current as { code?: unknown }).code;
    const text = typeof code === 'string' ? `${code}: ${current.message}` : current.message;
    if (text !== '' && !parts.includes(text)) parts.push(text);
    current = (current as { cause?: unknown }).cause;
  }
  return parts.length > 0 ? parts.join(' <- ') : 'network error';
}

/**
 * Decodes the body bytes with the charset of the Content-Type (default UTF-8). Bytes that are not
 * valid in that charset are a ResponseFormatError: a replacement character must not slip
 * silently into a value.
 */
function decodeBody(bytes: ArrayBuffer, status: number, contentType: string | null): string {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '')?.[1];
  // A byte order mark tells the encoding (XML 1.0 appendix F), whatever the Content-Type says.
  let label = bomEncoding(bytes) ?? charset ?? 'utf-8';
  try {
    new TextDecoder(label);
  } catch {
    label = 'utf-8';
  }
  try {
    return bodyText(bytes, new TextDecoder(label, { fatal: true }));
  } catch (cause) {
    // The secrets are redacted from the excerpt when the client scrubs the error.
    throw new ResponseFormatError(
      {
        status,
        contentType: contentType ?? '',
        bodyExcerpt: new TextDecoder(label).decode(bytes.slice(0, EXCERPT_LENGTH)),
        reason: `the body is not valid ${label}`,
      },
      { cause },
    );
  }
}

/** The encoding a byte order mark at the start of the body names, if any. */
function bomEncoding(bytes: ArrayBuffer): string | undefined {
  const head = new Uint8Array(bytes, 0, Math.min(3, bytes.byteLength));
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return undefined;
}

function excerpt(body: string, secrets: readonly string[]): string {
  const clean = redactSecrets(body, secrets);
  return clean.length > EXCERPT_LENGTH ? `${clean.slice(0, EXCERPT_LENGTH)}…` : clean;
}

/** Turns the HTTP response into the operation's result or a typed error. */
function decodeResponse(
  schema: SchemaDescriptor,
  operation: OperationDescriptor,
  exchange: RawExchange,
  secrets: readonly string[],
  xmlLimits: XmlLimits,
): { result: unknown; header: XmlElement | undefined } {
  const { status, statusText, body } = exchange.response;
  const contentType = exchange.response.headers['content-type'] ?? '';
  const ok = status >= 200 && status < 300;
  const formatError = (reason: string, cause?: unknown): ResponseFormatError =>
    new ResponseFormatError({ status, contentType, bodyExcerpt: excerpt(body, secrets), reason }, { cause });
  const httpError = (): HttpError =>
    new HttpError({
      status,
      statusText,
      contentType,
      bodyExcerpt: excerpt(body, secrets),
      url: displayUrl(exchange.request.url),
    });
  const none = { result: undefined, header: undefined };

  if (body.trim() === '') {
    if (!ok) throw httpError();
    if (operation.output === undefined) return none;
    throw formatError('empty body');
  }

  if (ok && operation.output !== undefined) {
    // A valid response decodes in one pass without a tree; anything else (a Fault, an error of
    // any kind) takes the tree path below, which gives every error its exact form.
    const streamed = streamEnvelopeElement(schema, operation.output, body, xmlLimits);
    if (streamed !== undefined) {
      return {
        result: operation.wrapped ? unwrap(schema, operation.output, streamed.value) : streamed.value,
        header: streamed.header,
      };
    }
  }

  let envelope: DecodedEnvelope;
  try {
    envelope = decodeEnvelope(body, xmlLimits);
  } catch (error) {
    // A Fault is the answer whatever the status (ASMX sends them with 500, some servers 200).
    if (error instanceof SoapFaultError) throw error;
    if (!ok) throw httpError();
    if (operation.output === undefined && error instanceof EnvelopeError && error.code === 'empty-body') return none;
    throw formatError(error instanceof Error ? error.message : 'not a SOAP envelope', error);
  }
  if (!ok) throw httpError();
  if (operation.output === undefined) return { result: undefined, header: envelope.header };

  const value = decodeElement(schema, operation.output, envelope.body, {
    positionOf: (o) => envelope.document.positionOf(o),
  });
  return { result: operation.wrapped ? unwrap(schema, operation.output, value) : value, header: envelope.header };
}

/**
 * The value of the response wrapper's single child element (undefined when absent); a wrapper
 * with several children is returned whole, one with none gives undefined.
 */
function unwrap(schema: SchemaDescriptor, elementId: string, value: unknown): unknown {
  const element = schema.elements[elementId];
  const type = element ? schema.types[element.type] : undefined;
  if (type?.kind !== 'complex' || value === null || typeof value !== 'object') return value;
  if (type.content.length === 0) return undefined;
  const particle = type.content[0];
  if (type.content.length > 1 || particle?.kind !== 'element') return value;
  return (value as Record<string, unknown>)[particle.name];
}

/**
 * The endpoint must be an absolute http: or https: URL; anything else is a usage error when the
 * client is made, not a transport error at the first call. The message never repeats the URL
 * (it may hold credentials).
 */
function checkEndpoint(endpoint: string): void {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new ClientUsageError(
      'invalid-option',
      'endpoint must be an absolute http: or https: URL; it does not parse as a URL',
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ClientUsageError(
      'invalid-option',
      `endpoint must be an absolute http: or https: URL, not a ${url.protocol} URL`,
    );
  }
}
