/**
 * The XML grammar, as a pull scanner: `next()` reads one token (a start tag, an end tag, a text
 * run, a comment, a processing instruction) and leaves its parts in public fields. `parseXml`
 * builds the `dom.ts` tree from these tokens; the streaming decoder reads them directly and
 * builds no tree at all where the schema lets it.
 *
 * It works on the string with `charCodeAt`/`indexOf` and slices, keeps its open elements in
 * arrays (deep nesting cannot overflow the JS stack) and refuses DOCTYPEs outright, so neither
 * external entities (XXE) nor entity expansion bombs can reach it. Every well-formedness rule
 * and limit is checked here, once, whoever reads the tokens.
 */

import { XmlParseError, type XmlParseErrorCode } from '../errors.js';
import type { XmlAttribute } from './dom.js';

/** The namespace bound to the `xml` prefix by definition. */
export const XML_NS = 'http://www.w3.org/XML/1998/namespace';
/** The namespace of `xmlns` declarations themselves; no prefix may be bound to it. */
export const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

/** Limits that keep a hostile document from exhausting memory or time. */
export interface ParseOptions {
  /** Deepest element nesting accepted (default 1024). */
  readonly maxDepth?: number;
  /** Longest input accepted, in UTF-16 code units (default 256 MiB). */
  readonly maxLength?: number;
  /**
   * Longest single text node, CDATA section or attribute value, in UTF-16 code units (default
   * 64 MiB): a document made of one huge text node is refused before any value is built from it.
   */
  readonly maxTextLength?: number;
  /** Most attributes on one element, namespace declarations not counted (default 256). */
  readonly maxAttributes?: number;
  /** Longest element or attribute name, prefix included, in UTF-16 code units (default 1,024). */
  readonly maxNameLength?: number;
  /** Most namespace declarations on one element (default 128). */
  readonly maxNamespaceDeclarations?: number;
  /** Most namespace declarations of all open elements together (default 1,024). */
  readonly maxNamespacesInScope?: number;
  /**
   * Keep text nodes that hold only whitespace (default true: kept XML is written back exactly).
   * A reader that never looks at them (the generator reading a WSDL) saves their allocation.
   */
  readonly keepWhitespaceText?: boolean;
}

/** The tokens `XmlScanner.next()` returns. */
export const START = 1;
export const END = 2;
export const TEXT = 3;
export const COMMENT = 4;
export const PI = 5;
/** The end of the document, once the root element has ended and nothing but misc follows. */
export const EOF = 6;
export type XmlToken = typeof START | typeof END | typeof TEXT | typeof COMMENT | typeof PI | typeof EOF;

const WHITESPACE_ONLY = /^[ \t\r\n]*$/;
const DEFAULT_MAX_DEPTH = 1024;
const DEFAULT_MAX_LENGTH = 256 * 1024 * 1024;
const DEFAULT_MAX_TEXT_LENGTH = 64 * 1024 * 1024;
const DEFAULT_MAX_ATTRIBUTES = 256;
const DEFAULT_MAX_NAME_LENGTH = 1024;
const DEFAULT_MAX_NAMESPACE_DECLARATIONS = 128;
const DEFAULT_MAX_NAMESPACES_IN_SCOPE = 1024;
/** Attribute lists longer than this check duplicates with a set instead of a scan. */
const DUPLICATE_SCAN_LIMIT = 8;

/** A name or value as an error message quotes it: at most 100 characters. */
export function excerpt(text: string): string {
  return text.length > 100 ? `${text.slice(0, 100)}…` : text;
}

// Character codes used by the scanner.
const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const BANG = 33;
const DQUOTE = 34;
const AMP = 38;
const SQUOTE = 39;
const PLUS = 43;
const MINUS = 45;
const SLASH = 47;
const COLON = 58;
const LT = 60;
const EQ = 61;
const GT = 62;
const QUESTION = 63;
const RBRACKET = 93;

// ASCII name character classes: bit 1 = may start a name, bit 2 = may continue one.
const NAME_START = 1;
const NAME_CHAR = 2;
const ASCII_NAME = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
  const other = (c >= 48 && c <= 57) || c === MINUS || c === 46;
  ASCII_NAME[c] = letter ? NAME_START | NAME_CHAR : other ? NAME_CHAR : 0;
}

/** XML 1.0 (5th ed.) NameStartChar above ASCII; surrogate halves are accepted as a pair. */
function isWideNameStart(c: number): boolean {
  return (
    (c >= 0xc0 && c <= 0xd6) ||
    (c >= 0xd8 && c <= 0xf6) ||
    (c >= 0xf8 && c <= 0x2ff) ||
    (c >= 0x370 && c <= 0x37d) ||
    (c >= 0x37f && c <= 0x1fff) ||
    c === 0x200c ||
    c === 0x200d ||
    (c >= 0x2070 && c <= 0x218f) ||
    (c >= 0x2c00 && c <= 0x2fef) ||
    (c >= 0x3001 && c <= 0xdfff) ||
    (c >= 0xf900 && c <= 0xfdcf) ||
    (c >= 0xfdf0 && c <= 0xfffd)
  );
}

function isWideNameChar(c: number): boolean {
  return isWideNameStart(c) || c === 0xb7 || (c >= 0x300 && c <= 0x36f) || c === 0x203f || c === 0x2040;
}

function isWhitespace(c: number): boolean {
  return c === SPACE || c === LF || c === TAB || c === CR;
}

/** XML 1.0 `Char` production for a whole code point (used for character references). */
function isXmlChar(cp: number): boolean {
  return (
    cp === TAB ||
    cp === LF ||
    cp === CR ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

const PREDEFINED_ENTITIES: Readonly<Record<string, string>> = Object.assign(Object.create(null), {
  lt: '<',
  gt: '>',
  amp: '&',
  apos: "'",
  quot: '"',
});

export const EMPTY_ATTRIBUTES: readonly XmlAttribute[] = Object.freeze([]);
export const EMPTY_DECLARATIONS: Readonly<Record<string, string>> = Object.freeze(Object.create(null));
// Not frozen: scopes inherit from it, and a frozen `xml` would make an element's own (legal)
// xmlns:xml declaration fail to assign. Nothing writes to it.
const ROOT_SCOPE: Readonly<Record<string, string>> = Object.assign(Object.create(null) as Record<string, string>, {
  xml: XML_NS,
});

const XML_DECLARATION =
  /^\s+version\s*=\s*(["'])1\.[0-9]+\1(?:\s+encoding\s*=\s*(["'])([A-Za-z][A-Za-z0-9._-]*)\2)?(?:\s+standalone\s*=\s*(["'])(?:yes|no)\4)?\s*$/;

/** An attribute whose namespace is filled in once the start tag's declarations are read. */
interface MutableAttribute extends Omit<XmlAttribute, 'ns'> {
  ns: string;
}

/** The parts of a qualified element name, shared by every element of that name in a document. */
interface NameParts {
  readonly name: string;
  readonly prefix: string;
  readonly local: string;
}

/** Distinct element names remembered per document; beyond this, names are not shared. */
const MAX_SHARED_NAMES = 4096;

/**
 * The engine's shared (interned) copy of `s`: property keys are interned, so the key of a
 * one-property object is. Names compared over and over (an element's local name against the
 * schema's, a namespace URI against another) then compare by identity instead of by content.
 */
export function intern(s: string): string {
  const holder: Record<string, true> = { [s]: true };
  for (const key in holder) return key;
  return s;
}

/**
 * A run of plain text (sticky: matched from `lastIndex` on): anything but `<` and what needs the
 * careful path (a reference, CR, `]`, a control or surrogate character, U+FFFE/F). A native
 * regular expression scans it faster than a character loop.
 */
const PLAIN_TEXT = /[^<&\]\u0000-\u0008\u000B-\u001F\uD800-\uDFFF\uFFFE\uFFFF]*/y;

/** Element names recognised in place: a small table indexed by a hash of length and end characters. */
const RECENT_NAMES_MASK = 255;

/** Whether `src` holds `name` at `at` (a short loop: cheaper here than a `startsWith` call). */
function sameAt(src: string, at: number, name: string): boolean {
  for (let i = 0; i < name.length; i++) if (src.charCodeAt(at + i) !== name.charCodeAt(i)) return false;
  return true;
}

/** Offsets at which lines start (LF, CRLF and CR all end a line). */
function computeLineStarts(text: string, first: number): number[] {
  const starts = [first];
  const len = text.length;
  for (let i = first; i < len; i++) {
    const c = text.charCodeAt(i);
    if (c === LF) starts.push(i + 1);
    else if (c === CR) {
      if (text.charCodeAt(i + 1) === LF) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/** Binary search for the line containing `offset`. */
function lineColumn(starts: readonly number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: Math.max(0, offset - (starts[lo] as number)) + 1 };
}

/** Replaces CRLF and lone CR by LF (XML end-of-line handling). */
function normalizeNewlines(s: string): string {
  return s.replace(/\r\n?/g, '\n');
}

/** Attribute-value normalisation for literal text: CRLF, CR, LF and TAB each become one space. */
function normalizeAttributeWhitespace(s: string): string {
  return s.replace(/\r\n|[\t\n\r]/g, ' ');
}

function describeChar(c: number): string {
  return `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Reads a complete XML document token by token. After `next()` returns:
 * - `START`: `name`, `prefix`, `local`, `ns`, `attributes`, `declarations`, `scope`, `offset`
 *   and `selfClosing` describe the element; its `END` follows (at once for `<a/>`);
 * - `END`: the element opened by the matching `START` is closed;
 * - `TEXT`: `text` (references expanded, newlines normalised), `cdata`, `offset`;
 * - `COMMENT`: `text`, `offset`; `PI`: `target`, `data`, `offset`;
 * - `EOF`: the document is complete and well-formed.
 * Comments and PIs outside the root element are checked and skipped. Anything that is not
 * well-formed, or exceeds the limits, throws `XmlParseError`.
 */
export class XmlScanner {
  readonly src: string;
  /** The encoding named by the XML declaration, if any. */
  readonly encoding: string | undefined;

  name = '';
  prefix = '';
  local = '';
  /** The resolved namespace URI; '' for no namespace. */
  ns = '';
  attributes: readonly XmlAttribute[] = EMPTY_ATTRIBUTES;
  declarations: Readonly<Record<string, string>> = EMPTY_DECLARATIONS;
  /** Every prefix in scope at the element of the last `START`. */
  scope: Readonly<Record<string, string>> = ROOT_SCOPE;
  /** Source offset of the last token (the `<` of a tag, the first character of text). */
  offset = 0;
  selfClosing = false;
  text = '';
  cdata = false;
  target = '';
  /** Elements open, the one of the last `START` included (until its `END`). */
  depth = 0;

  private readonly len: number;
  private pos: number;
  private readonly bom: number;
  private readonly maxDepth: number;
  private readonly maxText: number;
  private readonly keepWhitespace: boolean;
  private colonAt = -1;
  private pendingEnd = false;
  // Set by plainTextEnd and carefulText for the text being read.
  private specialAt = 0;
  private firstNonSpace = -1;
  private textHasReference = false;
  private textHasCr = false;
  private rootName: string | undefined;
  private lineStarts: number[] | undefined;
  private readonly names = new Map<string, NameParts>();
  private readonly recentNames: (NameParts | undefined)[] = new Array<NameParts | undefined>(RECENT_NAMES_MASK + 1);
  private defaultScope: Readonly<Record<string, string>> | undefined;
  private defaultNs = '';
  // The open elements, innermost last: written names, scopes and start offsets.
  private readonly openNames: string[] = [];
  private readonly openScopes: Readonly<Record<string, string>>[] = [];
  private readonly openOffsets: number[] = [];
  // How many namespace declarations each open element made, and all of them together.
  private readonly openDeclarationCounts: number[] = [];
  private namespacesInScope = 0;
  private readonly maxAttributes: number;
  private readonly maxName: number;
  private readonly maxDeclarations: number;
  private readonly maxInScope: number;

  constructor(text: string | Uint8Array, options: ParseOptions = {}) {
    const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
    this.maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
    this.maxText = options.maxTextLength ?? DEFAULT_MAX_TEXT_LENGTH;
    this.keepWhitespace = options.keepWhitespaceText ?? true;
    this.maxAttributes = options.maxAttributes ?? DEFAULT_MAX_ATTRIBUTES;
    this.maxName = options.maxNameLength ?? DEFAULT_MAX_NAME_LENGTH;
    this.maxDeclarations = options.maxNamespaceDeclarations ?? DEFAULT_MAX_NAMESPACE_DECLARATIONS;
    this.maxInScope = options.maxNamespacesInScope ?? DEFAULT_MAX_NAMESPACES_IN_SCOPE;
    const src = typeof text === 'string' ? text : decodeUtf8(text, maxLength);
    this.src = src;
    this.len = src.length;
    this.bom = src.charCodeAt(0) === 0xfeff ? 1 : 0;
    this.pos = this.bom;
    if (this.len > maxLength) {
      throw new XmlParseError(
        'size-limit',
        `document is ${this.len} characters long, more than the limit of ${maxLength}`,
        maxLength,
        1,
        1,
      );
    }
    this.encoding = this.declaration();
  }

  /** Converts an offset into a 1-based line and column. */
  positionOf(offset: number): { line: number; column: number } {
    this.lineStarts ??= computeLineStarts(this.src, this.bom);
    return lineColumn(this.lineStarts, offset);
  }

  /** Reads the next token. */
  next(): XmlToken {
    if (this.pendingEnd) {
      this.pendingEnd = false;
      this.close();
      return END;
    }
    const src = this.src;
    for (;;) {
      const pos = this.pos;
      if (pos >= this.len) return this.atEnd();
      if (src.charCodeAt(pos) !== LT) {
        if (this.textRun()) return TEXT;
        continue;
      }
      const next = src.charCodeAt(pos + 1);
      if (next === SLASH) {
        this.endTag();
        return END;
      }
      if (next === BANG) {
        const token = this.markup();
        if (token !== 0) return token;
        continue;
      }
      if (next === QUESTION) {
        if (this.processingInstruction()) return PI;
        continue;
      }
      this.startTag();
      return START;
    }
  }

  /**
   * Reads through the end of the element of the last `START` without looking at its content
   * (still checking it is well-formed).
   */
  skipElement(): void {
    const depth = this.depth;
    while (this.depth >= depth) this.next();
  }

  /**
   * Reads the next token when it is exactly the start tag `<name>` (the caller passes a name made
   * of ASCII name characters only, without a colon), as `next()` would read it, and returns true;
   * otherwise reads nothing and returns false. The streaming decoder tries the element it expects
   * next this way before reading a token in general.
   */
  startIf(name: string): boolean {
    const depth = this.depth;
    if (this.pendingEnd || depth === 0) return false;
    const src = this.src;
    const open = this.pos;
    const close = open + 1 + name.length;
    if (src.charCodeAt(open) !== LT || src.charCodeAt(close) !== GT || !sameAt(src, open + 1, name)) return false;
    const scope = this.openScopes[depth - 1] as Readonly<Record<string, string>>;
    if (scope !== this.defaultScope) {
      this.defaultScope = scope;
      this.defaultNs = scope[''] ?? '';
    }
    this.name = name;
    this.prefix = '';
    this.local = name;
    this.ns = this.defaultNs;
    this.attributes = EMPTY_ATTRIBUTES;
    this.declarations = EMPTY_DECLARATIONS;
    this.scope = scope;
    this.offset = open;
    this.selfClosing = false;
    this.pos = close + 1;
    this.depth = depth + 1;
    this.openNames.push(name);
    this.openScopes.push(scope);
    this.openOffsets.push(open);
    this.openDeclarationCounts.push(0);
    if (this.depth > this.maxDepth)
      this.fail('depth-limit', `elements are nested more than ${this.maxDepth} levels deep`, open);
    return true;
  }

  /**
   * Right after a `START`: when the element holds only an optional sign and 1 to 15 ASCII digits
   * and then its end tag, reads both and returns the number they write (exact: at most 15
   * digits); otherwise returns NaN and reads nothing. Integer-typed elements are read this way
   * without making a string of their text.
   */
  leafInteger(): number {
    if (this.pendingEnd) return NaN;
    const src = this.src;
    let i = this.pos;
    let c = src.charCodeAt(i);
    const negative = c === MINUS;
    if (negative || c === PLUS) c = src.charCodeAt(++i);
    const first = i;
    let value = 0;
    while (c >= 48 && c <= 57) {
      value = value * 10 + (c - 48);
      c = src.charCodeAt(++i);
    }
    const digits = i - first;
    if (digits === 0 || digits > 15 || !this.endTagAt(i)) return NaN;
    return negative ? -value : value;
  }

  /**
   * Right after a `START`: when the element holds nothing but text (no CDATA section, comment,
   * PI or child element) and then its end tag, reads both and
   * returns the text, as `TEXT` and `END` tokens would give it. Otherwise returns undefined and
   * reads nothing. The streaming decoder reads simple-typed elements this way, in one step.
   */
  leafText(): string | undefined {
    if (this.pendingEnd) {
      this.pendingEnd = false;
      this.close();
      return '';
    }
    const src = this.src;
    const start = this.pos;
    let end = this.plainTextEnd(start);
    const careful = end === -1;
    if (careful) end = this.carefulText(start, this.specialAt);
    if (!this.endTagAt(end)) return undefined;
    let text = '';
    if (careful) {
      if (this.keepWhitespace || this.firstNonSpace !== -1) text = this.carefulValue(start, end);
    } else if (end > start) {
      this.checkTextLength(start, end);
      text = src.slice(start, end);
      if (!this.keepWhitespace && WHITESPACE_ONLY.test(text)) text = '';
    }
    return text;
  }

  /**
   * When the exact end tag `</name>` of the innermost open element stands at `at`, reads it as an
   * `END` token would and returns true; otherwise reads nothing and returns false.
   */
  private endTagAt(at: number): boolean {
    const src = this.src;
    if (src.charCodeAt(at) !== LT || src.charCodeAt(at + 1) !== SLASH) return false;
    const name = this.openNames[this.depth - 1] as string;
    const close = at + 2 + name.length;
    if (src.charCodeAt(close) !== GT || !sameAt(src, at + 2, name)) return false;
    this.pos = close + 1;
    this.offset = at;
    this.close();
    return true;
  }

  /** Throws an `XmlParseError` at `offset`. */
  fail(code: XmlParseErrorCode, detail: string, offset: number): never {
    const at = Math.min(Math.max(offset, 0), this.len);
    const { line, column } = this.positionOf(at);
    throw new XmlParseError(code, detail, at, line, column);
  }

  private at(offset: number): string {
    const p = this.positionOf(offset);
    return `${p.line}:${p.column}`;
  }

  /** The XML declaration: only at the very start (after an optional BOM). */
  private declaration(): string | undefined {
    const src = this.src;
    if (!(src.startsWith('<?xml', this.pos) && isWhitespace(src.charCodeAt(this.pos + 5)))) return undefined;
    const end = src.indexOf('?>', this.pos);
    if (end === -1) this.fail('unexpected-end', 'XML declaration is not closed (missing "?>")', this.pos);
    const match = XML_DECLARATION.exec(src.slice(this.pos + 5, end));
    if (match === null) this.fail('not-well-formed', 'malformed XML declaration', this.pos);
    this.pos = end + 2;
    return match[3];
  }

  private atEnd(): XmlToken {
    if (this.depth > 0) {
      const open = this.depth - 1;
      this.fail(
        'unexpected-end',
        `document ends before the end tag of <${this.openNames[open]}> opened at ${this.at(this.openOffsets[open] as number)}`,
        this.len,
      );
    }
    if (this.rootName === undefined) this.fail('unexpected-end', 'document has no root element', this.len);
    return EOF;
  }

  private close(): void {
    this.depth--;
    this.openNames.pop();
    this.openScopes.pop();
    this.openOffsets.pop();
    this.namespacesInScope -= this.openDeclarationCounts.pop() as number;
  }

  /** Validates a non-ASCII code unit at `i`; returns the index of the last unit it used. */
  private checkWide(c: number, i: number): number {
    if (c <= 0xdbff) {
      const d = this.src.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) return i + 1;
      return this.fail('invalid-character', `unpaired surrogate ${describeChar(c)}`, i);
    }
    if (c <= 0xdfff || c >= 0xfffe)
      this.fail('invalid-character', `character ${describeChar(c)} is not allowed in XML`, i);
    return i;
  }

  /** Checks that [start, end) holds only legal XML characters. */
  private checkChars(start: number, end: number): void {
    this.checkTextLength(start, end);
    const src = this.src;
    for (let i = start; i < end; i++) {
      const c = src.charCodeAt(i);
      if (c < SPACE) {
        if (c !== LF && c !== TAB && c !== CR)
          this.fail('invalid-character', `character ${describeChar(c)} is not allowed in XML`, i);
      } else if (c >= 0xd800) i = this.checkWide(c, i);
    }
  }

  /** Refuses a text node, CDATA section, comment or attribute value longer than `maxTextLength`. */
  private checkTextLength(start: number, end: number): void {
    if (end - start > this.maxText) {
      this.fail(
        'size-limit',
        `a text or attribute value of ${end - start} characters is longer than the limit of ${this.maxText}`,
        start,
      );
    }
  }

  /** Scans a (qualified) name starting at `p`; sets `colonAt`; returns its end. */
  private scanName(p: number, what: string): number {
    const src = this.src;
    const len = this.len;
    let c = src.charCodeAt(p);
    if (!(c < 128 ? ASCII_NAME[c]! & NAME_START : isWideNameStart(c))) {
      if (p >= len) this.fail('unexpected-end', `document ends where ${what} was expected`, p);
      this.fail('not-well-formed', `expected ${what}, found ${JSON.stringify(src.charAt(p))}`, p);
    }
    let colonAt = -1;
    let i = p + 1;
    for (; i < len; i++) {
      c = src.charCodeAt(i);
      if (c < 128) {
        if (ASCII_NAME[c]! & NAME_CHAR) continue;
        if (c === COLON) {
          if (colonAt !== -1)
            this.fail('not-well-formed', `name "${excerpt(src.slice(p, i + 1))}…" has more than one colon`, p);
          colonAt = i;
          continue;
        }
        break;
      }
      if (!isWideNameChar(c)) break;
    }
    if (i - p > this.maxName)
      this.fail('size-limit', `${what} of ${i - p} characters is longer than the limit of ${this.maxName}`, p);
    if (colonAt !== -1) {
      const d = src.charCodeAt(colonAt + 1);
      if (colonAt + 1 >= i || !(d < 128 ? ASCII_NAME[d]! & NAME_START : isWideNameStart(d))) {
        this.fail('not-well-formed', `"${excerpt(src.slice(p, i))}" is not a valid qualified name`, p);
      }
    }
    this.colonAt = colonAt;
    return i;
  }

  private skipWhitespace(): boolean {
    const src = this.src;
    const start = this.pos;
    let pos = start;
    while (pos < this.len && isWhitespace(src.charCodeAt(pos))) pos++;
    this.pos = pos;
    return pos > start;
  }

  /** Expands one `&...;` reference spanning [amp, semi]. */
  private resolveReference(amp: number, semi: number): string {
    const src = this.src;
    if (src.charCodeAt(amp + 1) === 35 /* # */) {
      const hex = src.charCodeAt(amp + 2) === 120; /* x */
      const digits = src.slice(amp + (hex ? 3 : 2), semi);
      if (digits.length === 0 || !(hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits)) {
        this.fail('not-well-formed', `malformed character reference "${src.slice(amp, semi + 1)}"`, amp);
      }
      const cp = digits.length > 8 ? -1 : parseInt(digits, hex ? 16 : 10);
      if (!isXmlChar(cp)) {
        this.fail(
          'invalid-character',
          `character reference "${src.slice(amp, semi + 1)}" is not a legal XML character`,
          amp,
        );
      }
      return String.fromCodePoint(cp);
    }
    const name = src.slice(amp + 1, semi);
    const value = PREDEFINED_ENTITIES[name];
    if (value === undefined) {
      if (name === '' || /[\s&<"']/.test(name)) {
        this.fail('not-well-formed', `"&" must start a reference ending in ";" (write &amp; for a literal "&")`, amp);
      }
      this.fail('unknown-entity', `unknown entity "&${name};" (only lt, gt, amp, apos and quot are defined)`, amp);
    }
    return value;
  }

  /** Expands references in [start, end); literal parts are newline- or attribute-normalised. */
  private expand(start: number, end: number, attribute: boolean, newlines: boolean): string {
    const src = this.src;
    let out = '';
    let p = start;
    while (p < end) {
      let amp = src.indexOf('&', p);
      if (amp === -1 || amp > end) amp = end;
      if (amp > p) {
        const literal = src.slice(p, amp);
        out += attribute
          ? newlines
            ? normalizeAttributeWhitespace(literal)
            : literal
          : newlines
            ? normalizeNewlines(literal)
            : literal;
      }
      if (amp === end) break;
      const semi = src.indexOf(';', amp + 1);
      if (semi === -1 || semi >= end || semi - amp > 64) {
        this.fail('not-well-formed', `"&" must start a reference ending in ";" (write &amp; for a literal "&")`, amp);
      }
      out += this.resolveReference(amp, semi);
      p = semi + 1;
    }
    return out;
  }

  /** Reads a quoted attribute value at `pos` and returns it normalised. */
  private attributeValue(): string {
    const src = this.src;
    const pos = this.pos;
    const quote = src.charCodeAt(pos);
    if (quote !== DQUOTE && quote !== SQUOTE) {
      if (pos >= this.len) this.fail('unexpected-end', 'document ends inside a start tag', pos);
      this.fail('not-well-formed', 'attribute value must be quoted', pos);
    }
    const start = pos + 1;
    const end = src.indexOf(quote === DQUOTE ? '"' : "'", start);
    if (end === -1) this.fail('unexpected-end', 'attribute value is not closed', pos);
    this.checkTextLength(start, end);
    let amp = false;
    let ws = false;
    for (let i = start; i < end; i++) {
      const c = src.charCodeAt(i);
      if (c < SPACE) {
        if (c === TAB || c === LF || c === CR) ws = true;
        else this.fail('invalid-character', `character ${describeChar(c)} is not allowed in XML`, i);
      } else if (c === AMP) amp = true;
      else if (c === LT) this.fail('not-well-formed', '"<" is not allowed in an attribute value (write &lt;)', i);
      else if (c >= 0xd800) i = this.checkWide(c, i);
    }
    this.pos = end + 1;
    if (amp) return this.expand(start, end, true, ws);
    const raw = src.slice(start, end);
    return ws ? normalizeAttributeWhitespace(raw) : raw;
  }

  private declare(decls: Record<string, string>, prefix: string, uri: string, offset: number): void {
    if (prefix === 'xmlns') this.fail('not-well-formed', 'the prefix "xmlns" cannot be declared', offset);
    if (prefix === 'xml') {
      if (uri !== XML_NS) this.fail('not-well-formed', `the prefix "xml" can only be bound to ${XML_NS}`, offset);
    } else if (uri === XML_NS || uri === XMLNS_NS) {
      this.fail('not-well-formed', `the namespace ${uri} cannot be bound to "${prefix || 'xmlns'}"`, offset);
    }
    if (prefix !== '' && uri === '') {
      this.fail('not-well-formed', `the prefix "${prefix}" cannot be undeclared in XML Namespaces 1.0`, offset);
    }
    decls[prefix] = intern(uri);
  }

  private startTag(): void {
    const src = this.src;
    const open = this.pos;
    if (this.depth === 0 && this.rootName !== undefined) {
      this.fail('not-well-formed', `a second root element; the root <${this.rootName}> already ended`, open);
    }
    const nameEnd = this.scanName(open + 1, 'an element name');
    const elementColon = this.colonAt;
    // A recently seen name is recognised in place, without slicing it out and hashing the slice.
    const nameLength = nameEnd - open - 1;
    const slot = (nameLength * 31 + src.charCodeAt(open + 1) * 7 + src.charCodeAt(nameEnd - 1)) & RECENT_NAMES_MASK;
    let parts = this.recentNames[slot];
    if (parts === undefined || parts.name.length !== nameLength || !src.startsWith(parts.name, open + 1)) {
      parts = this.nameParts(src.slice(open + 1, nameEnd), elementColon - open - 1);
      this.recentNames[slot] = parts;
    }
    const name = parts.name;
    this.pos = nameEnd;

    let attrs: MutableAttribute[] | undefined;
    // Unprefixed attribute names seen so far, once the list is too long to scan for duplicates.
    let attrNames: Set<string> | undefined;
    let decls: Record<string, string> | undefined;
    let declCount = 0;
    let prefixedAttrs = false;
    let selfClosing = false;
    for (;;) {
      const spaced = this.skipWhitespace();
      const pos = this.pos;
      const c = src.charCodeAt(pos);
      if (c === GT) {
        this.pos = pos + 1;
        break;
      }
      if (c === SLASH) {
        if (src.charCodeAt(pos + 1) !== GT) {
          if (pos + 1 >= this.len) this.fail('unexpected-end', `document ends inside the start tag <${name}>`, pos);
          this.fail('not-well-formed', `expected "/>" to close <${name}>`, pos);
        }
        this.pos = pos + 2;
        selfClosing = true;
        break;
      }
      if (pos >= this.len)
        this.fail('unexpected-end', `document ends inside the start tag <${name}> opened at ${this.at(open)}`, pos);
      if (!spaced) this.fail('not-well-formed', `expected whitespace, ">" or "/>" in the start tag <${name}>`, pos);
      const attrOffset = pos;
      const attrEnd = this.scanName(pos, 'an attribute name');
      const attrColon = this.colonAt;
      const attrName = src.slice(pos, attrEnd);
      this.pos = attrEnd;
      this.skipWhitespace();
      if (src.charCodeAt(this.pos) !== EQ) {
        if (this.pos >= this.len) this.fail('unexpected-end', `document ends inside the start tag <${name}>`, this.pos);
        this.fail('not-well-formed', `expected "=" after the attribute name "${attrName}"`, this.pos);
      }
      this.pos++;
      this.skipWhitespace();
      const value = this.attributeValue();
      if (attrColon === -1 ? attrName === 'xmlns' : attrColon - attrOffset === 5 && attrName.startsWith('xmlns:')) {
        const prefix = attrColon === -1 ? '' : attrName.slice(6);
        if (decls === undefined) decls = Object.create(null) as Record<string, string>;
        else if (prefix in decls)
          this.fail('duplicate-attribute', `attribute "${attrName}" appears twice on <${name}>`, attrOffset);
        if (++declCount > this.maxDeclarations) {
          this.fail('size-limit', `<${name}> declares more than ${this.maxDeclarations} namespaces`, attrOffset);
        }
        this.declare(decls, prefix, value, attrOffset);
        continue;
      }
      if (attrs === undefined) attrs = [];
      else {
        if (attrs.length >= this.maxAttributes)
          this.fail('size-limit', `<${name}> has more than ${this.maxAttributes} attributes`, attrOffset);
        // A short list is scanned; a long one is checked through a set, so the check stays linear.
        if (attrNames === undefined && attrs.length < DUPLICATE_SCAN_LIMIT) {
          for (const other of attrs) {
            if (other.name === attrName)
              this.fail('duplicate-attribute', `attribute "${attrName}" appears twice on <${name}>`, attrOffset);
          }
        } else {
          attrNames ??= new Set(attrs.map((a) => a.name));
          if (attrNames.has(attrName))
            this.fail('duplicate-attribute', `attribute "${attrName}" appears twice on <${name}>`, attrOffset);
          attrNames.add(attrName);
        }
      }
      if (attrColon === -1) {
        attrs.push({ name: attrName, prefix: '', local: attrName, ns: '', value, offset: attrOffset });
      } else {
        prefixedAttrs = true;
        const cut = attrColon - attrOffset;
        attrs.push({
          name: attrName,
          prefix: attrName.slice(0, cut),
          local: attrName.slice(cut + 1),
          ns: '',
          value,
          offset: attrOffset,
        });
      }
    }

    const depth = this.depth;
    const parentScope = depth === 0 ? ROOT_SCOPE : (this.openScopes[depth - 1] as Readonly<Record<string, string>>);
    let scope = parentScope;
    if (decls !== undefined) {
      if (this.namespacesInScope + declCount > this.maxInScope) {
        this.fail('size-limit', `more than ${this.maxInScope} namespace declarations are in scope at <${name}>`, open);
      }
      // The parent's scope is the new one's prototype: declaring costs what is declared, never a
      // copy of everything in scope (lookups follow the chain, as deep as the declaring elements).
      scope = Object.assign(Object.create(parentScope) as Record<string, string>, decls);
    }

    const prefix = parts.prefix;
    let ns: string;
    if (elementColon === -1) {
      // Siblings and descendants share their scope object until a declaration; look it up once.
      if (scope !== this.defaultScope) {
        this.defaultScope = scope;
        this.defaultNs = scope[''] ?? '';
      }
      ns = this.defaultNs;
    } else {
      if (prefix === 'xmlns') this.fail('not-well-formed', 'an element name cannot use the prefix "xmlns"', open);
      const uri = scope[prefix];
      if (uri === undefined) this.fail('undefined-prefix', `prefix "${prefix}" of <${name}> is not declared`, open);
      ns = uri;
    }

    if (prefixedAttrs) {
      // Resolve attribute prefixes now that this element's declarations are known.
      const list = attrs as MutableAttribute[];
      // Expanded names seen so far ({ns}local), once the list is too long to scan.
      const expanded = list.length > DUPLICATE_SCAN_LIMIT ? new Map<string, MutableAttribute>() : undefined;
      for (let i = 0; i < list.length; i++) {
        const attr = list[i] as MutableAttribute;
        if (attr.prefix !== '') {
          const uri = scope[attr.prefix];
          if (uri === undefined)
            this.fail(
              'undefined-prefix',
              `prefix "${attr.prefix}" of attribute "${attr.name}" is not declared`,
              attr.offset,
            );
          attr.ns = uri;
        }
        if (expanded !== undefined) {
          const key = `{${attr.ns}}${attr.local}`;
          const other = expanded.get(key);
          if (other !== undefined)
            this.fail(
              'duplicate-attribute',
              `attributes "${other.name}" and "${attr.name}" have the same expanded name`,
              attr.offset,
            );
          expanded.set(key, attr);
        } else if (attr.prefix !== '') {
          for (let j = 0; j < i; j++) {
            const other = list[j] as MutableAttribute;
            if (other.ns === attr.ns && other.local === attr.local) {
              this.fail(
                'duplicate-attribute',
                `attributes "${other.name}" and "${attr.name}" have the same expanded name`,
                attr.offset,
              );
            }
          }
        }
      }
    }

    this.name = name;
    this.prefix = prefix;
    this.local = parts.local;
    this.ns = ns;
    this.attributes = attrs ?? EMPTY_ATTRIBUTES;
    this.declarations = decls ?? EMPTY_DECLARATIONS;
    this.scope = scope;
    this.offset = open;
    this.selfClosing = selfClosing;
    if (depth === 0) this.rootName = name;
    this.depth = depth + 1;
    this.openNames.push(name);
    this.openScopes.push(scope);
    this.openOffsets.push(open);
    this.openDeclarationCounts.push(declCount);
    this.namespacesInScope += declCount;
    if (selfClosing) this.pendingEnd = true;
    else if (this.depth > this.maxDepth)
      this.fail('depth-limit', `elements are nested more than ${this.maxDepth} levels deep`, open);
  }

  /** The shared parts of the element name `written` (`colon`: the colon's index in it, or < 0). */
  private nameParts(written: string, colon: number): NameParts {
    let parts = this.names.get(written);
    if (parts === undefined) {
      const name = intern(written);
      parts =
        colon < 0
          ? { name, prefix: '', local: name }
          : { name, prefix: written.slice(0, colon), local: intern(written.slice(colon + 1)) };
      if (this.names.size < MAX_SHARED_NAMES) this.names.set(written, parts);
    }
    return parts;
  }

  private endTag(): void {
    const src = this.src;
    const open = this.pos;
    if (this.depth === 0) {
      const found = src.slice(open + 2, this.scanName(open + 2, 'an element name'));
      this.fail('not-well-formed', `end tag </${found}> has no matching start tag`, open);
    }
    const name = this.openNames[this.depth - 1] as string;
    let p = open + 2;
    if (src.startsWith(name, p)) {
      p += name.length;
      let c = src.charCodeAt(p);
      if (c === GT || isWhitespace(c)) {
        while (isWhitespace(c)) c = src.charCodeAt(++p);
        if (c === GT) {
          this.pos = p + 1;
          this.offset = open;
          this.close();
          return;
        }
        if (p >= this.len) this.fail('unexpected-end', `document ends inside the end tag </${name}>`, p);
        this.fail('not-well-formed', `expected ">" to close the end tag </${name}>`, p);
      }
      if (p >= this.len) this.fail('unexpected-end', `document ends inside the end tag </${name}>`, p);
    }
    const found = src.slice(open + 2, this.scanName(open + 2, 'an element name'));
    const opened = this.openOffsets[this.depth - 1] as number;
    this.fail(
      'mismatched-tag',
      `end tag </${found}> does not match the start tag <${name}> opened at ${this.at(opened)}`,
      open,
    );
  }

  /** `<!`: a comment, a CDATA section, or a refused DOCTYPE; 0 when the token is skipped. */
  private markup(): XmlToken | 0 {
    const src = this.src;
    const pos = this.pos;
    if (src.startsWith('<!--', pos)) return this.comment() ? COMMENT : 0;
    if (src.startsWith('<![CDATA[', pos)) {
      this.cdataSection();
      return TEXT;
    }
    if (src.startsWith('<!DOCTYPE', pos)) {
      this.fail(
        'doctype-refused',
        'a DOCTYPE is not accepted: DTDs and entity declarations are refused to prevent external entity (XXE) and entity expansion attacks',
        pos,
      );
    }
    if (pos + 2 >= this.len) this.fail('unexpected-end', 'document ends inside markup', pos);
    return this.fail('not-well-formed', 'expected a comment "<!--" or a CDATA section "<![CDATA["', pos);
  }

  /** A comment; false when it stands outside the root element (checked, not reported). */
  private comment(): boolean {
    const src = this.src;
    const open = this.pos;
    const start = open + 4;
    const end = src.indexOf('-->', start);
    if (end === -1) this.fail('unexpected-end', 'comment is not closed (missing "-->")', open);
    const dashes = src.indexOf('--', start);
    if (dashes < end) this.fail('not-well-formed', '"--" is not allowed inside a comment', dashes);
    this.checkChars(start, end);
    this.pos = end + 3;
    if (this.depth === 0) return false;
    const raw = src.slice(start, end);
    this.text = raw.includes('\r') ? normalizeNewlines(raw) : raw;
    this.offset = open;
    return true;
  }

  private cdataSection(): void {
    const src = this.src;
    const open = this.pos;
    if (this.depth === 0) this.fail('not-well-formed', 'a CDATA section is only allowed inside the root element', open);
    const start = open + 9;
    const end = src.indexOf(']]>', start);
    if (end === -1) this.fail('unexpected-end', 'CDATA section is not closed (missing "]]>")', open);
    this.checkChars(start, end);
    this.pos = end + 3;
    const raw = src.slice(start, end);
    this.text = raw.includes('\r') ? normalizeNewlines(raw) : raw;
    this.cdata = true;
    this.offset = open;
  }

  /** A processing instruction; false when it stands outside the root element (checked, not reported). */
  private processingInstruction(): boolean {
    const src = this.src;
    const open = this.pos;
    const targetEnd = this.scanName(open + 2, 'a processing instruction target');
    const target = src.slice(open + 2, targetEnd);
    if (target.toLowerCase() === 'xml') {
      this.fail('not-well-formed', 'the XML declaration is only allowed at the very start of the document', open);
    }
    this.pos = targetEnd;
    let data = '';
    if (src.startsWith('?>', this.pos)) this.pos += 2;
    else {
      if (!this.skipWhitespace())
        this.fail(
          'not-well-formed',
          `expected whitespace after the processing instruction target "${target}"`,
          this.pos,
        );
      const end = src.indexOf('?>', this.pos);
      if (end === -1) this.fail('unexpected-end', 'processing instruction is not closed (missing "?>")', open);
      this.checkChars(this.pos, end);
      data = src.slice(this.pos, end);
      if (data.includes('\r')) data = normalizeNewlines(data);
      this.pos = end + 2;
    }
    if (this.depth === 0) return false;
    this.target = target;
    this.text = data;
    this.offset = open;
    return true;
  }

  /**
   * The fast path of text: the index of the next `<` (or the end) when the text from `start` up
   * to it is plain (no reference, CR, `]`, control or surrogate character, nor U+FFFE/F); -1
   * when it needs the careful path.
   */
  private plainTextEnd(start: number): number {
    PLAIN_TEXT.lastIndex = start;
    PLAIN_TEXT.test(this.src);
    const end = PLAIN_TEXT.lastIndex;
    if (end >= this.len || this.src.charCodeAt(end) === LT) return end;
    this.specialAt = end;
    return -1;
  }

  /** A text run up to the next `<`; false when it is not reported (outside the root, or dropped whitespace). */
  private textRun(): boolean {
    const start = this.pos;
    const inside = this.depth > 0;
    let from = start;
    if (inside) {
      const end = this.plainTextEnd(start);
      if (end !== -1) {
        this.checkTextLength(start, end);
        const value = this.src.slice(start, end);
        this.pos = end;
        if (!this.keepWhitespace && WHITESPACE_ONLY.test(value)) return false;
        this.text = value;
        this.cdata = false;
        this.offset = start;
        return true;
      }
      from = this.specialAt;
    }
    const end = this.carefulText(start, from);
    this.pos = end;
    if (!inside) {
      if (this.firstNonSpace !== -1) {
        this.fail(
          'not-well-formed',
          this.rootName === undefined ? 'text before the root element' : 'text after the root element',
          this.firstNonSpace,
        );
      }
      return false;
    }
    if (this.firstNonSpace === -1 && !this.keepWhitespace) return false;
    this.text = this.carefulValue(start, end);
    this.cdata = false;
    this.offset = start;
    return true;
  }

  /**
   * The careful path of text from `start` to the next `<` (or the end), [start, from) being
   * known plain: checks every character, notes the first that is not whitespace, references and
   * CRs. Returns where the text ends; `carefulValue` then gives its value.
   */
  private carefulText(start: number, from: number): number {
    const src = this.src;
    const len = this.len;
    let firstNonSpace = -1;
    for (let i = start; i < from; i++) {
      const c = src.charCodeAt(i);
      if (c !== SPACE && c !== LF && c !== TAB) {
        firstNonSpace = i;
        break;
      }
    }
    let amp = false;
    let cr = false;
    let i = from;
    for (; i < len; i++) {
      const c = src.charCodeAt(i);
      if (c === LT) break;
      if (c > SPACE) {
        if (firstNonSpace === -1) firstNonSpace = i;
        if (c === AMP) amp = true;
        else if (c === RBRACKET) {
          if (src.charCodeAt(i + 1) === RBRACKET && src.charCodeAt(i + 2) === GT) {
            this.fail('not-well-formed', '"]]>" is not allowed in text (write ]]&gt;)', i);
          }
        } else if (c >= 0xd800) i = this.checkWide(c, i);
      } else if (c === CR) cr = true;
      else if (c !== SPACE && c !== LF && c !== TAB) {
        this.fail('invalid-character', `character ${describeChar(c)} is not allowed in XML`, i);
      }
    }
    this.checkTextLength(start, i);
    this.firstNonSpace = firstNonSpace;
    this.textHasReference = amp;
    this.textHasCr = cr;
    return i;
  }

  /** The value of the text `carefulText` has just checked: references expanded, newlines normalised. */
  private carefulValue(start: number, end: number): string {
    if (this.textHasReference) return this.expand(start, end, false, this.textHasCr);
    const value = this.src.slice(start, end);
    return this.textHasCr ? normalizeNewlines(value) : value;
  }
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Bytes to text, refusing anything that is not UTF-8 (the client and tests give bytes; a
 * replacement character would otherwise slip silently into a value).
 */
function decodeUtf8(bytes: Uint8Array, maxLength: number): string {
  // UTF-8 never takes more than 3 bytes per UTF-16 code unit.
  if (bytes.length > maxLength * 3) {
    throw new XmlParseError(
      'size-limit',
      `document is ${bytes.length} bytes long, more than the limit of ${maxLength} characters`,
      0,
      1,
      1,
    );
  }
  try {
    return UTF8.decode(bytes);
  } catch {
    const offset = firstInvalidUtf8(bytes);
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < offset; i++) {
      if (bytes[i] === LF) {
        line++;
        lineStart = i + 1;
      }
    }
    const column = offset - lineStart + 1;
    throw new XmlParseError(
      'invalid-character',
      `the document is not valid UTF-8 (byte 0x${(bytes[offset] ?? 0).toString(16)} at byte offset ${offset})`,
      offset,
      line,
      column,
    );
  }
}

/** Offset of the first byte that does not start or continue a well-formed UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    let need: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return bytes.length;
}
