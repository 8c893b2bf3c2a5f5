/** Every XSD builtin datatype by local name; adapters map each one (the map is exhaustive). */
export const XSD_BUILTIN_NAMES = [
  'anyType',
  'anySimpleType',
  'string',
  'normalizedString',
  'token',
  'language',
  'Name',
  'NCName',
  'NMTOKEN',
  'NMTOKENS',
  'ID',
  'IDREF',
  'IDREFS',
  'ENTITY',
  'ENTITIES',
  'QName',
  'NOTATION',
  'anyURI',
  'boolean',
  'decimal',
  'integer',
  'nonPositiveInteger',
  'negativeInteger',
  'long',
  'int',
  'short',
  'byte',
  'nonNegativeInteger',
  'unsignedLong',
  'unsignedInt',
  'unsignedShort',
  'unsignedByte',
  'positiveInteger',
  'float',
  'double',
  'duration',
  'dateTime',
  'time',
  'date',
  'gYearMonth',
  'gYear',
  'gMonthDay',
  'gDay',
  'gMonth',
  'base64Binary',
  'hexBinary',
] as const;

export type XsdBuiltinName = (typeof XSD_BUILTIN_NAMES)[number];

const BUILTIN_SET: ReadonlySet<string> = new Set(XSD_BUILTIN_NAMES);

export function isXsdBuiltinName(name: string): name is XsdBuiltinName {
  return BUILTIN_SET.has(name);
}
