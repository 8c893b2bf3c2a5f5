import type { XmlDocument, XmlElement, XmlNode } from '@ecgrid/soap-runtime';
import { parseXml, XmlParseError } from '@ecgrid/soap-runtime';
import type { Diagnostic, Origin, Severity } from '../model/core.js';

/** A parsed input file: its path as the user gave it, and helpers to point into it. */
export interface SourceDocument {
  readonly path: string;
  readonly document: XmlDocument;
  originOf(node: { readonly offset: number }): Origin;
}

export type ParseResult =
  | { readonly ok: true; readonly source: SourceDocument }
  | { readonly ok: false; readonly diagnostic: Diagnostic };

/** Parses one input file; a syntax error becomes a positioned diagnostic, never an exception. */
export function parseSource(path: string, text: string): ParseResult {
  let document: XmlDocument;
  try {
    // Whitespace between declarations means nothing to the reader; not keeping it saves time.
    document = parseXml(text, { keepWhitespaceText: false });
  } catch (error) {
    if (error instanceof XmlParseError) {
      return {
        ok: false,
        diagnostic: {
          code: `xml-${error.code}`,
          severity: 'error',
          message: `${stripPosition(error.message)} (the file is not well-formed XML)`,
          origin: { file: path, line: error.line, column: error.column },
        },
      };
    }
    throw error;
  }
  return {
    ok: true,
    source: {
      path,
      document,
      originOf(node) {
        const { line, column } = document.positionOf(node.offset);
        return { file: path, line, column };
      },
    },
  };
}

/** The parser's messages may start with `line:col:`; the CLI prints the position itself. */
function stripPosition(message: string): string {
  return message.replace(/^\d+:\d+:\s*/, '');
}

// The readers call these for nearly every one of a WSDL's many thousand elements, mostly before
// V8 has optimised them: indexed loops, because a for-of there allocates an iterator and a
// result object per step, which was a measurable share of `generate`'s garbage.

export function childElements(element: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  const children = element.children;
  for (let i = 0; i < children.length; i++) {
    const child = children[i]!;
    if (child.kind === 'element') out.push(child);
  }
  return out;
}

/** The first child element with this namespace and local name. */
export function firstChild(element: XmlElement, ns: string, local: string): XmlElement | undefined {
  const children = element.children;
  for (let i = 0; i < children.length; i++) {
    const child = children[i]!;
    if (child.kind === 'element' && child.local === local && child.ns === ns) return child;
  }
  return undefined;
}

export function attr(element: XmlElement, name: string): string | undefined {
  const attributes = element.attributes;
  for (let i = 0; i < attributes.length; i++) {
    const a = attributes[i]!;
    if (a.ns === '' && a.local === name) return a.value;
  }
  return undefined;
}

export function textContent(node: XmlNode): string {
  switch (node.kind) {
    case 'text':
      return node.text;
    case 'element':
      // Mostly one text node (documentation): its text, without an array and a join.
      return node.children.length === 1 ? textContent(node.children[0]!) : node.children.map(textContent).join('');
    case 'comment':
    case 'pi':
      return '';
    default: {
      const never: never = node;
      return never;
    }
  }
}

/** Resolves a QName-valued attribute (`tns:KeyIDInfo`) against the element's in-scope prefixes. */
export function resolveQName(element: XmlElement, value: string): { namespace: string; local: string } | undefined {
  const trimmed = value.trim();
  const colon = trimmed.indexOf(':');
  const prefix = colon < 0 ? '' : trimmed.slice(0, colon);
  const local = colon < 0 ? trimmed : trimmed.slice(colon + 1);
  const namespace = element.scope[prefix];
  if (namespace === undefined) return prefix === '' ? { namespace: '', local } : undefined;
  return { namespace, local };
}

/** Records a problem at an element of a source file. */
export function reportAt(
  diagnostics: Diagnostic[],
  source: SourceDocument,
  element: XmlElement,
  code: string,
  severity: Severity,
  message: string,
): void {
  diagnostics.push({ code, severity, message, origin: source.originOf(element) });
}
