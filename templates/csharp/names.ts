/**
 * C# naming: identifiers from schema names (`_x0020_` escapes decoded like the TypeScript
 * target's `toIdentifier`), PascalCase for types and members, camelCase for parameters, keywords
 * escaped with `@`, and the type names the generated code itself uses kept free.
 */

/** C# keywords (reserved and contextual ones that could confuse a reader), for `@` escaping. */
const KEYWORDS = new Set([
  'abstract',
  'as',
  'base',
  'bool',
  'break',
  'byte',
  'case',
  'catch',
  'char',
  'checked',
  'class',
  'const',
  'continue',
  'decimal',
  'default',
  'delegate',
  'do',
  'double',
  'else',
  'enum',
  'event',
  'explicit',
  'extern',
  'false',
  'finally',
  'fixed',
  'float',
  'for',
  'foreach',
  'goto',
  'if',
  'implicit',
  'in',
  'int',
  'interface',
  'internal',
  'is',
  'lock',
  'long',
  'namespace',
  'new',
  'null',
  'object',
  'operator',
  'out',
  'override',
  'params',
  'private',
  'protected',
  'public',
  'readonly',
  'ref',
  'return',
  'sbyte',
  'sealed',
  'short',
  'sizeof',
  'stackalloc',
  'static',
  'string',
  'struct',
  'switch',
  'this',
  'throw',
  'true',
  'try',
  'typeof',
  'uint',
  'ulong',
  'unchecked',
  'unsafe',
  'ushort',
  'using',
  'virtual',
  'void',
  'volatile',
  'while',
  'add',
  'alias',
  'and',
  'args',
  'async',
  'await',
  'by',
  'descending',
  'dynamic',
  'equals',
  'field',
  'file',
  'from',
  'get',
  'global',
  'group',
  'init',
  'into',
  'join',
  'let',
  'managed',
  'nameof',
  'nint',
  'not',
  'notnull',
  'nuint',
  'on',
  'or',
  'orderby',
  'partial',
  'record',
  'remove',
  'required',
  'scoped',
  'select',
  'set',
  'unmanaged',
  'value',
  'var',
  'when',
  'where',
  'with',
  'yield',
]);

/**
 * Type names that generated files use unqualified: the runtime's public types (imported with
 * `using ECGrid.Soap.Runtime;`), the generated classes of their own and the BCL types they name. A
 * schema type of the same name, declared in the SDK's namespace, would shadow them, so it gets a
 * `_` suffix.
 */
export const RESERVED_TYPE_NAMES = new Set([
  // The runtime's public types (packages/runtime-csharp, namespace ECGrid.Soap.Runtime).
  'XsdDateTime',
  'XsdDate',
  'XsdTime',
  'XsdDuration',
  'XsdDecimal',
  'Nillable',
  'XmlElementNode',
  'XmlTreeNode',
  'XmlTextNode',
  'XmlCommentNode',
  'XmlProcessingInstructionNode',
  'XmlAttributeNode',
  'SoapVersion',
  'SoapClientOptions',
  'DecodeOptions',
  'EncodeOptions',
  'NamespaceMode',
  'SoapEnvelope',
  'DecodedEnvelope',
  'SoapRuntimeException',
  'XmlParseException',
  'DecodeException',
  'EncodeException',
  'EnvelopeException',
  'SoapFaultException',
  'FaultCode',
  'HttpStatusException',
  'ResponseFormatException',
  'SoapTimeoutException',
  'TransportException',
  'ClientUsageException',
  'IXmlRoot',
  'XmlRoot',
  'TypeCodec',
  'SimpleCodec',
  'EnumCodec',
  'ComplexCodec',
  'SoapArrayCodec',
  'Xsd',
  'Decoding',
  'SoapOperation',
  'SoapClientCore',
  'ModelText',
  // The generated classes that are not schema types.
  'XmlRoots',
  'XmlCodec',
  'Codecs',
  // The names of the namespaces earlier packages used (ECGrid.OS, ECGrid.OS.Runtime): kept, so names stay as they were.
  'OS',
  'Runtime',
  // BCL types the generated files name without a namespace.
  'System',
  'Collections',
  'Generic',
  'List',
  'IList',
  'IReadOnlyList',
  'Dictionary',
  'IReadOnlyDictionary',
  'Task',
  'CancellationToken',
  'BigInteger',
  'Numerics',
  'Threading',
  'Tasks',
  'HttpClient',
  'Uri',
  'TimeSpan',
  'Func',
  'Action',
  'Object',
  'String',
  'Exception',
  'IDisposable',
  'GC',
  'Nullable',
  'Enum',
  'Type',
  'Int32',
  'Int64',
  'Boolean',
  'Double',
  'Single',
  'Byte',
  'DateTime',
  'DateTimeOffset',
  'Array',
  'SetsRequiredMembersAttribute',
  'SetsRequiredMembers',
  'Diagnostics',
  'CodeAnalysis',
  // The first name of the runtime's namespace: a type of that name would hide it in `using ECGrid.Soap.Runtime;`.
  'ECGrid',
]);

/** `_x0020_`-style escapes decoded, then anything not an identifier character replaced by `_`. */
export function identifierOf(name: string): string {
  const decoded = name.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  let id = decoded.replace(/[^A-Za-z0-9_]+/g, '_');
  if (!id || /^[0-9]/.test(id)) id = `_${id}`;
  return id;
}

function upperFirst(id: string): string {
  return id.charAt(0).toUpperCase() + id.slice(1);
}

/** A type name: PascalCase, never one of the names the generated code relies on. */
export function typeName(schemaName: string): string {
  const id = upperFirst(identifierOf(schemaName));
  return RESERVED_TYPE_NAMES.has(id) || KEYWORDS.has(id) ? `${id}_` : id;
}

/** A property or enum member: PascalCase after the schema name (`KeyID`, `routerArchive` -> `RouterArchive`). */
export function memberName(schemaName: string): string {
  const id = upperFirst(identifierOf(schemaName));
  return KEYWORDS.has(id) ? `@${id}` : id;
}

/** A parameter: camelCase (`SessionID` -> `sessionID`, `UserID` -> `userID`), keywords escaped. */
export function parameterName(schemaName: string): string {
  const id = identifierOf(schemaName);
  const lower = id.replace(/^[A-Z]/, (c) => c.toLowerCase());
  return KEYWORDS.has(lower) ? `@${lower}` : lower;
}

/** A C# string literal (regular, with escapes), safe for any text. */
export function stringLiteral(value: string): string {
  let out = '"';
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || (code >= 0x7f && code < 0xa0) || code === 0x2028 || code === 0x2029) {
      out += `\\u${code.toString(16).padStart(4, '0')}`;
    } else out += ch;
  }
  return `${out}"`;
}

/** Text for an XML doc comment: `&`, `<`, `>` escaped. */
export function xmlDocText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Why a `--namespace` value is not a C# namespace (dot-separated identifiers, no keyword), or undefined. */
export function invalidNamespace(value: string): string | undefined {
  const parts = value.split('.');
  for (const part of parts) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(part))
      return 'expected a C# namespace: identifiers separated by dots (ECGridOS.Client)';
    if (KEYWORDS.has(part)) return `"${part}" is a C# keyword`;
  }
  if (parts[0] === 'ECGrid' && parts[1] === 'Soap' && parts[2] === 'Runtime')
    return "ECGrid.Soap.Runtime is the runtime library's namespace";
  return undefined;
}
