import type { HelperDelegate } from 'handlebars';
import type { XsdBuiltinName } from '../../generator/src/model/builtins.js';
import { decodeXmlName } from '../../generator/src/model/core.js';
import type { LanguageAdapter, PlannedFile } from '../../generator/src/view/language.js';
import type { EnumView, FieldView, ModelView, OperationView, ServiceView, View } from '../../generator/src/view/view.js';
import { CSHARP_NAMESPACE, csharp } from '../csharp/language.js';
import { java } from '../java/language.js';
import { javaPackageOf, javaTypeName } from '../java/naming.js';
import { python } from '../python/language.js';
import { typescript } from '../typescript/language.js';

/**
 * The documentation target: one Markdown page per operation in the shape of the ECGridOS
 * documentation pages (signature, parameters, response object, example XML, enumerations, code
 * examples in C#, Java, Node.js and Python), plus an index. Type names in the view are the
 * schema's own (builtins by their XSD name), so the code examples can ask each SDK's adapter for
 * the names it generates: the examples call the generated SDKs exactly as their READMEs show.
 */

const XSD_BUILTINS: readonly XsdBuiltinName[] = Object.keys(typescript.builtinTypes) as XsdBuiltinName[];
const BUILTINS = Object.fromEntries(XSD_BUILTINS.map((name) => [name, name])) as Record<XsdBuiltinName, string>;
const BUILTIN_SET = new Set<string>(XSD_BUILTINS);

/** How a builtin is shown in the tables (the pages write `datetime`). */
function shownType(type: string): string {
  const array = type.endsWith('[]');
  const base = array ? type.slice(0, -2) : type;
  const shown = base === 'dateTime' ? 'datetime' : base;
  return array ? `${shown}[]` : shown;
}

/** One Markdown table cell: documentation lines joined, pipes escaped. */
function cell(lines: readonly string[] | string | undefined): string {
  const text = Array.isArray(lines) ? lines.join(' ') : typeof lines === 'string' ? lines : '';
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
}

function baseOf(type: string): string {
  return type.endsWith('[]') ? type.slice(0, -2) : type;
}

function modelOf(view: View, type: string): ModelView | undefined {
  const base = baseOf(type);
  return view.models.find((m) => m.name === base);
}

function enumOf(view: View, type: string): EnumView | undefined {
  const base = baseOf(type);
  return view.enums.find((e) => e.name === base);
}

/** A model's fields with its bases' first, and the first option of each choice. */
function allFields(view: View, model: ModelView, depth = 0): FieldView[] {
  const base = model.extends !== undefined && depth < 16 ? modelOf(view, model.extends) : undefined;
  return [...(base ? allFields(view, base, depth + 1) : []), ...model.fields, ...model.choices.flatMap((c) => c.options[0]?.fields ?? [])];
}

/** The model a call resolves to (for the response table), if it is one. */
function resultModel(view: View, op: OperationView): ModelView | undefined {
  const model = modelOf(view, op.resultType);
  return model && model.alias === undefined ? model : undefined;
}

/** The enumerations an operation's parameters and response use, nested ones included, by name. */
function operationEnums(view: View, op: OperationView): EnumView[] {
  const found = new Map<string, EnumView>();
  const seen = new Set<string>();
  const visit = (type: string, depth: number) => {
    const e = enumOf(view, type);
    if (e) found.set(e.name, e);
    const model = modelOf(view, type);
    if (!model || seen.has(model.name) || depth > 4) return;
    seen.add(model.name);
    if (model.alias !== undefined) visit(model.alias, depth + 1);
    for (const f of allFields(view, model)) visit(f.type, depth + 1);
  };
  for (const f of op.inputFields) visit(f.type, 0);
  visit(op.resultType, 0);
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name));
}

// ---------------------------------------------------------------- example XML

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A readable example value of a builtin (the pages show realistic values, not edge cases). */
function builtinExample(builtin: string, n: number): string {
  switch (builtin) {
    case 'boolean':
      return 'true';
    case 'dateTime':
      return '2026-05-07T10:00:00';
    case 'date':
      return '2026-05-07';
    case 'time':
      return '10:00:00';
    case 'duration':
      return 'P1D';
    case 'decimal':
      return `${n}.50`;
    case 'float':
    case 'double':
      return `${n}.5`;
    case 'base64Binary':
      return 'ZXhhbXBsZQ==';
    case 'hexBinary':
      return '6578616D706C65';
    case 'anyURI':
      return 'https://example.com/';
    case 'long':
    case 'integer':
    case 'nonNegativeInteger':
    case 'positiveInteger':
    case 'unsignedLong':
      return String(100000 + n);
    case 'int':
    case 'unsignedInt':
      return String(1000 + n);
    case 'short':
    case 'unsignedShort':
    case 'byte':
    case 'unsignedByte':
      return String(n);
    case 'negativeInteger':
    case 'nonPositiveInteger':
      return `-${n}`;
    case 'gYear':
      return '2026';
    case 'gYearMonth':
      return '2026-05';
    case 'gMonth':
      return '--05';
    case 'gMonthDay':
      return '--05-07';
    case 'gDay':
      return '---07';
    case 'language':
      return 'en';
    default:
      return 'string';
  }
}

/** The example XML of a value of `type` under the element `name`, unqualified, indented by two spaces. */
function exampleXml(view: View, name: string, type: string): string {
  const lines: string[] = [];
  let counter = 0;
  const write = (element: string, t: string, indent: string, depth: number, trail: ReadonlySet<string>) => {
    const base = baseOf(t);
    const e = enumOf(view, base);
    if (e) {
      lines.push(`${indent}<${element}>${escapeXml(e.members[0]?.value ?? '')}</${element}>`);
      return;
    }
    if (BUILTIN_SET.has(base)) {
      if (base === 'anyType') {
        lines.push(`${indent}<${element} />`);
        return;
      }
      lines.push(`${indent}<${element}>${escapeXml(builtinExample(base, ++counter))}</${element}>`);
      return;
    }
    const model = modelOf(view, base);
    if (!model || model.alias !== undefined || depth > 3 || trail.has(model.name)) {
      lines.push(`${indent}<${element} />`);
      return;
    }
    const fields = allFields(view, model).filter((f) => depth < 2 || !f.optional);
    if (fields.length === 0) {
      lines.push(`${indent}<${element} />`);
      return;
    }
    lines.push(`${indent}<${element}>`);
    const next = new Set(trail).add(model.name);
    for (const f of fields) {
      if (f.xmlName.startsWith('@')) continue;
      write(f.xmlName, f.type, `${indent}  `, depth + 1, next);
    }
    lines.push(`${indent}</${element}>`);
  };
  write(name, type, '', 0, new Set());
  return lines.join('\n');
}

// ---------------------------------------------------------------- code examples

interface Argument {
  /** The schema name of the parameter. */
  readonly name: string;
  readonly optional: boolean;
  /** The value in each language, or undefined when the example cannot write one. */
  readonly csharp: string;
  readonly java: string;
  readonly python: string;
  readonly typescript: string;
}

const stringLiteral = (text: string) => JSON.stringify(text);

/** The example value of one parameter in each SDK, from the XSD builtin or enumeration it has. */
function argumentOf(view: View, field: FieldView): Argument {
  const base = baseOf(field.type);
  const common = { name: field.xmlName, optional: field.optional };
  if (field.array) return { ...common, csharp: 'null', java: 'null', python: 'None', typescript: 'undefined' };
  const e = enumOf(view, base);
  if (e) {
    const value = e.members[0]?.value ?? '';
    return {
      ...common,
      csharp: `${csharp.typeName(e.schemaName)}.${csharp.enumMemberName(value)}`,
      java: `${java.typeName(e.schemaName)}.${java.enumMemberName(value)}`,
      python: `${python.typeName(e.schemaName)}.${python.enumMemberName(value)}`,
      typescript: `${typescript.typeName(e.schemaName)}.${typescript.enumMemberName(value)}`,
    };
  }
  if (!BUILTIN_SET.has(base)) return { ...common, csharp: 'null', java: 'null', python: 'None', typescript: 'undefined' };
  const builtin = base as XsdBuiltinName;
  const text = /session/i.test(field.xmlName) ? 'your-session-id' : builtinExample(builtin, 1);
  const number = (language: 'csharp' | 'java' | 'python' | 'typescript'): string | undefined => {
    const type = { csharp, java, python, typescript }[language].builtinTypes[builtin];
    switch (type) {
      case 'int':
      case 'number':
      case 'uint':
      case 'ushort':
        return '1';
      case 'short':
        return language === 'java' ? '(short) 1' : '1';
      case 'byte':
      case 'sbyte':
        return language === 'java' ? '(byte) 1' : '1';
      case 'long':
        return language === 'java' || language === 'csharp' ? '1L' : '1';
      case 'ulong':
        return '1UL';
      case 'bigint':
        return '1n';
      case 'double':
      case 'float':
        return language === 'java' && type === 'float' ? '1.5f' : language === 'csharp' && type === 'float' ? '1.5f' : '1.5';
      case 'bool':
      case 'boolean':
        return language === 'python' ? 'True' : 'true';
      default:
        return undefined;
    }
  };
  const value = (language: 'csharp' | 'java' | 'python' | 'typescript'): string => {
    const known = number(language);
    if (known !== undefined) return known;
    const type = { csharp, java, python, typescript }[language].builtinTypes[builtin];
    if (/^Xsd[A-Z]\w*$/.test(type)) {
      // Lexical value types: plain strings in TypeScript and Python, parsed in C# and Java.
      if (language === 'csharp') return `${type}.Parse(${stringLiteral(text)})`;
      if (language === 'java') return `${type}.parse(${stringLiteral(text)})`;
      return stringLiteral(text);
    }
    if (type === 'byte[]') return language === 'csharp' ? `System.Text.Encoding.UTF8.GetBytes("example")` : `"example".getBytes(java.nio.charset.StandardCharsets.UTF_8)`;
    if (type === 'bytes') return `b"example"`;
    if (type === 'Uint8Array') return `new TextEncoder().encode('example')`;
    if (type === 'String' || type === 'string' || type === 'str') return stringLiteral(text);
    return language === 'python' ? 'None' : language === 'typescript' ? 'undefined' : 'null';
  };
  return { ...common, csharp: value('csharp'), java: value('java'), python: value('python'), typescript: value('typescript').replace(/^"(.*)"$/, "'$1'") };
}

interface Examples {
  readonly endpoint: string;
  readonly csharp: { readonly dir: string; readonly namespace: string; readonly client: string; readonly method: string; readonly args: string; readonly prints: readonly string[] };
  readonly java: { readonly dir: string; readonly pkg: string; readonly service: string; readonly port: string; readonly getter: string; readonly method: string; readonly args: string };
  readonly node: { readonly pkg: string; readonly client: string; readonly method: string; readonly imports: string; readonly request: readonly string[] };
  readonly python: { readonly dir: string; readonly module: string; readonly client: string; readonly method: string; readonly imports: string; readonly kwargs: readonly string[] };
}

/** What each SDK's example of an operation needs: its names and the arguments, in schema order. */
function examplesOf(view: View, service: ServiceView, op: OperationView): Examples {
  const args = op.inputFields.filter((f) => !f.xmlName.startsWith('@')).map((f) => argumentOf(view, f));
  const enums = [...new Set(op.inputFields.map((f) => enumOf(view, f.type)).filter((e): e is EnumView => e !== undefined))];
  const javaService = javaTypeName(service.name);
  const tsClient = typescript.typeName(`${service.name}Client`);
  const pyClient = python.typeName(service.name);
  return {
    endpoint: service.endpoints.soap11 ?? service.endpoints.soap12 ?? 'https://example.com/service.asmx',
    csharp: {
      dir: csharp.packageOf(service.name).dir,
      namespace: CSHARP_NAMESPACE,
      client: csharp.typeName(`${service.name}Client`),
      method: csharp.methodName(op.name),
      args: args.map((a) => a.csharp).join(', '),
      prints: csharpPrints(view, op),
    },
    java: {
      dir: java.packageOf(service.name).dir,
      pkg: javaPackageOf(view.targetNamespace),
      service: javaService,
      port: `${javaService}PortType`,
      getter: `get${javaService}Port`,
      method: java.methodName(op.name),
      args: args.map((a) => a.java).join(', '),
    },
    node: {
      pkg: typescript.packageOf(service.name).name,
      client: tsClient,
      method: typescript.methodName(op.name),
      imports: [tsClient, ...enums.map((e) => typescript.typeName(e.schemaName))].join(', '),
      request: args.filter((a) => a.typescript !== 'undefined').map((a) => `${typescript.propertyName(a.name)}: ${a.typescript},`),
    },
    python: {
      dir: python.packageOf(service.name).dir,
      module: python.packageOf(service.name).name,
      client: pyClient,
      method: python.methodName(op.name),
      imports: [pyClient, ...enums.map((e) => python.typeName(e.schemaName))].join(', '),
      kwargs: args.filter((a) => !(a.optional && a.python === 'None')).map((a) => `${python.propertyName(a.name)}=${a.python},`),
    },
  };
}

/**
 * C# objects do not print their fields, so the C# example prints the response object's fields
 * one per line, as the documentation page does (at most six; a member named like its class is left out).
 */
function csharpPrints(view: View, op: OperationView): string[] {
  const model = op.oneWay ? undefined : resultModel(view, op);
  if (!model) return op.oneWay ? [] : ['Console.WriteLine(result);'];
  const className = csharp.typeName(model.schemaName);
  // The result of a wrapped call is nullable when the response element's child is optional or nillable.
  const wrapper = view.models.find((m) => m.name === `${op.name}Response`);
  const single = wrapper?.fields.length === 1 ? wrapper.fields[0] : undefined;
  const access = single === undefined || single.optional || single.nullable ? 'result?.' : 'result.';
  const lines = allFields(view, model)
    .filter((f) => !f.xmlName.startsWith('@'))
    .map((f) => ({ label: f.xmlName, member: csharp.propertyName(f.xmlName) }))
    .filter((f) => f.member !== className && /^[A-Za-z_]\w*$/.test(f.member))
    .slice(0, 6)
    .map((f) => `Console.WriteLine($"${f.label}: {${access}${f.member}}");`);
  return lines.length ? lines : ['Console.WriteLine(result);'];
}

/** The service and operation a per-operation page is about. */
interface PageItem {
  readonly service: ServiceView;
  readonly operation: OperationView;
}

function pagesOf(view: View): PageItem[] {
  return view.services.flatMap((service) => service.operations.map((operation) => ({ service, operation })));
}

/** A page's file name: the operation's name, made safe for any file system. */
function pageName(op: { readonly name: string }): string {
  return `${decodeXmlName(op.name).replace(/[^A-Za-z0-9_.-]/g, '_')}.md`;
}

const helpers: Record<string, HelperDelegate> = {
  shownType: (type: string) => shownType(type),
  cell: (lines: readonly string[] | string | undefined) => cell(lines),
  yesNo: (optional: boolean) => (optional ? 'No' : 'Yes'),
  pageName: (op: { name: string }) => pageName(op),
  /** `KeyIDInfo KeySet(string SessionID, int UserID, KeyVisibility Visibility)`. */
  signature: (op: OperationView) =>
    `${op.oneWay ? 'void' : shownType(op.resultType)} ${op.name}(${op.inputFields.map((f) => `${shownType(f.type)} ${f.xmlName}`).join(', ')})`,
  resultModel: (op: OperationView, options: { data: { root: View } }) => resultModel(options.data.root, op),
  resultFields: (op: OperationView, options: { data: { root: View } }) => {
    const model = resultModel(options.data.root, op);
    return model ? allFields(options.data.root, model) : [];
  },
  exampleXml: (op: OperationView, options: { data: { root: View } }) => {
    const model = resultModel(options.data.root, op);
    return exampleXml(options.data.root, model ? model.schemaName : `${op.name}Result`, op.resultType);
  },
  operationEnums: (op: OperationView, options: { data: { root: View } }) => operationEnums(options.data.root, op),
  examples: (service: ServiceView, op: OperationView, options: { data: { root: View } }) => examplesOf(options.data.root, service, op),
};

/** Documentation pages; not an SDK, so not generated by a plain `generate` (see README "Docs"). */
export const docs: LanguageAdapter = {
  name: 'docs',
  builtinTypes: BUILTINS,
  xmlType: 'anyType',
  voidType: 'void',
  runtimeTypes: [],
  typeName: (name) => name,
  propertyName: (name) => name,
  enumMemberName: (value) => value,
  methodName: (name) => name,
  packageOf(serviceName) {
    const dir = `${typescript.packageOf(serviceName).dir}-docs`;
    return { name: dir, dir };
  },
  fieldType: ({ base, array }) => (array ? `${base}[]` : base),
  unionType: (members) => members.join(' | '),
  objectType: (fields) => `{ ${fields.map((f) => `${f.name}${f.optional ? '?' : ''}: ${f.type}`).join('; ')} }`,
  plan(view: View): PlannedFile[] {
    const dir = view.package.dir;
    return [
      { template: 'README.md.hbs', path: `${dir}/README.md` },
      ...pagesOf(view)
        .sort((a, b) => (a.operation.name < b.operation.name ? -1 : a.operation.name > b.operation.name ? 1 : 0))
        .map((item) => ({ template: 'operation.md.hbs', path: `${dir}/operations/${pageName(item.operation)}`, item })),
    ];
  },
  helpers,
};
