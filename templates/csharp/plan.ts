/**
 * What the C# templates need beyond the view: for each model field its final member name, its
 * C# type and the codec call that reads and writes it; for each operation its parameters and
 * how the result is taken out of the response. Computed from the view and its schema descriptor
 * (`schemaJson`, `serviceJson`), so templates only lay the results out.
 */

import type { EnumView, ModelView, OperationView, RootView, ServiceView, View } from '../../generator/src/view/view.js';
import { memberName, parameterName, stringLiteral, typeName } from './names.js';

const XSD = 'http://www.w3.org/2001/XMLSchema';
const XSD_PREFIX = `{${XSD}}`;

interface ElementParticle {
  readonly kind: 'element';
  readonly name: string;
  readonly ns: string;
  readonly type: string;
  readonly min: number;
  readonly max: number;
  readonly nillable: boolean;
  readonly default?: string;
  readonly fixed?: string;
  readonly substitutes?: readonly string[];
}
interface AnyParticle {
  readonly kind: 'any';
  readonly name: string;
  readonly min: number;
  readonly max: number;
}
interface Attribute {
  readonly name: string;
  readonly ns: string;
  readonly type: string;
  readonly required: boolean;
}
interface TypeDescriptor {
  readonly kind: string;
  readonly name: string;
  readonly base?: string;
  readonly values?: readonly string[];
  readonly content?: readonly { readonly kind: string; readonly name: string }[];
  readonly attributes?: readonly Attribute[];
  readonly text?: string;
  readonly abstract?: boolean;
  readonly mixed?: boolean;
  readonly all?: boolean;
  readonly item?: string;
}
interface Schema {
  readonly types: Readonly<Record<string, TypeDescriptor>>;
  readonly elements: Readonly<Record<string, { readonly name: string; readonly ns: string; readonly type: string; readonly nillable: boolean }>>;
}
interface Operation {
  readonly name: string;
  readonly soapAction: string;
  readonly input: string;
  readonly output?: string;
  readonly wrapped: boolean;
}

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
  /** A sentence for fields without documentation. */
  readonly summary: string;
  /** The WSDL documentation of the field, as lines. */
  readonly doc: readonly string[];
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
}

/** Parsing the descriptor of a large WSDL takes time: the last one is kept. */
let cached: { readonly json: string; readonly schema: Schema } | undefined;

function schemaOf(view: View): Schema {
  if (cached?.json !== view.schemaJson) cached = { json: view.schemaJson, schema: JSON.parse(view.schemaJson) as Schema };
  return cached.schema;
}

function unsupported(what: string): never {
  throw new Error(`the C# target does not support ${what} yet`);
}

/** Names of generated types by schema id, as the view assigned them. */
function namesOf(view: View): Map<string, string> {
  return new Map([...view.models.map((m) => [m.id, m.name] as const), ...view.enums.map((e) => [e.id, e.name] as const)]);
}

function builtinCodec(local: string): string {
  return `Xsd.${local.charAt(0).toUpperCase()}${local.slice(1)}`;
}

/** The C# expression of the codec of a type id. */
export function codecOf(view: View, id: string): string {
  if (id.startsWith(XSD_PREFIX)) return builtinCodec(id.slice(XSD_PREFIX.length));
  const names = namesOf(view);
  const name = names.get(id);
  if (name !== undefined) return `Codecs.${name}Codec`;
  const decl = schemaOf(view).types[id];
  if (decl?.kind === 'simple' && decl.base !== undefined) return `Xsd.Restrict(${stringLiteral(decl.name)}, ${codecOf(view, decl.base)})`;
  return unsupported(`the type ${id} (${decl?.kind ?? 'not defined'})`);
}

/** The C# type of values of a type id (builtins through the adapter's map). */
function valueType(view: View, id: string, builtins: Readonly<Record<string, string>>): string {
  if (id.startsWith(XSD_PREFIX)) return builtins[id.slice(XSD_PREFIX.length)] ?? unsupported(`the builtin ${id}`);
  const array = schemaOf(view).types[id];
  if (array?.kind === 'soap-array' && array.item !== undefined) return `List<${valueType(view, array.item, builtins)}?>`;
  const name = namesOf(view).get(id);
  if (name !== undefined) return name;
  const decl = schemaOf(view).types[id];
  if (decl?.kind === 'simple' && decl.base !== undefined) return valueType(view, decl.base, builtins);
  return unsupported(`the type ${id} (${decl?.kind ?? 'not defined'})`);
}

function complexOf(view: View, model: ModelView): TypeDescriptor {
  const decl = schemaOf(view).types[model.id];
  if (decl?.kind !== 'complex') throw new Error(`bug: model ${model.id} has no complex type descriptor`);
  if (decl.text !== undefined) unsupported(`simple content (type ${decl.name})`);
  if (decl.mixed === true) unsupported(`mixed content (type ${decl.name})`);
  if (decl.abstract === true) unsupported(`abstract types (type ${decl.name})`);
  if (decl.all === true) unsupported(`xs:all content (type ${decl.name})`);
  return decl;
}

/**
 * Types the C# target leaves out for now, by kind: lists and unions. Their models and roots are
 * not generated (see README); a field of such a type stops generation with a clear error.
 */
const LEFT_OUT_KINDS = new Set(['list', 'union']);

function leftOut(view: View, id: string): boolean {
  return LEFT_OUT_KINDS.has(schemaOf(view).types[id]?.kind ?? '');
}

/** The models that become C# classes (complex types). */
export function classModels(view: View): ModelView[] {
  return view.models.filter((m) => schemaOf(view).types[m.id]?.kind === 'complex');
}

/** SOAP-encoded array types: values are `List<T?>`, the codec is a `SoapArrayCodec`. */
export function soapArrays(view: View): { readonly name: string; readonly schemaName: string; readonly item: string; readonly itemId: string }[] {
  return view.models.flatMap((m) => {
    const decl = schemaOf(view).types[m.id];
    return decl?.kind === 'soap-array' && decl.item !== undefined ? [{ name: m.name, schemaName: decl.name, item: codecOf(view, decl.item), itemId: decl.item }] : [];
  });
}

const planCache = new WeakMap<ModelView, FieldPlan[]>();

/** The plans of every field of a model, in the view's order (elements, then attributes). */
export function fieldPlans(view: View, model: ModelView, builtins: Readonly<Record<string, string>>): FieldPlan[] {
  const known = planCache.get(model);
  if (known) return known;
  const decl = complexOf(view, model);
  const content = decl.content ?? [];
  const attributes = decl.attributes ?? [];
  const used = new Set<string>([model.name]);
  const unique = (base: string, suffix: string): string => {
    let name = used.has(base) ? `${base}${suffix}` : base;
    for (let i = 2; used.has(name); i++) name = `${base}${suffix}${i}`;
    used.add(name);
    return name;
  };
  const plans: FieldPlan[] = [];
  const docOf = (xmlName: string): readonly string[] => model.fields.find((f) => f.xmlName === xmlName)?.doc ?? [];
  for (const particle of content) {
    const member = unique(memberName(particle.name), 'Value');
    if (particle.kind === 'any') {
      const p = particle as AnyParticle;
      const many = p.max !== 1;
      plans.push({
        member,
        xmlName: p.name,
        type: many ? 'List<XmlElementNode>' : p.min === 0 ? 'XmlElementNode?' : 'XmlElementNode',
        required: !many && p.min > 0,
        initializer: many ? ' = [];' : '',
        builder: many ? 'AnyList' : 'Any',
        args: `${stringLiteral(p.name)}, ${p.min}, ${p.max}`,
        summary: many ? 'Elements of any name, kept as XML and written back unchanged.' : 'An element of any name, kept as XML and written back unchanged.',
        doc: docOf(p.name),
      });
      continue;
    }
    if (particle.kind !== 'element') unsupported(`${particle.kind} particles (type ${decl.name})`);
    const p = particle as ElementParticle;
    if (p.default !== undefined || p.fixed !== undefined) unsupported(`default and fixed values (element ${p.name} of type ${decl.name})`);
    if (p.substitutes !== undefined && p.substitutes.length > 0) unsupported(`substitution groups (element ${p.name} of type ${decl.name})`);
    const base = valueType(view, p.type, builtins);
    const many = p.max !== 1;
    const triState = !many && p.nillable && p.min === 0;
    const type = many
      ? `List<${p.nillable ? `${base}?` : base}>`
      : triState
        ? `Nillable<${base}>?`
        : p.nillable || p.min === 0
          ? `${base}?`
          : base;
    plans.push({
      member,
      xmlName: p.name,
      type,
      required: !many && p.min > 0,
      initializer: many ? ' = [];' : '',
      builder: many ? 'Elements' : triState ? 'NillableElement' : 'Element',
      args: `${stringLiteral(p.name)}, ${stringLiteral(p.ns)}, ${codecOf(view, p.type)}, ${p.min}, ${p.max}, ${p.nillable ? 'true' : 'false'}`,
      summary: `The <c>${p.name}</c> element.`,
      doc: docOf(p.name),
    });
  }
  for (const a of attributes) {
    const member = unique(memberName(a.name), 'Attribute');
    const base = valueType(view, a.type, builtins);
    plans.push({
      member,
      xmlName: a.name,
      type: a.required ? base : `${base}?`,
      required: a.required,
      initializer: '',
      builder: 'Attribute',
      args: `${stringLiteral(a.name)}, ${stringLiteral(a.ns)}, ${codecOf(view, a.type)}, ${a.required ? 'true' : 'false'}`,
      summary: `The <c>${a.name}</c> attribute.`,
      doc: docOf(a.name),
    });
  }
  planCache.set(model, plans);
  return plans;
}

const rootCache = new WeakMap<View, RootPlan[]>();

/** The typed root accessors of `XmlRoots`: member names unique, C# types as the view gives them. */
export function rootPlans(view: View, builtins: Readonly<Record<string, string>>): RootPlan[] {
  const known = rootCache.get(view);
  if (known) return known;
  const used = new Set<string>(['Element', 'Type', 'All']);
  const schema = schemaOf(view);
  const plans = view.roots.filter((root) => !leftOut(view, root.kind === 'element' ? (schema.elements[root.id]?.type ?? '') : root.id)).map((root: RootView): RootPlan => {
    let member = memberName(root.key);
    for (let i = 2; used.has(member); i++) member = `${memberName(root.key)}${i}`;
    used.add(member);
    const element = root.kind === 'element' ? schema.elements[root.id] : undefined;
    const typeId = root.kind === 'element' ? element?.type : root.id;
    if (typeId === undefined) throw new Error(`bug: root ${root.id} has no element descriptor`);
    const type = schema.types[typeId]?.kind === 'soap-array' ? valueType(view, typeId, builtins) : root.type;
    return { member, type, codec: codecOf(view, typeId), kind: root.kind, id: root.id, ns: root.ns, name: root.name, nillable: element?.nillable ?? true };
  });
  rootCache.set(view, plans);
  return plans;
}

const serviceCache = new WeakMap<ServiceView, Record<string, Operation>>();

function operationsOf(service: ServiceView): Record<string, Operation> {
  let operations = serviceCache.get(service);
  if (!operations) {
    operations = (JSON.parse(service.serviceJson) as { operations: Record<string, Operation> }).operations;
    serviceCache.set(service, operations);
  }
  return operations;
}

/** The call shape of an operation: parameters, request type, result and how to get it. */
export function operationPlan(view: View, service: ServiceView, op: OperationView, builtins: Readonly<Record<string, string>>): OperationPlan {
  const descriptor = operationsOf(service)[op.name];
  if (descriptor === undefined) throw new Error(`bug: operation ${op.name} is not in the service descriptor`);
  const schema = schemaOf(view);
  const roots = rootPlans(view, builtins);
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
    for (const field of fieldPlans(view, inputModel, builtins)) {
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
    const plans = fieldPlans(view, outputModel, builtins);
    const content = schema.types[outputModel.id]?.content ?? [];
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
  const decl = schemaOf(view).types[e.id];
  if (decl?.kind !== 'enum' || decl.base === undefined) throw new Error(`bug: enumeration ${e.id} has no enum descriptor`);
  return codecOf(view, decl.base);
}
