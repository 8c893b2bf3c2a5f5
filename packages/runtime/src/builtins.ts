/**
 * XSD builtin datatypes: lexical form <-> JS value <-> JSON form.
 *
 * The JS representations are a contract with the generator, which maps TypeScript types onto
 * exactly these: strings for string-like, decimal and date/time types (lexical form kept as
 * received), `number` for types that fit a double exactly, `bigint` for unbounded and 64-bit
 * integers, `boolean`, and `Uint8Array` for binaries.
 */

import { BuiltinValueError } from './errors.js';
import { XSD_NS } from './schema.js';
import { MAYBE_NON_XML_CHAR } from './xml/chars.js';

/** Every XSD builtin datatype the codec knows; `anyType` is handled by the codec itself. */
export type XsdBuiltin =
  | 'anySimpleType'
  | 'string'
  | 'normalizedString'
  | 'token'
  | 'language'
  | 'Name'
  | 'NCName'
  | 'NMTOKEN'
  | 'NMTOKENS'
  | 'ID'
  | 'IDREF'
  | 'IDREFS'
  | 'ENTITY'
  | 'ENTITIES'
  | 'QName'
  | 'NOTATION'
  | 'anyURI'
  | 'boolean'
  | 'decimal'
  | 'integer'
  | 'nonPositiveInteger'
  | 'negativeInteger'
  | 'long'
  | 'int'
  | 'short'
  | 'byte'
  | 'nonNegativeInteger'
  | 'unsignedLong'
  | 'unsignedInt'
  | 'unsignedShort'
  | 'unsignedByte'
  | 'positiveInteger'
  | 'float'
  | 'double'
  | 'duration'
  | 'dateTime'
  | 'time'
  | 'date'
  | 'gYearMonth'
  | 'gYear'
  | 'gMonthDay'
  | 'gDay'
  | 'gMonth'
  | 'base64Binary'
  | 'hexBinary';

/** The JS representation of a builtin's values. */
export type BuiltinJsType = 'string' | 'number' | 'bigint' | 'boolean' | 'Uint8Array';

/** A JSON value as produced by `toJson`. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * One datatype. `parse` and `fromJson` validate their input, `format` and `toJson` validate the
 * JS value (type and range); all throw `BuiltinValueError` whose reason never quotes the value.
 */
export interface BuiltinCodec {
  readonly js: BuiltinJsType;
  parse(lexical: string): unknown;
  format(value: unknown): string;
  toJson(value: unknown): JsonValue;
  fromJson(json: unknown): unknown;
  /**
   * What `format` does for a valid value, for compiled encoders to do inline (the value checks,
   * then the lexical form); anything else still goes through `format`.
   */
  readonly inline?: InlineFormat;
}

/**
 * `format` in brief: `string` is xs:string as it is (after the XML character check); `integer`
 * a JS integer number within [min, max], written by `String`; `bigint` a bigint within the
 * bounds given, written by `toString`; `boolean` `true`/`false`.
 */
export type InlineFormat =
  | { readonly kind: 'string' }
  | { readonly kind: 'integer'; readonly min: number; readonly max: number }
  | { readonly kind: 'bigint'; readonly min: bigint | undefined; readonly max: bigint | undefined }
  | { readonly kind: 'boolean' };

// ---------------------------------------------------------------------------------------------
// Whitespace facets and character checks

const XML_WS_G = /[\t\n\r ]+/g;
const XML_WS_TRIM = /^[\t\n\r ]+|[\t\n\r ]+$/g;
const NEEDS_COLLAPSE = /^[\t\n\r ]|[\t\n\r ]$|[\t\n\r]| {2}/;

/** whiteSpace="collapse": trim and fold runs of XML whitespace into one space. */
export function collapseWhitespace(s: string): string {
  return NEEDS_COLLAPSE.test(s) ? s.replace(XML_WS_TRIM, '').replace(XML_WS_G, ' ') : s;
}

/** whiteSpace="replace": every TAB/LF/CR becomes a space. */
function replaceWhitespace(s: string): string {
  return /[\t\n\r]/.test(s) ? s.replace(/[\t\n\r]/g, ' ') : s;
}

/** Characters XML 1.0 cannot carry at all, not even escaped (a surrogate pair is one character, allowed). */
const NON_XML_CHAR =
  /[\0-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function invalid(reason: string): never {
  throw new BuiltinValueError('invalid-value', reason);
}

function wrongType(expected: string): never {
  throw new BuiltinValueError('invalid-type', `expected ${expected}`);
}

function outOfRange(reason: string): never {
  throw new BuiltinValueError('out-of-range', reason);
}

function requireString(value: unknown): string {
  if (typeof value !== 'string') wrongType('a string');
  if (MAYBE_NON_XML_CHAR.test(value) && NON_XML_CHAR.test(value))
    invalid('contains a character that XML cannot represent');
  return value;
}

// ---------------------------------------------------------------------------------------------
// String-like types

const NAME_START =
  'A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}';
const NAME_REST = `${NAME_START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040`;
const NCNAME = `[${NAME_START}][${NAME_REST}]*`;

const PATTERNS = {
  language: /^[a-zA-Z]{1,8}(?:-[a-zA-Z0-9]{1,8})*$/,
  Name: new RegExp(`^[${NAME_START}:][${NAME_REST}:]*$`, 'u'),
  NCName: new RegExp(`^${NCNAME}$`, 'u'),
  NMTOKEN: new RegExp(`^[${NAME_REST}:]+$`, 'u'),
  NMTOKENS: new RegExp(`^[${NAME_REST}:]+(?: [${NAME_REST}:]+)*$`, 'u'),
  NCNAMES: new RegExp(`^${NCNAME}(?: ${NCNAME})*$`, 'u'),
  QName: new RegExp(`^(?:${NCNAME}:)?${NCNAME}$`, 'u'),
} as const;

/** A string type: `facet` is its whiteSpace facet, `pattern` (if any) checked after it. */
function stringType(facet: 'preserve' | 'replace' | 'collapse', pattern?: RegExp, what?: string): BuiltinCodec {
  const apply = facet === 'preserve' ? (s: string) => s : facet === 'replace' ? replaceWhitespace : collapseWhitespace;
  const check = (s: string): string => {
    if (pattern !== undefined && !pattern.test(s)) invalid(`not a valid ${what}`);
    return s;
  };
  const format = (value: unknown): string => check(apply(requireString(value)));
  return {
    js: 'string',
    parse: (lexical) => check(apply(lexical)),
    format,
    toJson: format,
    fromJson: format,
    inline: facet === 'preserve' && pattern === undefined ? { kind: 'string' } : undefined,
  };
}

// ---------------------------------------------------------------------------------------------
// boolean

const booleanType: BuiltinCodec = {
  js: 'boolean',
  inline: { kind: 'boolean' },
  parse(lexical) {
    switch (collapseWhitespace(lexical)) {
      case 'true':
      case '1':
        return true;
      case 'false':
      case '0':
        return false;
      default:
        return invalid('expected true, false, 1 or 0');
    }
  },
  format(value) {
    if (typeof value !== 'boolean') wrongType('a boolean');
    return value ? 'true' : 'false';
  },
  toJson(value) {
    if (typeof value !== 'boolean') wrongType('a boolean');
    return value;
  },
  fromJson(json) {
    return typeof json === 'string' ? booleanType.parse(json) : booleanType.toJson(json);
  },
};

// ---------------------------------------------------------------------------------------------
// Integers that fit a double: number

const INTEGER_LEXICAL = /^[+-]?[0-9]+$/;

function numberInteger(min: number, max: number): BuiltinCodec {
  const range = `${min}..${max}`;
  const check = (n: number): number => {
    if (n < min || n > max) outOfRange(`outside the range ${range}`);
    return n === 0 ? 0 : n;
  };
  const validate = (value: unknown): number => {
    if (typeof value !== 'number') wrongType('a number');
    if (!Number.isInteger(value)) invalid('expected an integer number');
    return check(value);
  };
  const parse = (lexical: string): number => {
    const s = collapseWhitespace(lexical);
    if (!INTEGER_LEXICAL.test(s)) invalid('not an integer');
    return check(Number(s));
  };
  return {
    js: 'number',
    parse,
    format: (value) => String(validate(value)),
    toJson: validate,
    fromJson: (json) => (typeof json === 'string' ? parse(json) : validate(json)),
    inline: { kind: 'integer', min, max },
  };
}

// ---------------------------------------------------------------------------------------------
// Unbounded and 64-bit integers: bigint

function bigIntegerType(min?: bigint, max?: bigint): BuiltinCodec {
  const range = `${min ?? '-∞'}..${max ?? '∞'}`;
  const check = (n: bigint): bigint => {
    if ((min !== undefined && n < min) || (max !== undefined && n > max)) outOfRange(`outside the range ${range}`);
    return n;
  };
  const parse = (lexical: string): bigint => {
    const s = collapseWhitespace(lexical);
    if (!INTEGER_LEXICAL.test(s)) invalid('not an integer');
    return check(BigInt(s));
  };
  const validate = (value: unknown): bigint => {
    if (typeof value !== 'bigint') wrongType('a bigint');
    return check(value);
  };
  return {
    js: 'bigint',
    parse,
    format: (value) => validate(value).toString(),
    inline: { kind: 'bigint', min, max },
    toJson: (value) => validate(value).toString(),
    fromJson(json) {
      if (typeof json === 'string') return parse(json);
      if (typeof json === 'number' && Number.isSafeInteger(json)) return check(BigInt(json));
      if (typeof json === 'number')
        invalid('expected an integer as a string of digits (a JSON number loses precision)');
      return wrongType('a string of digits');
    },
  };
}

// ---------------------------------------------------------------------------------------------
// float, double

const FLOAT_LEXICAL = /^[+-]?(?:(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|INF)$|^NaN$/;

function floatingType(single: boolean): BuiltinCodec {
  const validate = (value: unknown): number => {
    if (typeof value !== 'number') wrongType('a number');
    return value;
  };
  const parse = (lexical: string): number => {
    const s = collapseWhitespace(lexical);
    if (!FLOAT_LEXICAL.test(s)) invalid(`not a ${single ? 'float' : 'double'}`);
    if (s === 'NaN') return NaN;
    if (s.endsWith('INF')) return s.startsWith('-') ? -Infinity : Infinity;
    return Number(s);
  };
  const format = (value: unknown): string => {
    const n = validate(value);
    if (Number.isNaN(n)) return 'NaN';
    if (!Number.isFinite(n)) return n > 0 ? 'INF' : '-INF';
    return Object.is(n, -0) ? '-0' : String(n);
  };
  return {
    js: 'number',
    parse,
    format,
    toJson(value) {
      const n = validate(value);
      return Number.isFinite(n) ? n : format(n);
    },
    fromJson(json) {
      return typeof json === 'string' ? parse(json) : validate(json);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// decimal: the exact lexical form as a string

const DECIMAL_LEXICAL = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$/;

function lexicalType(pattern: RegExp, what: string, extra?: (s: string) => boolean): BuiltinCodec {
  const check = (s: string): string => {
    if (!pattern.test(s) || (extra !== undefined && !extra(s))) invalid(`not a valid ${what}`);
    return s;
  };
  const validate = (value: unknown): string => {
    if (typeof value !== 'string') wrongType(`a ${what} string`);
    return check(collapseWhitespace(value));
  };
  return {
    js: 'string',
    parse: (lexical) => check(collapseWhitespace(lexical)),
    format: validate,
    toJson: validate,
    fromJson: validate,
  };
}

// ---------------------------------------------------------------------------------------------
// Dates and times: the lexical form as received, validated precisely

const YEAR = '-?(?:[1-9][0-9]{3,}|0[0-9]{3})';
const MONTH = '(?:0[1-9]|1[0-2])';
const DAY = '(?:0[1-9]|[12][0-9]|3[01])';
const TIME = '(?:(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\\.[0-9]+)?|24:00:00(?:\\.0+)?)';
const ZONE = '(?:Z|[+-](?:(?:0[0-9]|1[0-3]):[0-5][0-9]|14:00))?';

const dateTimePattern = (body: string): RegExp => new RegExp(`^${body}${ZONE}$`);

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(month: number, year?: number): number {
  if (month === 2) return year === undefined || isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Checks the day against its month (and year, when there is one). */
function validDayOf(s: string, hasYear: boolean): boolean {
  // The lexical pattern has matched: `-?YYYY...-MM-DD...` or `--MM-DD...`; read the digits in place.
  let year: number | undefined;
  let at = 2;
  if (hasYear) {
    const dash = s.indexOf('-', 1);
    if (dash < 0) return false;
    year = Number(s.slice(0, dash));
    at = dash + 1;
  }
  const month = twoDigits(s, at);
  const day = twoDigits(s, at + 3);
  return month >= 1 && month <= 12 && day <= daysInMonth(month, year);
}

/** The number written by the two ASCII digits at `at` (NaN when they are not digits). */
function twoDigits(s: string, at: number): number {
  const tens = s.charCodeAt(at) - 48;
  const ones = s.charCodeAt(at + 1) - 48;
  return tens >= 0 && tens <= 9 && ones >= 0 && ones <= 9 ? tens * 10 + ones : NaN;
}

const DURATION_LEXICAL =
  /^-?P(?=[0-9]|T[0-9])(?:[0-9]+Y)?(?:[0-9]+M)?(?:[0-9]+D)?(?:T(?=[0-9])(?:[0-9]+H)?(?:[0-9]+M)?(?:[0-9]+(?:\.[0-9]+)?S)?)?$/;

// ---------------------------------------------------------------------------------------------
// Binaries

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64_VALUES = new Int16Array(128).fill(-1);
for (let i = 0; i < BASE64_ALPHABET.length; i++) BASE64_VALUES[BASE64_ALPHABET.charCodeAt(i)] = i;

/** Decodes base64, ignoring XML whitespace; padding is required as XSD specifies. */
export function decodeBase64(text: string): Uint8Array {
  const s = /[\t\n\r ]/.test(text) ? text.replace(/[\t\n\r ]+/g, '') : text;
  if (s.length % 4 !== 0) invalid('base64 length is not a multiple of 4');
  let pad = 0;
  if (s.endsWith('==')) pad = 2;
  else if (s.endsWith('=')) pad = 1;
  const out = new Uint8Array((s.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < s.length; i += 4) {
    const last = i + 4 === s.length;
    let bits = 0;
    for (let j = 0; j < 4; j++) {
      const c = s.charCodeAt(i + j);
      let v = c < 128 ? (BASE64_VALUES[c] as number) : -1;
      if (v === -1) {
        if (!(c === 61 /* = */ && last && j >= 4 - pad)) invalid('invalid base64 character');
        v = 0;
      }
      bits = (bits << 6) | v;
    }
    out[o++] = bits >>> 16;
    if (o < out.length) out[o++] = (bits >>> 8) & 0xff;
    if (o < out.length) out[o++] = bits & 0xff;
  }
  return out;
}

export function encodeBase64(bytes: Uint8Array): string {
  let out = '';
  const n = bytes.length;
  let i = 0;
  for (; i + 2 < n; i += 3) {
    const bits = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    out +=
      BASE64_ALPHABET[bits >>> 18]! +
      BASE64_ALPHABET[(bits >>> 12) & 63]! +
      BASE64_ALPHABET[(bits >>> 6) & 63]! +
      BASE64_ALPHABET[bits & 63]!;
  }
  if (i < n) {
    const two = i + 1 < n;
    const bits = ((bytes[i] as number) << 16) | (two ? (bytes[i + 1] as number) << 8 : 0);
    out += BASE64_ALPHABET[bits >>> 18]! + BASE64_ALPHABET[(bits >>> 12) & 63]!;
    out += two ? `${BASE64_ALPHABET[(bits >>> 6) & 63]!}=` : '==';
  }
  return out;
}

function decodeHex(text: string): Uint8Array {
  const s = collapseWhitespace(text);
  if (s.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(s)) invalid('not a valid hexBinary');
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(s.slice(i * 2, i * 2 + 2), 16);
  return out;
}

function encodeHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += (b < 16 ? '0' : '') + b.toString(16).toUpperCase();
  return out;
}

function binaryType(decode: (s: string) => Uint8Array, encode: (b: Uint8Array) => string): BuiltinCodec {
  const format = (value: unknown): string => {
    if (!(value instanceof Uint8Array)) wrongType('a Uint8Array');
    return encode(value);
  };
  return {
    js: 'Uint8Array',
    parse: decode,
    format,
    toJson: format,
    fromJson(json) {
      if (typeof json !== 'string') wrongType('a string');
      return decode(json);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The table

/**
 * Every builtin by local name. Typed as an exhaustive record so that a datatype added to
 * `XsdBuiltin` without a codec is a compile error.
 */
export const BUILTINS: Readonly<Record<XsdBuiltin, BuiltinCodec>> = {
  anySimpleType: stringType('preserve'),
  string: stringType('preserve'),
  normalizedString: stringType('replace'),
  token: stringType('collapse'),
  language: stringType('collapse', PATTERNS.language, 'language tag'),
  Name: stringType('collapse', PATTERNS.Name, 'Name'),
  NCName: stringType('collapse', PATTERNS.NCName, 'NCName'),
  NMTOKEN: stringType('collapse', PATTERNS.NMTOKEN, 'NMTOKEN'),
  NMTOKENS: stringType('collapse', PATTERNS.NMTOKENS, 'NMTOKENS list'),
  ID: stringType('collapse', PATTERNS.NCName, 'ID'),
  IDREF: stringType('collapse', PATTERNS.NCName, 'IDREF'),
  IDREFS: stringType('collapse', PATTERNS.NCNAMES, 'IDREFS list'),
  ENTITY: stringType('collapse', PATTERNS.NCName, 'ENTITY'),
  ENTITIES: stringType('collapse', PATTERNS.NCNAMES, 'ENTITIES list'),
  QName: stringType('collapse', PATTERNS.QName, 'QName'),
  NOTATION: stringType('collapse', PATTERNS.QName, 'NOTATION'),
  anyURI: stringType('collapse'),
  boolean: booleanType,
  decimal: lexicalType(DECIMAL_LEXICAL, 'decimal'),
  integer: bigIntegerType(),
  nonPositiveInteger: bigIntegerType(undefined, 0n),
  negativeInteger: bigIntegerType(undefined, -1n),
  long: bigIntegerType(-(2n ** 63n), 2n ** 63n - 1n),
  int: numberInteger(-2147483648, 2147483647),
  short: numberInteger(-32768, 32767),
  byte: numberInteger(-128, 127),
  nonNegativeInteger: bigIntegerType(0n),
  unsignedLong: bigIntegerType(0n, 2n ** 64n - 1n),
  unsignedInt: numberInteger(0, 4294967295),
  unsignedShort: numberInteger(0, 65535),
  unsignedByte: numberInteger(0, 255),
  positiveInteger: bigIntegerType(1n),
  float: floatingType(true),
  double: floatingType(false),
  duration: lexicalType(DURATION_LEXICAL, 'duration'),
  dateTime: lexicalType(dateTimePattern(`${YEAR}-${MONTH}-${DAY}T${TIME}`), 'dateTime', (s) => validDayOf(s, true)),
  time: lexicalType(dateTimePattern(TIME), 'time'),
  date: lexicalType(dateTimePattern(`${YEAR}-${MONTH}-${DAY}`), 'date', (s) => validDayOf(s, true)),
  gYearMonth: lexicalType(dateTimePattern(`${YEAR}-${MONTH}`), 'gYearMonth'),
  gYear: lexicalType(dateTimePattern(YEAR), 'gYear'),
  gMonthDay: lexicalType(dateTimePattern(`--${MONTH}-${DAY}`), 'gMonthDay', (s) => validDayOf(s, false)),
  gDay: lexicalType(dateTimePattern(`---${DAY}`), 'gDay'),
  gMonth: lexicalType(dateTimePattern(`--${MONTH}`), 'gMonth'),
  base64Binary: binaryType(decodeBase64, encodeBase64),
  hexBinary: binaryType(decodeHex, encodeHex),
};

const BUILTIN_PREFIX = `{${XSD_NS}}`;

/** The builtin for a type id such as `{http://www.w3.org/2001/XMLSchema}int`, if it is one. */
export function builtinOf(typeId: string): { name: XsdBuiltin; codec: BuiltinCodec } | undefined {
  if (!typeId.startsWith(BUILTIN_PREFIX)) return undefined;
  const name = typeId.slice(BUILTIN_PREFIX.length);
  if (!Object.hasOwn(BUILTINS, name)) return undefined;
  return { name: name as XsdBuiltin, codec: BUILTINS[name as XsdBuiltin] };
}
