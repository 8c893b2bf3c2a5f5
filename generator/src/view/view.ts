import type { SchemaDescriptor, ServiceDescriptor } from '@ecgrid/soap-runtime';

/**
 * What templates see: names and type strings already made for one language, documentation
 * already split into lines. Templates only lay this out.
 */
export interface View {
  readonly language: string;
  /** The one-line notice every generated file starts with. */
  readonly header: string;
  /** The WSDL path, relative and `/`-separated. */
  readonly source: string;
  readonly targetNamespace: string;
  readonly package: PackageView;
  readonly runtime: { readonly name: string; readonly version: string };
  /** The adapter's run-time types (`runtimeTypes`) that the models use, sorted. */
  readonly runtimeImports: readonly string[];
  readonly documentation: readonly string[];
  readonly enums: readonly EnumView[];
  readonly models: readonly ModelView[];
  readonly roots: readonly RootView[];
  readonly services: readonly ServiceView[];
  /** Generated type names used by the operations of all services, sorted. */
  readonly referencedTypes: readonly string[];
  /** The adapter's run-time types used by the operations' inputs and results, sorted. */
  readonly clientRuntimeImports: readonly string[];
  /** For examples in docs: the first root's key, the first enumeration and its first member (empty when none). */
  readonly firstRoot: string;
  readonly firstEnum: string;
  readonly firstEnumMember: string;
  /**
   * The codec plan: every type's content (particles with occurrence, nillable, type reference,
   * groups, derivation, attributes) and every global element, as the runtimes read it. Templates
   * print it with the `json` helper; adapters read it as typed data.
   */
  readonly schema: SchemaDescriptor;
}

export interface PackageView {
  readonly name: string;
  readonly dir: string;
  /** The namespace of the generated code (C# namespace, Java package, Python module); the name where the language has none apart. */
  readonly namespace: string;
  readonly version: string;
  readonly description: string;
  /** The folder the docs target writes this WSDL's reference pages to, beside the package's (`--target docs`). */
  readonly docsDir: string;
}

export interface EnumView {
  readonly id: string;
  readonly name: string;
  readonly schemaName: string;
  readonly doc: readonly string[];
  readonly members: readonly { readonly name: string; readonly value: string; readonly doc: readonly string[] }[];
}

export interface ModelView {
  readonly id: string;
  readonly name: string;
  readonly schemaName: string;
  readonly anonymous: boolean;
  readonly doc: readonly string[];
  /** The model this one extends (complexContent extension); `fields` are then its own only. */
  readonly extends?: string;
  /** Set when the model is not an object but another type (a SOAP-encoded array: a list). */
  readonly alias?: string;
  readonly abstract: boolean;
  /** Types derive from it: its values may be of a derived type (`$type` says which). */
  readonly polymorphic: boolean;
  /**
   * Its value is one of several shapes: it has `choices`, or it extends a model that is union
   * shaped (then a language without union-typed bases spells the extension as an intersection).
   */
  readonly unionShaped: boolean;
  readonly fields: readonly FieldView[];
  /** Non-repeated choices: exactly one option's fields (at most one when optional). */
  readonly choices: readonly ChoiceView[];
}

export interface ChoiceView {
  readonly optional: boolean;
  readonly options: readonly {
    readonly fields: readonly FieldView[];
    /** The property names of the other options, absent when this one is chosen. */
    readonly excluded: readonly string[];
  }[];
  readonly names: readonly string[];
}

export interface FieldView {
  readonly name: string;
  /**
   * The same property as an earlier field of the model (an element declared twice in one
   * sequence): the earlier field holds the value; a language with one property per name skips this.
   */
  readonly repeats?: boolean;
  readonly xmlName: string;
  readonly type: string;
  readonly optional: boolean;
  readonly nullable: boolean;
  readonly array: boolean;
  readonly doc: readonly string[];
}

/** Something `decode`/`encode` take by name: a global element or a named type. */
export interface RootView {
  readonly key: string;
  readonly id: string;
  readonly kind: 'element' | 'type';
  /** The XML name it is written under: the element's, or the type's own name. */
  readonly ns: string;
  readonly name: string;
  readonly type: string;
}

export interface ServiceView {
  readonly name: string;
  readonly className: string;
  /** The name of the exported service descriptor constant. */
  readonly descriptorName: string;
  readonly doc: readonly string[];
  readonly endpoints: { readonly soap11?: string; readonly soap12?: string };
  readonly operations: readonly OperationView[];
  /** Generated type names the operations use, sorted: what a client file imports. */
  readonly referencedTypes: readonly string[];
  /** The operations' plan: SOAP action, input and output elements, wrapping, style, headers, faults; endpoints. */
  readonly descriptor: ServiceDescriptor;
}

export interface OperationView {
  readonly name: string;
  readonly methodName: string;
  readonly doc: readonly string[];
  readonly soapAction: string;
  readonly inputType: string;
  /** The fields of the input (the request wrapper's fields for wrapped operations). */
  readonly inputFields: readonly FieldView[];
  /** What the call resolves to: the result field's type for wrapped operations, else the response type. */
  readonly resultType: string;
  readonly oneWay: boolean;
  /** SOAP headers the request may carry: the header element's name and its value type. */
  readonly headers: readonly { readonly name: string; readonly type: string }[];
  /** Declared faults: their name and the type of their detail element. */
  readonly faults: readonly { readonly name: string; readonly type: string }[];
}
