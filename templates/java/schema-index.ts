/**
 * The schema descriptor a view carries (`view.schema`), indexed for the Java plans: names of the
 * generated types by id, codec expressions, the `Roots` constants, and the constructs the Java
 * target does not support yet.
 */
import type { SchemaDescriptor } from '@ecgrid/soap-runtime';
import type { XsdBuiltinName } from '../../generator/src/model/builtins.js';
import type { ModelView, View } from '../../generator/src/view/view.js';
import { boxed, javaConstantName, javaString } from './naming.js';

export const XSD_PREFIX = '{http://www.w3.org/2001/XMLSchema}';

/** The `Builtins` constant of each XSD builtin (exhaustive: a new builtin is a compile error). */
export const BUILTIN_CODECS: Readonly<Record<XsdBuiltinName, string>> = {
  anyType: 'ANY_TYPE',
  anySimpleType: 'ANY_SIMPLE_TYPE',
  string: 'STRING',
  normalizedString: 'NORMALIZED_STRING',
  token: 'TOKEN',
  language: 'LANGUAGE_TYPE',
  Name: 'NAME_TYPE',
  NCName: 'NC_NAME',
  NMTOKEN: 'NMTOKEN',
  NMTOKENS: 'NMTOKENS',
  ID: 'ID',
  IDREF: 'IDREF',
  IDREFS: 'IDREFS',
  ENTITY: 'ENTITY',
  ENTITIES: 'ENTITIES',
  QName: 'Q_NAME',
  NOTATION: 'NOTATION',
  anyURI: 'ANY_URI',
  boolean: 'BOOLEAN',
  decimal: 'DECIMAL',
  integer: 'INTEGER',
  nonPositiveInteger: 'NON_POSITIVE_INTEGER',
  negativeInteger: 'NEGATIVE_INTEGER',
  long: 'LONG',
  int: 'INT',
  short: 'SHORT',
  byte: 'BYTE',
  nonNegativeInteger: 'NON_NEGATIVE_INTEGER',
  unsignedLong: 'UNSIGNED_LONG',
  unsignedInt: 'UNSIGNED_INT',
  unsignedShort: 'UNSIGNED_SHORT',
  unsignedByte: 'UNSIGNED_BYTE',
  positiveInteger: 'POSITIVE_INTEGER',
  float: 'FLOAT',
  double: 'DOUBLE',
  duration: 'DURATION',
  dateTime: 'DATE_TIME',
  time: 'TIME_TYPE',
  date: 'DATE',
  gYearMonth: 'G_YEAR_MONTH',
  gYear: 'G_YEAR',
  gMonthDay: 'G_MONTH_DAY',
  gDay: 'G_DAY',
  gMonth: 'G_MONTH',
  base64Binary: 'BASE64_BINARY',
  hexBinary: 'HEX_BINARY',
};

/** Everything looked up by id for one view, computed once. */
export interface Index {
  readonly schema: SchemaDescriptor;
  readonly pkg: string;
  readonly names: ReadonlyMap<string, string>;
  readonly models: ReadonlyMap<string, ModelView>;
  readonly roots: readonly RootPlan[];
  readonly elementRoots: ReadonlyMap<string, RootPlan>;
}

const indexes = new WeakMap<View, Index>();

export function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/**
 * The first construct of the schema or the services that the Java target does not support yet
 * (README.md lists them), as a message; undefined when everything is supported.
 */
export function unsupportedConstruct(view: View, schema: SchemaDescriptor): string | undefined {
  for (const model of view.models) {
    const where = `(type ${model.schemaName})`;
  }
  for (const [id, type] of Object.entries(schema.types)) {
    const where = `(type ${type.name}, ${id})`;
    if (type.kind === 'enum' && !enumeratesBuiltin(schema, id)) return `enumerations of list or union types are not supported yet ${where}`;
    if (type.kind !== 'complex') continue;
    for (const p of type.content) {
      if (p.kind === 'element' && p.substitutes !== undefined && p.substitutes.length !== 0) return `substitution groups are not supported yet ${where}`;
    }
  }
  for (const service of view.services) {
    for (const [name, op] of Object.entries(service.descriptor.operations)) {
      if (op.encoded === true) return `rpc/encoded operations are not supported yet (operation ${name})`;
    }
  }
  return undefined;
}

/** Whether an enumeration's base is, through restrictions, a builtin. */
function enumeratesBuiltin(schema: SchemaDescriptor, id: string): boolean {
  const start = own(schema.types, id);
  let current = start?.kind === 'enum' ? start.base : undefined;
  for (let depth = 0; current !== undefined && depth < 64; depth++) {
    if (current.startsWith(XSD_PREFIX)) return true;
    const type = own(schema.types, current);
    if (type === undefined || (type.kind !== 'enum' && type.kind !== 'simple')) return false;
    current = type.base;
  }
  return false;
}

export function indexOf(view: View): Index {
  const cached = indexes.get(view);
  if (cached !== undefined) return cached;
  const schema = view.schema;
  const unsupported = unsupportedConstruct(view, schema);
  if (unsupported !== undefined) fail(unsupported);
  const names = new Map<string, string>();
  for (const e of view.enums) names.set(e.id, e.name);
  for (const m of view.models) names.set(m.id, m.name);
  const partial = { schema, pkg: view.package.namespace, names, models: new Map(view.models.map((m) => [m.id, m])) };
  const roots = rootPlans(view, partial);
  const index: Index = { ...partial, roots, elementRoots: new Map(roots.filter((r) => r.element).map((r) => [r.id, r])) };
  indexes.set(view, index);
  return index;
}

export function fail(message: string): never {
  throw new Error(`java target: ${message}`);
}

/**
 * The Java expression of a type's codec: a `Builtins` constant, a generated type's `XML_TYPE`,
 * or a restriction's base renamed. `qualify` prefixes generated types with the package (where a
 * constant of the same name could hide them).
 */
export function codecOf(index: Pick<Index, 'schema' | 'names' | 'pkg'>, typeId: string, qualify = false, depth = 0): string {
  if (typeId.startsWith(XSD_PREFIX)) {
    const local = typeId.slice(XSD_PREFIX.length);
    const codec = Object.hasOwn(BUILTIN_CODECS, local) ? BUILTIN_CODECS[local as XsdBuiltinName] : undefined;
    return `Builtins.${codec ?? 'ANY_TYPE'}`;
  }
  const type = own(index.schema.types, typeId);
  if (type === undefined || depth > 64) return 'Builtins.ANY_TYPE';
  const prefix = qualify ? `${index.pkg}.` : '';
  switch (type.kind) {
    case 'enum':
    case 'complex':
    case 'soap-array':
      return `${prefix}${index.names.get(typeId) ?? fail(`no name for ${typeId}`)}.XML_TYPE`;
    case 'simple':
      return `${codecOf(index, type.base, qualify, depth + 1)}.named(${javaString(type.name)})`;
    case 'list':
      return `SimpleType.list(${javaString(type.name)}, ${codecOf(index, type.item, qualify, depth + 1)})`;
    case 'union':
      return `SimpleType.union(${javaString(type.name)}, List.of(${type.members.map((m) => codecOf(index, m, qualify, depth + 1)).join(', ')}))`;
    default: {
      const never: never = type;
      return fail(`type ${JSON.stringify(never)} is not supported yet`);
    }
  }
}

/** The builtin codec under an enumeration (enumerations of enumerations resolve to the builtin). */
export function builtinCodecOf(schema: SchemaDescriptor, typeId: string): string {
  for (let id = typeId, depth = 0; depth < 64; depth++) {
    if (id.startsWith(XSD_PREFIX)) return `Builtins.${BUILTIN_CODECS[id.slice(XSD_PREFIX.length) as XsdBuiltinName] ?? 'STRING'}`;
    const type = own(schema.types, id);
    const base = type !== undefined && 'base' in type ? type.base : undefined;
    if (base === undefined) break;
    id = base;
  }
  return 'Builtins.STRING';
}

// ---------------------------------------------------------------------------------------------
// Roots

export interface RootPlan {
  readonly constant: string;
  readonly element: boolean;
  readonly id: string;
  readonly ns: string;
  readonly name: string;
  readonly type: string;
  readonly nillable: boolean;
  readonly codec: string;
  readonly last: boolean;
}

function rootPlans(view: View, index: Pick<Index, 'schema' | 'names' | 'pkg'>): RootPlan[] {
  const used = new Set<string>();
  return view.roots.map((r, i) => {
    const base = javaConstantName(r.key);
    let constant = base;
    for (let n = 2; used.has(constant); n++) constant = `${base}_${n}`;
    used.add(constant);
    const element = r.kind === 'element' ? own(index.schema.elements, r.id) : undefined;
    const typeId = element?.type ?? r.id;
    return {
      constant,
      element: r.kind === 'element',
      id: r.id,
      ns: r.ns,
      name: r.name,
      type: boxed(r.type),
      nillable: element?.nillable ?? true,
      codec: codecOf(index, typeId, true),
      last: i === view.roots.length - 1,
    };
  });
}
