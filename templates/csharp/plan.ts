/**
 * What the C# templates need beyond the view: for each model field its final member name, its
 * C# type and the codec call that reads and writes it; for each operation its parameters and
 * how the result is taken out of the response. Read from the view's typed codec plan
 * (`view.schema`, `services[].descriptor`) and its field types (`FieldView.type`), so templates
 * only lay the results out; nothing here parses JSON.
 */

import type {
  ChoiceParticle,
  ComplexTypeDescriptor,
  ElementParticle,
  ParticleDescriptor,
  SchemaDescriptor,
} from '@ecgrid/soap-runtime';
import { BUILTIN_TYPES, unionTypeName } from './builtins.js';
import type {
  EnumView,
  FieldView,
  ModelView,
  OperationView,
  RootView,
  ServiceView,
  View,
} from '../../generator/src/view/view.js';
import { memberName, parameterName, stringLiteral, typeName } from './names.js';

const XSD = 'http://www.w3.org/2001/XMLSchema';
const XSD_PREFIX = `{${XSD}}`;

/** How a field is read and written: the builder method of `ComplexCodec<T>` and its arguments. */
export interface FieldPlan {
  readonly member: string;
  readonly xmlName: string;
  /** The C# type of the property, as its class declares it. */
  readonly type: string;
  /** The type outside the class (a nested class's name qualified), when it differs. */
  readonly outerType?: string;
  /** `required` for elements and attributes that must be present. */
  readonly required: boolean;
  /** ` = [];` for lists, '' otherwise. */
  readonly initializer: string;
  /** `Element`, `NillableElement`, `Elements`, `Any`, `AnyList` or `Attribute`. */
  readonly builder: string;
  /** The builder's arguments before the accessors, as C# source. */
  readonly args: string;
  /** The builder's arguments after the accessors (`default`/`fixed` values), as C# source: '' or `, defaultValue: "5"`. */
  readonly tail: string;
  /** A sentence for fields without documentation. */
  readonly summary: string;
  /** The WSDL documentation of the field, as lines. */
  readonly doc: readonly string[];
  /** The property is the base class's (complexContent derivation): the class does not declare it again. */
  readonly inherited: boolean;
  /** `new ` when the property hides a base class property of another type (a restriction to another C# type), else ''. */
  readonly modifier: string;
}

/** How a model's class is declared and its codec built (derivation, abstract types). */
export interface ClassPlan {
  /** `public sealed partial class X`, `public abstract partial class X : Base`, ... */
  readonly declaration: string;
  /** ` : base(decoding)` for a derived class, else ''. */
  readonly baseCall: string;
  /** The access of the public constructor: `protected` for an abstract class. */
  readonly access: string;
  /** The codec's constructor arguments, as C# source. */
  readonly codecArgs: string;
  /** Every type derived from this one (directly or not): its class and schema id. */
  readonly derived: readonly { readonly name: string; readonly id: string }[];
  /** The classes nested in it (choices, their options, repeated sequences' items). */
  readonly nested: readonly NestedClassPlan[];
  /** The statements that define its codec (builder calls without the receiver). */
  readonly define: readonly string[];
}

export interface ParameterPlan {
  readonly name: string;
  readonly type: string;
  readonly member: string;
}

export interface OperationPlan {
  readonly parameters: readonly ParameterPlan[];
  /** The request object's C# type and whether it is built from the parameters. */
  readonly requestType: string;
  readonly wrapped: boolean;
  /** The C# type the call resolves to ('' when it resolves to nothing). */
  readonly resultType: string;
  /** How the result is taken out of `response` ('' when nothing is returned). */
  readonly resultExpression: string;
  readonly inputRoot: string;
  readonly outputRoot: string;
  /** The C# type of the response element (`object` for one-way operations). */
  readonly outputType: string;
  /** The field of the operation in the service's operations class. */
  readonly field: string;
  /** The name of the cancellation token parameter (not clashing with the others). */
  readonly cancellation: string;
}

export interface RootPlan {
  readonly member: string;
  readonly type: string;
  readonly codec: string;
  readonly kind: 'element' | 'type';
  readonly id: string;
  readonly ns: string;
  readonly name: string;
  readonly nillable: boolean;
  /** An abstract global element (only members of its substitution group stand for it). */
  readonly abstract: boolean;
}

function unsupported(what: string): never {
  throw new Error(`the C# target does not support ${what} yet`);
}

/**
 * What the plans of one view share: generated names and aliases by schema id. Built once per
 * view (helpers are called per model and per operation) and dropped with the view.
 */
interface Lookup {
  readonly schema: SchemaDescriptor;
  /** Generated type names by schema id, as the view assigned them. */
  readonly names: ReadonlyMap<string, string>;
  /** Models by C# name. */
  readonly models: ReadonlyMap<string, ModelView>;
  /** The C# types that stand for models that are not classes (SOAP-encoded arrays: `List<T?>`), by model name. */
  readonly aliases: ReadonlyMap<string, string>;
  readonly contents: Map<ModelView, ContentPlan>;
  readonly classPlans: Map<ModelView, ClassPlan>;
  /** Codec member stems that were too long, and the numbered ones that stand for them (`nestedCodecPrefix`). */
  readonly shortPrefixes: Map<string, string>;
  rootPlans?: RootPlan[];
}

const lookups = new WeakMap<View, Lookup>();

function lookupOf(view: View): Lookup {
  let lookup = lookups.get(view);
  if (lookup === undefined) {
    lookup = {
      schema: view.schema,
      names: new Map([
        ...view.models.map((m) => [m.id, m.name] as const),
        ...view.enums.map((e) => [e.id, e.name] as const),
      ]),
      models: new Map(view.models.map((m) => [m.name, m])),
      aliases: new Map(view.models.flatMap((m) => (m.alias !== undefined ? [[m.name, m.alias] as const] : []))),
      contents: new Map(),
      classPlans: new Map(),
      shortPrefixes: new Map(),
    };
    lookups.set(view, lookup);
  }
  return lookup;
}

function builtinCodec(local: string): string {
  return `Xsd.${local.charAt(0).toUpperCase()}${local.slice(1)}`;
}

/** The C# expression of the codec of a type id. */
export function codecOf(view: View, id: string): string {
  if (id.startsWith(XSD_PREFIX)) return builtinCodec(id.slice(XSD_PREFIX.length));
  const { names, schema } = lookupOf(view);
  const name = names.get(id);
  if (name !== undefined) return `Codecs.${name}Codec`;
  const decl = schema.types[id];
  if (decl?.kind === 'simple') return `Xsd.Restrict(${stringLiteral(decl.name)}, ${codecOf(view, decl.base)})`;
  if (decl?.kind === 'list')
    return `new ListCodec<${valueTypeOf(view, decl.item)}>(${stringLiteral(decl.name)}, ${codecOf(view, decl.item)})`;
  if (decl?.kind === 'union') {
    const type = valueTypeOf(view, id);
    const [wrap, unwrap] = type.startsWith('XsdUnion<')
      ? [`v => new ${type}(v)`, 'u => u.Value']
      : [`v => (${type})v`, 'u => u'];
    return `new UnionCodec<${type}>(${stringLiteral(decl.name)}, ${wrap}, ${unwrap}, ${decl.members.map((m) => codecOf(view, m)).join(', ')})`;
  }
  return unsupported(`the type ${id} (${decl?.kind ?? 'not defined'})`);
}

/** A type string of the view with the models that are not classes replaced by what stands for them. */
function resolveAliases(view: View, type: string): string {
  const { aliases } = lookupOf(view);
  return aliases.size === 0 ? type : type.replace(/[A-Za-z_][A-Za-z0-9_]*/g, (word) => aliases.get(word) ?? word);
}

/**
 * A property's C# type from the view's field type (the adapter's `fieldType`, which leaves
 * absence out): an optional member is nullable, and an optional nillable one `Nillable<T>?`
 * (null absent, `Nillable<T>.Nil` nil).
 */
function propertyType(view: View, field: FieldView): string {
  const type = resolveAliases(view, field.type);
  if (field.array || !field.optional) return type;
  if (field.nullable) return `Nillable<${type.endsWith('?') ? type.slice(0, -1) : type}>?`;
  return `${type}?`;
}

/** A model's field by schema name, its own or (complexContent extension) a base model's. */
function fieldOf(view: View, model: ModelView, xmlName: string): FieldView {
  const { models } = lookupOf(view);
  for (
    let m: ModelView | undefined = model;
    m !== undefined;
    m = m.extends === undefined ? undefined : models.get(m.extends)
  ) {
    const field = m.fields.find((f) => f.xmlName === xmlName);
    if (field !== undefined) return field;
  }
  throw new Error(`bug: the view has no field ${xmlName} in model ${model.name}`);
}

function complexOf(view: View, model: ModelView): ComplexTypeDescriptor {
  const decl = lookupOf(view).schema.types[model.id];
  if (decl?.kind !== 'complex') throw new Error(`bug: model ${model.id} has no complex type descriptor`);
  return decl;
}

/** The class model a model's class derives from (complexContent extension or restriction of a complex type). */
function baseModelOf(view: View, model: ModelView): ModelView | undefined {
  const { schema, names, models } = lookupOf(view);
  const decl = schema.types[model.id];
  if (decl?.kind !== 'complex' || decl.base === undefined) return undefined;
  if (schema.types[decl.base]?.kind !== 'complex') return undefined;
  const name = names.get(decl.base);
  return name === undefined ? undefined : models.get(name);
}

/** The declaration of a model's class, its codec's arguments and the types derived from it. */
export function classPlan(view: View, model: ModelView): ClassPlan {
  const lookup = lookupOf(view);
  const known = lookup.classPlans.get(model);
  if (known) return known;
  const decl = complexOf(view, model);
  const base = baseModelOf(view, model);
  const derived = classModels(view).filter((m) => {
    for (let b = baseModelOf(view, m), i = 0; b !== undefined && i < 64; b = baseModelOf(view, b), i++)
      if (b === model) return true;
    return false;
  });
  const abstract = decl.abstract === true;
  const create = abstract ? 'null' : `() => new ${model.name}(Decoding.Instance)`;
  // Types outside a derivation keep the codec named by the schema name only (as before derivation was supported).
  const hierarchy = base !== undefined || derived.length > 0 || abstract;
  const plan: ClassPlan = {
    declaration: `public ${abstract ? 'abstract ' : derived.length > 0 ? '' : 'sealed '}partial class ${model.name}${base ? ` : ${base.name}` : ''}`,
    baseCall: base ? ' : base(decoding)' : '',
    access: abstract ? 'protected' : 'public',
    codecArgs: hierarchy
      ? `${stringLiteral(model.id)}, ${stringLiteral(decl.name)}, ${create}`
      : `${stringLiteral(decl.name)}, ${create}`,
    derived: derived.map((m) => ({ name: m.name, id: m.id })),
    nested: contentOf(view, model).nested,
    define: contentOf(view, model).define,
  };
  lookup.classPlans.set(model, plan);
  return plan;
}

/** The models that become C# classes (complex types). */
export function classModels(view: View): ModelView[] {
  const { schema } = lookupOf(view);
  return view.models.filter((m) => schema.types[m.id]?.kind === 'complex');
}

/** SOAP-encoded array types: values are `List<T?>`, the codec is a `SoapArrayCodec`. */
export function soapArrays(
  view: View,
): { readonly name: string; readonly schemaName: string; readonly item: string; readonly itemId: string }[] {
  const { schema } = lookupOf(view);
  return view.models.flatMap((m) => {
    const decl = schema.types[m.id];
    return decl?.kind === 'soap-array'
      ? [{ name: m.name, schemaName: decl.name, item: codecOf(view, decl.item), itemId: decl.item }]
      : [];
  });
}

/** The `default`/`fixed` arguments of a builder call: '' when neither is set. */
function constraintArgs(defaultValue: string | undefined, fixedValue: string | undefined): string {
  return `${defaultValue === undefined ? '' : `, defaultValue: ${stringLiteral(defaultValue)}`}${fixedValue === undefined ? '' : `, fixedValue: ${stringLiteral(fixedValue)}`}`;
}

/** The plans of every field of a model, in schema order (elements, then attributes): its properties, inherited ones included. */
export function fieldPlans(view: View, model: ModelView): FieldPlan[] {
  return contentOf(view, model).properties;
}

/** What the content of a class makes: its properties, the statements that define its codec, its nested classes. */
interface ContentPlan {
  readonly properties: FieldPlan[];
  readonly define: string[];
  readonly nested: NestedClassPlan[];
}

/** A class nested in a model's class: a choice (abstract), one of its options, a repeated sequence's item. */
export interface NestedClassPlan {
  readonly name: string;
  /** The indentation of its declaration. */
  readonly indent: string;
  /** Its closing brace, indented. */
  readonly closing: string;
  /** Its C# type, from the package's namespace (`Recipient.ContactChoice.Email`). */
  readonly fullName: string;
  readonly declaration: string;
  readonly summary: string;
  /** The access of its parameterless constructor: `private protected` for a choice (a closed hierarchy). */
  readonly access: string;
  /** Options and items are decoded (a `Decoding` constructor); a choice is not. */
  readonly decodable: boolean;
  readonly properties: readonly FieldPlan[];
  readonly nested: readonly NestedClassPlan[];
  /** The codec: field name in `Codecs`, its type, its initializer and its defining statements. */
  readonly codecName: string;
  readonly codecType: string;
  readonly codecInit: string;
  readonly define: readonly string[];
}

/** Where content is planned: the class that gets the properties, the names it already uses. */
interface Owner {
  readonly fullName: string;
  /** The indentation of the owner's members (where its nested classes are declared). */
  readonly indent: string;
  readonly codecPrefix: string;
  readonly used: Set<string>;
  readonly nested: NestedClassPlan[];
  /** The model itself (its properties' types come from the view), not a class nested in it. */
  readonly model?: ModelView;
  readonly inherited: ReadonlyMap<string, FieldPlan>;
  /** The element particles planned so far, by name (a later one of the same name, namespace and type is their twin). */
  readonly elements: Map<string, { readonly ns: string; readonly type: string; readonly plan: FieldPlan }>;
}

/**
 * A nested class's name, unique among its owner's names. It may be a generated type's name too: the
 * code inside nested classes names generated types with `global::` (see `valueTypeOf`), so nothing is shadowed.
 */
function uniqueType(used: Set<string>, base: string): string {
  let name = base;
  for (let i = 2; used.has(name); i++) name = `${base}${i}`;
  used.add(name);
  return name;
}

function uniqueIn(used: Set<string>, base: string, suffix: string): string {
  let name = used.has(base) ? `${base}${suffix}` : base;
  for (let i = 2; used.has(name); i++) name = `${base}${suffix}${i}`;
  used.add(name);
  return name;
}

/** The C# type of a value of a schema type (simple restrictions are their base's type, SOAP arrays their list). */
function valueTypeOf(view: View, id: string): string {
  if (id.startsWith(XSD_PREFIX))
    return BUILTIN_TYPES[id.slice(XSD_PREFIX.length) as keyof typeof BUILTIN_TYPES] ?? 'string';
  const { names, schema, aliases } = lookupOf(view);
  const name = names.get(id);
  // Qualified: inside a nested class, a generated type's name may be shadowed by an option's class.
  const typeNames = new Set(names.values());
  const qualify = (type: string) =>
    type.replace(/[A-Za-z_][A-Za-z0-9_]*/g, (word) =>
      typeNames.has(word) ? `global::${view.package.namespace}.${word}` : word,
    );
  if (name !== undefined) return qualify(aliases.get(name) ?? name);
  const decl = schema.types[id];
  if (decl?.kind === 'simple') return valueTypeOf(view, decl.base);
  if (decl?.kind === 'list') return `List<${valueTypeOf(view, decl.item)}>`;
  if (decl?.kind === 'union') return unionTypeName(decl.members.map((m) => valueTypeOf(view, m)));
  return unsupported(`the type ${id} (${decl?.kind ?? 'not defined'})`);
}

/** A property's C# type from its element particle (in a nested class, or an optional group: where the view has no field). */
function particleType(view: View, p: ElementParticle, optional: boolean): string {
  const base = valueTypeOf(view, p.type);
  if (p.max !== 1) return `List<${p.nillable ? `${base}?` : base}>`;
  if (!optional && p.min > 0) return p.nillable ? `${base}?` : base;
  return p.nillable ? `Nillable<${base}>?` : `${base}?`;
}

/** Whether a particle may match nothing (as the runtime's `Member.Emptiable`). */
function emptiable(p: ParticleDescriptor): boolean {
  return p.min === 0 || innerEmptiable(p);
}

function innerEmptiable(p: ParticleDescriptor): boolean {
  if (p.kind === 'choice')
    return p.options.some((o) => (o.kind === 'sequence' && o.max === 1 ? o.content.every(emptiable) : emptiable(o)));
  if (p.kind === 'sequence') return p.content.every(emptiable);
  return false;
}

const PAD = '        ';

/**
 * Plans particles into an owner: element and wildcard particles become properties; a nested
 * sequence occurring once puts its particles on the owner; a repeated one a list of a nested item
 * class; a choice a property of a nested abstract class with one sealed class per option.
 */
function planParticles(
  view: View,
  owner: Owner,
  content: readonly ParticleDescriptor[],
  optional: boolean,
  into: ContentPlan,
  indent: string,
): void {
  const { properties, define } = into;
  const inheritedOf = (key: string) => owner.inherited.get(key);
  /** A plan that the base class already declares (complexContent derivation) keeps the base's property. */
  const inherit = (plan: FieldPlan, key: string): FieldPlan => {
    const from = inheritedOf(key);
    if (from === undefined) return plan;
    const bare = (type: string) => type.replace(/\?$/, '');
    if (bare(from.type) === bare(plan.type)) {
      return {
        ...plan,
        member: from.member,
        type: from.type,
        builder: from.builder,
        initializer: from.initializer,
        required: from.required,
        inherited: true,
      };
    }
    return { ...plan, member: from.member, modifier: 'new ' };
  };
  const nameOf = (key: string, base: string, suffix: string) =>
    inheritedOf(key)?.member ?? uniqueIn(owner.used, base, suffix);
  const add = (plan: FieldPlan) => {
    properties.push(plan);
    define.push(`${plan.builder}(${plan.args}, x => x.${plan.member}, (x, v) => x.${plan.member} = v${plan.tail})`);
  };
  for (const particle of content) {
    if (particle.kind === 'any') {
      // The view makes every wildcard a list; a wildcard that takes one element stays one value here.
      const many = particle.max !== 1;
      const field = owner.model === undefined ? undefined : findField(view, owner.model, particle.name);
      add(
        inherit(
          {
            member: nameOf(particle.name, memberName(particle.name), 'Value'),
            xmlName: particle.name,
            type: many ? 'List<XmlElementNode>' : particle.min === 0 || optional ? 'XmlElementNode?' : 'XmlElementNode',
            required: !many && particle.min > 0 && !optional,
            initializer: many ? ' = [];' : '',
            builder: many ? 'AnyList' : 'Any',
            args: `${stringLiteral(particle.name)}, ${particle.min}, ${particle.max}`,
            tail: '',
            summary: many
              ? 'Elements of any name, kept as XML and written back unchanged.'
              : 'An element of any name, kept as XML and written back unchanged.',
            doc: field?.doc ?? [],
            inherited: false,
            modifier: '',
          },
          particle.name,
        ),
      );
      continue;
    }
    if (particle.kind === 'element') {
      const twin = owner.elements.get(particle.name);
      if (twin !== undefined && twin.ns === particle.ns && twin.type === particle.type) {
        // The same element again (`a, b, a`): the first one's property, written only there.
        define.push(
          `${twin.plan.builder}(${twin.plan.args.replace(/, \d+, -?\d+, (true|false)$/, `, ${particle.min}, ${particle.max}, $1`)}, x => x.${twin.plan.member}, (x, v) => x.${twin.plan.member} = v${constraintArgs(particle.default, particle.fixed)}, twin: true)`,
        );
        continue;
      }
      const substitutes = substitutesOf(view, particle);
      const codec = codecOf(view, particle.type);
      const field =
        owner.model === undefined || optional || substitutes !== undefined
          ? undefined
          : findField(view, owner.model, particle.name);
      const many = particle.max !== 1;
      const triState = !many && particle.nillable && (particle.min === 0 || optional);
      add(
        inherit(
          {
            member: nameOf(particle.name, memberName(particle.name), 'Value'),
            xmlName: particle.name,
            type: field !== undefined ? propertyType(view, field) : particleType(view, particle, optional),
            required: !many && particle.min > 0 && !optional,
            initializer: many ? ' = [];' : '',
            builder: many ? 'Elements' : triState ? 'NillableElement' : 'Element',
            args: `${stringLiteral(particle.name)}, ${stringLiteral(particle.ns)}, ${codec}, ${particle.min}, ${particle.max}, ${particle.nillable ? 'true' : 'false'}`,
            tail: constraintArgs(particle.default, particle.fixed),
            summary: `The <c>${particle.name}</c> element.`,
            doc: field?.doc ?? [],
            inherited: false,
            modifier: '',
          },
          particle.name,
        ),
      );
      if (substitutes !== undefined) define.push(substitutes);
      const added = properties[properties.length - 1];
      if (added !== undefined) owner.elements.set(particle.name, { ns: particle.ns, type: particle.type, plan: added });
      continue;
    }
    if (particle.kind === 'sequence' && particle.max === 1) {
      // Its particles are the owner's; the codec knows them as a group (entered when its first element comes).
      const inner: ContentPlan = { properties, define: [], nested: into.nested };
      planParticles(view, owner, particle.content, optional || particle.min === 0, inner, `${indent}    `);
      const body = inner.define.map((d) => `${indent}    s.${d};`).join('\n');
      define.push(
        `Sequence(${stringLiteral(particle.name)}, ${particle.min}, ${particle.max}, s =>\n${indent}{\n${body}\n${indent}})`,
      );
      continue;
    }
    const inheritedGroup = inheritedOf(particle.name);
    if (inheritedGroup !== undefined) {
      // A group the base class declares (an extension's inherited content): the base's property and codecs.
      properties.push({ ...inheritedGroup, inherited: true });
      define.push(
        `${inheritedGroup.builder}(${inheritedGroup.args}, x => x.${inheritedGroup.member}, (x, v) => x.${inheritedGroup.member} = v)`,
      );
      continue;
    }
    const member = uniqueIn(owner.used, memberName(particle.name), 'Value');
    if (particle.kind === 'sequence') {
      const item = nestedClass(
        view,
        owner,
        `${memberName(particle.name)}Item`,
        `One occurrence of the sequence <c>${particle.name}</c>.`,
        particle.content,
      );
      properties.push({
        member,
        xmlName: particle.name,
        type: `List<${item.name}>`,
        outerType: `List<${item.fullName}>`,
        required: false,
        initializer: ' = [];',
        builder: 'Sequences',
        args: `${stringLiteral(particle.name)}, ${particle.min}, ${particle.max}, Codecs.${item.codecName}`,
        tail: '',
        summary: `The occurrences of the sequence <c>${particle.name}</c>.`,
        doc: [],
        inherited: false,
        modifier: '',
      });
    } else {
      const choice = choiceClass(view, owner, particle);
      const many = particle.max !== 1;
      const required = !many && particle.min > 0 && !optional && !innerEmptiable(particle);
      properties.push({
        member,
        xmlName: particle.name,
        type: many ? `List<${choice.name}>` : required ? choice.name : `${choice.name}?`,
        outerType: many ? `List<${choice.fullName}>` : required ? choice.fullName : `${choice.fullName}?`,
        required,
        initializer: many ? ' = [];' : '',
        builder: many ? 'Choices' : 'Choice',
        args: `${stringLiteral(particle.name)}, ${particle.min}, ${particle.max}, Codecs.${choice.codecName}`,
        tail: '',
        summary: many
          ? `The occurrences of the choice <c>${particle.name}</c>, each one of its options.`
          : `The choice <c>${particle.name}</c>: one of its options.`,
        doc: [],
        inherited: false,
        modifier: '',
      });
    }
    const plan = properties[properties.length - 1] as FieldPlan;
    define.push(`${plan.builder}(${plan.args}, x => x.${plan.member}, (x, v) => x.${plan.member} = v)`);
  }
}

/**
 * The statement that gives an element reference its substitution group (`SubstitutionGroup(...)`):
 * the non-abstract members, each with its type's codec and C# class; undefined without members.
 */
function substitutesOf(view: View, particle: ElementParticle): string | undefined {
  if (particle.substitutes === undefined || particle.substitutes.length === 0) return undefined;
  const { schema, names } = lookupOf(view);
  const head = schema.elements[particle.ns === '' ? particle.name : `{${particle.ns}}${particle.name}`];
  const members = particle.substitutes.flatMap((id) => {
    const element = schema.elements[id];
    if (element === undefined || element.abstract === true) return [];
    const name = names.get(element.type);
    const type =
      schema.types[element.type]?.kind === 'complex' && name !== undefined
        ? `typeof(global::${view.package.namespace}.${name})`
        : 'null';
    return [
      `new Substitute(${stringLiteral(element.name)}, ${stringLiteral(element.ns)}, ${codecOf(view, element.type)}, ${element.nillable ? 'true' : 'false'}, ${type})`,
    ];
  });
  return `SubstitutionGroup(${stringLiteral(particle.name)}, ${head?.abstract === true ? 'true' : 'false'}${members.map((m) => `, ${m}`).join('')})`;
}

/** Codec member names longer than this are numbered instead (C# metadata names stop at 1024 characters). */
const MAX_CODEC_PREFIX = 120;

/**
 * The name stem of a nested class's codec members: the owner's and the class's names joined, or,
 * when that grows too long (choices nested in choices of long option lists), `Nested<n>_` and the
 * class name cut short, numbered in planning order within the package.
 */
function nestedCodecPrefix(view: View, owner: Owner, name: string): string {
  const joined = `${owner.codecPrefix}_${name}`;
  if (joined.length <= MAX_CODEC_PREFIX) return joined;
  const lookup = lookupOf(view);
  let short = lookup.shortPrefixes.get(joined);
  if (short === undefined) {
    short = `Nested${lookup.shortPrefixes.size + 1}_${name.slice(0, 40)}`;
    lookup.shortPrefixes.set(joined, short);
  }
  return short;
}

/** A nested class holding particles (a repeated sequence's item, a choice's option), with its codec. */
function nestedClass(
  view: View,
  owner: Owner,
  base: string,
  summary: string,
  content: readonly ParticleDescriptor[],
  extendsName?: string,
  valueMember?: string,
): NestedClassPlan {
  const name = uniqueType(owner.used, base);
  const fullName = `${owner.fullName}.${name}`;
  const inner: Owner = {
    fullName,
    indent: `${owner.indent}    `,
    codecPrefix: nestedCodecPrefix(view, owner, name),
    // ToString: the generated ToString() override of every model class.
    used: new Set([name, 'ToString']),
    nested: [],
    inherited: new Map(),
    elements: new Map(),
  };
  const plan: ContentPlan = { properties: [], define: [], nested: inner.nested };
  if (valueMember !== undefined) inner.used.add(valueMember);
  planParticles(view, inner, content, false, plan, PAD);
  const properties = valueMember === undefined ? plan.properties : renameOnly(plan, valueMember);
  const nested: NestedClassPlan = {
    name,
    indent: owner.indent,
    closing: `${owner.indent}}`,
    fullName,
    declaration: `public sealed partial class ${name}${extendsName ? ` : ${extendsName}` : ''}`,
    summary,
    access: 'public',
    decodable: true,
    properties,
    nested: inner.nested,
    codecName: `${inner.codecPrefix}Codec`,
    codecType: `ComplexCodec<${fullName}>`,
    codecInit: `new(${stringLiteral(base)}, () => new ${fullName}(Decoding.Instance))`,
    define: plan.define,
  };
  owner.nested.push(nested);
  return nested;
}

/** An element option's one property is `Value` (its class has the element's name). */
function renameOnly(plan: ContentPlan, member: string): FieldPlan[] {
  const only = plan.properties[0];
  if (plan.properties.length !== 1 || only === undefined) return plan.properties;
  const renamed = { ...only, member };
  plan.define[0] = `${renamed.builder}(${renamed.args}, x => x.${member}, (x, v) => x.${member} = v${renamed.tail})`;
  return [renamed];
}

/** A choice: an abstract nested class, one sealed nested class per option, and its `ChoiceCodec`. */
function choiceClass(view: View, owner: Owner, choice: ChoiceParticle): NestedClassPlan {
  const name = uniqueType(owner.used, `${memberName(choice.name)}Choice`);
  const fullName = `${owner.fullName}.${name}`;
  const inner: Owner = {
    fullName,
    indent: `${owner.indent}    `,
    codecPrefix: nestedCodecPrefix(view, owner, name),
    // ToString: the generated ToString() override of every model class.
    used: new Set([name, 'ToString']),
    nested: [],
    inherited: new Map(),
    elements: new Map(),
  };
  const define: string[] = [];
  for (const option of choice.options) {
    const summary = `The option <c>${option.name}</c> of the choice.`;
    const optionClass =
      option.kind === 'element'
        ? nestedClass(view, inner, memberName(option.name), summary, [option], name, 'Value')
        : option.kind === 'sequence' && option.max === 1
          ? nestedClass(view, inner, memberName(option.name), summary, option.content, name)
          : nestedClass(view, inner, memberName(option.name), summary, [option], name);
    define.push(`Option(Codecs.${optionClass.codecName})`);
  }
  const plan: NestedClassPlan = {
    name,
    indent: owner.indent,
    closing: `${owner.indent}}`,
    fullName,
    declaration: `public abstract partial class ${name}`,
    summary: `The choice <c>${choice.name}</c>: exactly one of the nested classes.`,
    access: 'private protected',
    decodable: false,
    properties: [],
    nested: inner.nested,
    codecName: `${inner.codecPrefix}Codec`,
    codecType: `ChoiceCodec<${fullName}>`,
    codecInit: `new(${stringLiteral(choice.name)})`,
    define,
  };
  owner.nested.push(plan);
  return plan;
}

/** A model's field by schema name, or undefined (a particle the view shapes differently: in a group). */
function findField(view: View, model: ModelView, xmlName: string): FieldView | undefined {
  const { models } = lookupOf(view);
  for (
    let m: ModelView | undefined = model;
    m !== undefined;
    m = m.extends === undefined ? undefined : models.get(m.extends)
  ) {
    const field = m.fields.find((f) => f.xmlName === xmlName);
    if (field !== undefined) return field;
  }
  return undefined;
}

/** Every nested class of a model, depth first (for the codecs). */
export function nestedClasses(view: View, model: ModelView): NestedClassPlan[] {
  const out: NestedClassPlan[] = [];
  const walk = (list: readonly NestedClassPlan[]) => {
    for (const n of list) {
      walk(n.nested);
      out.push(n);
    }
  };
  walk(contentOf(view, model).nested);
  return out;
}

/** The content plan of a model: properties (its own and inherited), codec statements, nested classes. */
function contentOf(view: View, model: ModelView): ContentPlan {
  const lookup = lookupOf(view);
  const known = lookup.contents.get(model);
  if (known) return known;
  const decl = complexOf(view, model);
  const base = baseModelOf(view, model);
  const inherited = new Map<string, FieldPlan>();
  const used = new Set<string>([model.name, 'ToString']);
  if (base !== undefined) {
    for (const plan of fieldPlans(view, base)) {
      inherited.set(`${plan.builder === 'Attribute' ? '@' : ''}${plan.xmlName}`, plan);
      used.add(plan.member);
    }
    for (const n of contentOf(view, base).nested) used.add(n.name);
  }
  const owner: Owner = {
    fullName: `global::${view.package.namespace}.${model.name}`,
    indent: '    ',
    codecPrefix: model.name,
    used,
    nested: [],
    model,
    inherited,
    elements: new Map(),
  };
  const plan: ContentPlan = { properties: [], define: [], nested: owner.nested };
  const inherit = (p: FieldPlan, key: string): FieldPlan => {
    const from = inherited.get(key);
    if (from === undefined) return p;
    const bare = (type: string) => type.replace(/\?$/, '');
    if (bare(from.type) === bare(p.type))
      return {
        ...p,
        member: from.member,
        type: from.type,
        builder: from.builder,
        initializer: from.initializer,
        required: from.required,
        inherited: true,
      };
    return { ...p, member: from.member, modifier: 'new ' };
  };
  const nameOf = (key: string, base: string, suffix: string) =>
    inherited.get(key)?.member ?? uniqueIn(used, base, suffix);
  const add = (p: FieldPlan) => {
    plan.properties.push(p);
    plan.define.push(`${p.builder}(${p.args}, x => x.${p.member}, (x, v) => x.${p.member} = v${p.tail})`);
  };
  if (decl.all === true) plan.define.push('All()');
  if (decl.text !== undefined) {
    // simpleContent: the text value, `Value` (`$value` in the TypeScript values).
    const field = fieldOf(view, model, '$value');
    add(
      inherit(
        {
          member: nameOf('$value', 'Value', 'Text'),
          xmlName: '$value',
          type: propertyType(view, field),
          required: !field.optional,
          initializer: '',
          builder: 'Text',
          args: codecOf(view, decl.text),
          tail: '',
          summary: 'The text of the element: its value.',
          doc: field.doc,
          inherited: false,
          modifier: '',
        },
        '$value',
      ),
    );
  }
  if (decl.mixed === true) {
    const member = inherited.get('$text')?.member ?? uniqueIn(used, 'Text', 'Content');
    const text: FieldPlan = {
      member,
      xmlName: '$text',
      type: 'List<string>',
      required: false,
      initializer: ' = [];',
      builder: 'Mixed',
      args: '',
      tail: '',
      summary:
        'Mixed content: the text before each child element and after the last one (one more string than child elements).',
      doc: [],
      inherited: inherited.has('$text'),
      modifier: '',
    };
    plan.properties.push(text);
    plan.define.push(`Mixed(x => x.${member}, (x, v) => x.${member} = v)`);
  }
  planParticles(view, owner, decl.content, false, plan, PAD);
  for (const a of decl.attributes ?? []) {
    const member = nameOf(`@${a.name}`, memberName(a.name), 'Attribute');
    const codec = codecOf(view, a.type);
    const field = fieldOf(view, model, a.name);
    add(
      inherit(
        {
          member,
          xmlName: a.name,
          type: propertyType(view, field),
          required: a.required,
          initializer: '',
          builder: 'Attribute',
          args: `${stringLiteral(a.name)}, ${stringLiteral(a.ns)}, ${codec}, ${a.required ? 'true' : 'false'}`,
          tail: constraintArgs(a.default, a.fixed),
          summary: `The <c>${a.name}</c> attribute.`,
          doc: field.doc,
          inherited: false,
          modifier: '',
        },
        `@${a.name}`,
      ),
    );
  }
  if (decl.anyAttribute === true) {
    // xs:anyAttribute: the attributes the type does not declare, by Clark name (`$attributes` in the TypeScript values).
    const member = inherited.get('$attributes')?.member ?? uniqueIn(used, 'AnyAttributes', 'Value');
    plan.properties.push({
      member,
      xmlName: '$attributes',
      type: 'Dictionary<string, string>',
      required: false,
      initializer: ' = [];',
      builder: 'AnyAttributes',
      args: '',
      tail: '',
      summary:
        'Attributes the schema does not declare (xs:anyAttribute), by name: <c>local</c>, or <c>{namespace}local</c>; kept and written back.',
      doc: [],
      inherited: inherited.has('$attributes'),
      modifier: '',
    });
    plan.define.push(`AnyAttributes(x => x.${member}, (x, v) => x.${member} = v)`);
  }
  lookup.contents.set(model, plan);
  return plan;
}

/** The typed root accessors of `XmlRoots`: member names unique, C# types as the view gives them. */
export function rootPlans(view: View): RootPlan[] {
  const lookup = lookupOf(view);
  if (lookup.rootPlans) return lookup.rootPlans;
  const used = new Set<string>(['Element', 'Type', 'All']);
  const { schema } = lookup;
  const plans = view.roots.map((root: RootView): RootPlan => {
    let member = memberName(root.key);
    for (let i = 2; used.has(member); i++) member = `${memberName(root.key)}${i}`;
    used.add(member);
    const element = root.kind === 'element' ? schema.elements[root.id] : undefined;
    const typeId = root.kind === 'element' ? element?.type : root.id;
    if (typeId === undefined) throw new Error(`bug: root ${root.id} has no element descriptor`);
    return {
      member,
      type: resolveAliases(view, root.type),
      codec: codecOf(view, typeId),
      kind: root.kind,
      id: root.id,
      ns: root.ns,
      name: root.name,
      nillable: element?.nillable ?? true,
      abstract: element?.abstract === true,
    };
  });
  lookup.rootPlans = plans;
  return plans;
}

/** The call shape of an operation: parameters, request type, result and how to get it. */
export function operationPlan(view: View, service: ServiceView, op: OperationView): OperationPlan {
  const descriptor = service.descriptor.operations[op.name];
  if (descriptor === undefined) throw new Error(`bug: operation ${op.name} is not in the service descriptor`);
  const { schema } = lookupOf(view);
  const roots = rootPlans(view);
  const elementRoot = (id: string): RootPlan | undefined => roots.find((r) => r.kind === 'element' && r.id === id);
  const rootOf = (id: string): string => {
    const plan = elementRoot(id);
    if (plan === undefined)
      unsupported(`the operation ${op.name}: its element ${id} has a type the C# target leaves out`);
    return plan.member;
  };
  const inputModel = view.models.find((m) => m.id === schema.elements[descriptor.input]?.type);
  const wrapped = descriptor.wrapped && inputModel !== undefined;
  // The client method's locals (`var request`, `var response`) are taken: a field of that name is numbered.
  const used = new Set<string>(wrapped ? ['request', 'response'] : []);
  const parameters: ParameterPlan[] = [];
  if (wrapped && inputModel) {
    for (const field of fieldPlans(view, inputModel)) {
      let name = parameterName(field.xmlName);
      for (let i = 2; used.has(name); i++) name = `${parameterName(field.xmlName)}${i}`;
      used.add(name);
      parameters.push({ name, type: field.outerType ?? field.type, member: field.member });
    }
  } else {
    used.add('request');
    parameters.push({ name: 'request', type: elementRoot(descriptor.input)?.type ?? op.inputType, member: '' });
  }
  let cancellation = 'cancellationToken';
  for (let i = 2; used.has(cancellation); i++) cancellation = `cancellationToken${i}`;

  let resultType = op.resultType === 'void' ? '' : op.resultType;
  let resultExpression = descriptor.output === undefined ? '' : 'response';
  const outputModel = view.models.find(
    (m) => m.id === (descriptor.output === undefined ? undefined : schema.elements[descriptor.output]?.type),
  );
  if (descriptor.wrapped && outputModel !== undefined) {
    const plans = fieldPlans(view, outputModel);
    const outputType = schema.types[outputModel.id];
    const content = outputType?.kind === 'complex' ? outputType.content : [];
    const only = plans[0];
    if (content.length === 0) resultExpression = '';
    else if (content.length === 1 && content[0]?.kind === 'element' && only !== undefined) {
      resultType = only.type.startsWith('Nillable<') ? `${only.type.slice('Nillable<'.length, -2)}?` : only.type;
      resultExpression =
        only.builder === 'NillableElement'
          ? `response.${only.member} is { HasValue: true } result ? result.Value : null`
          : `response.${only.member}`;
    }
  } else if (descriptor.output !== undefined) {
    resultType = elementRoot(descriptor.output)?.type ?? resultType;
  }
  if (resultExpression === '') resultType = '';
  return {
    parameters,
    requestType: wrapped && inputModel ? inputModel.name : (elementRoot(descriptor.input)?.type ?? op.inputType),
    wrapped,
    resultType,
    resultExpression,
    inputRoot: rootOf(descriptor.input),
    outputRoot: descriptor.output === undefined ? '' : rootOf(descriptor.output),
    outputType: descriptor.output === undefined ? 'object' : (elementRoot(descriptor.output)?.type ?? 'object'),
    field: memberName(op.name),
    cancellation,
  };
}

/**
 * Whether `XmlCodec.cs` names `BigInteger` (a root of a type restricting xs:integer, a list or
 * union of integers), so it imports `System.Numerics` (only then: the contract package stays as it is).
 */
export function codecUsesBigInteger(view: View): boolean {
  const uses = (text: string) => /\bBigInteger\b/.test(text);
  if (rootPlans(view).some((r) => uses(r.type) || uses(r.codec))) return true;
  return classModels(view).some(
    (m) =>
      classPlan(view, m).define.some(uses) ||
      nestedClasses(view, m).some((n) => uses(n.codecType) || uses(n.codecInit) || n.define.some(uses)),
  );
}

/** The C# type name of a service's operations table, for the client. */
export function operationsClassOf(service: ServiceView): string {
  return typeName(`${service.name}Operations`);
}

/** The codec of the builtin (or simple type) an enumeration restricts. */
export function enumBaseCodec(view: View, e: EnumView): string {
  const decl = lookupOf(view).schema.types[e.id];
  if (decl?.kind !== 'enum') throw new Error(`bug: enumeration ${e.id} has no enum descriptor`);
  return codecOf(view, decl.base);
}
