/**
 * The compiled form of a schema: one codec object per type with its closures, and particles that
 * point at codec objects directly, so the hot path never looks a type up by its id.
 */

import type { InlineFormat, JsonValue } from '../builtins.js';
import type { XmlElement } from '../xml/dom.js';

/** Options that change how documents are matched while decoding. */
export interface DecodeContext {
  /** False when elements are matched by local name only (`namespaces: 'ignore'`). */
  readonly strict: boolean;
}

/** Per-call encoder state. */
export interface EncodeState {
  readonly qualified: boolean;
  /** Newline plus indentation by depth, or undefined for compact output. */
  line(depth: number): string;
  readonly pretty: boolean;
  /** The prefix used for `xsi:nil` and `xsi:type`. */
  readonly xsiPrefix: string;
  /** True when the enclosing context already declares `xsiPrefix`. */
  readonly xsiDeclared: boolean;
  /** Set when an `xsi:` attribute was written, so the fragment root declares the prefix. */
  xsiUsed: boolean;
  /** The prefix of XML Schema builtin type names (`xsi:type="xsd:int"`, `arrayType`). */
  readonly xsdPrefix: string;
  readonly xsdDeclared: boolean;
  /** Set when a builtin type name was written, so the fragment root declares the prefix. */
  xsdUsed: boolean;
  /** rpc/encoded: `xsi:type` naming the type on every simple-typed element. */
  readonly xsiTypes: boolean;
  /**
   * Prefix bindings in effect where the element being written stands: the context's
   * declarations plus those written on its ancestors. Replaced (never mutated) by an element
   * that declares prefixes, and restored after its content.
   */
  scope: Readonly<Record<string, string>>;
}

/** What every compiled type can do. */
interface CodecBase {
  readonly id: string;
  /** The schema name, used to start error paths and in messages. */
  readonly name: string;
  /** Decodes an element's attributes and content as this type (no `xsi:` handling). */
  decode(node: XmlElement, ctx: DecodeContext): unknown;
  /**
   * Writes a whole element named `local` in `ns` holding `value`. `parentDefault` is the default
   * namespace in effect where it is written; `depth` its indentation level.
   */
  encode(value: unknown, local: string, ns: string, st: EncodeState, parentDefault: string, depth: number): string;
  toJson(value: unknown): JsonValue;
  fromJson(json: unknown): unknown;
}

/**
 * What `formatValue` does for a valid value, when it is simple enough for compiled encoders to do
 * inline: a builtin's `InlineFormat`, or an enumeration of xs:string (the value must be one of
 * `values`, and is written as it is).
 */
export type SimpleInline = InlineFormat | { readonly kind: 'enum'; readonly values: ReadonlySet<string> };

/** Builtins, their restrictions and enumerations, lists and unions. */
export interface SimpleCodec extends CodecBase {
  readonly kind: 'simple';
  /** See `SimpleInline`; undefined for lists, unions and their restrictions. */
  readonly inline?: SimpleInline;
  /** Lexical form -> value (whitespace facet, validation, enumeration). */
  parseValue(lexical: string, offset?: number): unknown;
  /** Value -> lexical form, validated. */
  formatValue(value: unknown): string;
  /**
   * A form equal for equal values (`fixed` compares with it): the written form, except for
   * decimals, whose lexical form is kept as received (`1.0` and `1.00` are one value).
   */
  canonical(value: unknown): string;
}

export interface ComplexCodec extends CodecBase {
  readonly kind: 'complex';
  /** `abstract`: elements of this type need `xsi:type` naming a concrete derived type. */
  readonly abstract: boolean;
  /** The content model, filled in after every type has a codec object (types refer to each other). */
  readonly shape: ComplexShape;
  /**
   * Decodes into `out` (which may already hold `$element`/`$type`). `lexical` replaces the text
   * of a simpleContent element (an empty element taking its default).
   */
  decodeInto(
    node: XmlElement,
    ctx: DecodeContext,
    out: Record<string, unknown>,
    lexical?: string,
  ): Record<string, unknown>;
  /** Like `encode`, writing `xsi:type` naming `xsiType` (a type derived from this one's declared type). */
  encodeWith(
    value: unknown,
    local: string,
    ns: string,
    st: EncodeState,
    parentDefault: string,
    depth: number,
    xsiType: TypeCodec | undefined,
  ): string;
  /** JSON conversion into `out` (which may already hold `$element`/`$type`). */
  convertInto(input: unknown, out: Record<string, unknown>, direction: 'to' | 'from'): Record<string, unknown>;
}

/** The compiled content model of a complex type. */
export interface ComplexShape {
  particles: ParticlePlan[];
  attributes: AttributePlan[];
  /** Every property name a value may hold (particles flattened, attributes, `$value`, `$text`). */
  known: Set<string>;
  /** simpleContent: the codec of the text (`$value`). */
  text: SimpleCodec | undefined;
  mixed: boolean;
  all: boolean;
  /** `xs:anyAttribute`: undeclared attributes are kept in `$attributes`. */
  anyAttribute: boolean;
  /** Only element and any particles, no all/mixed/text: the fast decoder applies. */
  flat: boolean;
  /** Every element particle, nested ones included (for error messages). */
  elements: ElementParticlePlan[];
}

export interface AnyTypeCodec extends CodecBase {
  readonly kind: 'anyType';
}

/** A SOAP-encoded array: children of any name, each an item; the value is an array. */
export interface SoapArrayCodec extends CodecBase {
  readonly kind: 'soap-array';
  /** The slot every child is decoded and encoded with (`<item>`, unqualified, nillable). */
  readonly item: SlotPlan;
}

export type TypeCodec = SimpleCodec | ComplexCodec | AnyTypeCodec | SoapArrayCodec;

/** Looks types up for `xsi:type` and `$type` (derivation is resolved on demand, not on the hot path). */
export interface Registry {
  /**
   * The type an element declared with `declared` is decoded with when its `xsi:type` names
   * `{ns}local`: `declared` itself when it names it (or an equivalent name), a derived type, or
   * undefined when that is not allowed. `strict` false matches by local name only.
   */
  xsiTarget(declared: TypeCodec, ns: string, local: string, strict: boolean): TypeCodec | undefined;
  /** The type `$type` names for a value of `declared`: itself, a derived complex type, or undefined. */
  derived(declared: ComplexCodec, id: string): ComplexCodec | undefined;
}

/**
 * One place an element may stand: an element particle, a global element (at the root or as a
 * substitution group member), a SOAP array's item.
 */
export interface SlotPlan {
  readonly name: string;
  readonly ns: string;
  readonly type: TypeCodec;
  readonly nillable: boolean;
  /** The element may not appear under its own name (an abstract head): only through `members`. */
  readonly abstract: boolean;
  /**
   * Substitution group members that may stand in its place; undefined when there are none and
   * the element is not abstract (an abstract head without members gets `[]`).
   */
  readonly members: readonly ElementPlan[] | undefined;
  /** Lexical `fixed`/`default` values, kept only where the type has a simple value. */
  readonly fixed: string | undefined;
  readonly default: string | undefined;
  /** No members, fixed/default or abstract type: an element without attributes decodes directly. */
  readonly plain: boolean;
  readonly registry: Registry;
}

export interface ElementParticlePlan extends SlotPlan {
  readonly kind: 'element';
  readonly min: number;
  /** -1 for unbounded. */
  readonly max: number;
  /** max !== 1: the property is always an array. */
  readonly many: boolean;
  /** The particle may match no element at all. */
  readonly emptiable: boolean;
  /**
   * The same element as an earlier particle of the type (`a, b, a`): it decodes into that
   * particle's property and is never encoded, so the value is written once, at the first place.
   */
  readonly twin?: boolean;
}

export interface AnyParticlePlan {
  readonly kind: 'any';
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly many: true;
  readonly emptiable: boolean;
}

interface GroupPlanBase {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  /** max !== 1: the property `name` holds one object per occurrence. */
  readonly many: boolean;
  /** The particle may match no element at all (min 0, or one occurrence may be empty). */
  readonly emptiable: boolean;
  /** One occurrence may match no element. */
  readonly innerEmptiable: boolean;
  /** The property names of one occurrence (the parent's when not repeated), nested ones flattened. */
  readonly props: ReadonlySet<string>;
}

export interface ChoicePlan extends GroupPlanBase {
  readonly kind: 'choice';
  readonly options: readonly ParticlePlan[];
  /** `options` with xs:any options last: the order in which options are tried on a child. */
  readonly tryOrder: readonly ParticlePlan[];
}

export interface SequencePlan extends GroupPlanBase {
  readonly kind: 'sequence';
  readonly content: readonly ParticlePlan[];
}

export type ParticlePlan = ElementParticlePlan | AnyParticlePlan | ChoicePlan | SequencePlan;

export interface AttributePlan {
  /** Name on the wire. */
  readonly name: string;
  readonly ns: string;
  /** Property name in values (see `attributePropertyName`). */
  readonly property: string;
  readonly required: boolean;
  readonly type: SimpleCodec;
  /** Lexical fixed value, enforced on decode and encode. */
  readonly fixed: string | undefined;
}

/** A global element. */
export interface ElementPlan extends SlotPlan {
  readonly id: string;
}
