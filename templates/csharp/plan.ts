/**
 * What the C# templates need beyond the view: for each model field its final member name, its
 * C# type and the codec call that reads and writes it; for each operation its parameters and
 * how the result is taken out of the response. Read from the view's typed codec plan
 * (`view.schema`, `services[].descriptor`) and its field types (`FieldView.type`), so templates
 * only lay the results out; nothing here parses JSON.
 */

import type { ComplexTypeDescriptor, SchemaDescriptor } from '@ecgrid/soap-runtime';
import type { EnumView, FieldView, ModelView, OperationView, RootView, ServiceView, View } from '../../generator/src/view/view.js';
import { memberName, parameterName, stringLiteral, typeName } from './names.js';

const XSD = 'http://www.w3.org/2001/XMLSchema';
const XSD_PREFIX = `{${XSD}}`;

/** How a field is read and written: the builder method of `ComplexCodec<T>` and its arguments. */
export interface FieldPlan {
  readonly member: string;
  readonly xmlName: string;
  /** The C# type of the property. */
  readonly type: string;
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
  readonly fieldPlans: Map<ModelView, FieldPlan[]>;
  readonly classPlans: Map<ModelView, ClassPlan>;
  rootPlans?: RootPlan[];
}

const lookups = new WeakMap<View, Lookup>();

function lookupOf(view: View): Lookup {
  let lookup = lookups.get(view);
  if (lookup === undefined) {
    lookup = {
      schema: view.schema,
      names: new Map([...view.models.map((m) => [m.id, m.name] as const), ...view.enums.map((e) => [e.id, e.name] as const)]),
      models: new Map(view.models.map((m) => [m.name, m])),
      aliases: new Map(view.models.flatMap((m) => (m.alias !== undefined ? [[m.name, m.alias] as const] : []))),
      fieldPlans: new Map(),
      classPlans: new Map(),
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
  for (let m: ModelView | undefined = model; m !== undefined; m = m.extends === undefined ? undefined : models.get(m.extends)) {
    const field = m.fields.find((f) => f.xmlName === xmlName);
    if (field !== undefined) return field;
  }
  throw new Error(`bug: the view has no field ${xmlName} in model ${model.name}`);
}

function complexOf(view: View, model: ModelView): ComplexTypeDescriptor {
  const decl = lookupOf(view).schema.types[model.id];
  if (decl?.kind !== 'complex') throw new Error(`bug: model ${model.id} has no complex type descriptor`);
  if (decl.mixed === true) unsupported(`mixed content (type ${decl.name})`);
  if (decl.all === true) unsupported(`xs:all content (type ${decl.name})`);
  return decl;
}

/**
 * Types the C# target leaves out for now, by kind: lists and unions. Their models and roots are
 * not generated (see README); a field of such a type stops generation with a clear error.
 */
const LEFT_OUT_KINDS = new Set(['list', 'union']);

function leftOut(view: View, id: string): boolean {
  return LEFT_OUT_KINDS.has(lookupOf(view).schema.types[id]?.kind ?? '');
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
    for (let b = baseModelOf(view, m), i = 0; b !== undefined && i < 64; b = baseModelOf(view, b), i++) if (b === model) return true;
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
    codecArgs: hierarchy ? `${stringLiteral(model.id)}, ${stringLiteral(decl.name)}, ${create}` : `${stringLiteral(decl.name)}, ${create}`,
    derived: derived.map((m) => ({ name: m.name, id: m.id })),
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
export function soapArrays(view: View): { readonly name: string; readonly schemaName: string; readonly item: string; readonly itemId: string }[] {
  const { schema } = lookupOf(view);
  return view.models.flatMap((m) => {
    const decl = schema.types[m.id];
    return decl?.kind === 'soap-array' ? [{ name: m.name, schemaName: decl.name, item: codecOf(view, decl.item), itemId: decl.item }] : [];
  });
}

/** The `default`/`fixed` arguments of a builder call: '' when neither is set. */
function constraintArgs(defaultValue: string | undefined, fixedValue: string | undefined): string {
  return `${defaultValue === undefined ? '' : `, defaultValue: ${stringLiteral(defaultValue)}`}${fixedValue === undefined ? '' : `, fixedValue: ${stringLiteral(fixedValue)}`}`;
}

/** The plans of every field of a model, in the view's order (elements, then attributes). */
export function fieldPlans(view: View, model: ModelView): FieldPlan[] {
  const lookup = lookupOf(view);
  const known = lookup.fieldPlans.get(model);
  if (known) return known;
  const decl = complexOf(view, model);
  const base = baseModelOf(view, model);
  const inherited = new Map<string, FieldPlan>();
  const used = new Set<string>([model.name]);
  if (base !== undefined) {
    for (const plan of fieldPlans(view, base)) {
      inherited.set(`${plan.builder === 'Attribute' ? '@' : ''}${plan.xmlName}`, plan);
      used.add(plan.member);
    }
  }
  /** A particle or attribute the base class has a property for: that property, unless its C# type differs (then a hiding one). */
  const inherit = (plan: FieldPlan): FieldPlan => {
    const from = inherited.get(`${plan.builder === 'Attribute' ? '@' : ''}${plan.xmlName}`);
    if (from === undefined) return plan;
    const bare = (type: string) => type.replace(/\?$/, '');
    if (bare(from.type) === bare(plan.type) || (from.builder === plan.builder && from.type === plan.type)) {
      return { ...plan, member: from.member, type: from.type, builder: from.builder, initializer: from.initializer, required: from.required, inherited: true };
    }
    return { ...plan, member: from.member, modifier: 'new ' };
  };
  const unique = (base: string, suffix: string): string => {
    let name = used.has(base) ? `${base}${suffix}` : base;
    for (let i = 2; used.has(name); i++) name = `${base}${suffix}${i}`;
    used.add(name);
    return name;
  };
  const plans: FieldPlan[] = [];
  const nameOf = (key: string, base: string, suffix: string) => inherited.get(key)?.member ?? unique(base, suffix);
  if (decl.text !== undefined) {
    // simpleContent: the text value, `Value` (`$value` in the TypeScript values).
    const field = fieldOf(view, model, '$value');
    plans.push(
      inherit({
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
      }),
    );
  }
  for (const particle of decl.content) {
    const member = nameOf(particle.name, memberName(particle.name), 'Value');
    if (particle.kind === 'any') {
      // The view makes every wildcard a list; a wildcard that takes one element stays one value here.
      const many = particle.max !== 1;
      plans.push(inherit({
        member,
        xmlName: particle.name,
        type: many ? 'List<XmlElementNode>' : particle.min === 0 ? 'XmlElementNode?' : 'XmlElementNode',
        required: !many && particle.min > 0,
        initializer: many ? ' = [];' : '',
        builder: many ? 'AnyList' : 'Any',
        args: `${stringLiteral(particle.name)}, ${particle.min}, ${particle.max}`,
        tail: '',
        summary: many ? 'Elements of any name, kept as XML and written back unchanged.' : 'An element of any name, kept as XML and written back unchanged.',
        doc: fieldOf(view, model, particle.name).doc,
        inherited: false,
        modifier: '',
      }));
      continue;
    }
    if (particle.kind !== 'element') unsupported(`${particle.kind} particles (type ${decl.name})`);
    if (particle.substitutes !== undefined && particle.substitutes.length > 0) unsupported(`substitution groups (element ${particle.name} of type ${decl.name})`);
    const codec = codecOf(view, particle.type);
    const field = fieldOf(view, model, particle.name);
    const many = particle.max !== 1;
    const triState = !many && particle.nillable && particle.min === 0;
    plans.push(inherit({
      member,
      xmlName: particle.name,
      type: propertyType(view, field),
      required: !many && particle.min > 0,
      initializer: many ? ' = [];' : '',
      builder: many ? 'Elements' : triState ? 'NillableElement' : 'Element',
      args: `${stringLiteral(particle.name)}, ${stringLiteral(particle.ns)}, ${codec}, ${particle.min}, ${particle.max}, ${particle.nillable ? 'true' : 'false'}`,
      tail: constraintArgs(particle.default, particle.fixed),
      summary: `The <c>${particle.name}</c> element.`,
      doc: field.doc,
      inherited: false,
      modifier: '',
    }));
  }
  for (const a of decl.attributes ?? []) {
    const member = nameOf(`@${a.name}`, memberName(a.name), 'Attribute');
    const codec = codecOf(view, a.type);
    const field = fieldOf(view, model, a.name);
    plans.push(inherit({
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
    }));
  }
  lookup.fieldPlans.set(model, plans);
  return plans;
}

/** The typed root accessors of `XmlRoots`: member names unique, C# types as the view gives them. */
export function rootPlans(view: View): RootPlan[] {
  const lookup = lookupOf(view);
  if (lookup.rootPlans) return lookup.rootPlans;
  const used = new Set<string>(['Element', 'Type', 'All']);
  const { schema } = lookup;
  const plans = view.roots.filter((root) => !leftOut(view, root.kind === 'element' ? (schema.elements[root.id]?.type ?? '') : root.id)).map((root: RootView): RootPlan => {
    let member = memberName(root.key);
    for (let i = 2; used.has(member); i++) member = `${memberName(root.key)}${i}`;
    used.add(member);
    const element = root.kind === 'element' ? schema.elements[root.id] : undefined;
    const typeId = root.kind === 'element' ? element?.type : root.id;
    if (typeId === undefined) throw new Error(`bug: root ${root.id} has no element descriptor`);
    return { member, type: resolveAliases(view, root.type), codec: codecOf(view, typeId), kind: root.kind, id: root.id, ns: root.ns, name: root.name, nillable: element?.nillable ?? true, abstract: element?.abstract === true };
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
    if (plan === undefined) unsupported(`the operation ${op.name}: its element ${id} has a type the C# target leaves out`);
    return plan.member;
  };
  const inputModel = view.models.find((m) => m.id === schema.elements[descriptor.input]?.type);
  const wrapped = descriptor.wrapped && inputModel !== undefined;
  const used = new Set<string>();
  const parameters: ParameterPlan[] = [];
  if (wrapped && inputModel) {
    for (const field of fieldPlans(view, inputModel)) {
      let name = parameterName(field.xmlName);
      for (let i = 2; used.has(name); i++) name = `${parameterName(field.xmlName)}${i}`;
      used.add(name);
      parameters.push({ name, type: field.type, member: field.member });
    }
  } else {
    used.add('request');
    parameters.push({ name: 'request', type: elementRoot(descriptor.input)?.type ?? op.inputType, member: '' });
  }
  let cancellation = 'cancellationToken';
  for (let i = 2; used.has(cancellation); i++) cancellation = `cancellationToken${i}`;

  let resultType = op.resultType === 'void' ? '' : op.resultType;
  let resultExpression = descriptor.output === undefined ? '' : 'response';
  const outputModel = view.models.find((m) => m.id === (descriptor.output === undefined ? undefined : schema.elements[descriptor.output]?.type));
  if (descriptor.wrapped && outputModel !== undefined) {
    const plans = fieldPlans(view, outputModel);
    const outputType = schema.types[outputModel.id];
    const content = outputType?.kind === 'complex' ? outputType.content : [];
    const only = plans[0];
    if (content.length === 0) resultExpression = '';
    else if (content.length === 1 && content[0]?.kind === 'element' && only !== undefined) {
      resultType = only.type.startsWith('Nillable<') ? `${only.type.slice('Nillable<'.length, -2)}?` : only.type;
      resultExpression =
        only.builder === 'NillableElement' ? `response.${only.member} is { HasValue: true } result ? result.Value : null` : `response.${only.member}`;
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
