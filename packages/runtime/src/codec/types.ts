/**
 * The compiled form of a schema: one codec object per type with its closures, and particles that
 * point at codec objects directly, so the hot path never looks a type up by its id.
 */

import type { JsonValue } from '../builtins.js';
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
  /** The prefix used for `xsi:nil`. */
  readonly xsiPrefix: string;
  /** True when the enclosing context already declares `xsiPrefix`. */
  readonly xsiDeclared: boolean;
  /** Set when an `xsi:nil` was written, so the fragment root declares the prefix. */
  xsiUsed: boolean;
  /** Prefix bindings of the enclosing context (for writing xs:any content). */
  readonly declarations: Readonly<Record<string, string>>;
}

/** What every compiled type can do. */
interface CodecBase {
  readonly id: string;
  /** The schema name, used to start error paths and in messages. */
  readonly name: string;
  /** Decodes an element's attributes and content as this type. */
  decode(node: XmlElement, ctx: DecodeContext): unknown;
  /**
   * Writes a whole element named `local` in `ns` holding `value`. `parentDefault` is the default
   * namespace in effect where it is written; `depth` its indentation level.
   */
  encode(value: unknown, local: string, ns: string, st: EncodeState, parentDefault: string, depth: number): string;
  toJson(value: unknown): JsonValue;
  fromJson(json: unknown): unknown;
}

export interface SimpleCodec extends CodecBase {
  readonly kind: 'simple';
  /** Lexical form -> value (whitespace facet, validation, enumeration). */
  parseValue(lexical: string, offset?: number): unknown;
  /** Value -> lexical form, validated. */
  formatValue(value: unknown): string;
}

export interface ComplexCodec extends CodecBase {
  readonly kind: 'complex';
  /** Filled in after every type has a codec object (types may refer to each other). */
  readonly particles: ParticlePlan[];
  readonly attributes: AttributePlan[];
}

export interface AnyTypeCodec extends CodecBase {
  readonly kind: 'anyType';
}

export type TypeCodec = SimpleCodec | ComplexCodec | AnyTypeCodec;

export interface ElementParticlePlan {
  readonly kind: 'element';
  readonly name: string;
  readonly ns: string;
  readonly min: number;
  /** -1 for unbounded. */
  readonly max: number;
  /** max !== 1: the property is always an array. */
  readonly many: boolean;
  readonly nillable: boolean;
  readonly type: TypeCodec;
}

export interface AnyParticlePlan {
  readonly kind: 'any';
  readonly name: string;
  readonly min: number;
  readonly max: number;
}

export type ParticlePlan = ElementParticlePlan | AnyParticlePlan;

export interface AttributePlan {
  /** Name on the wire. */
  readonly name: string;
  readonly ns: string;
  /** Property name in values (see `attributePropertyName`). */
  readonly property: string;
  readonly required: boolean;
  readonly type: SimpleCodec;
}

/** A global element. */
export interface ElementPlan {
  readonly id: string;
  readonly name: string;
  readonly ns: string;
  readonly nillable: boolean;
  readonly type: TypeCodec;
}
