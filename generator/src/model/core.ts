/**
 * The typed core: what the generator knows about a WSDL and its XML Schema, independent of
 * any target language. Readonly and JSON-serialisable: declarations refer to each other by id
 * (a QName in Clark notation, `{namespace}local`), never by object pointer, so `ir` can print
 * it and two cores can be compared as text.
 */

/** Where a declaration comes from: the WSDL path as given on the command line, 1-based line. */
export interface Origin {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export type Severity = 'error' | 'warning';

/** A problem found in the input: data, printed by the CLI, never thrown from a pass. */
export interface Diagnostic {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly origin?: Origin;
}

/** `{namespace}local` or `local`. */
export type QNameId = string;

export interface Core {
  readonly formatVersion: 1;
  /** The WSDL path as given (relative to the working directory when possible). */
  readonly source: string;
  /** `wsdl:definitions/@name`, or the first service's name. */
  readonly name: string;
  readonly targetNamespace: string;
  readonly documentation?: string;
  readonly types: readonly TypeDecl[];
  readonly elements: readonly ElementDecl[];
  readonly messages: readonly MessageDecl[];
  readonly portTypes: readonly PortTypeDecl[];
  readonly bindings: readonly BindingDecl[];
  readonly services: readonly ServiceDecl[];
  readonly diagnostics: readonly Diagnostic[];
}

export type TypeDecl = ComplexTypeDecl | SimpleTypeDecl;

export interface ComplexTypeDecl {
  readonly kind: 'complex';
  readonly id: QNameId;
  readonly name: string;
  readonly namespace: string;
  /** Set for a type declared inline; `name` is then derived from where it stands. */
  readonly anonymousIn?: QNameId;
  readonly documentation?: string;
  /** The type's own content model as a sequence of particles, in schema order (not the base's). */
  readonly content: readonly Particle[];
  /** The type's own attributes (attribute groups inlined; not the base's). */
  readonly attributes: readonly AttributeDecl[];
  /** `xs:anyAttribute` among the type's own attributes (or its attribute groups'). */
  readonly anyAttribute?: AnyAttributeDecl;
  /** complexContent or simpleContent derivation. */
  readonly base?: QNameId;
  readonly derivation?: 'extension' | 'restriction';
  readonly abstract: boolean;
  readonly mixed: boolean;
  /** `xs:all`: children in any order. */
  readonly all: boolean;
  /** simpleContent: the type of the element's text. Filled in from the base chain by a pass. */
  readonly simpleContent?: QNameId;
  /** A SOAP-encoded array (`soapenc:Array` restricted with `wsdl:arrayType`): its item type. */
  readonly soapArrayItem?: QNameId;
  readonly origin: Origin;
}

export type Particle = ElementParticle | AnyParticle | ChoiceParticle | SequenceParticle;

/**
 * `xs:choice`: one of the options per occurrence. `name` is where a repeated choice keeps its
 * occurrences (the option names joined by `Or`).
 */
export interface ChoiceParticle {
  readonly kind: 'choice';
  readonly name: string;
  readonly minOccurs: number;
  readonly maxOccurs: number;
  readonly options: readonly Particle[];
  readonly origin: Origin;
}

/**
 * A nested `xs:sequence` that is repeated, optional or a choice option (others are flattened
 * into their parent). `name` is where a repeated one keeps its occurrences.
 */
export interface SequenceParticle {
  readonly kind: 'sequence';
  readonly name: string;
  readonly minOccurs: number;
  readonly maxOccurs: number;
  readonly content: readonly Particle[];
  readonly origin: Origin;
}

export interface ElementParticle {
  readonly kind: 'element';
  readonly name: string;
  /** Namespace of the element on the wire; '' when unqualified. */
  readonly namespace: string;
  /** For an `element ref`, the referenced element's type, filled in by a pass. */
  readonly type: QNameId;
  /** Set when the particle is an `element ref`: the id of the global element. */
  readonly ref?: QNameId;
  readonly minOccurs: number;
  /** -1 for unbounded. */
  readonly maxOccurs: number;
  readonly nillable: boolean;
  readonly defaultValue?: string;
  readonly fixedValue?: string;
  /** Global elements that may stand for this one (its substitution group), filled in by a pass. */
  readonly substitutes?: readonly QNameId[];
  readonly documentation?: string;
  readonly origin: Origin;
}

export interface AnyParticle {
  readonly kind: 'any';
  /** Where decoded values keep the elements: `any` (then `any2`...), or `schema` for a DataSet's inline schema. */
  readonly name: string;
  readonly minOccurs: number;
  readonly maxOccurs: number;
  /** The `namespace` attribute as written (`##any` by default). */
  readonly namespaceConstraint: string;
  readonly processContents: 'strict' | 'lax' | 'skip';
  readonly origin: Origin;
}

/** `xs:anyAttribute`: attributes the type does not declare, kept as name-value pairs. */
export interface AnyAttributeDecl {
  /** The `namespace` attribute as written (`##any` by default). */
  readonly namespaceConstraint: string;
  readonly processContents: 'strict' | 'lax' | 'skip';
  readonly origin: Origin;
}

export interface AttributeDecl {
  readonly name: string;
  readonly namespace: string;
  readonly type: QNameId;
  readonly required: boolean;
  readonly defaultValue?: string;
  readonly fixedValue?: string;
  readonly documentation?: string;
  readonly origin: Origin;
}

export interface SimpleTypeDecl {
  readonly kind: 'simple';
  readonly id: QNameId;
  readonly name: string;
  readonly namespace: string;
  readonly anonymousIn?: QNameId;
  readonly documentation?: string;
  /** The type this one restricts (for a list or a union: xs:anySimpleType). */
  readonly base: QNameId;
  readonly variety: 'atomic' | 'list' | 'union';
  /** A list's item type. */
  readonly itemType?: QNameId;
  /** A union's member types, in order. */
  readonly memberTypes?: readonly QNameId[];
  /** Present for an enumeration. */
  readonly enumeration?: readonly EnumValue[];
  readonly origin: Origin;
}

export interface EnumValue {
  readonly value: string;
  readonly documentation?: string;
}

export interface ElementDecl {
  readonly id: QNameId;
  readonly name: string;
  readonly namespace: string;
  readonly type: QNameId;
  readonly nillable: boolean;
  readonly abstract: boolean;
  readonly substitutionGroup?: QNameId;
  readonly defaultValue?: string;
  readonly fixedValue?: string;
  /** Set for the request/response elements the generator makes for rpc operations. */
  readonly synthesized?: 'rpc';
  readonly documentation?: string;
  readonly origin: Origin;
}

export interface MessageDecl {
  readonly id: QNameId;
  readonly name: string;
  readonly parts: readonly PartDecl[];
  readonly origin: Origin;
}

export interface PartDecl {
  readonly name: string;
  readonly element?: QNameId;
  readonly type?: QNameId;
  readonly origin: Origin;
}

export interface PortTypeDecl {
  readonly id: QNameId;
  readonly name: string;
  readonly operations: readonly AbstractOperation[];
  readonly origin: Origin;
}

export interface AbstractOperation {
  readonly name: string;
  readonly documentation?: string;
  readonly input?: QNameId;
  readonly output?: QNameId;
  readonly faults: readonly { readonly name: string; readonly message: QNameId }[];
  readonly origin: Origin;
}

export type BindingProtocol = 'soap11' | 'soap12' | 'http-get' | 'http-post' | 'unknown';

export interface BindingDecl {
  readonly id: QNameId;
  readonly name: string;
  readonly portType: QNameId;
  readonly protocol: BindingProtocol;
  /** The binding's default style (`document` unless it says `rpc`). */
  readonly style: 'document' | 'rpc';
  readonly operations: readonly BindingOperation[];
  readonly origin: Origin;
}

export interface BindingOperation {
  readonly name: string;
  readonly soapAction?: string;
  readonly style: 'document' | 'rpc';
  readonly inputUse: 'literal' | 'encoded';
  readonly outputUse: 'literal' | 'encoded';
  /** `soap:body/@namespace` of the input and output (rpc wrappers live in it). */
  readonly inputNamespace?: string;
  readonly outputNamespace?: string;
  /** `soap:body/@parts`: the message parts that go in the Body (all when absent). */
  readonly inputParts?: readonly string[];
  readonly outputParts?: readonly string[];
  /** `soap:header` of the input: message and part. */
  readonly headers: readonly { readonly message: QNameId; readonly part: string }[];
  readonly origin: Origin;
}

export interface ServiceDecl {
  readonly id: QNameId;
  readonly name: string;
  /**
   * Set when the WSDL's service has SOAP ports of several port types: it is then one service per
   * port type, named `<service>_<portType>`, and this is the WSDL service's name.
   */
  readonly partOf?: string;
  readonly documentation?: string;
  readonly ports: readonly PortDecl[];
  /** The operations a client of this service calls, derived from its SOAP ports. */
  readonly operations: readonly ServiceOperation[];
  readonly origin: Origin;
}

export interface PortDecl {
  readonly name: string;
  readonly binding: QNameId;
  readonly protocol: BindingProtocol;
  readonly address?: string;
  readonly origin: Origin;
}

export interface ServiceOperation {
  readonly name: string;
  readonly documentation?: string;
  readonly soapAction: string;
  /** The request's global element (document/literal). */
  readonly input: QNameId;
  /** The response's global element; absent for a one-way operation. */
  readonly output?: QNameId;
  /** Document/literal wrapped: the request element is named after the operation (rpc: always). */
  readonly wrapped: boolean;
  readonly style: 'document' | 'rpc';
  readonly encoded: boolean;
  /** Global elements of the SOAP headers the request may carry. */
  readonly headers: readonly QNameId[];
  /** Declared faults and the global element of each one's detail. */
  readonly faults: readonly { readonly name: string; readonly element: QNameId }[];
  /** The protocols whose bindings carry this operation. */
  readonly protocols: readonly BindingProtocol[];
  readonly origin: Origin;
}

export const XSD_NS = 'http://www.w3.org/2001/XMLSchema';

export function qnameId(namespace: string, local: string): QNameId {
  return namespace ? `{${namespace}}${local}` : local;
}

export function splitQNameId(id: QNameId): { namespace: string; local: string } {
  if (!id.startsWith('{')) return { namespace: '', local: id };
  const end = id.indexOf('}');
  return { namespace: id.slice(1, end), local: id.slice(end + 1) };
}

/** The id prefix of the XML Schema builtins, built once: isBuiltin runs for every type reference. */
const XSD_ID_PREFIX = `{${XSD_NS}}`;

export function isBuiltin(id: QNameId): boolean {
  return id.startsWith(XSD_ID_PREFIX);
}

/**
 * Decodes the `_xHHHH_` escapes .NET writes into XML names for characters a name cannot hold
 * (`ECGridOS_x0020_API_x0020_v4` is the service `ECGridOS API v4`).
 */
export function decodeXmlName(name: string): string {
  // Called for thousands of names, nearly all without an escape: those skip the regular expression.
  return name.includes('_x')
    ? name.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    : name;
}

/** Every particle of a content model, nested choices and sequences included, depth first. */
export function allParticles(particles: readonly Particle[], out: Particle[] = []): Particle[] {
  for (const particle of particles) {
    out.push(particle);
    if (particle.kind === 'choice') allParticles(particle.options, out);
    else if (particle.kind === 'sequence') allParticles(particle.content, out);
  }
  return out;
}

/** Rebuilds a content model with `change` applied to every element particle, nested ones included. */
export function mapElementParticles(
  particles: readonly Particle[],
  change: (p: ElementParticle) => ElementParticle,
): Particle[] {
  return particles.map((particle): Particle => {
    switch (particle.kind) {
      case 'element':
        return change(particle);
      case 'any':
        return particle;
      case 'choice':
        return { ...particle, options: mapElementParticles(particle.options, change) };
      case 'sequence':
        return { ...particle, content: mapElementParticles(particle.content, change) };
      default: {
        const never: never = particle;
        return never;
      }
    }
  });
}
