export { createSoapClient, requestHeaders } from './client.js';
export type { CallOptions, ClientOptions, RawCallResult, RawExchange, SoapClient, SoapVersion } from './client.js';
export {
  collectSecrets,
  DEFAULT_SECRET_FIELDS,
  isSecretField,
  REDACTED,
  redactElement,
  redactSecrets,
  scrubError,
} from './redact.js';
