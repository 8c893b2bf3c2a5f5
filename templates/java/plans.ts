/**
 * What the Java templates lay out for models, SOAP-encoded arrays, enumerations and the `Roots`
 * class, computed from the view: Java types, accessors and the particles of each model. The XML
 * details (namespaces, occurrences, the type of each particle) come from the schema descriptor
 * (see `schema-index.ts`), the names from the view.
 */
import type { EnumView, FieldView, ModelView, View } from '../../generator/src/view/view.js';
import { boxed, javaFieldName, javaString, RUNTIME_IMPORTS, RUNTIME_PACKAGE } from './naming.js';
import { codecOf, builtinCodecOf, fail, indexOf, own, XSD_PREFIX, type RootPlan } from './schema-index.js';

// ---------------------------------------------------------------------------------------------
// Models

export interface PropertyPlan {
  /** The bean property: `getX`/`setX`. */
  readonly name: string;
  readonly field: string;
  /** The declared Java type of the field, getter and setter. */
  readonly type: string;
  /** ` = new ArrayList<>()` for lists, else ''. */
  readonly init: string;
  readonly doc: readonly string[];
  readonly xmlName: string;
  /** `element`, `nillable`, `list`, `any` or `attribute`: the `Particle` factory. */
  readonly factory: string;
  /** The boxed type of one value. */
  readonly valueType: string;
  readonly ns: string;
  readonly min: number;
  readonly max: number;
  readonly nillable: boolean;
  readonly codec: string;
  /** The `toString()` expression of the field. */
  readonly show: string;
  /** `"Name="` as a Java literal, for `toString()`. */
  readonly label: string;
  /** The type arguments of the `Particle` factory. */
  readonly typeArgs: string;
  /** `.withDefault(...)`/`.withFixed(...)` for the schema's default and fixed values, or ''. */
  readonly constraints: string;
}

export interface ModelPlan {
  readonly name: string;
  /** `of`, or `all` for an `xs:all` type: the `ComplexType` factory. */
  readonly factory: string;
  readonly imports: readonly string[];
  readonly properties: readonly PropertyPlan[];
}

const RUNTIME_CLASS = new RegExp(`\\b(${RUNTIME_IMPORTS.join('|')})\\b`, 'g');

/**
 * The imports of the runtime classes that generated code uses: every runtime class name the given
 * Java fragments (types, codec expressions, statements) mention outside string literals, sorted.
 */
export function runtimeImportsOf(fragments: Iterable<string>): string[] {
  const used = new Set<string>();
  for (const fragment of fragments) {
    for (const m of fragment.replace(/"(?:[^"\\]|\\.)*"/g, '""').matchAll(RUNTIME_CLASS)) used.add(`${RUNTIME_PACKAGE}.${m[1]}`);
  }
  return [...used].sort();
}

const SECRET_FIELDS = ['SessionID', 'Password', 'APIKey', 'ApiKey', 'Secret', 'Token', 'AccessKey'];

/** Fields whose values are secrets: never printed, redacted from errors (as the TypeScript client does). */
export function isSecret(xmlName: string): boolean {
  const lower = xmlName.toLowerCase();
  return SECRET_FIELDS.some((f) => lower.includes(f.toLowerCase()));
}

function listItem(type: string): string {
  const m = /^List<(.*)>$/.exec(type);
  return m?.[1] ?? fail(`bug: ${type} is not a List type`);
}

const modelPlans = new WeakMap<object, ModelPlan>();

export function javaModelPlan(view: View, item: unknown): ModelPlan {
  const model = item as ModelView;
  const cached = modelPlans.get(model);
  if (cached !== undefined) return cached;
  const index = indexOf(view);
  const type = own(index.schema.types, model.id);
  if (type?.kind !== 'complex') fail(`bug: ${model.id} is not a complex type in the descriptor`);
  const content = type.content;
  const attributes = type.attributes ?? [];
  if (model.fields.length !== content.length + attributes.length) {
    fail(`${model.schemaName}: the view has ${model.fields.length} fields, the descriptor ${content.length + attributes.length} particles`);
  }
  const properties = model.fields.map((f: FieldView, i): PropertyPlan => {
    const particle = content[i];
    const attribute = particle === undefined ? attributes[i - content.length] : undefined;
    if (particle !== undefined && particle.kind !== 'element' && particle.kind !== 'any') {
      fail(`${model.schemaName}.${f.xmlName}: ${particle.kind} particles are not supported yet`);
    }
    let factory: string;
    let valueType: string;
    let declared: string;
    if (attribute !== undefined) {
      factory = 'attribute';
      valueType = boxed(f.type);
      declared = f.optional ? valueType : f.type;
    } else if (particle?.kind === 'any') {
      factory = 'any';
      valueType = 'XmlElement';
      declared = 'List<XmlElement>';
    } else if (f.array) {
      factory = 'list';
      valueType = listItem(f.type);
      declared = f.type;
    } else if (f.optional && f.nullable) {
      factory = 'nillable';
      valueType = boxed(f.type);
      declared = `Nillable<${valueType}>`;
    } else {
      factory = 'element';
      valueType = boxed(f.type);
      declared = f.optional ? valueType : f.type;
    }
    const field = javaFieldName(f.name);
    const element = particle?.kind === 'element' ? particle : undefined;
    const typeId = attribute?.type ?? element?.type;
    const declaration = attribute ?? element;
    return {
      name: f.name,
      field,
      type: declared,
      init: factory === 'list' || factory === 'any' ? ' = new ArrayList<>()' : '',
      doc: f.doc,
      xmlName: f.xmlName,
      factory,
      valueType,
      ns: attribute?.ns ?? element?.ns ?? '',
      min: attribute !== undefined ? (attribute.required ? 1 : 0) : (particle?.min ?? 0),
      max: attribute !== undefined ? 1 : (particle?.max ?? 1),
      nillable: element?.nillable ?? false,
      codec: typeId === undefined ? 'Builtins.ANY_TYPE' : codecOf(index, typeId),
      show: `${isSecret(f.xmlName) ? 'Show.secret' : 'Show.value'}(${field})`,
      label: javaString(`${f.xmlName}=`),
      typeArgs: factory === 'any' ? model.name : `${model.name}, ${valueType}`,
      constraints: [
        ...(declaration?.default !== undefined ? [`.withDefault(${javaString(declaration.default)})`] : []),
        ...(declaration?.fixed !== undefined ? [`.withFixed(${javaString(declaration.fixed)})`] : []),
      ].join(''),
    };
  });
  const imports = new Set<string>();
  for (const p of properties) {
    if (p.init !== '') imports.add('java.util.ArrayList');
    if (/\bBigInteger\b/.test(p.type)) imports.add('java.math.BigInteger');
  }
  imports.add('java.util.List');
  const runtime = runtimeImportsOf(['ComplexType Particle Show', ...properties.flatMap((p) => [p.type, p.valueType, p.codec, p.show])]);
  const plan: ModelPlan = { name: model.name, factory: type.all === true ? 'all' : 'of', imports: [...runtime, ...[...imports].sort()], properties };
  modelPlans.set(model, plan);
  return plan;
}

/** A SOAP-encoded array type: a class extending `ArrayList` of its items. */
export interface SoapArrayPlan {
  readonly name: string;
  readonly imports: readonly string[];
  readonly itemType: string;
  readonly itemTypeId: string;
  readonly itemLocalName: string;
  readonly codec: string;
}

export function javaSoapArrayPlan(view: View, item: unknown): SoapArrayPlan {
  const model = item as ModelView;
  const index = indexOf(view);
  const type = own(index.schema.types, model.id);
  if (type?.kind !== 'soap-array' || type.item === undefined || model.alias === undefined) fail(`bug: ${model.id} is not a SOAP array`);
  const itemType = listItem(model.alias);
  const codec = codecOf(index, type.item);
  return {
    name: model.name,
    imports: [...runtimeImportsOf(['SoapArrayType', itemType, codec]), 'java.util.ArrayList', 'java.util.Collection', ...(/\bList\./.test(codec) ? ['java.util.List'] : [])],
    itemType,
    itemTypeId: type.item,
    itemLocalName: type.item.slice(type.item.indexOf('}') + 1),
    codec,
  };
}

// ---------------------------------------------------------------------------------------------
// Enumerations

export interface EnumPlan {
  readonly base: string;
  readonly imports: readonly string[];
  readonly members: readonly { readonly name: string; readonly value: string; readonly doc: readonly string[]; readonly last: boolean }[];
}

export function javaEnumPlan(view: View, item: unknown): EnumPlan {
  const enumeration = item as EnumView;
  const index = indexOf(view);
  const type = own(index.schema.types, enumeration.id);
  const base = builtinCodecOf(index.schema, type?.kind === 'enum' ? type.base : `${XSD_PREFIX}string`);
  return {
    base,
    imports: runtimeImportsOf(['SimpleType', base]),
    members: enumeration.members.map((m, i) => ({ ...m, last: i === enumeration.members.length - 1 })),
  };
}

export function javaRootsPlan(view: View): readonly RootPlan[] {
  return indexOf(view).roots;
}

/** What `Roots.java` imports: `Root`, the runtime classes its codecs name, and java.util. */
export function javaRootsImports(view: View): readonly string[] {
  const roots = javaRootsPlan(view);
  return [...runtimeImportsOf(['Root', ...roots.flatMap((r) => [r.type, r.codec])]), 'java.util.LinkedHashMap', 'java.util.List', 'java.util.Map'];
}
