/**
 * Java names for schema names: classes, bean properties, fields, methods, enum constants and the
 * package. Every name is ASCII (generated sources compile under any platform encoding), never a
 * keyword, and never one of the names the generated package defines itself.
 */

import type { XsdBuiltinName } from '../../generator/src/model/builtins.js';

/**
 * Each XSD builtin's Java type. Primitives where a value is always there (a required element);
 * `fieldType` boxes them where null has a meaning. `xs:float` is a `double`, as in the TypeScript
 * runtime, so a value keeps every digit it was sent with.
 */
export const BUILTIN_TYPES: Record<XsdBuiltinName, string> = {
  anyType: 'XmlElement',
  anySimpleType: 'String',
  string: 'String',
  normalizedString: 'String',
  token: 'String',
  language: 'String',
  Name: 'String',
  NCName: 'String',
  NMTOKEN: 'String',
  NMTOKENS: 'String',
  ID: 'String',
  IDREF: 'String',
  IDREFS: 'String',
  ENTITY: 'String',
  ENTITIES: 'String',
  QName: 'String',
  NOTATION: 'String',
  anyURI: 'String',
  boolean: 'boolean',
  decimal: 'XsdDecimal',
  integer: 'BigInteger',
  nonPositiveInteger: 'BigInteger',
  negativeInteger: 'BigInteger',
  long: 'long',
  int: 'int',
  short: 'short',
  byte: 'byte',
  nonNegativeInteger: 'BigInteger',
  unsignedLong: 'BigInteger',
  unsignedInt: 'long',
  unsignedShort: 'int',
  unsignedByte: 'short',
  positiveInteger: 'BigInteger',
  float: 'double',
  double: 'double',
  duration: 'String',
  dateTime: 'XsdDateTime',
  time: 'XsdTime',
  date: 'XsdDate',
  gYearMonth: 'String',
  gYear: 'String',
  gMonthDay: 'String',
  gDay: 'String',
  gMonth: 'String',
  base64Binary: 'byte[]',
  hexBinary: 'byte[]',
};

/** Keywords, literals and restricted identifiers (JLS 3.9): none of them may name anything. */
const KEYWORDS = new Set([
  'abstract',
  'assert',
  'boolean',
  'break',
  'byte',
  'case',
  'catch',
  'char',
  'class',
  'const',
  'continue',
  'default',
  'do',
  'double',
  'else',
  'enum',
  'extends',
  'final',
  'finally',
  'float',
  'for',
  'goto',
  'if',
  'implements',
  'import',
  'instanceof',
  'int',
  'interface',
  'long',
  'native',
  'new',
  'package',
  'private',
  'protected',
  'public',
  'return',
  'short',
  'static',
  'strictfp',
  'super',
  'switch',
  'synchronized',
  'this',
  'throw',
  'throws',
  'transient',
  'try',
  'void',
  'volatile',
  'while',
  'true',
  'false',
  'null',
  '_',
  'var',
  'yield',
  'record',
  'sealed',
  'permits',
  'exports',
  'module',
  'non-sealed',
]);

/**
 * The runtime's classes (`io.ecgrid.soap.runtime`) that generated sources import, and the `Roots`
 * class every package declares: a schema type of one of these names would clash with the import,
 * so it gets a `Type` suffix. The runtime's other classes are never imported by generated code
 * and need no reservation (they live in a package of their own).
 */
export const RUNTIME_IMPORTS = [
  'Builtins',
  'CallOptions',
  'ClientOptions',
  'ComplexType',
  'Group',
  'Nillable',
  'Particle',
  'ResponseFormatException',
  'Root',
  'Show',
  'SimpleType',
  'SoapArrayType',
  'SoapClient',
  'SoapHeader',
  'SoapVersion',
  'Substitution',
  'XmlElement',
  'XsdDate',
  'XsdDateTime',
  'XsdDecimal',
  'XsdTime',
] as const;

/** The Java package of the runtime library (Maven `io.ecgrid:soap-runtime`). */
export const RUNTIME_PACKAGE = 'io.ecgrid.soap.runtime';

/**
 * Classes the generated sources use without qualification: java.lang and the imported java.util,
 * java.math and java.net types.
 */
const JAVA_CLASSES = [
  'Object',
  'String',
  'Integer',
  'Long',
  'Short',
  'Byte',
  'Boolean',
  'Double',
  'Float',
  'Character',
  'Number',
  'Math',
  'System',
  'Override',
  'Deprecated',
  'SuppressWarnings',
  'SafeVarargs',
  'Enum',
  'Class',
  'Record',
  'Void',
  'Iterable',
  'Comparable',
  'CharSequence',
  'StringBuilder',
  'Exception',
  'RuntimeException',
  'Error',
  'Throwable',
  'IllegalArgumentException',
  'IllegalStateException',
  'InterruptedException',
  'Thread',
  'Runtime',
  'FunctionalInterface',
  'CompletableFuture',
  'HttpClient',
  'List',
  'ArrayList',
  'Map',
  'LinkedHashMap',
  'Objects',
  'Arrays',
  'Optional',
  'BigInteger',
  'BigDecimal',
  'URI',
  'Duration',
  'Function',
  'BiConsumer',
  'Supplier',
  'Collection',
  'Pattern',
];

const RESERVED_TYPES = new Set<string>([...KEYWORDS, ...RUNTIME_IMPORTS, 'Roots', ...JAVA_CLASSES]);

/** Instance methods every class has: a port method or a getter must not collide with them. */
const OBJECT_METHODS = new Set([
  'getClass',
  'hashCode',
  'equals',
  'toString',
  'clone',
  'finalize',
  'notify',
  'notifyAll',
  'wait',
]);

/** `_x0020_`-style escapes (as .NET writes them) decoded. */
function decodeEscapes(name: string): string {
  return name.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** ASCII letters, digits and `_` only: anything else becomes `_`, runs folded. */
function identifierChars(name: string): string {
  return decodeEscapes(name).replace(/[^A-Za-z0-9_]+/g, '_');
}

function upperFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * A class name: the words of the schema name (split at anything that is not a letter or digit,
 * `_` included) each with a capital first letter, the rest kept: `as2CommInfo` -> `As2CommInfo`,
 * `ECGridOS API v4` -> `ECGridOSAPIV4`, `KeySetResponse_KeySetResult` -> `KeySetResponseKeySetResult`.
 */
export function javaTypeName(schemaName: string): string {
  const words = decodeEscapes(schemaName)
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== '');
  let name = words.map(upperFirst).join('');
  if (name === '') name = 'Type';
  if (/^[0-9]/.test(name)) name = `T${name}`;
  return RESERVED_TYPES.has(name) ? `${name}Type` : name;
}

/** A bean property: the schema name with a capital first letter (`getKeyID`, `setKeyID`). */
export function javaPropertyName(schemaName: string): string {
  let name = upperFirst(identifierChars(schemaName));
  if (name === '' || name === '_') name = 'Value';
  if (/^[0-9]/.test(name)) name = `_${name}`;
  // getClass() is final in Object.
  return name === 'Class' ? 'Class_' : name;
}

/**
 * The field (and parameter) of a property: its leading capitals lowered the way JAXB does it,
 * `KeyID` -> `keyID`, `URLPath` -> `urlPath`, `ID` -> `id`, `AS2Info` -> `as2Info`.
 */
export function javaFieldName(property: string): string {
  const run = /^[A-Z]+/.exec(property)?.[0].length ?? 0;
  let name: string;
  if (run === 0) name = property;
  else if (run === 1 || run === property.length) name = property.slice(0, run).toLowerCase() + property.slice(run);
  else if (/[a-z]/.test(property.charAt(run)))
    name = property.slice(0, run - 1).toLowerCase() + property.slice(run - 1);
  else name = property.slice(0, run).toLowerCase() + property.slice(run);
  return KEYWORDS.has(name) ? `${name}_` : name;
}

/** A method named after an operation: the operation's own spelling (`port.KeySet(...)`), escaped. */
export function javaMethodName(operationName: string): string {
  let name = identifierChars(operationName);
  if (name === '' || /^[0-9]/.test(name)) name = `_${name}`;
  return KEYWORDS.has(name) || OBJECT_METHODS.has(name) ? `${name}_` : name;
}

/**
 * An enum constant or static field: upper case with `_` between words, as JAXB names them:
 * `Shared` -> `SHARED`, `TestAndProduction` -> `TEST_AND_PRODUCTION`, `ATTCingular` ->
 * `ATT_CINGULAR`, `_3DES_SHA1` -> `_3DES_SHA1`.
 */
export function javaConstantName(value: string): string {
  const words = decodeEscapes(value)
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1_$2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== '');
  let name = words.join('_').toUpperCase();
  if (name === '') return 'EMPTY';
  if (/^[0-9]/.test(name)) name = `_${name}`;
  // The enum's own static field.
  return name === 'XML_TYPE' ? 'XML_TYPE_' : name;
}

/**
 * The default Java package of a service's SDK: `io.ecgrid.` and the service name in lower case with
 * every run of other characters as `_` (`ECGridOS` -> `io.ecgrid.ecgridos`, `ECGridOS API v4` ->
 * `io.ecgrid.ecgridos_api_v4`), so SDKs of different services never share a package.
 */
export function defaultJavaPackage(serviceName: string): string {
  let segment = decodeEscapes(serviceName)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (segment === '') segment = 'service';
  if (/^[0-9]/.test(segment)) segment = `_${segment}`;
  if (KEYWORDS.has(segment)) segment = `${segment}_`;
  return `io.ecgrid.${segment}`;
}

/** Why a `--package` value is not a usable Java package name, or undefined when it is. */
export function invalidJavaPackage(name: string): string | undefined {
  const segments = name.split('.');
  for (const segment of segments) {
    if (!/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(segment))
      return `"${segment}" is not a Java identifier (a package is identifiers separated by dots)`;
    if (KEYWORDS.has(segment)) return `"${segment}" is a Java keyword`;
  }
  if (name === RUNTIME_PACKAGE || name.startsWith(`${RUNTIME_PACKAGE}.`))
    return `${RUNTIME_PACKAGE} is the runtime library's package`;
  if (/^java(x)?(\.|$)/.test(name)) return 'java and javax packages belong to the JDK';
  return undefined;
}

/** The Maven artifact and folder stem of a service: `ECGridOS` -> `ecgridos`. */
export function artifactOf(serviceName: string): string {
  return (
    decodeEscapes(serviceName)
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'service'
  );
}

const BOXED: Readonly<Record<string, string>> = {
  boolean: 'Boolean',
  byte: 'Byte',
  short: 'Short',
  int: 'Integer',
  long: 'Long',
  float: 'Float',
  double: 'Double',
  char: 'Character',
};

/** The object type of a Java type (`int` -> `Integer`); other types are returned as they are. */
export function boxed(type: string): string {
  return BOXED[type] ?? type;
}

export function isPrimitive(type: string): boolean {
  return BOXED[type] !== undefined;
}

/** ASCII only: the generated sources compile under any platform encoding (plain `javac`). */
export function javaString(value: unknown): string {
  let out = '"';
  for (const ch of String(value)) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\${code.toString(8).padStart(3, '0')}`;
    else if (code < 0x80) out += ch;
    else
      for (const unit of ch.split('').map((c) => c.charCodeAt(0)))
        out += `\\u${unit.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return `${out}"`;
}
