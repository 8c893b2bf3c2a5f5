import type { HelperDelegate } from 'handlebars';
import type { XsdBuiltinName } from '../model/builtins.js';
import type { Feature } from '../model/features.js';
import type { FieldView, OperationView, ServiceView, View } from './view.js';

/** One file to render: a template of the language folder and where its output goes. */
export interface PlannedFile {
  /** Template path relative to the language folder, e.g. `src/types.ts.hbs`. */
  readonly template: string;
  /** Output path relative to the output folder, `/`-separated. */
  readonly path: string;
  /**
   * For a template rendered once per item (one file per model, as Java needs): the item, which
   * the template reads as `@item` while the view stays its context.
   */
  readonly item?: unknown;
}

/**
 * What a target language contributes: naming rules, the builtin type map and the files to plan.
 * The generator core never names a language; it only calls these.
 */
export interface LanguageAdapter {
  readonly name: string;
  /**
   * The XML Schema and WSDL features this language's SDKs handle (`generator/src/model/features.ts`).
   * A WSDL that uses any other one is refused before rendering, with an `unsupported-feature` error
   * at the construct; the README's capability table lists these, one column per language.
   */
  readonly features: readonly Feature[];
  /** The builtin type map; exhaustive, so a missing XSD builtin is a compile error. */
  readonly builtinTypes: Readonly<Record<XsdBuiltinName, string>>;
  /**
   * The type of `$attributes`, the attributes an `xs:anyAttribute` keeps (name -> text); needed
   * when `features` lists `any-attribute`.
   */
  readonly attributeMapType?: string;
  /** The type that holds kept XML (`xs:any` content and `xs:anyType`). */
  readonly xmlType: string;
  /** What a call without a result resolves to (one-way operations, empty responses). */
  readonly voidType: string;
  /** Builtin type names that come from the runtime package, so the view can list what to import. */
  readonly runtimeTypes: readonly string[];
  typeName(schemaName: string): string;
  propertyName(schemaName: string): string;
  enumMemberName(value: string): string;
  methodName(operationName: string): string;
  /**
   * Suffixes of the other methods each operation's method brings along (TypeScript's node-soap
   * style `<method>Async`): an operation whose method would spell another's variant is numbered,
   * so operations `Get` and `GetAsync`, in that order, give `Get`, `GetAsync2` and their variants.
   */
  readonly methodVariants?: readonly string[];
  /**
   * Other type names the generated code declares for each client besides the client itself (C#:
   * its interface `I<Client>`, its settings and registration classes). A schema type of such a
   * name gives way, as it does to the client's own name.
   */
  clientCompanionNames?(className: string): readonly string[];
  /**
   * The package's name, its folder under the output folder and the namespace of its code (C#
   * namespace, Java package, Python module; the npm name for TypeScript). `namespace`, when
   * given, is the user's override (`namespaceOption`), already validated.
   */
  packageOf(
    serviceName: string,
    namespace?: string,
  ): { readonly name: string; readonly dir: string; readonly namespace?: string };
  /**
   * The runtime library a generated package depends on: its id in the language's registry (npm,
   * NuGet, Maven `group:artifact`, PyPI). All runtimes share one version, `@ecgrid/soap-runtime`'s.
   */
  readonly runtimePackage?: string;
  /**
   * The CLI option that overrides the namespace of the generated code (`--namespace` for C#,
   * `--package` for Java, `--module` for Python), and what makes a value valid: `validate`
   * returns a message for an invalid one.
   */
  readonly namespaceOption?: { readonly flag: string; validate(value: string): string | undefined };
  /** A value's type; `optional` is set only where no property can be marked optional (call results). */
  fieldType(field: {
    readonly base: string;
    readonly array: boolean;
    readonly nullable: boolean;
    readonly optional: boolean;
  }): string;
  /** The type of a value that is one of several (an xs:union; a repeated choice's occurrence). */
  unionType(members: readonly string[]): string;
  /** An inline object type with these fields (a repeated sequence's or choice option's occurrence). */
  objectType(fields: readonly { readonly name: string; readonly type: string; readonly optional: boolean }[]): string;
  /** The files to render for a view, in a fixed order. */
  plan(view: View): readonly PlannedFile[];
  /**
   * Type-checks rendered files with the language's own checker (used by `check` and tests);
   * returns problems as `file:line:col: message` lines. Optional, and loaded lazily by adapters.
   */
  typecheck?(files: ReadonlyMap<string, string>, outDir: string): Promise<string[]>;
  /**
   * Where a generated package records its version (a file name and the pattern whose first
   * group is the version), so regenerating keeps a version a release tool has bumped.
   */
  readonly versionFile?: { readonly name: RegExp; readonly pattern: RegExp };
  /** Handlebars helpers this language's templates use; registered in one place, documented in its README. */
  readonly helpers: Readonly<Record<string, HelperDelegate>>;
  /**
   * How the documentation pages (`--target docs`) show a call of one operation through this
   * language's SDK: the language's own template (in its folder) and the names it needs.
   */
  readonly docsExample?: DocsExample;
  /**
   * Templates of other language folders this one renders as partials (the docs pages render each
   * SDK language's `docsExample.template`), registered under `as`.
   */
  readonly includes?: readonly { readonly language: string; readonly template: string; readonly as: string }[];
}

/** A parameter value of a docs example, language-neutral: each language spells it. */
export type ExampleValue =
  /** An enumeration's member (the first one), by the enumeration's schema name and the member's value. */
  | { readonly kind: 'enum'; readonly enumName: string; readonly value: string }
  /** A builtin's example, by its XSD name and lexical form. */
  | { readonly kind: 'builtin'; readonly builtin: XsdBuiltinName; readonly text: string }
  /** No value the example can write (repeated or complex parameters): the language's null. */
  | { readonly kind: 'none' };

export interface ExampleArgument {
  /** The parameter's schema name. */
  readonly name: string;
  readonly optional: boolean;
  readonly value: ExampleValue;
}

/** What a language gets to write the docs example of one operation; the view's names are the schema's. */
export interface DocsExampleInput {
  readonly view: View;
  readonly service: ServiceView;
  readonly operation: OperationView;
  /** The service's address (SOAP 1.1 first), or a placeholder. */
  readonly endpoint: string;
  /** Every parameter, in schema order (attributes left out). */
  readonly arguments: readonly ExampleArgument[];
  /** The schema names of the enumerations the parameters use, in order of first use. */
  readonly enums: readonly string[];
  /** The response object's schema name and fields (its bases' first), when the call returns an object. */
  readonly result?: { readonly schemaName: string; readonly fields: readonly FieldView[]; readonly nullable: boolean };
}

export interface DocsExample {
  /** The heading the example is shown under (`C#`, `Node.js`) and the code fence's language. */
  readonly title: string;
  readonly fence: string;
  /** The template in the language's folder that lays the example out; it receives `data`'s result. */
  readonly template: string;
  /** `adapter` is the language's own adapter, for its naming rules. */
  data(input: DocsExampleInput, adapter: LanguageAdapter): Record<string, unknown>;
  /** The operation's method as the SDK declares it (`Task<KeyIDInfo> KeySetAsync(string? sessionID, ...)`). */
  signature(call: DocsCall, adapter: LanguageAdapter): string;
  /** The type a property (or parameter) of a field is declared with, absence included (`int?`, `Nillable<T>?`, `str | None`). */
  declaredType(field: FieldView): string;
  /** What a call raises, by the runtime library's names: a SOAP Fault (and what it carries), an HTTP error, the common base. */
  readonly errors: {
    readonly base: string;
    readonly fault: string;
    readonly faultMembers: string;
    readonly http: string;
    readonly others: readonly string[];
  };
}

/** One operation's call in an SDK language, its names and types spelled by that language's adapter. */
export interface DocsCall {
  /** The docs view (schema names), for a language helper that looks names up in a view. */
  readonly view: View;
  readonly operation: OperationView;
  readonly methodName: string;
  /** A wrapped operation's parameters: the input wrapper's fields as the language's view has them. */
  readonly parameters?: readonly FieldView[];
  /** The request type (an operation that is not wrapped takes it whole). */
  readonly inputType: string;
  readonly resultType: string;
}
