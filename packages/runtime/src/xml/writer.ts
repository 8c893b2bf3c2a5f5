/**
 * Escaping and serialising `XmlElement` trees back to text: xs:any content is written back as it
 * was received, and parsed documents can be printed while debugging.
 */

import type { XmlElement, XmlNode } from './dom.js';
import { TEXT_SPECIALS } from './chars.js';
import { XML_NS } from './parser.js';

const ATTRIBUTE_SPECIALS = /[&<>"\t\n\r]/;

const WHITESPACE_ONLY = /^[ \t\n\r]*$/;

/**
 * Escapes character data. `>` is escaped too (so `]]>` cannot appear) and CR as `&#13;`, which a
 * parser's newline normalisation would otherwise turn into LF.
 */
export function escapeText(text: string): string {
  return TEXT_SPECIALS.test(text) ? escapeTextSpecials(text) : text;
}

/** `escapeText` for a text already known to hold a character to escape. */
export function escapeTextSpecials(text: string): string {
  // Each character in turn, '&' first so that no reference is escaped twice.
  return replaceEvery(
    replaceEvery(replaceEvery(replaceEvery(text, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'),
    '\r',
    '&#13;',
  );
}

/** `text` with every `ch` replaced (indexOf and slices: faster here than a global RegExp replace). */
function replaceEvery(text: string, ch: string, replacement: string): string {
  let at = text.indexOf(ch);
  if (at < 0) return text;
  let out = '';
  let last = 0;
  while (at >= 0) {
    out += text.slice(last, at) + replacement;
    last = at + 1;
    at = text.indexOf(ch, last);
  }
  return out + text.slice(last);
}

/** The escaped form of an attribute value, built piece by piece (a callback `replace` is several times slower). */
function escapeAttributeFrom(text: string): string {
  let out = '';
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // Every special character is at most '>' (62).
    if (c > 62) continue;
    let replacement: string;
    if (c === 38) replacement = '&amp;';
    else if (c === 60) replacement = '&lt;';
    else if (c === 62) replacement = '&gt;';
    else if (c === 13) replacement = '&#13;';
    else if (c === 34) replacement = '&quot;';
    else if (c === 9) replacement = '&#9;';
    else if (c === 10) replacement = '&#10;';
    else continue;
    out += text.slice(last, i) + replacement;
    last = i + 1;
  }
  return out + text.slice(last);
}

/**
 * Escapes an attribute value for double quotes; TAB/LF/CR become character references so the
 * receiver's attribute-value normalisation keeps them.
 */
export function escapeAttribute(value: string): string {
  return ATTRIBUTE_SPECIALS.test(value) ? escapeAttributeFrom(value) : value;
}

export interface SerializeOptions {
  /**
   * Prefix bindings already in effect where the text will be placed ('' = default namespace).
   * Missing bindings needed by the tree are declared on the element that needs them.
   */
  readonly context?: Readonly<Record<string, string>>;
  /**
   * Pretty printing for debugging: element-only content is put on indented lines and its
   * whitespace-only text dropped. Mixed content is written as is.
   */
  readonly indent?: string;
}

/** Output prefix bindings; copied on write when an element declares something. */
type Bindings = Record<string, string>;

/**
 * Writes an element (and its subtree) as XML text. Declarations written in the source are kept in
 * place; a prefix (or default namespace) used by a name but not bound in the output yet gets a
 * declaration on that element, so a subtree cut out of a larger document stays correct.
 */
export function serializeElement(element: XmlElement, options: SerializeOptions = {}): string {
  const bindings: Bindings = Object.create(null) as Bindings;
  bindings.xml = XML_NS;
  if (options.context !== undefined) Object.assign(bindings, options.context);
  return writeElement(element, bindings, options.indent, 0);
}

/**
 * True when the source wrote the attributes before the namespace declarations
 * (`<xs:schema id="NewDataSet" xmlns:xs="...">`, as .NET does): the first attribute directly
 * follows the element name. The tree does not keep the declarations' positions, so any other
 * layout is written declarations first.
 */
function attributesFirst(el: XmlElement): boolean {
  const first = el.attributes[0];
  return first !== undefined && first.offset === el.offset + el.name.length + 2;
}

function writeElement(el: XmlElement, inherited: Bindings, indent: string | undefined, depth: number): string {
  let bindings = inherited;
  // Declarations written in the source, and those added for names that need them.
  let declared = '';
  let added = '';
  const bind = (prefix: string, uri: string, fromSource = false): void => {
    if (bindings === inherited) bindings = Object.assign(Object.create(null) as Bindings, inherited);
    bindings[prefix] = uri;
    const text = prefix === '' ? ` xmlns="${escapeAttribute(uri)}"` : ` xmlns:${prefix}="${escapeAttribute(uri)}"`;
    if (fromSource) declared += text;
    else added += text;
  };
  for (const prefix in el.declarations) {
    const uri = el.declarations[prefix] as string;
    // A renamed element may carry a default declaration that its own namespace contradicts.
    if (prefix === '' && el.prefix === '' && uri !== el.ns) continue;
    // At the top, a declaration the context already makes is left out; inside, all are kept.
    if (depth === 0 && (bindings[prefix] ?? '') === uri) continue;
    bind(prefix, uri, true);
  }
  if ((bindings[el.prefix] ?? '') !== el.ns) bind(el.prefix, el.ns);
  let attributes = '';
  for (const a of el.attributes) {
    if (a.prefix !== '' && bindings[a.prefix] !== a.ns) bind(a.prefix, a.ns);
    attributes += ` ${a.name}="${escapeAttribute(a.value)}"`;
    // xsi:type="p:T" names a prefix in its value; keep it bound.
    if (a.local === 'type' && a.ns === 'http://www.w3.org/2001/XMLSchema-instance') {
      const colon = a.value.indexOf(':');
      const prefix = colon < 0 ? '' : a.value.slice(0, colon).trim();
      const uri = el.scope[prefix];
      if (uri !== undefined && (bindings[prefix] ?? '') !== uri) bind(prefix, uri);
    }
  }
  const head = attributesFirst(el)
    ? `<${el.name}${added}${attributes}${declared}`
    : `<${el.name}${declared}${added}${attributes}`;
  if (el.children.length === 0) return el.selfClosing ? `${head}/>` : `${head}></${el.name}>`;

  const pretty = indent !== undefined && isElementOnly(el.children);
  let body = '';
  for (const child of el.children) {
    if (pretty) {
      if (child.kind === 'text') continue;
      body += `\n${indent.repeat(depth + 1)}`;
    }
    body += writeNode(child, bindings, indent, depth + 1);
  }
  if (pretty) body += `\n${indent.repeat(depth)}`;
  return `${head}>${body}</${el.name}>`;
}

function writeNode(node: XmlNode, bindings: Bindings, indent: string | undefined, depth: number): string {
  switch (node.kind) {
    case 'element':
      return writeElement(node, bindings, indent, depth);
    case 'text':
      return node.cdata ? `<![CDATA[${node.text.split(']]>').join(']]]]><![CDATA[>')}]]>` : escapeText(node.text);
    case 'comment':
      return `<!--${node.text}-->`;
    case 'pi':
      return node.data === '' ? `<?${node.target}?>` : `<?${node.target} ${node.data}?>`;
    default: {
      const never: never = node;
      return never;
    }
  }
}

/** True when the children are elements (or comments/PIs) with only whitespace text between. */
function isElementOnly(children: readonly XmlNode[]): boolean {
  let hasElement = false;
  for (const child of children) {
    if (child.kind === 'element') hasElement = true;
    else if (child.kind === 'text' && (child.cdata || !WHITESPACE_ONLY.test(child.text))) return false;
  }
  return hasElement;
}
