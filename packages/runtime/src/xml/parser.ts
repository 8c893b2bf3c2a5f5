/**
 * A small, fast, non-validating, namespace-aware XML parser producing the `dom.ts` tree from the
 * tokens of `XmlScanner` (which holds the grammar, the checks and the limits).
 */

import type { XmlDocument, XmlElement, XmlNode } from './dom.js';
import { COMMENT, END, EOF, PI, START, TEXT, XmlScanner, type ParseOptions } from './scanner.js';

export { XML_NS, XMLNS_NS, type ParseOptions } from './scanner.js';

const EMPTY_CHILDREN: readonly XmlNode[] = Object.freeze([]);

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

/** The element of the scanner's current `START` token, without children yet. */
function openElement(sc: XmlScanner): OpenElement {
  return {
    kind: 'element',
    name: sc.name,
    prefix: sc.prefix,
    local: sc.local,
    ns: sc.ns,
    attributes: sc.attributes,
    declarations: sc.declarations,
    scope: sc.scope,
    children: EMPTY_CHILDREN as XmlNode[],
    offset: sc.offset,
    selfClosing: sc.selfClosing,
  };
}

/**
 * Builds the tree of the element whose `START` the scanner has just returned, reading through
 * its `END`. The streaming decoder uses it for the parts of a document it does not stream.
 */
export function buildElement(sc: XmlScanner): XmlElement {
  const root = openElement(sc);
  const stack: OpenElement[] = [root];
  let current = root;
  for (;;) {
    switch (sc.next()) {
      case START: {
        const element = openElement(sc);
        append(current, element);
        stack.push(element);
        current = element;
        break;
      }
      case END:
        stack.pop();
        if (stack.length === 0) return root;
        current = stack[stack.length - 1] as OpenElement;
        break;
      case TEXT:
        append(current, { kind: 'text', text: sc.text, cdata: sc.cdata, offset: sc.offset });
        break;
      case COMMENT:
        append(current, { kind: 'comment', text: sc.text, offset: sc.offset });
        break;
      case PI:
        append(current, { kind: 'pi', target: sc.target, data: sc.text, offset: sc.offset });
        break;
      case EOF:
        // The scanner reports a document that ends inside an element before getting here.
        throw new Error('unreachable: end of document inside an element');
    }
  }
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
  const sc = new XmlScanner(text, options);
  // Before the root only misc can come, which the scanner skips; it fails on anything else.
  sc.next();
  const root = buildElement(sc);
  sc.next();
  const positionOf = (offset: number): { line: number; column: number } => sc.positionOf(offset);
  return sc.encoding === undefined ? { root, positionOf } : { root, positionOf, encoding: sc.encoding };
}
