/**
 * The schema descriptor a view carries (`view.schema`), indexed for the Java plans: names of the
 * generated types by id, codec expressions and the `Roots` constants.
 */
import type { SchemaDescriptor } from '@ecgrid/soap-runtime';
import type { XsdBuiltinName } from '../../generator/src/model/builtins.js';
import type { ModelView, View } from '../../generator/src/view/view.js';
import { boxed, BUILTIN_TYPES, javaConstantName, javaString } from './naming.js';

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
  /**
   * Some operation is rpc/encoded: simple types carry their ids (`.withId`), which encoded
   * output names in `xsi:type`.
   */
  readonly encoded: boolean;
}

const indexes = new WeakMap<View, Index>();

export function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Whether an enumeration's base is, through restrictions, a builtin (else a list or a union). */
export function enumeratesBuiltin(schema: SchemaDescriptor, id: string): boolean {
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
  const names = new Map<string, string>();
  for (const e of view.enums) names.set(e.id, e.name);
  for (const m of view.models) names.set(m.id, m.name);
  const encoded = view.services.some((s) => Object.values(s.descriptor.operations).some((op) => op.encoded === true));
  const partial = {
    schema,
    pkg: view.package.namespace,
    names,
    models: new Map(view.models.map((m) => [m.id, m])),
    encoded,
  };
  const roots = rootPlans(view, partial);
  const index: Index = {
    ...partial,
    roots,
    elementRoots: new Map(roots.filter((r) => r.element).map((r) => [r.id, r])),
  };
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
export function codecOf(
  index: Pick<Index, 'schema' | 'names' | 'pkg' | 'encoded'>,
  typeId: string,
  qualify = false,
  depth = 0,
): string {
  const id = index.encoded ? `.withId(${javaString(typeId)})` : '';
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
      return `${codecOf(index, type.base, qualify, depth + 1)}.named(${javaString(type.name)})${id}`;
    case 'list':
      return `SimpleType.list(${javaString(type.name)}, ${codecOf(index, type.item, qualify, depth + 1)})${id}`;
    case 'union':
      return `SimpleType.union(${javaString(type.name)}, List.of(${type.members.map((m) => codecOf(index, m, qualify, depth + 1)).join(', ')}))${unionClass(index, type.members)}${id}`;
    default: {
      const never: never = type;
      return fail(`type ${JSON.stringify(never)} is not supported yet`);
    }
  }
}

/**
 * `.as(X.class)` for a union whose members all have one Java class (the view types its values
 * so), '' when they differ (its values are `Object`s).
 */
function unionClass(index: Pick<Index, 'schema' | 'names'>, members: readonly string[]): string {
  const classes = new Set(members.map((m) => javaClassOf(index, m, 0)));
  const only = classes.size === 1 ? [...classes][0] : undefined;
  return only === undefined || only === 'Object' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(only) ? '' : `.as(${only}.class)`;
}

/** The boxed Java class of a simple type's values (`Object` for a union of several, '' for a list). */
function javaClassOf(index: Pick<Index, 'schema' | 'names'>, id: string, depth: number): string {
  if (id.startsWith(XSD_PREFIX)) {
    const local = id.slice(XSD_PREFIX.length);
    return boxed(Object.hasOwn(BUILTIN_TYPES, local) ? BUILTIN_TYPES[local as XsdBuiltinName] : 'String');
  }
  const type = own(index.schema.types, id);
  if (type === undefined || depth > 64) return 'Object';
  switch (type.kind) {
    case 'simple':
      return javaClassOf(index, type.base, depth + 1);
    case 'union': {
      const classes = new Set(type.members.map((m) => javaClassOf(index, m, depth + 1)));
      return classes.size === 1 ? ([...classes][0] ?? 'Object') : 'Object';
    }
    case 'list':
      return '';
    default:
      return index.names.get(id) ?? 'Object';
  }
}

/** The builtin codec under an enumeration (enumerations of enumerations resolve to the builtin). */
export function builtinCodecOf(schema: SchemaDescriptor, typeId: string): string {
  for (let id = typeId, depth = 0; depth < 64; depth++) {
    if (id.startsWith(XSD_PREFIX))
      return `Builtins.${BUILTIN_CODECS[id.slice(XSD_PREFIX.length) as XsdBuiltinName] ?? 'STRING'}`;
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
  /**
   * A substitution group's head: `Roots.A, Roots.B`, its members that may stand as it (abstract
   * ones left out), and whether it is abstract itself; its values are then `Substitution`s.
   */
  readonly members?: string;
  readonly headAbstract?: boolean;
  readonly substitution: boolean;
}

function rootPlans(view: View, index: Pick<Index, 'schema' | 'names' | 'pkg' | 'encoded'>): RootPlan[] {
  const used = new Set<string>();
  const constants = new Map<string, string>();
  for (const r of view.roots) {
    const base = javaConstantName(r.key);
    let constant = base;
    for (let n = 2; used.has(constant); n++) constant = `${base}_${n}`;
    used.add(constant);
    constants.set(`${r.kind} ${r.id}`, constant);
  }
  // Members of each head: every element whose substitutionGroup chain reaches it, in schema order.
  const members = new Map<string, string[]>();
  for (const [id, e] of Object.entries(index.schema.elements)) {
    let head = e.substitutionGroup;
    for (let depth = 0; head !== undefined && depth < 64; depth++) {
      if (e.abstract !== true) members.set(head, [...(members.get(head) ?? []), id]);
      head = own(index.schema.elements, head)?.substitutionGroup;
    }
  }
  return view.roots.map((r, i) => {
    const constant = constants.get(`${r.kind} ${r.id}`) ?? fail(`bug: no constant for ${r.id}`);
    const element = r.kind === 'element' ? own(index.schema.elements, r.id) : undefined;
    const typeId = element?.type ?? r.id;
    const head = element !== undefined && (members.has(r.id) || element.abstract === true);
    const memberConstants = (members.get(r.id) ?? []).map(
      (id) => `Roots.${constants.get(`element ${id}`) ?? fail(`bug: no root for the member ${id}`)}`,
    );
    return {
      constant,
      element: r.kind === 'element',
      id: r.id,
      ns: r.ns,
      name: r.name,
      type: head ? `Substitution<${boxed(r.type)}>` : boxed(r.type),
      substitution: head,
      ...(head ? { members: memberConstants.join(', '), headAbstract: element.abstract === true } : {}),
      nillable: element?.nillable ?? true,
      codec: codecOf(index, typeId, true),
      last: i === view.roots.length - 1,
    };
  });
}
