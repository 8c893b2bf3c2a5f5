import type { HelperDelegate, HelperOptions } from 'handlebars';
import { javaDocsExample } from './docs-example.js';
import type { LanguageAdapter, PlannedFile } from '../../generator/src/view/language.js';
import type { View } from '../../generator/src/view/view.js';
import {
  artifactOf,
  boxed,
  BUILTIN_TYPES,
  defaultJavaPackage,
  invalidJavaPackage,
  javaConstantName,
  javaString,
  javaMethodName,
  javaPropertyName,
  javaTypeName,
} from './naming.js';
import { javaEnumPlan, javaModelPlan, javaRootsImports, javaRootsPlan, javaSoapArrayPlan } from './plans.js';
import { javaServicePlan } from './service-plan.js';

/** The view a helper runs in (the render context's root). */
function viewOf(options: HelperOptions): View {
  return (options.data as { root: View }).root;
}

/** Text for Javadoc: HTML-escaped, tags and comment ends neutralised, non-ASCII as references. */
function javadocText(line: string): string {
  let out = '';
  for (const ch of line) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '&') out += '&amp;';
    else if (ch === '<') out += '&lt;';
    else if (ch === '>') out += '&gt;';
    else if (ch === '@') out += '&#64;';
    else if (ch === '\\') out += '&#92;';
    else if (ch === '/' && out.endsWith('*')) out += '&#47;';
    else if (code < 0x20 || code >= 0x7f) out += `&#${code};`;
    else out += ch;
  }
  return out;
}

/** A Javadoc block from documentation lines (nothing when there are none). */
const doc: HelperDelegate = (lines: unknown, indent: unknown) => {
  if (!Array.isArray(lines) || lines.length === 0) return '';
  const pad = typeof indent === 'string' ? indent : '';
  const text = (lines as string[]).map((line) => javadocText(line));
  if (text.length === 1) return `${pad}/** ${text[0]} */\n`;
  return `${pad}/**\n${text.map((line) => `${pad} *${line ? ` ${line}` : ''}`).join('\n')}\n${pad} */\n`;
};

/** Text for XML files (pom.xml). */
function xmlText(value: unknown): string {
  return String(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const helpers: Record<string, HelperDelegate> = {
  doc,
  /** A Java string literal (ASCII, escaped). */
  str: (value: unknown) => javaString(value),
  /** Its string arguments joined (an indentation one level deeper in partials). */
  concat: (...args: unknown[]) => args.slice(0, -1).map(String).join(''),
  /** Text escaped for XML content. */
  xml: (value: unknown) => xmlText(value),
  /** The Maven coordinates of `package.name` (`groupId:artifactId`). */
  mavenGroupId: (options: HelperOptions) => viewOf(options).package.name.split(':')[0] ?? '',
  mavenArtifactId: (options: HelperOptions) => viewOf(options).package.name.split(':')[1] ?? '',
  /** The Java package of the generated code (`view.package.namespace`). */
  javaPackage: (options: HelperOptions) => viewOf(options).package.namespace,
  /** The Maven coordinates of the runtime library (`view.runtime.name`, `groupId:artifactId`). */
  runtimeGroupId: (options: HelperOptions) => viewOf(options).runtime.name.split(':')[0] ?? '',
  runtimeArtifactId: (options: HelperOptions) => viewOf(options).runtime.name.split(':')[1] ?? '',
  /** What a model's template lays out: properties with their Java types, accessors and particles. */
  javaModel: (model: unknown, options: HelperOptions) => javaModelPlan(viewOf(options), model),
  /** A SOAP-encoded array type: its item type and codec. */
  javaSoapArray: (model: unknown, options: HelperOptions) => javaSoapArrayPlan(viewOf(options), model),
  /** An enumeration's constants and its codec. */
  javaEnum: (enumeration: unknown, options: HelperOptions) => javaEnumPlan(viewOf(options), enumeration),
  /** A service's class names and, per operation, parameters, request and result handling. */
  javaService: (service: unknown, options: HelperOptions) => javaServicePlan(viewOf(options), service),
  /** The `Roots` constant of the view's first root (for examples in docs). */
  firstRootConstant: (options: HelperOptions) => {
    const view = viewOf(options);
    const roots = javaRootsPlan(view);
    return (
      (roots.find((r) => r.id === view.roots.find((v) => v.key === view.firstRoot)?.id) ?? roots[0])?.constant ?? ''
    );
  },
  /** The `Roots` constants: one per global element and named type. */
  javaRoots: (options: HelperOptions) => javaRootsPlan(viewOf(options)),
  /** What `Roots.java` imports. */
  javaRootsImports: (options: HelperOptions) => javaRootsImports(viewOf(options)),
};

/** Where the sources of a view's package go. */
function sourceDir(view: View): string {
  return `${view.package.dir}/src/main/java/${view.package.namespace.split('.').join('/')}`;
}

export const java: LanguageAdapter = {
  name: 'java',
  features: [
    'derivation',
    'abstract',
    'choice',
    'nested-sequence',
    'all',
    'simple-content',
    'mixed',
    'list',
    'union',
    'default-fixed',
    'nillable',
    'any',
    'substitution-group',
    'rpc-literal',
    'rpc-encoded',
    'soap-array',
    'soap-header',
    'fault-detail',
    'one-way',
    'any-attribute',
  ],
  builtinTypes: BUILTIN_TYPES,
  xmlType: 'XmlElement',
  voidType: 'void',
  // The runtime library's value classes; the view lists the ones the models use.
  runtimeTypes: ['XmlElement', 'XsdDate', 'XsdDateTime', 'XsdDecimal', 'XsdTime'],
  runtimePackage: 'io.ecgrid:soap-runtime',
  namespaceOption: { flag: 'package', validate: invalidJavaPackage },
  typeName: javaTypeName,
  propertyName: javaPropertyName,
  enumMemberName: javaConstantName,
  methodName: javaMethodName,
  // Maven `io.ecgrid:<service>`; the Java package `io.ecgrid.<service>` unless `--package` names another.
  packageOf(serviceName, javaPackage) {
    const artifact = artifactOf(serviceName);
    return {
      name: `io.ecgrid:${artifact}`,
      dir: `${artifact}-java`,
      namespace: javaPackage ?? defaultJavaPackage(serviceName),
    };
  },
  fieldType({ base, array, nullable, optional }) {
    if (array) return `List<${boxed(base)}>`;
    return nullable || optional ? boxed(base) : base;
  },
  // Java has no inline union or object types: values of several types are Objects. The codec
  // does not support the constructs that produce them yet (see README.md); generation stops there.
  unionType(members) {
    const distinct = [...new Set(members)];
    return distinct.length === 1 && distinct[0] !== undefined ? distinct[0] : 'Object';
  },
  objectType: () => 'Object',
  // xs:anyAttribute's kept attributes by {namespace}local name (`getOtherAttributes()`).
  attributeMapType: 'Map<String, String>',
  plan(view: View): PlannedFile[] {
    const dir = view.package.dir;
    const src = sourceDir(view);
    const files: PlannedFile[] = [
      { template: 'pom.xml.hbs', path: `${dir}/pom.xml` },
      { template: 'README.md.hbs', path: `${dir}/README.md` },
      { template: 'LICENSE.hbs', path: `${dir}/LICENSE` },
    ];
    files.push({ template: 'Roots.java.hbs', path: `${src}/Roots.java` });
    for (const e of view.enums) files.push({ template: 'enum.java.hbs', path: `${src}/${e.name}.java`, item: e });
    for (const m of view.models) {
      files.push({
        template: m.alias !== undefined ? 'soap-array.java.hbs' : 'model.java.hbs',
        path: `${src}/${m.name}.java`,
        item: m,
      });
    }
    for (const s of view.services) {
      const className = javaTypeName(s.name);
      files.push({ template: 'service.java.hbs', path: `${src}/${className}.java`, item: s });
      files.push({ template: 'port-type.java.hbs', path: `${src}/${className}PortType.java`, item: s });
    }
    return files;
  },
  versionFile: { name: /^pom\.xml$/, pattern: /<artifactId>[^<]*<\/artifactId>\s*<version>([^<]+)<\/version>/ },
  helpers,
  docsExample: javaDocsExample,
};
