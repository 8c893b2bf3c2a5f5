/**
 * What the Java templates lay out for models, SOAP-encoded arrays, enumerations and the `Roots`
 * class, computed from the view: Java types, accessors and the particles of each model. The XML
 * details (namespaces, occurrences, the type of each particle) come from the schema descriptor
 * (see `schema-index.ts`), the names from the view.
 */
import type { EnumView, FieldView, ModelView, View } from '../../generator/src/view/view.js';
import type { AttributeDescriptor, ChoiceParticle, ParticleDescriptor, SequenceParticle } from '@ecgrid/soap-runtime';
import {
  boxed,
  BUILTIN_TYPES,
  javaConstantName,
  javaFieldName,
  javaPropertyName,
  javaString,
  javaTypeName,
  RUNTIME_IMPORTS,
  RUNTIME_PACKAGE,
} from './naming.js';
import {
  codecOf,
  builtinCodecOf,
  enumeratesBuiltin,
  fail,
  indexOf,
  own,
  XSD_PREFIX,
  type Index,
  type RootPlan,
} from './schema-index.js';

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
  /** simpleContent's text (`Particle.text`). */
  readonly text: boolean;
  /** The same element declared again in the content model: the first one's property. */
  readonly twin?: boolean;
  /** Mixed content's text segments (`Particle.mixed`). */
  readonly mixed: boolean;
  /** `xs:anyAttribute`'s kept attributes (`Particle.otherAttributes`). */
  readonly otherAttributes?: boolean;
  /** A nested group: the expression of its `Group` constant. */
  readonly group?: string;
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
  /** The properties `toString()` prints (a twice-declared element once). */
  readonly shown: readonly PropertyPlan[];
  /** The nested groups the class declares: their types and `Group` constants. */
  readonly groups: readonly GroupPlan[];
}

const RUNTIME_CLASS = new RegExp(`\\b(${RUNTIME_IMPORTS.join('|')})\\b`, 'g');

/**
 * The imports of the runtime classes that generated code uses: every runtime class name the given
 * Java fragments (types, codec expressions, statements) mention outside string literals, sorted.
 */
export function runtimeImportsOf(fragments: Iterable<string>): string[] {
  const used = new Set<string>();
  for (const fragment of fragments) {
    for (const m of fragment.replace(/"(?:[^"\\]|\\.)*"/g, '""').matchAll(RUNTIME_CLASS))
      used.add(`${RUNTIME_PACKAGE}.${m[1]}`);
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
  /** A group particle: the expression of its `Group` constant. */
  readonly group?: string;
  /** A substitution group's head: `.withMembers(...)`. */
  readonly members?: string;
  /** Set when the property was made from the descriptor: the particle's details, ready to print. */
  readonly particle?: ParticleText;
}

/** The `Particle` factory call of a property, for classes of nested groups. */
interface ParticleText {
  readonly ns: string;
  readonly min: number;
  readonly max: number;
  readonly nillable: boolean;
  readonly codec: string;
  readonly constraints: string;
}

/** A class of a nested group's occurrences: a choice option's or a sequence's. */
export interface GroupClassPlan {
  readonly name: string;
  /** The class as the model's own code names it (`Choice.MailboxID`, `Lines`). */
  readonly ref: string;
  readonly doc: readonly string[];
  readonly properties: readonly PropertyPlan[];
  /** The `Group.option(...)` expression (its particles), at the indentation of a list item. */
  readonly option: string;
}

/** A nested group of a model: a sealed interface with a class per option, or a sequence's class. */
export interface GroupPlan {
  readonly choice: boolean;
  /** The interface (choice) or class (sequence). */
  readonly name: string;
  readonly doc: readonly string[];
  /** `A, B` for the interface's `permits` clause. */
  readonly permits: string;
  readonly options: readonly GroupClassPlan[];
  /** The static constant holding the `Group` and its declaration. */
  readonly constant: string;
  readonly declaration: string;
}

/** A model's properties lined up with its descriptor's particles and attributes. */
interface Layout {
  /** The nested groups the model's class declares (inner ones first). */
  readonly groups: readonly GroupPlan[];
  /** simpleContent: the property of the element's text (`$value`). */
  readonly text: JavaProperty | undefined;
  /** Mixed content: the property of the text segments (`$text`). */
  readonly mixed: JavaProperty | undefined;
  /** `xs:anyAttribute`: the property of the kept attributes (`$attributes`). */
  readonly otherAttributes: JavaProperty | undefined;
  readonly content: readonly JavaProperty[];
  readonly attributes: readonly JavaProperty[];
}

function propertyOf(
  f: FieldView,
  kind: 'attribute' | 'any' | 'element' | 'text' | 'mixed' | 'otherAttributes',
  owner: string,
  name = f.name,
): JavaProperty {
  let factory: string;
  let valueType: string;
  let declared: string;
  if (kind === 'otherAttributes') {
    factory = 'otherAttributes';
    valueType = 'String';
    declared = 'Map<String, String>';
  } else if (kind === 'mixed') {
    factory = 'mixed';
    valueType = 'String';
    declared = 'List<String>';
  } else if (kind === 'text') {
    factory = 'text';
    valueType = boxed(f.type);
    declared = f.type;
  } else if (kind === 'attribute') {
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
  return {
    name,
    field: javaFieldName(name),
    type: declared,
    factory,
    valueType,
    doc: f.doc,
    xmlName: f.xmlName,
    owner,
  };
}

/** The model a type's class extends: its base, when that is a model of an object (not a SOAP array). */
function baseModelOf(index: Index, id: string): ModelView | undefined {
  const type = own(index.schema.types, id);
  const base = type?.kind === 'complex' ? type.base : undefined;
  const model = base === undefined ? undefined : index.models.get(base);
  return model !== undefined && model.alias === undefined && own(index.schema.types, model.id)?.kind === 'complex'
    ? model
    : undefined;
}

/**
 * A substitution group's head as an element particle: whether the head is abstract and its
 * members' `Roots` constants (abstract members, which never stand anywhere, left out); undefined
 * for other particles.
 */
function membersOf(
  index: Index,
  p: ParticleDescriptor,
): { readonly abstract: boolean; readonly roots: readonly string[] } | undefined {
  if (p.kind !== 'element' || p.substitutes === undefined) return undefined;
  const abstract = own(index.schema.elements, p.ns === '' ? p.name : `{${p.ns}}${p.name}`)?.abstract === true;
  if (p.substitutes.length === 0 && !abstract) return undefined;
  const roots = p.substitutes
    .filter((id) => own(index.schema.elements, id)?.abstract !== true)
    .map((id) => `Roots.${(index.elementRoots.get(id) ?? fail(`bug: no root for the member ${id}`)).constant}`);
  return { abstract, roots };
}

/** A head's property: its values (or each of them) a `Substitution` of the head's type. */
function substitutionProperty(index: Index, p: ParticleDescriptor, property: JavaProperty): JavaProperty {
  const members = membersOf(index, p);
  if (members === undefined || p.kind !== 'element') return property;
  const head = boxed(javaTypeOfId(index, p.type));
  const many = p.max !== 1;
  return {
    ...property,
    type: many ? `List<Substitution<${head}>>` : `Substitution<${head}>`,
    factory: many ? 'substitutions' : 'substitution',
    valueType: head,
    members: `.withMembers(${members.abstract}, () -> List.of(${members.roots.join(', ')}))`,
  };
}

/** The Java type of a schema type reference, as the view's namer makes it (builtins, generated names, lists, unions). */
function javaTypeOfId(index: Index, id: string, depth = 0): string {
  if (id.startsWith(XSD_PREFIX)) {
    const local = id.slice(XSD_PREFIX.length);
    return Object.hasOwn(BUILTIN_TYPES, local)
      ? BUILTIN_TYPES[local as keyof typeof BUILTIN_TYPES]
      : BUILTIN_TYPES.anyType;
  }
  const type = own(index.schema.types, id);
  if (type === undefined || depth > 64) return BUILTIN_TYPES.anyType;
  switch (type.kind) {
    case 'simple':
      return javaTypeOfId(index, type.base, depth + 1);
    case 'list':
      return `List<${boxed(javaTypeOfId(index, type.item, depth + 1))}>`;
    case 'union': {
      const members = [...new Set(type.members.map((m) => javaTypeOfId(index, m, depth + 1)))];
      return members.length === 1 && members[0] !== undefined ? members[0] : 'Object';
    }
    default:
      return index.names.get(id) ?? fail(`no name for ${id}`);
  }
}

/** A field of an element or xs:any particle, or an attribute, made from the descriptor (as the view makes fields). */
function fieldOfDescriptor(
  index: Index,
  particle: ParticleDescriptor | AttributeDescriptor,
  name: string,
  docs: ReadonlyMap<string, readonly string[]>,
): FieldView {
  if (!('kind' in particle)) {
    const base = javaTypeOfId(index, particle.type);
    return {
      name,
      xmlName: particle.name,
      type: base,
      optional: !particle.required,
      nullable: false,
      array: false,
      doc: docs.get(particle.name) ?? [],
    };
  }
  const array = particle.kind === 'any' || particle.max !== 1;
  const base = particle.kind === 'element' ? javaTypeOfId(index, particle.type) : 'XmlElement';
  const nullable = particle.kind === 'element' && particle.nillable;
  return {
    name,
    xmlName: particle.name,
    type: array ? `List<${boxed(base)}>` : nullable ? boxed(base) : base,
    optional: !array && particle.min === 0,
    nullable,
    array,
    doc: docs.get(particle.name) ?? [],
  };
}

function constraintsOf(d: { readonly default?: string; readonly fixed?: string } | undefined): string {
  return [
    ...(d?.default !== undefined ? [`.withDefault(${javaString(d.default)})`] : []),
    ...(d?.fixed !== undefined ? [`.withFixed(${javaString(d.fixed)})`] : []),
  ].join('');
}

/**
 * Builds the properties of content with nested groups from the descriptor: element and xs:any
 * particles become properties as in the view; each group becomes a property holding its
 * occurrence(s), and a nested type of the model (a sealed interface with one class per option
 * for a choice, a class for a sequence), recorded in `groups` (inner ones first).
 */
class GroupBuilder {
  readonly groups: GroupPlan[] = [];
  private readonly typeNames: Set<string>;

  constructor(
    private readonly index: Index,
    private readonly model: ModelView,
    private readonly docs: ReadonlyMap<string, readonly string[]>,
    taken: Iterable<string>,
  ) {
    // Nested types never take the name of a generated type (which they would shadow in the model's body).
    this.typeNames = new Set([model.name, ...index.names.values(), ...taken]);
  }

  private uniqueType(base: string): string {
    let name = base;
    for (let n = 2; this.typeNames.has(name); n++) name = `${base}${n}`;
    this.typeNames.add(name);
    return name;
  }

  /** Properties of `particles` held by `owner` (a Java type name as the model's code names it). */
  properties(particles: readonly ParticleDescriptor[], ownerId: string, taken: Set<string>): JavaProperty[] {
    return particles.map((p) => {
      const stem = p.kind === 'choice' || p.kind === 'sequence' ? groupStem(p) : javaPropertyName(p.name);
      let name = stem;
      for (let n = 2; taken.has(name); n++) name = `${stem}${n}`;
      taken.add(name);
      if (p.kind === 'element' || p.kind === 'any') {
        const property = substitutionProperty(
          this.index,
          p,
          propertyOf(fieldOfDescriptor(this.index, p, name, this.docs), p.kind, ownerId, name),
        );
        return {
          ...property,
          particle: {
            ns: p.kind === 'element' ? p.ns : '',
            min: p.min,
            max: p.max,
            nillable: p.kind === 'element' && p.nillable,
            codec: p.kind === 'element' ? codecOf(this.index, p.type) : 'Builtins.ANY_TYPE',
            constraints: p.kind === 'element' ? constraintsOf(p) : '',
          },
        };
      }
      const group = this.group(p);
      const many = p.max !== 1;
      // In a nested class an option of the same name would hide the group's type: qualified there.
      const groupType = ownerId === this.model.id ? group.name : `${this.model.name}.${group.name}`;
      return {
        name,
        field: javaFieldName(name),
        type: many ? `List<${groupType}>` : groupType,
        factory: many ? 'groups' : 'group',
        valueType: groupType,
        doc: [],
        xmlName: p.name,
        owner: ownerId,
        group: `${this.model.name}.${group.constant}`,
      };
    });
  }

  private group(p: ChoiceParticle | SequenceParticle): GroupPlan {
    const name = this.uniqueType(groupStem(p));
    const constant = `${javaConstantName(name)}_GROUP`;
    const classes: GroupClassPlan[] = [];
    if (p.kind === 'choice') {
      const optionNames = new Set([name, this.model.name]);
      for (const o of p.options) {
        const base =
          o.kind === 'element' || javaTypeName(o.name).length <= MAX_GROUP_NAME
            ? javaTypeName(o.name)
            : `Option${p.options.indexOf(o) + 1}`;
        let className = base;
        for (let n = 2; optionNames.has(className); n++) className = `${base}${n}`;
        optionNames.add(className);
        classes.push(
          this.groupClass(className, `${name}.${className}`, o.kind === 'sequence' ? o.content : [o], optionNames),
        );
      }
    } else {
      classes.push(this.groupClass(name, name, p.content, new Set([name, this.model.name])));
    }
    const options = classes.map((c) => c.option).join(',\n');
    const declaration =
      p.kind === 'choice'
        ? `static final Group<${name}> ${constant} = Group.choice(${javaString(p.name)}, ${p.min}, ${p.max}, List.of(\n${options}));`
        : `static final Group<${name}> ${constant} = Group.sequence(${javaString(p.name)}, ${p.min}, ${p.max},\n${options});`;
    const plan: GroupPlan = {
      choice: p.kind === 'choice',
      name,
      doc: [p.kind === 'choice' ? `The choice ${p.name}: one class per option.` : `The sequence ${p.name}.`],
      permits: classes.map((c) => c.ref).join(', '),
      options: classes,
      constant,
      declaration,
    };
    this.groups.push(plan);
    return plan;
  }

  /** The class of one option (or of a sequence): its properties and its `Group.option(...)`. */
  private groupClass(
    name: string,
    ref: string,
    content: readonly ParticleDescriptor[],
    shadowing: ReadonlySet<string>,
  ): GroupClassPlan {
    const props = this.properties(content, ref, new Set());
    // Inside the class, its own name and its siblings' hide generated types of the same name.
    const hidden = [...shadowing].filter((n) => n !== this.model.name && [...this.index.names.values()].includes(n));
    const qualify = (text: string) =>
      hidden.length === 0
        ? text
        : text.replace(new RegExp(`(?<![.\\w])(${hidden.join('|')})\\b`, 'g'), `${this.index.pkg}.$1`);
    const properties = props.map((p) => planProperty(p, ref, true, qualify));
    const particles = properties.map((p) => `                    ${particleCall(p, ref)}`).join(',\n');
    return {
      name,
      ref,
      doc: [],
      properties,
      option: `            Group.option(${ref}.class, ${ref}::new, List.of(\n${particles}))`,
    };
  }
}

/** The longest name a nested group type takes from its schema name (class files are named after nested classes joined). */
const MAX_GROUP_NAME = 40;

/** A group's type (and property) name: its schema name (`AOrB`), or `Choice`/`Sequence` when that is long. */
function groupStem(p: ChoiceParticle | SequenceParticle): string {
  const name = javaTypeName(p.name);
  return name.length <= MAX_GROUP_NAME ? name : p.kind === 'choice' ? 'Choice' : 'Sequence';
}

/** The `Particle` factory call of a property, with `owner`'s accessors. */
function particleCall(p: PropertyPlan, owner: string): string {
  if (p.text)
    return `Particle.<${owner}, ${p.valueType}>text(() -> ${p.codec}, ${owner}::get${p.name}, ${owner}::set${p.name})`;
  if (p.group !== undefined)
    return `Particle.<${owner}, ${p.valueType}>${p.factory}(${p.group}, ${owner}::get${p.name}, ${owner}::set${p.name})`;
  const args = p.factory === 'any' ? owner : `${owner}, ${p.valueType}`;
  return `Particle.<${args}>${p.factory}(${javaString(p.xmlName)}, ${javaString(p.ns)}, ${p.min}, ${p.max}, ${p.nillable}, () -> ${p.codec}, ${owner}::get${p.name}, ${owner}::set${p.name})${p.constraints}`;
}

/** A property made from the descriptor as the templates print it. */
function planProperty(
  p: JavaProperty,
  owner: string,
  declared: boolean,
  qualify: (text: string) => string = (t) => t,
): PropertyPlan {
  const d = p.particle;
  return {
    name: p.name,
    field: p.field,
    type: qualify(p.type),
    init:
      p.factory === 'list' || p.factory === 'any' || p.factory === 'groups' || p.factory === 'substitutions'
        ? ' = new ArrayList<>()'
        : '',
    doc: p.doc,
    xmlName: p.xmlName,
    factory: p.factory,
    valueType: qualify(p.valueType),
    ns: d?.ns ?? '',
    min: d?.min ?? 0,
    max: d?.max ?? 1,
    nillable: d?.nillable ?? false,
    codec: qualify(d?.codec ?? 'Builtins.ANY_TYPE'),
    show: `${isSecret(p.xmlName) ? 'Show.secret' : 'Show.value'}(${declared ? p.field : `get${p.name}()`})`,
    label: javaString(`${p.xmlName}=`),
    typeArgs: p.factory === 'any' ? owner : `${owner}, ${qualify(p.valueType)}`,
    constraints: (d?.constraints ?? '') + (p.members ?? ''),
    declared,
    text: false,
    mixed: false,
    ...(p.group !== undefined ? { group: p.group } : {}),
  };
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
    if (particle?.kind !== 'element')
      fail(`${model.schemaName}: ${particle?.kind ?? 'missing'} particles are not supported yet`);
    return 'element';
  };
  const baseModel = baseModelOf(index, model.id);
  const base = baseModel === undefined ? undefined : layoutOf(index, baseModel, depth + 1);
  const textField = model.fields.find((f) => f.xmlName === '$value');
  const textOf = (taken: ReadonlySet<string>): JavaProperty | undefined => {
    if (type.text === undefined) return undefined;
    if (textField === undefined) fail(`bug: ${model.schemaName} has simple content and no $value field`);
    const fresh = propertyOf(textField, 'text', model.id, 'Value');
    if (base?.text !== undefined && base.text.valueType === fresh.valueType) return base.text;
    let name = 'Value';
    for (let n = 2; taken.has(name) || fields.some((f) => f.name === name); n++) name = `Value${n}`;
    return propertyOf(textField, 'text', model.id, name);
  };
  const mixedOf = (taken: ReadonlySet<string>): JavaProperty | undefined => {
    if (type.mixed !== true) return undefined;
    if (base?.mixed !== undefined) return base.mixed;
    const field: FieldView = {
      name: 'Text',
      xmlName: '$text',
      type: 'List<String>',
      optional: true,
      nullable: false,
      array: false,
      doc: ['Mixed content: the text before each child element, then after the last one.'],
    };
    let name = 'Text';
    for (let n = 2; taken.has(name) || fields.some((f) => f.name === name); n++) name = `Text${n}`;
    return propertyOf(field, 'mixed', model.id, name);
  };
  const otherAttributesOf = (taken: ReadonlySet<string>): JavaProperty | undefined => {
    if (type.anyAttribute !== true) return undefined;
    if (base?.otherAttributes !== undefined) return base.otherAttributes;
    const field: FieldView = {
      name: 'OtherAttributes',
      xmlName: '$attributes',
      type: 'Map<String, String>',
      optional: true,
      nullable: false,
      array: false,
      doc: [
        'xs:anyAttribute: the attributes the type does not declare, by {namespace}local name, in document order (null when none).',
      ],
    };
    let name = 'OtherAttributes';
    for (let n = 2; taken.has(name) || fields.some((f) => f.name === name); n++) name = `OtherAttributes${n}`;
    return propertyOf(field, 'otherAttributes', model.id, name);
  };
  let layout: Layout;
  const inheritedCount = base !== undefined && model.extends !== undefined ? base.content.length : 0;
  const ownParticles = content.slice(inheritedCount);
  if (ownParticles.some((p) => p.kind === 'choice' || p.kind === 'sequence')) {
    // Content with nested groups: the properties come from the descriptor.
    const docs = new Map(model.fields.map((f) => [f.xmlName, f.doc] as const));
    const inherited = base === undefined || model.extends === undefined ? undefined : base;
    const taken = new Set(base === undefined ? [] : [...base.content, ...base.attributes].map((p) => p.name));
    const builder = new GroupBuilder(index, model, docs, []);
    const own = builder.properties(ownParticles, model.id, taken);
    const attributeProps = attributes.map((a) => {
      const found = inherited?.attributes.find((p) => p.xmlName === a.name);
      if (found !== undefined) return found;
      let name = javaPropertyName(a.name);
      for (let n = 2; taken.has(name); n++) name = `${javaPropertyName(a.name)}${n}`;
      taken.add(name);
      return propertyOf(fieldOfDescriptor(index, a, name, docs), 'attribute', model.id, name);
    });
    layout = {
      groups: builder.groups,
      text: textOf(taken),
      mixed: mixedOf(taken),
      otherAttributes: otherAttributesOf(taken),
      content: [...(inherited?.content ?? []), ...own],
      attributes: attributeProps,
    };
  } else if (base !== undefined && model.extends !== undefined) {
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
    const added = fields.map((f, i) => {
      const at = i < ownContent ? base.content.length + i : content.length;
      const property = propertyOf(f, kindOf(at), model.id, unique(f.name));
      const particle = i < ownContent ? content[at] : undefined;
      return particle === undefined ? property : substitutionProperty(index, particle, property);
    });
    const inheritedAttributes = attributes.slice(0, attributes.length - ownAttributes).map((a) => {
      const found = base.attributes.find((p) => p.xmlName === a.name);
      return found ?? fail(`${model.schemaName}: no base property for the attribute ${a.name}`);
    });
    layout = {
      groups: [],
      text: textOf(taken),
      mixed: mixedOf(taken),
      otherAttributes: otherAttributesOf(taken),
      content: [...base.content, ...added.slice(0, ownContent)],
      attributes: [...inheritedAttributes, ...added.slice(ownContent)],
    };
  } else {
    if (fields.length !== content.length + attributes.length) {
      fail(
        `${model.schemaName}: the view has ${fields.length} fields, the descriptor ${content.length + attributes.length} particles`,
      );
    }
    const inherited = base === undefined ? [] : [...base.content, ...base.attributes];
    const taken = new Set(inherited.map((p) => p.name));
    const properties = fields.map((f, i) => {
      const kind = kindOf(i);
      const particle = i < content.length ? content[i] : undefined;
      const plain = propertyOf(f, kind, model.id);
      const fresh = particle === undefined ? plain : substitutionProperty(index, particle, plain);
      const reused = inherited.find(
        (p) =>
          p.name === f.name &&
          p.valueType === fresh.valueType &&
          (p.factory === 'attribute') === (kind === 'attribute'),
      );
      if (reused !== undefined) return reused;
      if (!taken.has(f.name)) return fresh;
      let name = `${f.name}Restricted`;
      for (let n = 2; taken.has(name); n++) name = `${f.name}Restricted${n}`;
      taken.add(name);
      const renamed = propertyOf(f, kind, model.id, name);
      return particle === undefined ? renamed : substitutionProperty(index, particle, renamed);
    });
    layout = {
      groups: [],
      text: textOf(taken),
      mixed: mixedOf(taken),
      otherAttributes: otherAttributesOf(taken),
      content: properties.slice(0, content.length),
      attributes: properties.slice(content.length),
    };
  }
  layouts.set(model, layout);
  return layout;
}

/** Ids of every type derived from `id` (all generations) that has a model class, in view order. */
function descendantsOf(index: Index, view: View, id: string): ModelView[] {
  return view.models.filter((m) => {
    for (
      let b = baseModelOf(index, m.id), depth = 0;
      b !== undefined && depth < 64;
      b = baseModelOf(index, b.id), depth++
    ) {
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
  const offset = layout.text === undefined ? 0 : 1;
  const all = [
    ...(layout.text === undefined ? [] : [layout.text]),
    ...layout.content,
    ...layout.attributes,
    ...(layout.otherAttributes === undefined ? [] : [layout.otherAttributes]),
    ...(layout.mixed === undefined ? [] : [layout.mixed]),
  ];
  const firsts: { readonly name: string; readonly ns: string; readonly type: string; readonly property: string }[] = [];
  const properties = all.map((p, at): PropertyPlan => {
    const i = at - offset;
    const particle = i >= 0 && i < type.content.length ? type.content[i] : undefined;
    // The same element declared again (`a, b, a`): the first one's property, read from either place, written at the first.
    const twin =
      particle?.kind === 'element' &&
      firsts.some(
        (f) => f.name === particle.name && f.ns === particle.ns && f.type === particle.type && f.property === p.name,
      );
    if (particle?.kind === 'element' && !twin)
      firsts.push({ name: particle.name, ns: particle.ns, type: particle.type, property: p.name });
    const attribute = particle === undefined && i >= 0 ? type.attributes?.[i - type.content.length] : undefined;
    const element = particle?.kind === 'element' ? particle : undefined;
    const typeId =
      at < offset
        ? type.text
        : p.factory === 'mixed' || p.factory === 'otherAttributes'
          ? `${XSD_PREFIX}string`
          : (attribute?.type ?? element?.type);
    const declaration = attribute ?? element;
    const declared = p.owner === model.id;
    return {
      name: p.name,
      field: p.field,
      type: p.type,
      init:
        p.factory === 'list' || p.factory === 'any' || p.factory === 'groups' || p.factory === 'substitutions'
          ? ' = new ArrayList<>()'
          : '',
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
        ...(p.members !== undefined ? [p.members] : []),
        ...(twin ? ['.twin()'] : []),
      ].join(''),
      declared: declared && !twin,
      twin,
      text: p.factory === 'text',
      mixed: p.factory === 'mixed',
      otherAttributes: p.factory === 'otherAttributes',
      ...(p.group !== undefined ? { group: p.group } : {}),
    };
  });
  const declaredProperties = properties.filter((p) => p.declared);
  const baseModel = baseModelOf(index, model.id);
  const descendants = descendantsOf(index, view, model.id);
  const hierarchy = baseModel !== undefined || descendants.length > 0;
  const abstract = type.abstract === true;
  const imports = new Set<string>();
  const nested = layout.groups.flatMap((g) => g.options.flatMap((o) => o.properties));
  for (const p of [...declaredProperties, ...nested]) if (p.init !== '') imports.add('java.util.ArrayList');
  if (declaredProperties.some((p) => p.otherAttributes === true)) imports.add('java.util.Map');
  for (const p of [...properties, ...nested])
    if (/\bBigInteger\b/.test(p.declared ? p.type : p.valueType)) imports.add('java.math.BigInteger');
  imports.add('java.util.List');
  const all_ = type.all === true;
  const codecStart = abstract
    ? `ComplexType.ofAbstract(${javaString(model.schemaName)}, ${model.name}.class, ${all_}, List.of(`
    : `ComplexType.${all_ ? 'all' : 'of'}(${javaString(model.schemaName)}, ${model.name}.class, ${model.name}::new, List.of(`;
  const derivation = hierarchy
    ? `\n            .derivation(${javaString(model.id)}, () -> List.of(${descendants.map((d) => `${d.name}.XML_TYPE`).join(', ')}))`
    : '';
  const runtime = runtimeImportsOf([
    'ComplexType Particle Show',
    ...(layout.groups.length > 0 ? ['Group'] : []),
    ...declaredProperties.flatMap((p) => [p.type]),
    ...[...properties, ...nested].flatMap((p) => [p.valueType, p.codec, p.show]),
    ...nested.map((p) => p.type),
  ]);
  const plan: ModelPlan = {
    name: model.name,
    classKind: abstract ? 'public abstract class' : descendants.length > 0 ? 'public class' : 'public final class',
    superclass: baseModel === undefined ? '' : ` extends ${baseModel.name}`,
    codecStart,
    derivation,
    imports: [...runtime, ...[...imports].sort()],
    properties,
    shown: properties.filter((p) => p.twin !== true),
    declared: declaredProperties,
    groups: layout.groups,
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
  if (type?.kind !== 'soap-array' || type.item === undefined || model.alias === undefined)
    fail(`bug: ${model.id} is not a SOAP array`);
  const itemType = listItem(model.alias);
  const codec = codecOf(index, type.item);
  return {
    name: model.name,
    imports: [
      ...runtimeImportsOf(['SoapArrayType', itemType, codec]),
      'java.util.ArrayList',
      'java.util.Collection',
      ...(/\bList\./.test(codec) ? ['java.util.List'] : []),
    ],
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
  /** `.withId(...)` where rpc/encoded output names the type in `xsi:type`, else ''. */
  readonly id: string;
  readonly imports: readonly string[];
  readonly members: readonly {
    readonly name: string;
    readonly value: string;
    readonly doc: readonly string[];
    readonly last: boolean;
  }[];
}

export function javaEnumPlan(view: View, item: unknown): EnumPlan {
  const enumeration = item as EnumView;
  const index = indexOf(view);
  const type = own(index.schema.types, enumeration.id);
  // An enumeration of a list or union type reads its values with that type; its constants are the canonical lexical forms.
  const base =
    type?.kind === 'enum' && !enumeratesBuiltin(index.schema, enumeration.id)
      ? codecOf(index, type.base)
      : builtinCodecOf(index.schema, type?.kind === 'enum' ? type.base : `${XSD_PREFIX}string`);
  return {
    base,
    id: index.encoded ? `.withId(${javaString(enumeration.id)})` : '',
    imports: runtimeImportsOf(['SimpleType', base]),
    members: enumeration.members.map((m, i) => ({ ...m, last: i === enumeration.members.length - 1 })),
  };
}

export function javaRootsPlan(view: View): readonly RootPlan[] {
  return indexOf(view).roots;
}

/** What `Roots.java` imports: `Root`, the runtime classes its codecs name, `BigInteger` when a root's values are, and java.util. */
export function javaRootsImports(view: View): readonly string[] {
  const roots = javaRootsPlan(view);
  const math = roots.some((r) => /\bBigInteger\b/.test(r.type)) ? ['java.math.BigInteger'] : [];
  return [
    ...runtimeImportsOf(['Root', ...roots.flatMap((r) => [r.type, r.codec])]),
    ...math,
    'java.util.LinkedHashMap',
    'java.util.List',
    'java.util.Map',
  ];
}
