/**
 * Keeping secrets out of errors: the values of secret input fields (SessionID, passwords, API
 * keys) must not show up in any message, excerpt, fault reason or fault detail the client
 * throws, since errors end up in logs.
 */

import type { XmlElement, XmlNode } from '../xml/dom.js';

/**
 * Field names treated as secret by default. A field is secret when its name contains one of
 * these, ignoring case: `SessionID`, `NewPassword`, `HTTPPassword`, `SharedSecret`,
 * `SecretKey`, `GenerateAPIKey`, `AccessKey`, `AccessToken`, ...
 */
export const DEFAULT_SECRET_FIELDS: readonly string[] = [
  'SessionID',
  'Password',
  'APIKey',
  'ApiKey',
  'Secret',
  'Token',
  'AccessKey',
];

/** What redacted values are replaced with. */
export const REDACTED = '***';

/** True when the property `name` holds a secret according to `secretFields` (see above). */
export function isSecretField(name: string, secretFields: readonly string[] = DEFAULT_SECRET_FIELDS): boolean {
  const lower = name.toLowerCase();
  return secretFields.some((f) => f !== '' && lower.includes(f.toLowerCase()));
}

/**
 * The string values held by secret fields anywhere in `input` (nested objects and arrays
 * included; everything under a secret field counts). Empty strings are left out.
 */
export function collectSecrets(input: unknown, secretFields: readonly string[] = DEFAULT_SECRET_FIELDS): string[] {
  const found = new Set<string>();
  const seen = new Set<object>();
  const walk = (value: unknown, secret: boolean): void => {
    if (typeof value === 'string') {
      if (secret && value !== '') found.add(value);
      return;
    }
    if (value === null || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) {
      for (const item of value) walk(item, secret);
      return;
    }
    for (const [key, item] of Object.entries(value)) walk(item, secret || isSecretField(key, secretFields));
  };
  walk(input, false);
  return [...found];
}

function xmlEscaped(value: string): string[] {
  const text = value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return [text, text.replace(/"/g, '&quot;').replace(/'/g, '&apos;'), text.replace(/"/g, '&quot;')];
}

/** The forms a secret can take in text we show: as is, XML-escaped, URL-encoded, JSON-quoted. */
function secretForms(secrets: Iterable<string>): string[] {
  const forms = new Set<string>();
  for (const s of secrets) {
    if (s === '') continue;
    forms.add(s);
    for (const f of xmlEscaped(s)) forms.add(f);
    forms.add(encodeURIComponent(s));
    forms.add(JSON.stringify(s).slice(1, -1));
  }
  forms.delete('');
  // Longest first, so that a secret containing another one is replaced whole.
  return [...forms].sort((a, b) => b.length - a.length);
}

const WORD = /[\p{L}\p{N}_]/u;
const JOINER = /[.:-]/;

/**
 * Whether the character at `i` continues a token past a secret's end (`step` 1) or before its
 * start (`step` -1): a letter, digit or `_`, or one of `.`, `:`, `-` with a letter or digit
 * beyond it (`127` in `127.0.0.1`, `s` in `soap:Client`); the end of a sentence does not.
 */
function continues(text: string, i: number, step: 1 | -1): boolean {
  const c = text[i];
  if (c === undefined) return false;
  if (WORD.test(c)) return true;
  if (!JOINER.test(c)) return false;
  const beyond = text[i + step];
  return beyond !== undefined && WORD.test(beyond);
}

/** A secret this long is no word of other text: it is replaced wherever it occurs. */
const ANYWHERE_LENGTH = 8;

/**
 * Replaces each secret (and its escaped forms) in `text` with `***`. A secret of 8 characters
 * or more is replaced wherever it occurs (inside a longer token too: `<secret>-suffix`); a
 * shorter one only where it stands as a whole token, so that it never alters other text:
 * SessionID `s` leaves `soap:Client` alone, `127` leaves `http://127.0.0.1` alone.
 */
export function redactSecrets(text: string, secrets: Iterable<string>): string {
  let result = text;
  for (const form of secretForms(secrets)) {
    if (!result.includes(form)) continue;
    if (form.length >= ANYWHERE_LENGTH) {
      result = result.split(form).join(REDACTED);
      continue;
    }
    let out = '';
    let from = 0;
    for (let at = result.indexOf(form); at !== -1; at = result.indexOf(form, at + 1)) {
      if (at < from) continue;
      const end = at + form.length;
      // The edges of the form itself need no boundary when they are not word characters (`"x"`).
      const startOk = !WORD.test(form[0] ?? '') || !continues(result, at - 1, -1);
      const endOk = !WORD.test(form[form.length - 1] ?? '') || !continues(result, end, 1);
      if (!startOk || !endOk) continue;
      out += result.slice(from, at) + REDACTED;
      from = end;
    }
    result = out + result.slice(from);
  }
  return result;
}

/** A copy of an XML tree with secrets redacted in text, comments and attribute values. */
export function redactElement(element: XmlElement, secrets: readonly string[]): XmlElement {
  if (secrets.length === 0) return element;
  const node = (n: XmlNode): XmlNode => {
    switch (n.kind) {
      case 'element':
        return redactElement(n, secrets);
      case 'text':
      case 'comment':
        return { ...n, text: redactSecrets(n.text, secrets) };
      case 'pi':
        return { ...n, data: redactSecrets(n.data, secrets) };
    }
  };
  return {
    ...element,
    attributes: element.attributes.map((a) => ({ ...a, value: redactSecrets(a.value, secrets) })),
    children: element.children.map(node),
  };
}

function isXmlElement(value: unknown): value is XmlElement {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { kind?: unknown }).kind === 'element' &&
    Array.isArray((value as { children?: unknown }).children)
  );
}

/**
 * Removes secrets from an error in place and returns it: `message`, `stack`, its own string
 * properties (excerpts, fault reason and actor), an XML `detail`, and the same for its `cause`
 * chain. Errors are scrubbed before they leave the client.
 */
export function scrubError<E>(error: E, secrets: readonly string[], depth = 0): E {
  if (secrets.length === 0 || depth > 8 || typeof error !== 'object' || error === null) return error;
  const target = error as Record<string, unknown>;
  // `stack` may be an accessor (newer V8); read and write it through the property.
  for (const key of ['message', 'stack']) {
    const value = target[key];
    if (typeof value !== 'string') continue;
    const clean = redactSecrets(value, secrets);
    if (clean === value) continue;
    try {
      target[key] = clean;
    } catch {
      Object.defineProperty(target, key, { value: clean, writable: true, configurable: true, enumerable: false });
    }
  }
  for (const key of Object.getOwnPropertyNames(target)) {
    if (key === 'message' || key === 'stack') continue;
    const descriptor = Object.getOwnPropertyDescriptor(target, key);
    if (!descriptor || !('value' in descriptor) || !descriptor.writable) continue;
    const value = descriptor.value as unknown;
    if (typeof value === 'string') {
      const clean = redactSecrets(value, secrets);
      if (clean !== value) target[key] = clean;
    } else if (isXmlElement(value)) {
      target[key] = redactElement(value, secrets);
    } else if (key === 'cause') {
      scrubError(value, secrets, depth + 1);
    } else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
      target[key] = value.map((v: string) => redactSecrets(v, secrets));
    }
  }
  return error;
}
