/**
 * The small XML tree the parser produces. It keeps what the codec and the WSDL reader need:
 * resolved namespaces, the in-scope prefix map (QName-valued attributes such as `type="tns:X"`
 * are resolved against it) and the source offset of every element and attribute, so errors can
 * say `file:line:col`.
 */

export type XmlNode = XmlElement | XmlText | XmlComment | XmlProcessingInstruction;

export interface XmlElement {
  readonly kind: 'element';
  /** The name as written, with its prefix (`soap:Body`). */
  readonly name: string;
  readonly prefix: string;
  readonly local: string;
  /** The resolved namespace URI; '' for no namespace. */
  readonly ns: string;
  /** Attributes other than namespace declarations, in document order. */
  readonly attributes: readonly XmlAttribute[];
  /** Namespace declarations made on this element, prefix -> URI ('' is the default namespace). */
  readonly declarations: Readonly<Record<string, string>>;
  /** Every prefix in scope at this element (declarations of ancestors included). */
  readonly scope: Readonly<Record<string, string>>;
  readonly children: readonly XmlNode[];
  /** Offset of the `<` of the start tag in the source text. */
  readonly offset: number;
  /** True when the element was written as `<a/>`. */
  readonly selfClosing: boolean;
}

export interface XmlAttribute {
  readonly name: string;
  readonly prefix: string;
  readonly local: string;
  readonly ns: string;
  readonly value: string;
  readonly offset: number;
}

export interface XmlText {
  readonly kind: 'text';
  /** The text with entity and character references expanded. */
  readonly text: string;
  readonly cdata: boolean;
  readonly offset: number;
}

export interface XmlComment {
  readonly kind: 'comment';
  readonly text: string;
  readonly offset: number;
}

export interface XmlProcessingInstruction {
  readonly kind: 'pi';
  readonly target: string;
  readonly data: string;
  readonly offset: number;
}

export interface XmlDocument {
  readonly root: XmlElement;
  /** The XML declaration's encoding, or undefined. */
  readonly encoding?: string;
  /** Converts an offset into a 1-based line and column. */
  positionOf(offset: number): { line: number; column: number };
}
