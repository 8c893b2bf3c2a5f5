/**
 * Every error the runtime throws. They share `SoapRuntimeError` so callers can catch the runtime's
 * failures with one `instanceof` and switch on `code`; transport errors (HTTP, timeouts) are added
 * here by the client as further subclasses.
 */

import type { XmlElement } from './xml/dom.js';

/** The longest message a runtime error has, whatever the input: longer ones are cut. */
export const MAX_ERROR_MESSAGE_LENGTH = 2000;

/**
 * Base of all runtime errors: a stable `code` string to switch on, plus a readable message of
 * at most `MAX_ERROR_MESSAGE_LENGTH` characters (names and values a hostile document puts into
 * one cannot make it any longer).
 */
/** Where an error records the names of its classes (shared by every copy of the runtime). */
const ERROR_CLASSES: symbol = Symbol.for('@ecgrid/soap-runtime/error-classes');

export class SoapRuntimeError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(
      message.length > MAX_ERROR_MESSAGE_LENGTH ? `${message.slice(0, MAX_ERROR_MESSAGE_LENGTH - 1)}…` : message,
      options,
    );
    this.code = code;
    this.name = new.target.name;
    const classes: string[] = [];
    for (let c: unknown = new.target; typeof c === 'function' && c !== Error; c = Object.getPrototypeOf(c))
      classes.push((c as { name: string }).name);
    Object.defineProperty(this, ERROR_CLASSES, { value: classes });
  }

  /**
   * `instanceof` across copies of this package: an error thrown by the ESM build is an instance
   * of the CommonJS build's class of the same name (and its bases), and the other way round, as
   * when an application and one of its dependencies load the runtime in different module systems.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    // `this` is the class `instanceof` asks about (a subclass too), not SoapRuntimeError.
    // biome-ignore lint/complexity/noThisInStatic: the receiver is the subclass being tested
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    if (typeof value !== 'object' || value === null) return false;
    const classes = (value as Record<symbol, unknown>)[ERROR_CLASSES];
    // biome-ignore lint/complexity/noThisInStatic: the receiver is the subclass being tested
    return Array.isArray(classes) && classes.includes(this.name);
  }
}

/** Why a document is not accepted by `parseXml`. */
export type XmlParseErrorCode =
  | 'not-well-formed'
  | 'doctype-refused'
  | 'undefined-prefix'
  | 'mismatched-tag'
  | 'unknown-entity'
  | 'invalid-character'
  | 'depth-limit'
  | 'size-limit'
  | 'unexpected-end'
  | 'duplicate-attribute';

/** The input is not (acceptable) XML; `line`/`column` are 1-based and also lead the message. */
export class XmlParseError extends SoapRuntimeError {
  declare readonly code: XmlParseErrorCode;
  readonly offset: number;
  readonly line: number;
  readonly column: number;

  constructor(code: XmlParseErrorCode, detail: string, offset: number, line: number, column: number) {
    super(code, `${line}:${column}: ${detail}`);
    this.offset = offset;
    this.line = line;
    this.column = column;
  }
}

/** Codes shared by decoding and encoding: what is wrong with a value at a path. */
export type CodecErrorCode =
  | 'unknown-enum-value'
  | 'invalid-value'
  | 'invalid-type'
  | 'out-of-range'
  | 'missing-element'
  | 'missing-attribute'
  | 'unexpected-element'
  | 'unknown-property'
  | 'too-many-elements'
  | 'wrong-namespace'
  | 'nil-not-allowed'
  | 'unexpected-text';

/**
 * A received document (or JSON) does not match the schema. `path` is a dot path from the type's
 * schema name (`KeyListResponse.KeyListResult.KeyValue[3].Key`); `offset` points into the XML.
 */
export class DecodeError extends SoapRuntimeError {
  declare readonly code: CodecErrorCode;
  readonly path: string;
  /** Offset of the offending element in the source text; undefined for JSON input. */
  readonly offset: number | undefined;
  readonly line: number | undefined;
  readonly column: number | undefined;

  constructor(
    code: CodecErrorCode,
    path: string,
    detail: string,
    offset?: number,
    position?: { line: number; column: number },
  ) {
    super(code, `${path}: ${detail}${position ? ` (at ${position.line}:${position.column})` : ''}`);
    this.path = path;
    this.offset = offset;
    this.line = position?.line;
    this.column = position?.column;
  }
}

/**
 * A value cannot be written as the schema requires. The message names the path and the problem
 * but never the value itself: inputs can be secrets (a SessionID, a password).
 */
export class EncodeError extends SoapRuntimeError {
  declare readonly code: CodecErrorCode;
  readonly path: string;

  constructor(code: CodecErrorCode, path: string, detail: string) {
    super(code, `${path}: ${detail}`);
    this.path = path;
  }
}

/**
 * A builtin datatype rejected a lexical form or a JS value. Carries only the reason; the codec
 * turns it into a DecodeError/EncodeError with the path.
 */
export class BuiltinValueError extends SoapRuntimeError {
  declare readonly code: 'invalid-value' | 'invalid-type' | 'out-of-range';
  readonly reason: string;

  constructor(code: 'invalid-value' | 'invalid-type' | 'out-of-range', reason: string) {
    super(code, reason);
    this.reason = reason;
  }
}

/** The descriptor handed to the codec is inconsistent (a type id that is not defined, ...). */
export class SchemaError extends SoapRuntimeError {
  constructor(detail: string) {
    super('invalid-schema', detail);
  }
}

/** Why a document is not a usable SOAP envelope. */
export type EnvelopeErrorCode = 'not-an-envelope' | 'version-mismatch' | 'missing-body' | 'empty-body';

export class EnvelopeError extends SoapRuntimeError {
  declare readonly code: EnvelopeErrorCode;

  constructor(code: EnvelopeErrorCode, message: string) {
    super(code, message);
  }
}

/** A qualified fault code (SOAP 1.2 subcodes, or the main code), as written and resolved. */
export interface FaultCode {
  /** As written, e.g. `soap:Server`. */
  readonly code: string;
  readonly ns: string;
  readonly local: string;
}

export interface SoapFaultInit {
  readonly version: '1.1' | '1.2';
  readonly code: FaultCode;
  readonly reason: string;
  readonly actor?: string;
  readonly node?: string;
  readonly subcodes?: readonly FaultCode[];
  readonly detail?: XmlElement;
  /** The declared fault (`OperationDescriptor.faults[].name`) whose element the detail holds. */
  readonly faultName?: string;
  /** The decoded value of that fault element. */
  readonly detailValue?: unknown;
}

/**
 * The service answered with a SOAP Fault. 1.1 and 1.2 faults are mapped onto one shape:
 * `code` is the fault code QName as written (`soap:Client`), `codeNs`/`codeLocal` its resolution.
 */
export class SoapFaultError extends SoapRuntimeError {
  readonly version: '1.1' | '1.2';
  readonly codeNs: string;
  readonly codeLocal: string;
  readonly reason: string;
  /** 1.1 `faultactor`, 1.2 `Role`. */
  readonly actor: string | undefined;
  /** 1.2 `Node`. */
  readonly node: string | undefined;
  /** 1.2 `Subcode/Value` chain, outermost first. */
  readonly subcodes: readonly FaultCode[] | undefined;
  readonly detail: XmlElement | undefined;
  /**
   * Set by the client when the detail holds the element of one of the operation's declared
   * faults: that fault's name, and the element's decoded value in `detailValue`. When the
   * element does not decode, both stay undefined and `cause` is the `DecodeError`.
   */
  readonly faultName: string | undefined;
  readonly detailValue: unknown;

  constructor(init: SoapFaultInit, options?: { cause?: unknown }) {
    super(init.code.code, `SOAP fault ${init.code.code}: ${init.reason}`, options);
    this.version = init.version;
    this.codeNs = init.code.ns;
    this.codeLocal = init.code.local;
    this.reason = init.reason;
    this.actor = init.actor;
    this.node = init.node;
    this.subcodes = init.subcodes;
    this.detail = init.detail;
    this.faultName = init.faultName;
    this.detailValue = init.detailValue;
  }

  /** The fields this fault was made from, to build a copy with more information. */
  toInit(): SoapFaultInit {
    return {
      version: this.version,
      code: { code: this.code, ns: this.codeNs, local: this.codeLocal },
      reason: this.reason,
      actor: this.actor,
      node: this.node,
      subcodes: this.subcodes,
      detail: this.detail,
      faultName: this.faultName,
      detailValue: this.detailValue,
    };
  }
}

// ---------------------------------------------------------------------------------------------
// Transport errors of the SOAP client (`client/`). Their messages and excerpts never hold the
// values of secret input fields: the client redacts them before building the error.

/** The service answered with a non-2xx status and a body that is not a SOAP Fault. */
export class HttpError extends SoapRuntimeError {
  declare readonly code: 'http-error';
  readonly status: number;
  readonly statusText: string;
  /** The response's Content-Type header ('' when absent). */
  readonly contentType: string;
  /** The start of the response body (at most a few hundred characters), secrets redacted. */
  readonly bodyExcerpt: string;

  constructor(init: { status: number; statusText: string; contentType: string; bodyExcerpt: string; url: string }) {
    super('http-error', `HTTP ${init.status}${init.statusText ? ` ${init.statusText}` : ''} from ${init.url}`);
    this.status = init.status;
    this.statusText = init.statusText;
    this.contentType = init.contentType;
    this.bodyExcerpt = init.bodyExcerpt;
  }
}

/**
 * A 2xx response whose body is not a usable SOAP envelope (not XML, not an envelope, empty).
 * `cause` is the parse or envelope error.
 */
export class ResponseFormatError extends SoapRuntimeError {
  declare readonly code: 'invalid-response';
  readonly status: number;
  readonly contentType: string;
  readonly bodyExcerpt: string;

  constructor(
    init: { status: number; contentType: string; bodyExcerpt: string; reason: string },
    options?: { cause?: unknown },
  ) {
    super('invalid-response', `invalid SOAP response (HTTP ${init.status}): ${init.reason}`, options);
    this.status = init.status;
    this.contentType = init.contentType;
    this.bodyExcerpt = init.bodyExcerpt;
  }
}

/**
 * The response body passed the client's `maxResponseBytes` (after any content decoding); the
 * connection was dropped and the rest never read. `received` is the declared Content-Length when
 * that alone said so, else undefined (the limit was crossed while streaming).
 */
export class ResponseTooLargeError extends SoapRuntimeError {
  declare readonly code: 'size-limit';
  readonly limit: number;
  readonly received: number | undefined;
  readonly status: number;

  constructor(init: { limit: number; received: number | undefined; status: number; url: string }) {
    super(
      'size-limit',
      `the response from ${init.url} (HTTP ${init.status}) is ${init.received !== undefined ? `${init.received} bytes long` : 'longer than the limit'}: more than maxResponseBytes, ${init.limit}`,
    );
    this.limit = init.limit;
    this.received = init.received;
    this.status = init.status;
  }
}

/** The call took longer than its `timeoutMs`; the request was aborted. */
export class TimeoutError extends SoapRuntimeError {
  declare readonly code: 'timeout';
  readonly timeoutMs: number;

  constructor(timeoutMs: number, url: string) {
    super('timeout', `request to ${url} timed out after ${timeoutMs} ms`);
    this.timeoutMs = timeoutMs;
  }
}

/** The caller's `AbortSignal` aborted the call. `cause` is the signal's reason. */
export class AbortError extends SoapRuntimeError {
  declare readonly code: 'aborted';

  constructor(url: string, options?: { cause?: unknown }) {
    super('aborted', `request to ${url} was aborted`, options);
  }
}

/** The request could not be sent or the response not received (refused, reset, DNS, TLS). */
export class TransportError extends SoapRuntimeError {
  declare readonly code: 'transport-error';

  constructor(url: string, detail: string, options?: { cause?: unknown }) {
    super('transport-error', `request to ${url} failed: ${detail}`, options);
  }
}

/** The client was used wrongly: unknown operation, no endpoint for the SOAP version, ... */
export class ClientUsageError extends SoapRuntimeError {
  declare readonly code: 'unknown-operation' | 'no-endpoint' | 'invalid-option';

  constructor(code: 'unknown-operation' | 'no-endpoint' | 'invalid-option', message: string) {
    super(code, message);
  }
}
