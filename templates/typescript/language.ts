import { FEATURE_NAMES } from '../../generator/src/model/features.js';
import type { HelperDelegate } from 'handlebars';
import { typescriptDocsExample } from './docs-example.js';
import type { LanguageAdapter, PlannedFile } from '../../generator/src/view/language.js';
import type { XsdBuiltinName } from '../../generator/src/model/builtins.js';
import { decodeXmlName } from '../../generator/src/model/core.js';
import type { View } from '../../generator/src/view/view.js';
import { packageStem } from '../../generator/src/view/package-stem.js';

/** Words that cannot name a type or a binding in TypeScript, plus globals a type must not shadow. */
const RESERVED = new Set([
  'break',
  'case',
  'catch',
  'class',
  'const',
  'continue',
  'debugger',
  'default',
  'delete',
  'do',
  'else',
  'enum',
  'export',
  'extends',
  'false',
  'finally',
  'for',
  'function',
  'if',
  'import',
  'in',
  'instanceof',
  'new',
  'null',
  'return',
  'super',
  'switch',
  'this',
  'throw',
  'true',
  'try',
  'typeof',
  'var',
  'void',
  'while',
  'with',
  'as',
  'implements',
  'interface',
  'let',
  'package',
  'private',
  'protected',
  'public',
  'static',
  'yield',
  'any',
  'boolean',
  'number',
  'string',
  'symbol',
  'bigint',
  'object',
  'never',
  'unknown',
  'undefined',
  'type',
  'await',
  'async',
  // Globals and names the generated files use themselves.
  'Array',
  'Boolean',
  'Date',
  'Error',
  'Function',
  'Map',
  'Number',
  'Object',
  'Promise',
  'Record',
  'RegExp',
  'Set',
  'String',
  'Symbol',
  'Uint8Array',
  'XmlElement',
  'TypeMap',
  'RootKey',
  'schema',
]);

/**
 * Names the generated files declare or import beside the schema's types (client, codec, index
 * and the runtime's exports they use): a schema type of the same name gets a `_`.
 */
const SDK_NAMES = new Set([
  'CallOptions',
  'ClientOptions',
  'SoapClient',
  'AsyncResult',
  'createSoapClient',
  'SchemaDescriptor',
  'ServiceDescriptor',
  'DecodeOptions',
  'EncodeOptions',
  'decode',
  'encode',
  'decodeElement',
  'decodeType',
  'encodeElement',
  'encodeType',
  'parseXml',
  'Root',
  'ROOTS',
  'RootName',
  'rootOf',
  'XsdDate',
  'XsdDateTime',
  'XsdDecimal',
  'XsdDuration',
  'XsdTime',
  'AbortError',
  'ClientUsageError',
  'DecodeError',
  'EncodeError',
  'EnvelopeError',
  'HttpError',
  'ResponseFormatError',
  'SoapFaultError',
  'SoapRuntimeError',
  'TimeoutError',
  'TransportError',
  'XmlParseError',
]);

/** A type's name: an identifier that is no reserved word and no name the SDK's own files use. */
export function toTypeName(name: string): string {
  const id = toIdentifier(name);
  return SDK_NAMES.has(id) ? `${id}_` : id;
}

/** A method's name: any identifier but `constructor` (keywords are legal method names). */
export function toMethodName(name: string): string {
  let id = decodeXmlName(name).replace(/[^A-Za-z0-9_$]+/g, '_');
  if (!id || /^[0-9]/.test(id)) id = `_${id}`;
  return id === 'constructor' ? `${id}_` : id;
}

/** Each XSD builtin's TypeScript type; the runtime decodes to exactly these. */
const BUILTIN_TYPES: Record<XsdBuiltinName, string> = {
  anyType: 'XmlElement',
  anySimpleType: 'string',
  string: 'string',
  normalizedString: 'string',
  token: 'string',
  language: 'string',
  Name: 'string',
  NCName: 'string',
  NMTOKEN: 'string',
  NMTOKENS: 'string',
  ID: 'string',
  IDREF: 'string',
  IDREFS: 'string',
  ENTITY: 'string',
  ENTITIES: 'string',
  QName: 'string',
  NOTATION: 'string',
  anyURI: 'string',
  boolean: 'boolean',
  decimal: 'XsdDecimal',
  integer: 'bigint',
  nonPositiveInteger: 'bigint',
  negativeInteger: 'bigint',
  long: 'bigint',
  int: 'number',
  short: 'number',
  byte: 'number',
  nonNegativeInteger: 'bigint',
  unsignedLong: 'bigint',
  unsignedInt: 'number',
  unsignedShort: 'number',
  unsignedByte: 'number',
  positiveInteger: 'bigint',
  float: 'number',
  double: 'number',
  duration: 'XsdDuration',
  dateTime: 'XsdDateTime',
  time: 'XsdTime',
  date: 'XsdDate',
  gYearMonth: 'string',
  gYear: 'string',
  gMonthDay: 'string',
  gDay: 'string',
  gMonth: 'string',
  base64Binary: 'Uint8Array',
  hexBinary: 'Uint8Array',
};

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `_x0020_`-style escapes (as .NET writes them) decoded, then anything not an identifier char replaced. */
export function toIdentifier(name: string): string {
  let id = decodeXmlName(name).replace(/[^A-Za-z0-9_$]+/g, '_');
  if (!id || /^[0-9]/.test(id)) id = `_${id}`;
  return RESERVED.has(id) ? `${id}_` : id;
}

/** A TSDoc block from documentation lines; `*\/` in the text cannot end the comment. */
const doc: HelperDelegate = (lines: readonly string[], indent: unknown) => {
  if (!Array.isArray(lines) || lines.length === 0) return '';
  const pad = typeof indent === 'string' ? indent : '';
  const safe = lines.map((line: string) => line.replace(/\*\//g, '*\\/'));
  if (safe.length === 1) return `${pad}/** ${safe[0]} */\n`;
  const body = safe.map((line: string) => `${pad} *${line ? ` ${line}` : ''}`);
  return `${pad}/**\n${body.join('\n')}\n${pad} */\n`;
};

const helpers: Record<string, HelperDelegate> = {
  doc,
  /** A string literal in single quotes. */
  str: (value: unknown) => `'${String(value).replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`,
  /** A property key: bare when it is an identifier, quoted otherwise. */
  key: (name: unknown) => (IDENTIFIER.test(String(name)) ? String(name) : `'${String(name).replace(/'/g, "\\'")}'`),
  /** JSON text indented to sit inside generated code. */
  indent: (text: unknown, pad: unknown) =>
    String(text)
      .split('\n')
      .join(`\n${typeof pad === 'string' ? pad : ''}`),
  json: (value: unknown) => JSON.stringify(value),
  eq: (a: unknown, b: unknown) => a === b,
};

export const typescript: LanguageAdapter = {
  name: 'typescript',
  features: FEATURE_NAMES,
  attributeMapType: 'Readonly<Record<string, string>>',
  builtinTypes: BUILTIN_TYPES,
  xmlType: 'XmlElement',
  voidType: 'void',
  runtimeTypes: ['XmlElement', 'XsdDate', 'XsdDateTime', 'XsdDecimal', 'XsdDuration', 'XsdTime'],
  typeName: toTypeName,
  // Properties keep the schema name exactly (it is also the JSON and XML name); `key` quotes it if needed.
  propertyName: (name) => name,
  enumMemberName: toIdentifier,
  methodName: toMethodName,
  methodVariants: ['Async'],
  packageOf(serviceName) {
    const dir = packageStem(serviceName);
    return { name: `@ecgrid/${dir}`, dir };
  },
  runtimePackage: '@ecgrid/soap-runtime',
  fieldType({ base, array, nullable, optional }) {
    const safe = /[|&]/.test(base) ? `(${base})` : base;
    const item = nullable ? `${safe} | null` : base;
    const value = array ? (nullable || safe !== base ? `(${item})[]` : `${item}[]`) : item;
    return optional ? `${value} | undefined` : value;
  },
  unionType(members) {
    if (members.length === 0) return 'never';
    return members.length === 1
      ? (members[0] ?? 'never')
      : members.map((m) => (/[&|]/.test(m) ? `(${m})` : m)).join(' | ');
  },
  objectType(fields) {
    return `{ ${fields.map((f) => `${IDENTIFIER.test(f.name) ? f.name : `'${f.name}'`}${f.optional ? '?' : ''}: ${f.type};`).join(' ')} }`;
  },
  plan(view: View): PlannedFile[] {
    const dir = view.package.dir;
    return [
      'package.json',
      'README.md',
      'LICENSE',
      'tsconfig.json',
      'tsup.config.ts',
      'src/index.ts',
      'src/types.ts',
      'src/schema.ts',
      'src/codec.ts',
      'src/client.ts',
    ].map((file) => ({ template: `${file}.hbs`, path: `${dir}/${file}` }));
  },
  versionFile: { name: /^package\.json$/, pattern: /"version":\s*"([^"]+)"/ },
  async typecheck(files, outDir) {
    const { typecheckFiles } = await import('./typecheck.js');
    return typecheckFiles(files, outDir);
  },
  helpers,
  docsExample: typescriptDocsExample,
};
