/**
 * What the Java templates lay out for models, SOAP-encoded arrays, enumerations and the `Roots`
 * class, computed from the view: Java types, accessors and the particles of each model. The XML
 * details (namespaces, occurrences, the type of each particle) come from the schema descriptor
 * (see `schema-index.ts`), the names from the view.
 */
import type { EnumView, FieldView, ModelView, View } from '../../generator/src/view/view.js';
import { boxed, javaFieldName, javaString, RUNTIME_IMPORTS, RUNTIME_PACKAGE } from './naming.js';
import { codecOf, builtinCodecOf, fail, indexOf, own, XSD_PREFIX, type Index, type RootPlan } from './schema-index.js';

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
  /** The `toString()` expression of the property. */
  readonly show: string;
  /** `"Name="` as a Java literal, for `toString()`. */
  readonly label: string;
  /** The type arguments of the `Particle` factory. */
  readonly typeArgs: string;
  /** `.withDefault(...)`/`.withFixed(...)` for the schema's default and fixed values, or ''. */
  readonly constraints: string;
  /** The class declares the field and its accessors (false: inherited from a base class). */
  readonly declared: boolean;
}

export interface ModelPlan {
  readonly name: string;
  /** `public final class`, `public class` (types derive from it) or `public abstract class`. */
  readonly classKind: string;
  /** ` extends Base` for a derived type, else ''. */
  readonly superclass: string;
  /** The start of the codec expression, up to the particles' list. */
  readonly codecStart: string;
  /** `.derivation(...)` for a type of a derivation hierarchy, else ''. */
  readonly derivation: string;
  readonly imports: readonly string[];
  /** Every property of the type, inherited ones included, in the codec's order. */
  readonly properties: readonly PropertyPlan[];
  /** The properties the class declares itself. */
  readonly declared: readonly PropertyPlan[];
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

/** A Java property of a model, whichever class declares it. */
interface JavaProperty {
  readonly name: string;
  readonly field: string;
  readonly type: string;
  readonly factory: string;
  readonly valueType: string;
  readonly doc: readonly string[];
  readonly xmlName: string;
  /** The model (id) whose class declares it. */
  readonly owner: string;
}

/** A model's properties lined up with its descriptor's particles and attributes. */
interface Layout {
  readonly content: readonly JavaProperty[];
  readonly attributes: readonly JavaProperty[];
}

function propertyOf(f: FieldView, kind: 'attribute' | 'any' | 'element', owner: string, name = f.name): JavaProperty {
  let factory: string;
  let valueType: string;
  let declared: string;
  if (kind === 'attribute') {
    factory = 'attribute';
    valueType = boxed(f.type);
    declared = f.optional ? valueType : f.type;
  } else if (kind === 'any') {
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
  return { name, field: javaFieldName(name), type: declared, factory, valueType, doc: f.doc, xmlName: f.xmlName, owner };
}

/** The model a type's class extends: its base, when that is a model of an object (not a SOAP array). */
function baseModelOf(index: Index, id: string): ModelView | undefined {
  const type = own(index.schema.types, id);
  const base = type?.kind === 'complex' ? type.base : undefined;
  const model = base === undefined ? undefined : index.models.get(base);
  return model !== undefined && model.alias === undefined && own(index.schema.types, model.id)?.kind === 'complex' ? model : undefined;
}

const layouts = new WeakMap<object, Layout>();

/**
 * Lines a model's properties up with its descriptor's content and attributes. A type derived by
 * extension inherits its base's properties and adds its own (the view's fields); a restriction
 * reuses each base property whose values have the same Java type and declares the others.
 */
function layoutOf(index: Index, model: ModelView, depth = 0): Layout {
  const cached = layouts.get(model);
  if (cached !== undefined) return cached;
  if (depth > 64) fail(`${model.schemaName}: the derivation chain is too deep`);
  const type = own(index.schema.types, model.id);
  if (type?.kind !== 'complex') fail(`bug: ${model.id} is not a complex type in the descriptor`);
  const content = type.content;
  const attributes = type.attributes ?? [];
  const fields = model.fields.filter((f) => !f.xmlName.startsWith('$'));
  const kindOf = (i: number): 'attribute' | 'any' | 'element' => {
    if (i >= content.length) return 'attribute';
    const particle = content[i];
    if (particle?.kind === 'any') return 'any';
    if (particle?.kind !== 'element') fail(`${model.schemaName}: ${particle?.kind ?? 'missing'} particles are not supported yet`);
    return 'element';
  };
  const baseModel = baseModelOf(index, model.id);
  const base = baseModel === undefined ? undefined : layoutOf(index, baseModel, depth + 1);
  let layout: Layout;
  if (base !== undefined && model.extends !== undefined) {
    const ownContent = content.length - base.content.length;
    const ownAttributes = fields.length - ownContent;
    if (ownContent < 0 || ownAttributes < 0 || ownAttributes > attributes.length) {
      fail(`${model.schemaName}: the view's fields do not line up with the descriptor's particles`);
    }
    const taken = new Set([...base.content, ...base.attributes].map((p) => p.name));
    const unique = (name: string) => {
      let n = name;
      for (let i = 2; taken.has(n); i++) n = `${name}${i}`;
      taken.add(n);
      return n;
    };
    const added = fields.map((f, i) => propertyOf(f, kindOf(i < ownContent ? base.content.length + i : content.length), model.id, unique(f.name)));
    const inheritedAttributes = attributes.slice(0, attributes.length - ownAttributes).map((a) => {
      const found = base.attributes.find((p) => p.xmlName === a.name);
      return found ?? fail(`${model.schemaName}: no base property for the attribute ${a.name}`);
    });
    layout = { content: [...base.content, ...added.slice(0, ownContent)], attributes: [...inheritedAttributes, ...added.slice(ownContent)] };
  } else {
    if (fields.length !== content.length + attributes.length) {
      fail(`${model.schemaName}: the view has ${fields.length} fields, the descriptor ${content.length + attributes.length} particles`);
    }
    const inherited = base === undefined ? [] : [...base.content, ...base.attributes];
    const taken = new Set(inherited.map((p) => p.name));
    const properties = fields.map((f, i) => {
      const kind = kindOf(i);
      const fresh = propertyOf(f, kind, model.id);
      const reused = inherited.find((p) => p.name === f.name && p.valueType === fresh.valueType && (p.factory === 'attribute') === (kind === 'attribute'));
      if (reused !== undefined) return reused;
      if (!taken.has(f.name)) return fresh;
      let name = `${f.name}Restricted`;
      for (let n = 2; taken.has(name); n++) name = `${f.name}Restricted${n}`;
      taken.add(name);
      return propertyOf(f, kind, model.id, name);
    });
    layout = { content: properties.slice(0, content.length), attributes: properties.slice(content.length) };
  }
  layouts.set(model, layout);
  return layout;
}

/** Ids of every type derived from `id` (all generations) that has a model class, in view order. */
function descendantsOf(index: Index, view: View, id: string): ModelView[] {
  return view.models.filter((m) => {
    for (let b = baseModelOf(index, m.id), depth = 0; b !== undefined && depth < 64; b = baseModelOf(index, b.id), depth++) {
      if (b.id === id) return true;
    }
    return false;
  });
}

const modelPlans = new WeakMap<object, ModelPlan>();

export function javaModelPlan(view: View, item: unknown): ModelPlan {
  const model = item as ModelView;
  const cached = modelPlans.get(model);
  if (cached !== undefined) return cached;
  const index = indexOf(view);
  const type = own(index.schema.types, model.id);
  if (type?.kind !== 'complex') fail(`bug: ${model.id} is not a complex type in the descriptor`);
  const layout = layoutOf(index, model);
  const all = [...layout.content, ...layout.attributes];
  const properties = all.map((p, i): PropertyPlan => {
    const particle = i < type.content.length ? type.content[i] : undefined;
    const attribute = particle === undefined ? type.attributes?.[i - type.content.length] : undefined;
    const element = particle?.kind === 'element' ? particle : undefined;
    const typeId = attribute?.type ?? element?.type;
    const declaration = attribute ?? element;
    const declared = p.owner === model.id;
    return {
      name: p.name,
      field: p.field,
      type: p.type,
      init: p.factory === 'list' || p.factory === 'any' ? ' = new ArrayList<>()' : '',
      doc: p.doc,
      xmlName: p.xmlName,
      factory: p.factory,
      valueType: p.valueType,
      ns: attribute?.ns ?? element?.ns ?? '',
      min: attribute !== undefined ? (attribute.required ? 1 : 0) : (particle?.min ?? 0),
      max: attribute !== undefined ? 1 : (particle?.max ?? 1),
      nillable: element?.nillable ?? false,
      codec: typeId === undefined ? 'Builtins.ANY_TYPE' : codecOf(index, typeId),
      show: `${isSecret(p.xmlName) ? 'Show.secret' : 'Show.value'}(${declared ? p.field : `get${p.name}()`})`,
      label: javaString(`${p.xmlName}=`),
      typeArgs: p.factory === 'any' ? model.name : `${model.name}, ${p.valueType}`,
      constraints: [
        ...(declaration?.default !== undefined ? [`.withDefault(${javaString(declaration.default)})`] : []),
        ...(declaration?.fixed !== undefined ? [`.withFixed(${javaString(declaration.fixed)})`] : []),
      ].join(''),
      declared,
    };
  });
  const declaredProperties = properties.filter((p) => p.declared);
  const baseModel = baseModelOf(index, model.id);
  const descendants = descendantsOf(index, view, model.id);
  const hierarchy = baseModel !== undefined || descendants.length > 0;
  const abstract = type.abstract === true;
  const imports = new Set<string>();
  for (const p of declaredProperties) if (p.init !== '') imports.add('java.util.ArrayList');
  for (const p of properties) if (/\bBigInteger\b/.test(p.declared ? p.type : p.valueType)) imports.add('java.math.BigInteger');
  imports.add('java.util.List');
  const all_ = type.all === true;
  const codecStart = abstract
    ? `ComplexType.ofAbstract(${javaString(model.schemaName)}, ${model.name}.class, ${all_}, List.of(`
    : `ComplexType.${all_ ? 'all' : 'of'}(${javaString(model.schemaName)}, ${model.name}.class, ${model.name}::new, List.of(`;
  const derivation = hierarchy
    ? `\n            .derivation(${javaString(model.id)}, () -> List.of(${descendants.map((d) => `${d.name}.XML_TYPE`).join(', ')}))`
    : '';
  const runtime = runtimeImportsOf(['ComplexType Particle Show', ...declaredProperties.flatMap((p) => [p.type]), ...properties.flatMap((p) => [p.valueType, p.codec, p.show])]);
  const plan: ModelPlan = {
    name: model.name,
    classKind: abstract ? 'public abstract class' : descendants.length > 0 ? 'public class' : 'public final class',
    superclass: baseModel === undefined ? '' : ` extends ${baseModel.name}`,
    codecStart,
    derivation,
    imports: [...runtime, ...[...imports].sort()],
    properties,
    declared: declaredProperties,
  };
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
