import { FEATURE_NAMES } from '../../generator/src/model/features.js';
import type { HelperDelegate } from 'handlebars';
import type { XsdBuiltinName } from '../../generator/src/model/builtins.js';
import { decodeXmlName } from '../../generator/src/model/core.js';
import { packageStem } from '../../generator/src/view/package-stem.js';
import type {
  DocsExample,
  DocsExampleInput,
  ExampleValue,
  LanguageAdapter,
  PlannedFile,
} from '../../generator/src/view/language.js';
import type {
  EnumView,
  FieldView,
  ModelView,
  OperationView,
  ServiceView,
  View,
} from '../../generator/src/view/view.js';
import { XSD_BUILTIN_NAMES, isXsdBuiltinName } from '../../generator/src/model/builtins.js';
import { docsVoid, sdkCall, sdkField } from './sdk-types.js';

/**
 * The documentation target: one MDX page per operation for a Docusaurus site, in the shape of the
 * ECGridOS documentation pages (signature, parameters, response object, example XML,
 * enumerations, errors and faults, code examples in C#, Java, Node.js and Python), an index and a
 * sidebar file. Type names in the view are the schema's own (builtins by their XSD name); the
 * signatures, tables and examples ask each SDK's adapter for the names and types it generates,
 * and show them in one tab per SDK language.
 */

const BUILTINS = Object.fromEntries(XSD_BUILTIN_NAMES.map((name) => [name, name])) as Record<XsdBuiltinName, string>;

const REFERENCES: Readonly<Record<string, string>> = { '<': '&lt;', '>': '&gt;', '{': '&#123;', '}': '&#125;' };

/**
 * Documentation text as MDX prose on one line: lines joined, and what MDX would read as JSX or an
 * expression (`<`, `{`) written as character references. (A backslash escape is not enough: a
 * GFM autolink takes the backslash of `https://host\\</a>` into its URL and the `<` opens a tag.)
 * The ECGridOS WSDLs' documentation holds HTML (`<br />`, `<a href=... target=_blank>`), which
 * is shown as text.
 */
function prose(lines: readonly string[] | string | undefined): string {
  const text = Array.isArray(lines) ? lines.join(' ') : typeof lines === 'string' ? lines : '';
  return text
    .replace(/[<>{}]/g, (c) => REFERENCES[c] ?? c)
    .replace(/\s+/g, ' ')
    .trim();
}

/** One Markdown table cell: MDX prose, pipes escaped. */
function cell(lines: readonly string[] | string | undefined): string {
  return prose(lines).replace(/\|/g, '\\|');
}

/** A type in a table cell: inline code (literal in MDX), its pipes escaped as GFM tables need. */
function codeCell(type: string): string {
  return `\`${type.replace(/\|/g, '\\|')}\``;
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
  return [
    ...(base ? allFields(view, base, depth + 1) : []),
    ...model.fields,
    ...model.choices.flatMap((c) => c.options[0]?.fields ?? []),
  ];
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
    if (isXsdBuiltinName(base)) {
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

/** The language-neutral example value of one parameter, from the XSD builtin or enumeration it has. */
function exampleValue(view: View, field: FieldView): ExampleValue {
  if (field.array) return { kind: 'none' };
  const base = baseOf(field.type);
  const e = enumOf(view, base);
  if (e) return { kind: 'enum', enumName: e.schemaName, value: e.members[0]?.value ?? '' };
  if (!isXsdBuiltinName(base)) return { kind: 'none' };
  return {
    kind: 'builtin',
    builtin: base,
    text: /session/i.test(field.xmlName) ? 'your-session-id' : builtinExample(base, 1),
  };
}

/** What every language's example of an operation starts from (`DocsExampleInput`). */
function exampleInput(view: View, service: ServiceView, op: OperationView): DocsExampleInput {
  const model = op.oneWay ? undefined : resultModel(view, op);
  // The result of a wrapped call is nullable when the response element's child is optional or nillable.
  const wrapper = view.models.find((m) => m.name === `${op.name}Response`);
  const single = wrapper?.fields.length === 1 ? wrapper.fields[0] : undefined;
  return {
    view,
    service,
    operation: op,
    endpoint: service.endpoints.soap11 ?? service.endpoints.soap12 ?? 'https://example.com/service.asmx',
    arguments: op.inputFields
      .filter((f) => !f.xmlName.startsWith('@'))
      .map((f) => ({ name: f.xmlName, optional: f.optional, value: exampleValue(view, f) })),
    enums: [
      ...new Set(
        op.inputFields.map((f) => enumOf(view, f.type)?.schemaName).filter((e): e is string => e !== undefined),
      ),
    ],
    ...(model
      ? {
          result: {
            schemaName: model.schemaName,
            fields: allFields(view, model),
            nullable: single === undefined || single.optional || single.nullable,
          },
        }
      : {}),
  };
}

/** The service and operation a per-operation page is about. */
interface PageItem {
  readonly service: ServiceView;
  readonly operation: OperationView;
}

function pagesOf(view: View): PageItem[] {
  return view.services
    .flatMap((service) => service.operations.map((operation) => ({ service, operation })))
    .sort((a, b) => (a.operation.name < b.operation.name ? -1 : a.operation.name > b.operation.name ? 1 : 0));
}

/** A page's file stem: the operation's name, made safe for any file system (and a Docusaurus doc id). */
function pageStem(op: { readonly name: string }): string {
  return decodeXmlName(op.name).replace(/[^A-Za-z0-9_.-]/g, '_');
}

/** The sidebar file's object: the index, then every operation's page, by name. */
function sidebar(view: View): Record<string, unknown> {
  return {
    [view.package.dir]: [
      'README',
      {
        type: 'category',
        label: 'Operations',
        collapsed: false,
        items: pagesOf(view).map((p) => `operations/${pageStem(p.operation)}`),
      },
    ],
  };
}

const helpers: Record<string, HelperDelegate> = {
  prose: (lines: readonly string[] | string | undefined) => prose(lines),
  cell: (lines: readonly string[] | string | undefined) => cell(lines),
  /** A YAML scalar for front matter, of the texts given joined: a JSON string is a YAML double-quoted one. */
  yaml: (...args: unknown[]) =>
    JSON.stringify(
      args
        .slice(0, -1)
        .map((a) => (Array.isArray(a) ? a.join(' ') : String(a)))
        .join('')
        .replace(/\s+/g, ' ')
        .trim(),
    ),
  yesNo: (optional: boolean) => (optional ? 'No' : 'Yes'),
  pageStem: (op: { name: string }) => pageStem(op),
  resultModel: (op: OperationView, options: { data: { root: View } }) => resultModel(options.data.root, op),
  exampleXml: (op: OperationView, options: { data: { root: View } }) => {
    const model = resultModel(options.data.root, op);
    return exampleXml(options.data.root, model ? model.schemaName : `${op.name}Result`, op.resultType);
  },
  operationEnums: (op: OperationView, options: { data: { root: View } }) => operationEnums(options.data.root, op),
  sidebar: (options: { data: { root: View } }) => JSON.stringify(sidebar(options.data.root), null, 2),
};

/** The partial name under which the docs pages render a language's example template. */
const examplePartial = (language: LanguageAdapter) => `example-${language.name}`;

type WithExample = LanguageAdapter & { docsExample: DocsExample };

/**
 * What one SDK language's tab shows of an operation: the method as the SDK declares it, the
 * parameters and the response object's fields with the SDK's types, the errors a call raises
 * (by the runtime library's names), and the code example's partial and data.
 */
function sdkTab(view: View, service: ServiceView, op: OperationView, language: WithExample) {
  const example = language.docsExample;
  const call = sdkCall(view, service, op, language);
  const model = op.oneWay ? undefined : resultModel(view, op);
  const row = (field: FieldView) => ({
    name: field.xmlName,
    type: codeCell(example.declaredType(sdkField(view, field, language))),
    optional: field.optional,
    doc: field.doc,
  });
  return {
    value: language.name,
    label: example.title,
    fence: example.fence,
    signature: example.signature(call, language),
    parameters: op.inputFields.filter((f) => !f.xmlName.startsWith('@')).map(row),
    fields: model ? allFields(view, model).map(row) : [],
    result: codeCell(call.resultType),
    // Per enumeration of `operationEnums`, in its order: each member as the SDK names it (numbered where two fold to one name, as the view does).
    enums: operationEnums(view, op).map((e) => {
      const used = new Set<string>();
      return e.members.map((m) => {
        const base = language.enumMemberName(m.value);
        let name = base;
        for (let i = 2; used.has(name); i++) name = `${base}${i}`;
        used.add(name);
        return { value: m.value, member: codeCell(`${language.typeName(e.schemaName)}.${name}`), doc: m.doc };
      });
    }),
    errors: {
      ...example.errors,
      fault: codeCell(example.errors.fault),
      http: codeCell(example.errors.http),
      base: codeCell(example.errors.base),
      others: example.errors.others.map(codeCell).join(', '),
    },
    partial: examplePartial(language),
    data: example.data(exampleInput(view, service, op), language),
  };
}

/**
 * Documentation pages; not an SDK, so not generated by a plain `generate` (see README "Docs").
 * The signatures, types and code examples come from the SDK languages given: each one's
 * `docsExample` (its own template, names and layout of a method), in the order of their titles.
 */
export function createDocsAdapter(languages: readonly LanguageAdapter[]): LanguageAdapter {
  const withExamples = languages
    .filter((l): l is WithExample => l.docsExample !== undefined)
    .sort((a, b) =>
      a.docsExample.title < b.docsExample.title ? -1 : a.docsExample.title > b.docsExample.title ? 1 : 0,
    );
  return {
    ...docsBase,
    helpers: {
      ...helpers,
      /** Per SDK language, one tab's content (`sdkTab`). */
      sdks: (service: ServiceView, op: OperationView, options: { data: { root: View } }) =>
        withExamples.map((l) => sdkTab(options.data.root, service, op, l)),
    },
    includes: withExamples.map((l) => ({ language: l.name, template: l.docsExample.template, as: examplePartial(l) })),
  };
}

const docsBase: Omit<LanguageAdapter, 'helpers'> = {
  name: 'docs',
  // Pages describe whatever the WSDL uses: every feature the core knows.
  features: FEATURE_NAMES,
  attributeMapType: 'anyAttribute',
  builtinTypes: BUILTINS,
  xmlType: 'anyType',
  voidType: docsVoid,
  runtimeTypes: [],
  typeName: (name) => name,
  propertyName: (name) => name,
  enumMemberName: (value) => value,
  methodName: (name) => name,
  packageOf(serviceName) {
    const dir = `${packageStem(serviceName)}-docs`;
    return { name: dir, dir };
  },
  // The schema's names in a small grammar (`sdk-types.ts` reads it back): an array of a union or
  // an intersection is parenthesised, so every type string has one reading.
  fieldType: ({ base, array }) => (array ? (/[|&]/.test(base) ? `(${base})[]` : `${base}[]`) : base),
  unionType: (members) => members.join(' | '),
  objectType: (fields) => `{ ${fields.map((f) => `${f.name}${f.optional ? '?' : ''}: ${f.type}`).join('; ')} }`,
  plan(view: View): PlannedFile[] {
    const dir = view.package.dir;
    return [
      { template: 'README.md.hbs', path: `${dir}/README.md` },
      { template: 'sidebars.js.hbs', path: `${dir}/sidebars.js` },
      ...pagesOf(view).map((item) => ({
        template: 'operation.mdx.hbs',
        path: `${dir}/operations/${pageStem(item.operation)}.mdx`,
        item,
      })),
    ];
  },
};
