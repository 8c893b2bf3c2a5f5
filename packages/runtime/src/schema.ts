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

export type TypeDescriptor = ComplexTypeDescriptor | EnumTypeDescriptor | SimpleTypeDescriptor;

export interface ComplexTypeDescriptor {
  readonly kind: 'complex';
  /** The schema name, used in error paths such as `KeyIDInfo.KeyID`. */
  readonly name: string;
  /** The content model, a sequence of particles in schema order. */
  readonly content: readonly ParticleDescriptor[];
  /** Attributes, in schema order. */
  readonly attributes?: readonly AttributeDescriptor[];
}

export type ParticleDescriptor = ElementParticle | AnyParticle;

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

export interface ElementDescriptor {
  readonly name: string;
  readonly ns: string;
  readonly type: QNameId;
  readonly nillable: boolean;
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
  /**
   * Wrapped style: the client takes the input wrapper's fields as its argument and returns the
   * value of the response wrapper's single child (`KeySetResult`) instead of the wrapper.
   */
  readonly wrapped: boolean;
}
