export { createSoapClient, DEFAULT_MAX_RESPONSE_BYTES, requestHeaders } from './client.js';
export type {
  CallOptions,
  ClientOptions,
  RawCallResult,
  RawExchange,
  SoapClient,
  SoapVersion,
  XmlLimits,
} from './client.js';
export {
  collectSecrets,
  DEFAULT_SECRET_FIELDS,
  isSecretField,
  REDACTED,
  redactElement,
  redactSecrets,
  scrubError,
} from './redact.js';
