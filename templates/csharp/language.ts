import type { HelperDelegate, HelperOptions } from 'handlebars';
import { csharpDocsExample } from './docs-example.js';
import type { LanguageAdapter, PlannedFile } from '../../generator/src/view/language.js';
import type { EnumView, ModelView, OperationView, ServiceView, View } from '../../generator/src/view/view.js';
import { BUILTIN_TYPES, unionTypeName } from './builtins.js';
import { identifierOf, invalidNamespace, memberName, stringLiteral, typeName, xmlDocText } from './names.js';
import {
  classModels,
  classPlan,
  codecUsesBigInteger,
  enumBaseCodec,
  fieldPlans,
  nestedClasses,
  operationPlan,
  operationsClassOf,
  rootPlans,
  soapArrays,
} from './plan.js';

/** The runtime library every generated package depends on by version (`packages/runtime-csharp`). */
export const RUNTIME_PACKAGE = 'ECGrid.Soap.Runtime';

const rootOf = (options: HelperOptions): View => options.data.root as View;

/** An XML doc comment: `<summary>` from documentation lines, or the fallback sentence. */
const doc: HelperDelegate = (lines: unknown, indent: unknown, fallback: unknown) => {
  const pad = typeof indent === 'string' ? indent : '';
  const text =
    Array.isArray(lines) && lines.length > 0
      ? (lines as string[]).map(xmlDocText)
      : typeof fallback === 'string' && fallback !== ''
        ? [fallback]
        : [];
  if (text.length === 0) return '';
  if (text.length === 1) return `${pad}/// <summary>${text[0]}</summary>\n`;
  return `${pad}/// <summary>\n${text.map((l) => `${pad}///${l ? ` ${l}` : ''}`).join('\n')}\n${pad}/// </summary>\n`;
};

const helpers: Record<string, HelperDelegate> = {
  doc,
  /** A C# string literal. */
  str: (value: unknown) => stringLiteral(String(value)),
  /** Text for a doc comment or XML text (escaped). */
  xml: (value: unknown) => xmlDocText(String(value)),
  /** The models that become classes (complex types; see `classModels`). */
  classModels: (options: HelperOptions) => classModels(rootOf(options)),
  /** How a model's class is declared (base class, abstract, sealed) and its codec built (derived types). */
  classPlan: (model: ModelView, options: HelperOptions) => classPlan(rootOf(options), model),
  /** Every class nested in a model's class (choices, options, repeated sequences' items), depth first, for their codecs. */
  nestedClasses: (model: ModelView, options: HelperOptions) => nestedClasses(rootOf(options), model),
  /** Whether XmlCodec.cs names BigInteger (and imports System.Numerics). */
  codecUsesBigInteger: (options: HelperOptions) => codecUsesBigInteger(rootOf(options)),
  /** The field plans of a model (member, type, codec builder and its arguments). */
  fields: (model: ModelView, options: HelperOptions) => fieldPlans(rootOf(options), model),
  /** The typed root accessors of `XmlRoots`. */
  roots: (options: HelperOptions) => rootPlans(rootOf(options)),
  /** SOAP-encoded array types (`soapenc:Array` restrictions): name, item codec and item type id. */
  soapArrays: (options: HelperOptions) => soapArrays(rootOf(options)),
  /** The call shape of an operation of a service. */
  operation: (service: ServiceView, op: OperationView, options: HelperOptions) =>
    operationPlan(rootOf(options), service, op),
  /** The class holding a service's operation descriptors. */
  operationsClass: (service: ServiceView) => operationsClassOf(service),
  /** `Task` or `Task<T>`. */
  task: (type: unknown) => (typeof type === 'string' && type !== '' ? `Task<${type}>` : 'Task'),
  /** Strings joined (Handlebars passes its options object last, which is left out). */
  concat: (...parts: unknown[]) => parts.slice(0, -1).map(String).join(''),
  /** True when two values are equal (for `{{#if (eq a b)}}`). */
  eq: (a: unknown, b: unknown) => a === b,
  /** The codec of the type an enumeration restricts. */
  enumBase: (e: EnumView, options: HelperOptions) => enumBaseCodec(rootOf(options), e),
  /** The fallback summary of a model without documentation. */
  modelSummary: (m: ModelView) =>
    m.anonymous
      ? `The content of the <c>${xmlDocText(m.schemaName)}</c> element.`
      : `The <c>${xmlDocText(m.schemaName)}</c> type of the schema.`,
  /** The fallback summary of an enumeration member without documentation. */
  valueSummary: (value: unknown) => `The value <c>${xmlDocText(String(value))}</c>.`,
};

/** `ECGridOS` -> `ECGridOS`; `ECGridOS_x0020_API_x0020_v4` -> `ECGridOS_API_v4`. */
function serviceIdentifier(serviceName: string): string {
  return identifierOf(serviceName).replace(/_+/g, '_').replace(/^_|_$/g, '') || 'Service';
}

export const csharp: LanguageAdapter = {
  name: 'csharp',
  features: [
    'derivation',
    'abstract',
    'choice',
    'nested-sequence',
    'all',
    'simple-content',
    'default-fixed',
    'nillable',
    'mixed',
    'list',
    'union',
    'any',
    'any-attribute',
    'substitution-group',
    'rpc-literal',
    'rpc-encoded',
    'soap-array',
    'soap-header',
    'fault-detail',
    'one-way',
  ],
  builtinTypes: BUILTIN_TYPES,
  xmlType: 'XmlElementNode',
  // xs:anyAttribute: the undeclared attributes by Clark name.
  attributeMapType: 'Dictionary<string, string>',
  voidType: 'void',
  runtimeTypes: ['XmlElementNode', 'XsdUnion', 'XsdDate', 'XsdDateTime', 'XsdDecimal', 'XsdDuration', 'XsdTime'],
  typeName,
  propertyName: memberName,
  enumMemberName: memberName,
  methodName: (name) => `${memberName(name)}Async`,
  // Client.cs.hbs declares the interface; the dependency-injection companion the other two.
  clientCompanionNames: (className) => [
    `I${className}`,
    `${className}Settings`,
    `${className}ServiceCollectionExtensions`,
  ],
  // The NuGet id and, unless `--namespace` says otherwise, the namespace: `ECGridOS.Client`, `ECGridOS_API_v4.Client`.
  packageOf(serviceName, namespace) {
    const id = serviceIdentifier(serviceName);
    const dir = `${id.toLowerCase().replace(/_/g, '-')}-csharp`;
    return { name: `${id}.Client`, dir, namespace: namespace ?? `${id}.Client` };
  },
  runtimePackage: RUNTIME_PACKAGE,
  namespaceOption: { flag: 'namespace', validate: invalidNamespace },
  // The value's type; absence (`optional`, set by the view for call results only) makes it nullable too.
  fieldType({ base, array, nullable, optional }) {
    const item = nullable ? `${base}?` : base;
    if (array) return `List<${item}>`;
    return optional && !nullable ? `${base}?` : item;
  },
  // An xs:union's values are the runtime's typed one-of (`XsdUnion<int, Keyword>`); C# has no anonymous object types.
  unionType: unionTypeName,
  objectType: () => 'object',
  plan(view: View): PlannedFile[] {
    const dir = view.package.dir;
    return [
      { template: 'project.csproj.hbs', path: `${dir}/${view.package.name}.csproj` },
      { template: 'README.md.hbs', path: `${dir}/README.md` },
      { template: 'LICENSE.hbs', path: `${dir}/LICENSE` },
      { template: 'Enums.cs.hbs', path: `${dir}/Enums.cs` },
      { template: 'Models.cs.hbs', path: `${dir}/Models.cs` },
      { template: 'XmlCodec.cs.hbs', path: `${dir}/XmlCodec.cs` },
      { template: 'Client.cs.hbs', path: `${dir}/Client.cs` },
      // The companion package (ServiceCollection registration), in a folder of its own that the SDK's project leaves out.
      {
        template: 'DependencyInjection.csproj.hbs',
        path: `${dir}/DependencyInjection/${view.package.name}.DependencyInjection.csproj`,
      },
      {
        template: 'ServiceCollectionExtensions.cs.hbs',
        path: `${dir}/DependencyInjection/ServiceCollectionExtensions.cs`,
      },
    ];
  },
  versionFile: { name: /\.csproj$/, pattern: /<Version>([^<]+)<\/Version>/ },
  helpers,
  docsExample: csharpDocsExample,
};

export { memberName };
