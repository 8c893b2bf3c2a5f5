/**
 * A small, fast, non-validating, namespace-aware XML parser producing the `dom.ts` tree.
 *
 * It works on the string with `charCodeAt`/`indexOf` and slices, keeps an explicit element stack
 * (deep nesting cannot overflow the JS stack) and refuses DOCTYPEs outright, so neither external
 * entities (XXE) nor entity expansion bombs can reach it.
 */

import { XmlParseError, type XmlParseErrorCode } from '../errors.js';
import type { XmlAttribute, XmlDocument, XmlElement, XmlNode } from './dom.js';

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
  /**
   * Keep text nodes that hold only whitespace (default true: kept XML is written back exactly).
   * A reader that never looks at them (the generator reading a WSDL) saves their allocation.
   */
  readonly keepWhitespaceText?: boolean;
}

const WHITESPACE_ONLY = /^[ \t\r\n]*$/;
const DEFAULT_MAX_DEPTH = 1024;
const DEFAULT_MAX_LENGTH = 256 * 1024 * 1024;
const DEFAULT_MAX_TEXT_LENGTH = 64 * 1024 * 1024;

// Character codes used by the scanner.
const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const BANG = 33;
const DQUOTE = 34;
const AMP = 38;
const SQUOTE = 39;
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

const EMPTY_ATTRIBUTES: readonly XmlAttribute[] = Object.freeze([]);
const EMPTY_CHILDREN: readonly XmlNode[] = Object.freeze([]);
const EMPTY_DECLARATIONS: Readonly<Record<string, string>> = Object.freeze(Object.create(null));
const ROOT_SCOPE: Readonly<Record<string, string>> = Object.freeze(
  Object.assign(Object.create(null), { xml: XML_NS }),
);

/** Characters that send a text run to the careful path: references, CR, "]]>", controls, surrogates, U+FFFE/F. */
const SPECIAL_TEXT = /[\u0000-\u0008\u000B\u000C\u000D\u000E-\u001F&\]\uD800-\uDFFF\uFFFE\uFFFF]/;

const XML_DECLARATION =
  /^\s+version\s*=\s*(["'])1\.[0-9]+\1(?:\s+encoding\s*=\s*(["'])([A-Za-z][A-Za-z0-9._-]*)\2)?(?:\s+standalone\s*=\s*(["'])(?:yes|no)\4)?\s*$/;

/** An attribute whose namespace is filled in once the start tag's declarations are read. */
interface MutableAttribute extends Omit<XmlAttribute, 'ns'> {
  ns: string;
}

/** An element while it is open: the dom shape with a growable child list. */
interface OpenElement extends XmlElement {
  /** `EMPTY_CHILDREN` until the first child arrives (most elements hold one text node or none). */
  children: XmlNode[];
}

/** Adds a child; the first one gets an array of its own size instead of a default-sized one. */
function append(parent: OpenElement, node: XmlNode): void {
  if (parent.children === EMPTY_CHILDREN) parent.children = [node];
  else parent.children.push(node);
}

/** The parts of a qualified element name, shared by every element of that name in a document. */
interface NameParts {
  readonly name: string;
  readonly prefix: string;
  readonly local: string;
}

/** Distinct element names remembered per document; beyond this, names are not shared. */
const MAX_SHARED_NAMES = 4096;

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
 * Parses a complete XML document into the `dom.ts` tree.
 *
 * Namespaces are resolved (XML Namespaces 1.0); `scope` and `declarations` objects have no
 * prototype, so looking up any prefix (even `constructor`) is safe. Whitespace-only text between
 * elements is kept as text nodes; comments and PIs outside the root element are dropped.
 * Throws `XmlParseError` for anything that is not well-formed or exceeds `options` limits.
 */
export function parseXml(text: string | Uint8Array, options: ParseOptions = {}): XmlDocument {
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
  const maxText = options.maxTextLength ?? DEFAULT_MAX_TEXT_LENGTH;
  const keepWhitespace = options.keepWhitespaceText ?? true;
  const src = typeof text === 'string' ? text : decodeUtf8(text, maxLength);
  const len = src.length;
  const bom = src.charCodeAt(0) === 0xfeff ? 1 : 0;

  let lineStarts: number[] | undefined;
  function positionOf(offset: number): { line: number; column: number } {
    lineStarts ??= computeLineStarts(src, bom);
    return lineColumn(lineStarts, offset);
  }
  function fail(code: XmlParseErrorCode, detail: string, offset: number): never {
    const at = Math.min(Math.max(offset, 0), len);
    const { line, column } = positionOf(at);
    throw new XmlParseError(code, detail, at, line, column);
  }
  function at(offset: number): string {
    const p = positionOf(offset);
    return `${p.line}:${p.column}`;
  }

  if (len > maxLength) {
    throw new XmlParseError(
      'size-limit',
      `document is ${len} characters long, more than the limit of ${maxLength}`,
      maxLength,
      1,
      1,
    );
  }

  let pos = bom;
  let encoding: string | undefined;
  let colonAt = -1;
  const stack: OpenElement[] = [];
  let current: OpenElement | undefined;
  let root: OpenElement | undefined;
  const names = new Map<string, NameParts>();
  let defaultScope: Readonly<Record<string, string>> | undefined;
  let defaultNs = '';

  /** Validates a non-ASCII code unit at `i`; returns the index of the last unit it used. */
  function checkWide(c: number, i: number): number {
    if (c <= 0xdbff) {
      const d = src.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) return i + 1;
      return fail('invalid-character', `unpaired surrogate ${describeChar(c)}`, i);
    }
    if (c <= 0xdfff || c >= 0xfffe) fail('invalid-character', `character ${describeChar(c)} is not allowed in XML`, i);
    return i;
  }

  /** Checks that [start, end) holds only legal XML characters. */
  function checkChars(start: number, end: number): void {
    checkTextLength(start, end);
    for (let i = start; i < end; i++) {
      const c = src.charCodeAt(i);
      if (c < SPACE) {
        if (c !== LF && c !== TAB && c !== CR) fail('invalid-character', `character ${describeChar(c)} is not allowed in XML`, i);
      } else if (c >= 0xd800) i = checkWide(c, i);
    }
  }

  /** Scans a (qualified) name starting at `p`; sets `colonAt`; returns its end. */
  function scanName(p: number, what: string): number {
    let c = src.charCodeAt(p);
    if (!(c < 128 ? ASCII_NAME[c]! & NAME_START : isWideNameStart(c))) {
      if (p >= len) fail('unexpected-end', `document ends where ${what} was expected`, p);
      fail('not-well-formed', `expected ${what}, found ${JSON.stringify(src.charAt(p))}`, p);
    }
    colonAt = -1;
    let i = p + 1;
    for (; i < len; i++) {
      c = src.charCodeAt(i);
      if (c < 128) {
        if (ASCII_NAME[c]! & NAME_CHAR) continue;
        if (c === COLON) {
          if (colonAt !== -1) fail('not-well-formed', `name "${src.slice(p, i + 1)}…" has more than one colon`, p);
          colonAt = i;
          continue;
        }
        break;
      }
      if (!isWideNameChar(c)) break;
    }
    if (colonAt !== -1) {
      const d = src.charCodeAt(colonAt + 1);
      if (colonAt + 1 >= i || !(d < 128 ? ASCII_NAME[d]! & NAME_START : isWideNameStart(d))) {
        fail('not-well-formed', `"${src.slice(p, i)}" is not a valid qualified name`, p);
      }
    }
    return i;
  }

  /** Refuses a text node, CDATA section, comment or attribute value longer than `maxTextLength`. */
  function checkTextLength(start: number, end: number): void {
    if (end - start > maxText) {
      fail('size-limit', `a text or attribute value of ${end - start} characters is longer than the limit of ${maxText}`, start);
    }
  }

  function skipWhitespace(): boolean {
    const start = pos;
    while (pos < len && isWhitespace(src.charCodeAt(pos))) pos++;
    return pos > start;
  }

  /** Expands one `&...;` reference spanning [amp, semi]. */
  function resolveReference(amp: number, semi: number): string {
    if (src.charCodeAt(amp + 1) === 35 /* # */) {
      const hex = src.charCodeAt(amp + 2) === 120; /* x */
      const digits = src.slice(amp + (hex ? 3 : 2), semi);
      if (digits.length === 0 || !(hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits)) {
        fail('not-well-formed', `malformed character reference "${src.slice(amp, semi + 1)}"`, amp);
      }
      const cp = digits.length > 8 ? -1 : parseInt(digits, hex ? 16 : 10);
      if (!isXmlChar(cp)) {
        fail('invalid-character', `character reference "${src.slice(amp, semi + 1)}" is not a legal XML character`, amp);
      }
      return String.fromCodePoint(cp);
    }
    const name = src.slice(amp + 1, semi);
    const value = PREDEFINED_ENTITIES[name];
    if (value === undefined) {
      if (name === '' || /[\s&<"']/.test(name)) {
        fail('not-well-formed', `"&" must start a reference ending in ";" (write &amp; for a literal "&")`, amp);
      }
      fail('unknown-entity', `unknown entity "&${name};" (only lt, gt, amp, apos and quot are defined)`, amp);
    }
    return value;
  }

  /** Expands references in [start, end); literal parts are newline- or attribute-normalised. */
  function expand(start: number, end: number, attribute: boolean, newlines: boolean): string {
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
        fail('not-well-formed', `"&" must start a reference ending in ";" (write &amp; for a literal "&")`, amp);
      }
      out += resolveReference(amp, semi);
      p = semi + 1;
    }
    return out;
  }

  /** Reads a quoted attribute value at `pos` and returns it normalised. */
  function attributeValue(): string {
    const quote = src.charCodeAt(pos);
    if (quote !== DQUOTE && quote !== SQUOTE) {
      if (pos >= len) fail('unexpected-end', 'document ends inside a start tag', pos);
      fail('not-well-formed', 'attribute value must be quoted', pos);
    }
    const start = pos + 1;
    const end = src.indexOf(quote === DQUOTE ? '"' : "'", start);
    if (end === -1) fail('unexpected-end', 'attribute value is not closed', pos);
    checkTextLength(start, end);
    let amp = false;
    let ws = false;
    for (let i = start; i < end; i++) {
      const c = src.charCodeAt(i);
      if (c < SPACE) {
        if (c === TAB || c === LF || c === CR) ws = true;
        else fail('invalid-character', `character ${describeChar(c)} is not allowed in XML`, i);
      } else if (c === AMP) amp = true;
      else if (c === LT) fail('not-well-formed', '"<" is not allowed in an attribute value (write &lt;)', i);
      else if (c >= 0xd800) i = checkWide(c, i);
    }
    pos = end + 1;
    if (amp) return expand(start, end, true, ws);
    const raw = src.slice(start, end);
    return ws ? normalizeAttributeWhitespace(raw) : raw;
  }

  function declare(decls: Record<string, string>, prefix: string, uri: string, offset: number): void {
    if (prefix === 'xmlns') fail('not-well-formed', 'the prefix "xmlns" cannot be declared', offset);
    if (prefix === 'xml') {
      if (uri !== XML_NS) fail('not-well-formed', `the prefix "xml" can only be bound to ${XML_NS}`, offset);
    } else if (uri === XML_NS || uri === XMLNS_NS) {
      fail('not-well-formed', `the namespace ${uri} cannot be bound to "${prefix || 'xmlns'}"`, offset);
    }
    if (prefix !== '' && uri === '') {
      fail('not-well-formed', `the prefix "${prefix}" cannot be undeclared in XML Namespaces 1.0`, offset);
    }
    decls[prefix] = uri;
  }

  function startTag(): void {
    const open = pos;
    if (current === undefined && root !== undefined) {
      fail('not-well-formed', `a second root element; the root <${root.name}> already ended`, open);
    }
    const nameEnd = scanName(pos + 1, 'an element name');
    const elementColon = colonAt;
    const written = src.slice(pos + 1, nameEnd);
    let parts = names.get(written);
    if (parts === undefined) {
      parts =
        elementColon === -1
          ? { name: written, prefix: '', local: written }
          : { name: written, prefix: written.slice(0, elementColon - open - 1), local: written.slice(elementColon - open) };
      if (names.size < MAX_SHARED_NAMES) names.set(written, parts);
    }
    const name = parts.name;
    pos = nameEnd;

    let attrs: MutableAttribute[] | undefined;
    let decls: Record<string, string> | undefined;
    let prefixedAttrs = false;
    let selfClosing = false;
    for (;;) {
      const spaced = skipWhitespace();
      const c = src.charCodeAt(pos);
      if (c === GT) {
        pos++;
        break;
      }
      if (c === SLASH) {
        if (src.charCodeAt(pos + 1) !== GT) {
          if (pos + 1 >= len) fail('unexpected-end', `document ends inside the start tag <${name}>`, pos);
          fail('not-well-formed', `expected "/>" to close <${name}>`, pos);
        }
        pos += 2;
        selfClosing = true;
        break;
      }
      if (pos >= len) fail('unexpected-end', `document ends inside the start tag <${name}> opened at ${at(open)}`, pos);
      if (!spaced) fail('not-well-formed', `expected whitespace, ">" or "/>" in the start tag <${name}>`, pos);
      const attrOffset = pos;
      const attrEnd = scanName(pos, 'an attribute name');
      const attrColon = colonAt;
      const attrName = src.slice(pos, attrEnd);
      pos = attrEnd;
      skipWhitespace();
      if (src.charCodeAt(pos) !== EQ) {
        if (pos >= len) fail('unexpected-end', `document ends inside the start tag <${name}>`, pos);
        fail('not-well-formed', `expected "=" after the attribute name "${attrName}"`, pos);
      }
      pos++;
      skipWhitespace();
      const value = attributeValue();
      if (attrColon === -1 ? attrName === 'xmlns' : attrColon - attrOffset === 5 && attrName.startsWith('xmlns:')) {
        const prefix = attrColon === -1 ? '' : attrName.slice(6);
        if (decls === undefined) decls = Object.create(null) as Record<string, string>;
        else if (prefix in decls) fail('duplicate-attribute', `attribute "${attrName}" appears twice on <${name}>`, attrOffset);
        declare(decls, prefix, value, attrOffset);
        continue;
      }
      if (attrs === undefined) attrs = [];
      else {
        for (const other of attrs) {
          if (other.name === attrName) fail('duplicate-attribute', `attribute "${attrName}" appears twice on <${name}>`, attrOffset);
        }
      }
      if (attrColon === -1) {
        attrs.push({ name: attrName, prefix: '', local: attrName, ns: '', value, offset: attrOffset });
      } else {
        prefixedAttrs = true;
        const cut = attrColon - attrOffset;
        attrs.push({ name: attrName, prefix: attrName.slice(0, cut), local: attrName.slice(cut + 1), ns: '', value, offset: attrOffset });
      }
    }

    const parentScope = current === undefined ? ROOT_SCOPE : current.scope;
    let scope = parentScope;
    if (decls !== undefined) {
      const merged = Object.create(null) as Record<string, string>;
      for (const p in parentScope) merged[p] = parentScope[p] as string;
      for (const p in decls) merged[p] = decls[p] as string;
      scope = merged;
    }

    const prefix = parts.prefix;
    const local = parts.local;
    let ns: string;
    if (elementColon === -1) {
      // Siblings and descendants share their scope object until a declaration; look it up once.
      if (scope !== defaultScope) {
        defaultScope = scope;
        defaultNs = scope[''] ?? '';
      }
      ns = defaultNs;
    }
    else {
      if (prefix === 'xmlns') fail('not-well-formed', 'an element name cannot use the prefix "xmlns"', open);
      const uri = scope[prefix];
      if (uri === undefined) fail('undefined-prefix', `prefix "${prefix}" of <${name}> is not declared`, open);
      ns = uri as string;
    }

    if (prefixedAttrs) {
      // Resolve attribute prefixes now that this element's declarations are known.
      const list = attrs as MutableAttribute[];
      for (let i = 0; i < list.length; i++) {
        const attr = list[i] as MutableAttribute;
        if (attr.prefix === '') continue;
        const uri = scope[attr.prefix];
        if (uri === undefined) fail('undefined-prefix', `prefix "${attr.prefix}" of attribute "${attr.name}" is not declared`, attr.offset);
        attr.ns = uri;
        for (let j = 0; j < i; j++) {
          const other = list[j] as MutableAttribute;
          if (other.ns === uri && other.local === attr.local) {
            fail('duplicate-attribute', `attributes "${other.name}" and "${attr.name}" have the same expanded name`, attr.offset);
          }
        }
      }
    }

    const element: OpenElement = {
      kind: 'element',
      name,
      prefix,
      local,
      ns,
      attributes: attrs ?? EMPTY_ATTRIBUTES,
      declarations: decls ?? EMPTY_DECLARATIONS,
      scope,
      children: EMPTY_CHILDREN as XmlNode[],
      offset: open,
      selfClosing,
    };
    if (current === undefined) root = element;
    else append(current, element);
    if (!selfClosing) {
      stack.push(element);
      if (stack.length > maxDepth) fail('depth-limit', `elements are nested more than ${maxDepth} levels deep`, open);
      current = element;
    }
  }

  function endTag(): void {
    const open = pos;
    if (current === undefined) {
      const found = src.slice(pos + 2, scanName(pos + 2, 'an element name'));
      fail('not-well-formed', `end tag </${found}> has no matching start tag`, open);
    }
    const name = current.name;
    let p = pos + 2;
    if (src.startsWith(name, p)) {
      p += name.length;
      let c = src.charCodeAt(p);
      if (c === GT || isWhitespace(c)) {
        while (isWhitespace(c)) c = src.charCodeAt(++p);
        if (c === GT) {
          pos = p + 1;
          stack.pop();
          current = stack[stack.length - 1];
          return;
        }
        if (p >= len) fail('unexpected-end', `document ends inside the end tag </${name}>`, p);
        fail('not-well-formed', `expected ">" to close the end tag </${name}>`, p);
      }
      if (p >= len) fail('unexpected-end', `document ends inside the end tag </${name}>`, p);
    }
    const found = src.slice(pos + 2, scanName(pos + 2, 'an element name'));
    fail('mismatched-tag', `end tag </${found}> does not match the start tag <${name}> opened at ${at(current.offset)}`, open);
  }

  function comment(): void {
    const open = pos;
    const start = pos + 4;
    const end = src.indexOf('-->', start);
    if (end === -1) fail('unexpected-end', 'comment is not closed (missing "-->")', open);
    const dashes = src.indexOf('--', start);
    if (dashes < end) fail('not-well-formed', '"--" is not allowed inside a comment', dashes);
    checkChars(start, end);
    pos = end + 3;
    if (current !== undefined) {
      const raw = src.slice(start, end);
      append(current, { kind: 'comment', text: raw.includes('\r') ? normalizeNewlines(raw) : raw, offset: open });
    }
  }

  function cdata(): void {
    const open = pos;
    if (current === undefined) fail('not-well-formed', 'a CDATA section is only allowed inside the root element', open);
    const start = pos + 9;
    const end = src.indexOf(']]>', start);
    if (end === -1) fail('unexpected-end', 'CDATA section is not closed (missing "]]>")', open);
    checkChars(start, end);
    pos = end + 3;
    const raw = src.slice(start, end);
    append(current!, { kind: 'text', text: raw.includes('\r') ? normalizeNewlines(raw) : raw, cdata: true, offset: open });
  }

  function processingInstruction(): void {
    const open = pos;
    const targetEnd = scanName(pos + 2, 'a processing instruction target');
    const target = src.slice(pos + 2, targetEnd);
    if (target.toLowerCase() === 'xml') {
      fail('not-well-formed', 'the XML declaration is only allowed at the very start of the document', open);
    }
    pos = targetEnd;
    let data = '';
    if (src.startsWith('?>', pos)) pos += 2;
    else {
      if (!skipWhitespace()) fail('not-well-formed', `expected whitespace after the processing instruction target "${target}"`, pos);
      const end = src.indexOf('?>', pos);
      if (end === -1) fail('unexpected-end', 'processing instruction is not closed (missing "?>")', open);
      checkChars(pos, end);
      data = src.slice(pos, end);
      if (data.includes('\r')) data = normalizeNewlines(data);
      pos = end + 2;
    }
    if (current !== undefined) append(current, { kind: 'pi', target, data, offset: open });
  }

  function markup(): void {
    if (src.startsWith('<!--', pos)) comment();
    else if (src.startsWith('<![CDATA[', pos)) cdata();
    else if (src.startsWith('<!DOCTYPE', pos)) {
      fail(
        'doctype-refused',
        'a DOCTYPE is not accepted: DTDs and entity declarations are refused to prevent external entity (XXE) and entity expansion attacks',
        pos,
      );
    } else if (pos + 2 >= len) fail('unexpected-end', 'document ends inside markup', pos);
    else fail('not-well-formed', 'expected a comment "<!--" or a CDATA section "<![CDATA["', pos);
  }

  function textRun(): void {
    const start = pos;
    if (current !== undefined) {
      // Fast path: plain text (no reference, CR, "]", control or non-BMP character) up to the next "<".
      let end = src.indexOf('<', start);
      if (end === -1) end = len;
      const value = src.slice(start, end);
      if (!SPECIAL_TEXT.test(value)) {
        checkTextLength(start, end);
        pos = end;
        if (keepWhitespace || !WHITESPACE_ONLY.test(value)) append(current, { kind: 'text', text: value, cdata: false, offset: start });
        return;
      }
    }
    let amp = false;
    let cr = false;
    let firstNonSpace = -1;
    let i = pos;
    for (; i < len; i++) {
      const c = src.charCodeAt(i);
      if (c === LT) break;
      if (c > SPACE) {
        if (firstNonSpace === -1) firstNonSpace = i;
        if (c === AMP) amp = true;
        else if (c === RBRACKET) {
          if (src.charCodeAt(i + 1) === RBRACKET && src.charCodeAt(i + 2) === GT) {
            fail('not-well-formed', '"]]>" is not allowed in text (write ]]&gt;)', i);
          }
        } else if (c >= 0xd800) i = checkWide(c, i);
      } else if (c === CR) cr = true;
      else if (c !== SPACE && c !== LF && c !== TAB) {
        fail('invalid-character', `character ${describeChar(c)} is not allowed in XML`, i);
      }
    }
    pos = i;
    checkTextLength(start, i);
    if (current === undefined) {
      if (firstNonSpace !== -1) {
        fail('not-well-formed', root === undefined ? 'text before the root element' : 'text after the root element', firstNonSpace);
      }
      return;
    }
    if (firstNonSpace === -1 && !keepWhitespace) return;
    let value: string;
    if (amp) value = expand(start, i, false, cr);
    else {
      value = src.slice(start, i);
      if (cr) value = normalizeNewlines(value);
    }
    append(current, { kind: 'text', text: value, cdata: false, offset: start });
  }

  // XML declaration: only at the very start (after an optional BOM).
  if (src.startsWith('<?xml', pos) && isWhitespace(src.charCodeAt(pos + 5))) {
    const end = src.indexOf('?>', pos);
    if (end === -1) fail('unexpected-end', 'XML declaration is not closed (missing "?>")', pos);
    const match = XML_DECLARATION.exec(src.slice(pos + 5, end));
    if (match === null) fail('not-well-formed', 'malformed XML declaration', pos);
    encoding = match![3];
    pos = end + 2;
  }

  while (pos < len) {
    if (src.charCodeAt(pos) === LT) {
      const next = src.charCodeAt(pos + 1);
      if (next === SLASH) endTag();
      else if (next === BANG) markup();
      else if (next === QUESTION) processingInstruction();
      else startTag();
    } else textRun();
  }

  if (current !== undefined) {
    fail('unexpected-end', `document ends before the end tag of <${current.name}> opened at ${at(current.offset)}`, len);
  }
  if (root === undefined) fail('unexpected-end', 'document has no root element', len);

  const document: XmlDocument = { root: root!, positionOf };
  return encoding === undefined ? document : { ...document, encoding };
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Bytes to text, refusing anything that is not UTF-8 (the client and tests give bytes; a
 * replacement character would otherwise slip silently into a value).
 */
function decodeUtf8(bytes: Uint8Array, maxLength: number): string {
  // UTF-8 never takes more than 3 bytes per UTF-16 code unit.
  if (bytes.length > maxLength * 3) {
    throw new XmlParseError('size-limit', `document is ${bytes.length} bytes long, more than the limit of ${maxLength} characters`, 0, 1, 1);
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
    throw new XmlParseError('invalid-character', `the document is not valid UTF-8 (byte 0x${(bytes[offset] ?? 0).toString(16)} at byte offset ${offset})`, offset, line, column);
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
