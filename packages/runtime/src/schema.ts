/**
 * The schema descriptor: the part of the typed core that a generated SDK carries at run time.
 *
 * The generator emits one `SchemaDescriptor` per WSDL (as a literal in the generated package),
 * and `ecgrid-codegen convert` builds the same object from a WSDL on the fly, so both go
 * through one codec. Everything here is plain JSON: ids are strings, never object pointers.
 */

/** The XML Schema namespace; builtin types are `{XSD_NS}local`. */
export const XSD_NS = 'http://www.w3.org/2001/XMLSchema';
export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';

/**
 * A qualified name in Clark notation: `{namespace}local`, or just `local` for no namespace.
 * Types and global elements are keyed by it.
 */
export type QNameId = string;

export interface SchemaDescriptor {
  /** Named and anonymous types; anonymous ones get a deterministic id from the generator. */
  readonly types: Readonly<Record<QNameId, TypeDescriptor>>;
  /** Global elements. */
  readonly elements: Readonly<Record<QNameId, ElementDescriptor>>;
}

export type TypeDescriptor =
  | ComplexTypeDescriptor
  | EnumTypeDescriptor
  | SimpleTypeDescriptor
  | ListTypeDescriptor
  | UnionTypeDescriptor
  | SoapArrayTypeDescriptor;

export interface ComplexTypeDescriptor {
  readonly kind: 'complex';
  /** The schema name, used in error paths such as `KeyIDInfo.KeyID`. */
  readonly name: string;
  /**
   * The effective content model, a sequence of particles in schema order. For a type derived by
   * extension it already holds the base type's particles first, then its own.
   */
  readonly content: readonly ParticleDescriptor[];
  /** Attributes (inherited ones included), in schema order. */
  readonly attributes?: readonly AttributeDescriptor[];
  /**
   * `xs:anyAttribute`: attributes the type does not declare (other than `xsi:` ones) are kept in
   * `$attributes`, by name in Clark notation (`{namespace}local`, or `local` without a namespace).
   */
  readonly anyAttribute?: boolean;
  /** The type this one derives from (complexContent or simpleContent extension/restriction). */
  readonly base?: QNameId;
  /** Abstract: an element of this type must carry `xsi:type` naming a concrete derived type. */
  readonly abstract?: boolean;
  /** `xs:all`: children may come in any order (they are written in schema order). */
  readonly all?: boolean;
  /**
   * Mixed content: text may stand between the child elements. The value keeps it in `$text`, an
   * array of the text before each child element plus the text after the last one.
   */
  readonly mixed?: boolean;
  /** simpleContent: the element's text is a value of this simple type, kept under `$value`. */
  readonly text?: QNameId;
}

/** What decoded values of polymorphic and special content carry besides their fields. */
export const VALUE_KEYS = {
  /** Set when an element's value is of a type derived from the declared one (`xsi:type`): the type's id. */
  type: '$type',
  /** simpleContent: the text value. */
  value: '$value',
  /** Mixed content: the text segments. */
  text: '$text',
  /** A substitution-group member standing for the declared element: the member element's id. */
  element: '$element',
  /** `xs:anyAttribute`: the attributes the type does not declare, Clark name -> value. */
  attributes: '$attributes',
} as const;

export type ParticleDescriptor = ElementParticle | AnyParticle | ChoiceParticle | SequenceParticle;

export interface ElementParticle {
  readonly kind: 'element';
  /** The element's local name; also the property name in decoded values and in JSON. */
  readonly name: string;
  /** Namespace of the element on the wire; '' when unqualified. */
  readonly ns: string;
  /** A builtin (`{XSD_NS}int`) or a key of `SchemaDescriptor.types`. */
  readonly type: QNameId;
  readonly min: number;
  /** -1 for unbounded. A particle with max !== 1 decodes to an array. */
  readonly max: number;
  readonly nillable: boolean;
  /** `default`/`fixed` lexical values. A fixed value is enforced on decode and encode. */
  readonly default?: string;
  readonly fixed?: string;
  /**
   * Global elements (ids in `SchemaDescriptor.elements`) of this element's substitution group,
   * which may appear in its place; the value then carries `$element` with the member's id.
   */
  readonly substitutes?: readonly QNameId[];
}

/**
 * `xs:choice`. Not repeated (max 1): the options' properties live on the parent object and at
 * most one of them is present (exactly one when min is 1). Repeated: the property `name` holds
 * an array with one object per occurrence, each holding the properties of one option.
 */
export interface ChoiceParticle {
  readonly kind: 'choice';
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly options: readonly ParticleDescriptor[];
}

/**
 * A nested `xs:sequence` that is repeated, optional or a choice option. Not repeated: its
 * properties live on the parent object. Repeated (max !== 1): the property `name` holds an
 * array with one object per occurrence.
 */
export interface SequenceParticle {
  readonly kind: 'sequence';
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly content: readonly ParticleDescriptor[];
}

/** `xs:any`: elements kept as XML trees and written back unchanged. */
export interface AnyParticle {
  readonly kind: 'any';
  /** The property name that holds the kept elements (an array of XmlElement). */
  readonly name: string;
  readonly min: number;
  readonly max: number;
}

export interface AttributeDescriptor {
  readonly name: string;
  readonly ns: string;
  readonly type: QNameId;
  readonly required: boolean;
  /** `default`/`fixed` lexical values; an absent attribute stays absent in the value. */
  readonly default?: string;
  readonly fixed?: string;
}

export interface EnumTypeDescriptor {
  readonly kind: 'enum';
  readonly name: string;
  /** The builtin the enumeration restricts (usually `{XSD_NS}string`). */
  readonly base: QNameId;
  readonly values: readonly string[];
}

/** A restriction of a builtin without enumeration facets: values are those of the base. */
export interface SimpleTypeDescriptor {
  readonly kind: 'simple';
  readonly name: string;
  readonly base: QNameId;
}

/** `xs:list`: a whitespace-separated list of `item` values; the value is an array. */
export interface ListTypeDescriptor {
  readonly kind: 'list';
  readonly name: string;
  readonly item: QNameId;
}

/** `xs:union`: the value of the first member type that accepts the text (tried in order). */
export interface UnionTypeDescriptor {
  readonly kind: 'union';
  readonly name: string;
  readonly members: readonly QNameId[];
}

/**
 * A SOAP-encoded array (`soapenc:Array` restricted with `wsdl:arrayType`): child elements of any
 * name, each an `item`; the value is an array. Encoded with `soapenc:arrayType`.
 */
export interface SoapArrayTypeDescriptor {
  readonly kind: 'soap-array';
  readonly name: string;
  readonly item: QNameId;
}

export interface ElementDescriptor {
  readonly name: string;
  readonly ns: string;
  readonly type: QNameId;
  readonly nillable: boolean;
  readonly abstract?: boolean;
  /** The head of the substitution group this element belongs to. */
  readonly substitutionGroup?: QNameId;
}

/** One SOAP service: what the generated client needs to call it. */
export interface ServiceDescriptor {
  readonly name: string;
  /** Endpoint addresses by SOAP version, from the WSDL's ports. */
  readonly endpoints: { readonly soap11?: string; readonly soap12?: string };
  readonly operations: Readonly<Record<string, OperationDescriptor>>;
}

export interface OperationDescriptor {
  readonly name: string;
  /** SOAPAction header (1.1) and `action` media-type parameter (1.2). */
  readonly soapAction: string;
  /** The global element that wraps the request (document/literal). */
  readonly input: QNameId;
  /** The global element that wraps the response; absent for one-way operations. */
  readonly output?: QNameId;
  /** rpc style: the request and response elements are synthesized from the parts (by the generator). */
  readonly style?: 'document' | 'rpc';
  /** SOAP encoding (rpc/encoded): values carry `xsi:type`, arrays are SOAP-encoded. */
  readonly encoded?: boolean;
  /** SOAP header elements the operation's input may carry (`soap:header`), by global element id. */
  readonly headers?: readonly QNameId[];
  /** Declared faults: the global element of each fault's detail. */
  readonly faults?: readonly { readonly name: string; readonly element: QNameId }[];
  /**
   * Wrapped style: the client takes the input wrapper's fields as its argument and returns the
   * value of the response wrapper's single child (`KeySetResult`) instead of the wrapper.
   */
  readonly wrapped: boolean;
}
