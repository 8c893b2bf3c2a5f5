import type { XsdBuiltinName } from '../../generator/src/model/builtins.js';

/** Each XSD builtin's C# type; the runtime's codecs (`ECGrid.Soap.Runtime.Xsd`) decode to exactly these. */
export const BUILTIN_TYPES: Record<XsdBuiltinName, string> = {
  anyType: 'XmlElementNode',
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
  boolean: 'bool',
  decimal: 'XsdDecimal',
  integer: 'BigInteger',
  nonPositiveInteger: 'BigInteger',
  negativeInteger: 'BigInteger',
  long: 'long',
  int: 'int',
  short: 'short',
  byte: 'sbyte',
  nonNegativeInteger: 'BigInteger',
  unsignedLong: 'ulong',
  unsignedInt: 'uint',
  unsignedShort: 'ushort',
  unsignedByte: 'byte',
  positiveInteger: 'BigInteger',
  float: 'float',
  double: 'double',
  duration: 'XsdDuration',
  dateTime: 'XsdDateTime',
  time: 'XsdTime',
  date: 'XsdDate',
  gYearMonth: 'string',
  gYear: 'string',
  gMonthDay: 'string',
  gDay: 'string',
  gMonth: 'string',
  base64Binary: 'byte[]',
  hexBinary: 'byte[]',
};

/**
 * The C# type of an `xs:union`'s values from its members' C# types: the one type when they are all
 * one, `XsdUnion<T1, T2>` or `XsdUnion<T1, T2, T3>` (the runtime's typed one-of), else `object`.
 */
export function unionTypeName(members: readonly string[]): string {
  const unique = [...new Set(members.map((m) => m.replace(/\?$/, '')))];
  if (unique.length === 1 && unique[0] !== undefined) return unique[0];
  if (unique.length === 2 || unique.length === 3) return `XsdUnion<${unique.join(', ')}>`;
  return 'object';
}
