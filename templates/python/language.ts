import type { HelperDelegate } from 'handlebars';
import { pythonDocsExample } from './docs-example.js';
import type { LanguageAdapter, PlannedFile } from '../../generator/src/view/language.js';
import type { XsdBuiltinName } from '../../generator/src/model/builtins.js';
import type {
  EnumView,
  FieldView,
  ModelView,
  OperationView,
  RootView,
  ServiceView,
  View,
} from '../../generator/src/view/view.js';
import type { ParticleDescriptor, TypeDescriptor } from '@ecgrid/soap-runtime';

/** Python's keywords: never names. */
const KEYWORDS = new Set([
  'False',
  'None',
  'True',
  'and',
  'as',
  'assert',
  'async',
  'await',
  'break',
  'class',
  'continue',
  'def',
  'del',
  'elif',
  'else',
  'except',
  'finally',
  'for',
  'from',
  'global',
  'if',
  'import',
  'in',
  'is',
  'lambda',
  'nonlocal',
  'not',
  'or',
  'pass',
  'raise',
  'return',
  'try',
  'while',
  'with',
  'yield',
]);

/** Names a generated class must not take: builtins the generated code uses, and its own imports. */
const TYPE_RESERVED = new Set([
  'str',
  'int',
  'float',
  'bool',
  'bytes',
  'list',
  'dict',
  'tuple',
  'object',
  'type',
  'Any',
  'Exception',
  'Element',
  'XmlElement',
  'Nil',
  'NIL',
  'XsdDate',
  'XsdDateTime',
  'XsdDecimal',
  'XsdDuration',
  'XsdTime',
]);

/** Enum member names that `str`-valued enums cannot use (str's own attributes, Enum's). */
const ENUM_RESERVED = new Set([
  'name',
  'value',
  'mro',
  'capitalize',
  'casefold',
  'center',
  'count',
  'encode',
  'endswith',
  'expandtabs',
  'find',
  'format',
  'format_map',
  'index',
  'isalnum',
  'isalpha',
  'isascii',
  'isdecimal',
  'isdigit',
  'isidentifier',
  'islower',
  'isnumeric',
  'isprintable',
  'isspace',
  'istitle',
  'isupper',
  'join',
  'ljust',
  'lower',
  'lstrip',
  'maketrans',
  'partition',
  'removeprefix',
  'removesuffix',
  'replace',
  'rfind',
  'rindex',
  'rjust',
  'rpartition',
  'rsplit',
  'rstrip',
  'split',
  'splitlines',
  'startswith',
  'strip',
  'swapcase',
  'title',
  'translate',
  'upper',
  'zfill',
]);

/**
 * Method names the service class keeps for itself, and the names its annotations use: a method
 * named `list` would hide the builtin from the signatures of the methods after it.
 */
const METHOD_RESERVED = new Set([
  'models',
  'transport',
  'call',
  'cast',
  'Literal',
  'Mapping',
  'Sequence',
  'Substitute',
  ...TYPE_RESERVED,
]);

/** Each XSD builtin's Python type; the codec decodes to exactly these. */
const BUILTIN_TYPES: Record<XsdBuiltinName, string> = {
  anyType: 'Element',
  anySimpleType: 'str',
  string: 'str',
  normalizedString: 'str',
  token: 'str',
  language: 'str',
  Name: 'str',
  NCName: 'str',
  NMTOKEN: 'str',
  NMTOKENS: 'str',
  ID: 'str',
  IDREF: 'str',
  IDREFS: 'str',
  ENTITY: 'str',
  ENTITIES: 'str',
  QName: 'str',
  NOTATION: 'str',
  anyURI: 'str',
  boolean: 'bool',
  decimal: 'XsdDecimal',
  integer: 'int',
  nonPositiveInteger: 'int',
  negativeInteger: 'int',
  long: 'int',
  int: 'int',
  short: 'int',
  byte: 'int',
  nonNegativeInteger: 'int',
  unsignedLong: 'int',
  unsignedInt: 'int',
  unsignedShort: 'int',
  unsignedByte: 'int',
  positiveInteger: 'int',
  float: 'float',
  double: 'float',
  duration: 'XsdDuration',
  dateTime: 'XsdDateTime',
  time: 'XsdTime',
  date: 'XsdDate',
  gYearMonth: 'str',
  gYear: 'str',
  gMonthDay: 'str',
  gDay: 'str',
  gMonth: 'str',
  base64Binary: 'bytes',
  hexBinary: 'bytes',
};

/** `_x0020_`-style escapes decoded, other non-identifier characters replaced, keywords escaped. */
export function toPythonIdentifier(name: string, reserved: ReadonlySet<string> = KEYWORDS): string {
  const decoded = name.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  let id = decoded.replace(/[^A-Za-z0-9_]+/g, '_');
  if (!id || /^[0-9]/.test(id)) id = `_${id}`;
  // A leading double underscore would be name-mangled inside a class.
  if (id.startsWith('__')) id = `f${id}`;
  return KEYWORDS.has(id) || reserved.has(id) ? `${id}_` : id;
}

const IDENTIFIER_WORD = /[A-Za-z_][A-Za-z0-9_]*/g;

/** Replaces the identifier words of a type string for which `replace` gives a value. */
function mapWords(type: string, replace: (word: string) => string | undefined): string {
  return type.replace(IDENTIFIER_WORD, (word) => replace(word) ?? word);
}

/**
 * The annotation of a model field or method parameter. Absent and nil are kept apart: an
 * optional field is `None` when absent, and `NIL` (type `Nil`) when it is also nillable and nil.
 */
export function annotationOf(field: FieldView): { annotation: string; default?: string } {
  if (field.array) return { annotation: field.type, default: '_dc.field(default_factory=list)' };
  if (field.optional)
    return { annotation: field.nullable ? `${field.type} | Nil` : `${field.type} | None`, default: 'None' };
  return { annotation: field.type };
}

const XSD_PREFIX = '{http://www.w3.org/2001/XMLSchema}';

/** A class the models module declares for the occurrences of a repeated group (or one option of a repeated choice). */
interface GroupClass {
  readonly name: string;
  readonly doc: readonly string[];
  readonly fields: readonly FieldView[];
}

/**
 * How the models module spells a view's models in Python, worked out once per view:
 * - a model class declares the view's fields less `$type` (a value's class says which type it
 *   is: a derived type is a subclass, or a class of its own for a restriction, and the runtime
 *   writes `xsi:type` from the class and decodes into the derived type's class);
 * - a choice is one field holding an instance of one small dataclass per option (a union the
 *   type checker checks; a list of them when the choice repeats); a repeated sequence is a list
 *   of one dataclass; the classes are bound to the codec in `schema.GROUPS`; a sequence that
 *   occurs once lends its fields.
 * The fields of group classes come from the descriptor's particles, typed as the view types
 * fields (builtins, enumerations, models; lists, unions and restrictions as what they are made of).
 */
interface ClassPlan {
  readonly fields: ReadonlyMap<string, readonly FieldView[]>;
  readonly groups: ReadonlyMap<string, readonly GroupClass[]>;
  /** Per model id: group name -> class names (one per option of a choice). */
  readonly bindings: ReadonlyMap<string, ReadonlyMap<string, readonly string[]>>;
  /** A type string with each model that has restrictions widened to them (`Address | DomesticAddress`). */
  widen(type: string): string;
}

const plans = new WeakMap<View, ClassPlan>();

/** Whether a particle may match nothing (as the runtime counts it for choices). */
function emptiable(p: ParticleDescriptor): boolean {
  if (p.min === 0) return true;
  if (p.kind === 'choice') return p.options.some(emptiable);
  if (p.kind === 'sequence') return p.content.every(emptiable);
  return false;
}

function classPlan(view: View): ClassPlan {
  const cached = plans.get(view);
  if (cached !== undefined) return cached;
  const names = new Map<string, string>([
    ...view.models.map((m) => [m.id, m.name] as const),
    ...view.enums.map((e) => [e.id, e.name] as const),
  ]);
  const used = new Set<string>([...names.values(), ...TYPE_RESERVED]);
  const types = view.schema.types as Readonly<Record<string, TypeDescriptor>>;
  const typeOf = (id: string, seen: ReadonlySet<string> = new Set()): string => {
    if (id.startsWith(XSD_PREFIX))
      return (BUILTIN_TYPES as Record<string, string>)[id.slice(XSD_PREFIX.length)] ?? 'Element';
    const named = names.get(id);
    if (named !== undefined) return named;
    const d = types[id];
    if (d === undefined || seen.has(id)) return 'Element';
    const inner = new Set([...seen, id]);
    if (d.kind === 'list') return `list[${typeOf(d.item, inner)}]`;
    if (d.kind === 'union') return [...new Set(d.members.map((m) => typeOf(m, inner)))].join(' | ');
    if (d.kind === 'simple') return typeOf(d.base, inner);
    return 'Element';
  };
  const unique = (base: string): string => {
    let name = base;
    for (let i = 2; used.has(name); i++) name = `${base}${i}`;
    used.add(name);
    return name;
  };
  // A type derived by restriction is a class of its own (not a subclass), yet its values stand
  // where the base is declared (xsi:type): fields of the base type name those classes too.
  const modelById = new Map(view.models.map((m) => [m.id, m]));
  const modelByName = new Map(view.models.map((m) => [m.name, m]));
  const isSubclass = (derived: ModelView, base: ModelView): boolean => {
    for (
      let m: ModelView | undefined = derived, i = 0;
      m !== undefined && i < 64;
      m = m.extends !== undefined ? modelByName.get(m.extends) : undefined, i++
    ) {
      if (m === base) return true;
    }
    return false;
  };
  const alsoAccepted = new Map<string, string[]>();
  for (const derived of view.models) {
    let baseId = (types[derived.id] as { base?: string } | undefined)?.base;
    for (let i = 0; baseId !== undefined && i < 64; i++) {
      const base = modelById.get(baseId);
      if (base !== undefined && base.alias === undefined && derived.alias === undefined && !isSubclass(derived, base)) {
        alsoAccepted.set(base.name, [...(alsoAccepted.get(base.name) ?? []), derived.name]);
      }
      baseId = (types[baseId] as { base?: string } | undefined)?.base;
    }
  }
  const widen = (type: string): string =>
    mapWords(type, (word) =>
      alsoAccepted.has(word) ? [word, ...(alsoAccepted.get(word) ?? [])].join(' | ') : undefined,
    );
  const groups = new Map<string, GroupClass[]>();
  const bindings = new Map<string, Map<string, string[]>>();
  const fieldsOut = new Map<string, FieldView[]>();

  for (const model of view.models) {
    if (model.alias !== undefined) continue;
    const descriptor = types[model.id];
    const content = descriptor?.kind === 'complex' ? descriptor.content : [];
    const classes: GroupClass[] = [];
    const bound = new Map<string, string[]>();
    const substituted = new Set<string>();
    /** The class names of a repeated group, declared (with their own nested groups) on first use. */
    const groupType = (p: ParticleDescriptor & { kind: 'choice' | 'sequence' }): string => {
      const options = p.kind === 'choice' ? p.options : [p];
      const made = options.map((o) => {
        const label = o.kind === 'sequence' && o === p ? p.name : o.name;
        const name = unique(`${model.name}${toPythonIdentifier(label, TYPE_RESERVED).replace(/^_+/, '')}`);
        const fields = particleFields(o.kind === 'sequence' ? o.content : [o], false);
        const what =
          p.kind === 'choice'
            ? `The option ${o.kind === 'element' ? `<${o.name}>` : o.name} of the ${p.max === 1 ? '' : 'repeated '}choice ${p.name} of ${model.schemaName}.`
            : `An occurrence of the repeated sequence ${p.name} of ${model.schemaName}.`;
        classes.push({ name, doc: [what], fields });
        return name;
      });
      bound.set(p.name, made);
      return p.max === 1 ? made.join(' | ') : `list[${made.join(' | ')}]`;
    };
    /** Fields of particles as a class holds them: sequences that occur once flattened (optional inside an optional one), choices one field each. */
    const particleFields = (
      particles: readonly ParticleDescriptor[],
      optional: boolean,
      out: FieldView[] = [],
    ): FieldView[] => {
      for (const p of particles) {
        if (p.kind === 'sequence' && p.max === 1) {
          particleFields(p.content, optional || p.min === 0, out);
          continue;
        }
        // An element declared twice in one content model is one field (the codec reads both into it).
        if (out.some((f) => f.xmlName === p.name)) continue;
        const array = p.kind === 'any' || p.max !== 1;
        const nullable = p.kind === 'element' && p.nillable;
        let type: string;
        if (p.kind === 'element') {
          type = typeOf(p.type);
          if (p.substitutes !== undefined) {
            // A member of the head's substitution group stands in a Substitute naming it; an abstract head only so.
            const head = view.schema.elements[p.ns === '' ? p.name : `{${p.ns}}${p.name}`];
            type = head?.abstract === true ? `Substitute[${type}]` : `${type} | Substitute[${type}]`;
            substituted.add(p.name);
          }
        } else if (p.kind === 'any') type = 'Element';
        else type = '';
        const base =
          p.kind === 'choice' || p.kind === 'sequence'
            ? groupType(p)
            : array
              ? `list[${nullable ? `${type} | None` : type}]`
              : nullable
                ? `${type} | None`
                : type;
        out.push({
          name: toPythonIdentifier(p.name),
          xmlName: p.name,
          type: base,
          // A choice that occurs once is absent when optional, or when an option may be empty.
          optional: !array && (optional || p.min === 0 || (p.kind === 'choice' && p.options.some(emptiable))),
          nullable,
          array,
          doc: [],
        });
      }
      return out;
    };
    // The view's fields (documented, typed by the view), less `$type`; groups typed by their
    // classes; choices (not in the view's fields) added; in schema order. A type derived by
    // extension declares only its own particles (its base's come first in the descriptor).
    const base =
      model.extends !== undefined && descriptor?.kind === 'complex' && descriptor.base !== undefined
        ? types[descriptor.base]
        : undefined;
    const own = particleFields(base?.kind === 'complex' ? content.slice(base.content.length) : content, false);
    const byXml = new Map(own.map((f) => [f.xmlName, f]));
    // An element declared twice is one field (the view marks the later ones `repeats`).
    const viewFields = model.fields
      .filter((f) => f.xmlName !== '$type' && f.repeats !== true)
      .map((f) => {
        const planned = byXml.get(f.xmlName);
        return planned !== undefined && (bound.has(f.xmlName) || substituted.has(f.xmlName))
          ? { ...f, type: planned.type }
          : f;
      });
    const present = new Set(viewFields.map((f) => f.xmlName));
    const choiceFields = own.filter((f) => bound.has(f.xmlName) && !present.has(f.xmlName));
    const order = new Map(own.map((f, i) => [f.xmlName, i]));
    const rank = (f: FieldView, i: number): number =>
      f.xmlName.startsWith('$') ? -1e6 + i : (order.get(f.xmlName) ?? 1e6 + i);
    const all = [...viewFields, ...choiceFields].map((f, i) => ({ f, r: rank(f, i) }));
    fieldsOut.set(
      model.id,
      all.sort((a, b) => a.r - b.r).map((x) => ({ ...x.f, type: widen(x.f.type) })),
    );
    if (classes.length > 0)
      groups.set(
        model.id,
        classes.map((c) => ({ ...c, fields: c.fields.map((f) => ({ ...f, type: widen(f.type) })) })),
      );
    if (bound.size > 0) bindings.set(model.id, bound);
  }
  const plan = { fields: fieldsOut, groups, bindings, widen };
  plans.set(view, plan);
  return plan;
}

/** The fields a model class declares (see `ClassPlan`). */
function classFields(model: ModelView, view: View): readonly FieldView[] {
  return classPlan(view).fields.get(model.id) ?? [];
}

/** A model and the models it extends, bases first. */
function allModels(model: ModelView, view: View): ModelView[] {
  const chain: ModelView[] = [];
  const byName = new Map(view.models.map((m) => [m.name, m]));
  for (
    let m: ModelView | undefined = model;
    m !== undefined && !chain.includes(m);
    m = m.extends !== undefined ? byName.get(m.extends) : undefined
  )
    chain.unshift(m);
  return chain;
}

/** A model's fields with the inherited ones (its bases' first), as its constructor takes them. */
function allFields(model: ModelView, view: View): FieldView[] {
  return allModels(model, view).flatMap((m) => classFields(m, view));
}

/**
 * The attribute of a field. The view's special fields (`$type`, `$value`, `$text`: derived
 * types, simpleContent, mixed content) are not identifiers; they become `xml_type` and so on.
 */
function attributeName(field: FieldView): string {
  return field.name.startsWith('$') ? toPythonIdentifier(`xml_${field.name.slice(1)}`) : field.name;
}

/** A service method's parameter for a field: its attribute name, unless the method needs that name. */
export function parameterName(field: FieldView): string {
  const name = attributeName(field);
  return ['self', 'timeout', 'request', 'cast', 'models', 'soap_headers'].includes(name) ? `${name}_` : name;
}

/** Models ordered so that a model's base comes before it (stable otherwise). */
function baseFirst(models: readonly ModelView[]): ModelView[] {
  const byName = new Map(models.map((m) => [m.name, m]));
  const done = new Set<string>();
  const out: ModelView[] = [];
  const visit = (model: ModelView, depth: number): void => {
    if (done.has(model.name) || depth > models.length) return;
    const base = model.extends !== undefined ? byName.get(model.extends) : undefined;
    if (base !== undefined) visit(base, depth + 1);
    done.add(model.name);
    out.push(model);
  };
  for (const model of models) visit(model, 0);
  return out;
}

/** Names of a class that an annotation inside it cannot refer to (they are its own members). */
function memberAliases(type: string, members: ReadonlySet<string>): string {
  return mapWords(type, (word) => (members.has(word) ? `_${word}` : undefined));
}

/** Every word that some class's annotations must reach through a module-level alias. */
function modelAliases(view: View): string[] {
  const aliases = new Set<string>();
  const plan = classPlan(view);
  const classes = [
    ...view.models.map((m) => plan.fields.get(m.id) ?? []),
    ...[...plan.groups.values()].flat().map((g) => g.fields),
  ];
  for (const fields of classes) {
    const members = new Set(fields.map(attributeName));
    for (const field of fields) {
      for (const word of annotationOf(field).annotation.match(IDENTIFIER_WORD) ?? [])
        if (members.has(word)) aliases.add(word);
    }
  }
  return [...aliases].sort();
}

/** The fields an operation's input model takes, inherited ones first (its keyword parameters). */
function inputFieldsOf(op: OperationView, view: View): FieldView[] {
  const model = view.models.find((m) => m.name === op.inputType && m.alias === undefined);
  return model === undefined ? [] : allFields(model, view);
}

/**
 * A parameter type where each enumeration (`models.KeyVisibility`) also takes its literal
 * strings: `models.KeyVisibility | Literal["Private", "Shared"]`, as the runtime accepts both.
 */
function enumLiteral(type: string, view: View): string {
  const enums = new Map(view.enums.map((e) => [`models.${e.name}`, e]));
  return type.replace(/models\.[A-Za-z_][A-Za-z0-9_]*/g, (word) => {
    const found = enums.get(word);
    return found === undefined
      ? word
      : `${word} | Literal[${found.members.map((m) => pythonString(m.value)).join(', ')}]`;
  });
}

/** Generated type names qualified with the models module (`models.KeyIDInfo`), for client code. */
function qualify(type: string, view: View): string {
  const groupClasses = [...classPlan(view).groups.values()].flat().map((g) => g.name);
  const generated = new Set([...view.models.map((m) => m.name), ...view.enums.map((e) => e.name), ...groupClasses]);
  return mapWords(type, (word) => (generated.has(word) ? `models.${word}` : undefined));
}

/** README example values of the builtin types (`exampleArgs`). */
const EXAMPLE_LITERALS: Record<string, string> = {
  int: '1',
  float: '1.5',
  bool: 'True',
  bytes: 'b"example"',
  str: '"example"',
  XsdDecimal: '"1.5"',
  XsdDateTime: '"2026-01-01T00:00:00"',
  XsdDate: '"2026-01-01"',
  XsdTime: '"00:00:00"',
  XsdDuration: '"P1D"',
};

/** A Python string literal in double quotes. */
export function pythonString(value: string): string {
  let out = '"';
  for (const ch of value) {
    const code = ch.codePointAt(0) as number;
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f || (code >= 0xd800 && code <= 0xdfff))
      out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** Long text (the descriptor JSON) as a triple-quoted literal; only `\\`, `"""` and CR need escaping. */
function pythonText(value: string): string {
  const body = value.replace(/\\/g, '\\\\').replace(/"""/g, '\\"\\"\\"').replace(/\r/g, '\\r');
  return `"""${body}${body.endsWith('"') ? '\\\n' : ''}"""`;
}

/** A docstring (no final newline) from documentation lines, or from `fallback` when there are none. */
function docstring(lines: readonly string[], pad: string, fallback = ''): string {
  const text = lines.length === 0 ? (fallback === '' ? [] : [fallback]) : lines;
  if (text.length === 0) return '';
  const safe = text.map((line) => line.replace(/\\/g, '\\\\').replace(/"""/g, '\\"\\"\\"'));
  const last = safe[safe.length - 1] as string;
  if (safe.length === 1) return `${pad}"""${last}${last.endsWith('"') ? ' ' : ''}"""`;
  const body = safe.map((line, i) => (i === 0 || line === '' ? line : `${pad}${line}`)).join('\n');
  return `${pad}"""${body}\n${pad}"""`;
}

/** `{{doc lines indent fallback}}`: the fallback (optional) stands in for missing documentation. */
const doc: HelperDelegate = (lines: unknown, indent: unknown, ...rest: unknown[]) =>
  docstring(
    Array.isArray(lines) ? (lines as string[]) : [],
    typeof indent === 'string' ? indent : '',
    rest.length > 1 && typeof rest[0] === 'string' ? rest[0] : '',
  );

/** `#:` comments (documentation of attributes, enum members and fields, as Sphinx reads it). */
const comment: HelperDelegate = (lines: unknown, indent: unknown) => {
  if (!Array.isArray(lines) || lines.length === 0) return '';
  const pad = typeof indent === 'string' ? indent : '';
  return (lines as string[]).map((line) => `${pad}#:${line ? ` ${line}` : ''}\n`).join('');
};

const helpers: Record<string, HelperDelegate> = {
  doc,
  /** The docstring of a generated class: its documentation, or a line saying what it stands for. */
  classDoc: (decl: EnumView | ModelView, indent: unknown) => {
    const fallback =
      'members' in decl
        ? `The enumeration ${decl.schemaName}.`
        : decl.anonymous
          ? `The content of the element ${decl.schemaName}.`
          : `The type ${decl.schemaName}.`;
    return docstring(decl.doc, typeof indent === 'string' ? indent : '', fallback);
  },
  comment,
  str: (value: unknown) => pythonString(String(value)),
  text: (value: unknown) => pythonText(String(value)),
  /** The fields a model class declares (see `ClassPlan`). */
  modelFields: (model: ModelView, options: { data: { root: View } }) => classFields(model, options.data.root),
  /** The classes of a model's repeated groups' occurrences, declared before it. */
  groupClasses: (model: ModelView, options: { data: { root: View } }) =>
    classPlan(options.data.root).groups.get(model.id) ?? [],
  /** The group classes of every model, as `schema.GROUPS` entries: `"id": {"group": (models.A, ...)}`. */
  groupBindings: (options: { data: { root: View } }) =>
    [...classPlan(options.data.root).bindings].map(([id, groups]) => ({
      id,
      groups: [...groups].map(([name, classes]) => ({
        name,
        classes: classes.map((c) => `models.${c}`).join(', ') + (classes.length === 1 ? ',' : ''),
      })),
    })),
  /** The fields an operation's input model takes, inherited ones first (keyword parameters). */
  inputFields: (op: OperationView, options: { data: { root: View } }) => inputFieldsOf(op, options.data.root),
  /** A dataclass field line: `Name: annotation` plus its default (`owner`: the model or group class). */
  field: (
    owner: { readonly fields: readonly FieldView[]; readonly id?: string },
    field: FieldView,
    options: { data: { root: View } },
  ) => {
    const fields = owner.id !== undefined ? classFields(owner as ModelView, options.data.root) : owner.fields;
    const members = new Set(fields.map(attributeName));
    const { annotation, default: value } = annotationOf(field);
    return `${attributeName(field)}: ${memberAliases(annotation, members)}${value === undefined ? '' : ` = ${value}`}`;
  },
  /** Models in an order Python can define them: every base class before the classes extending it. */
  ordered: (models: readonly ModelView[]) => baseFirst(models.filter((m) => m.alias === undefined)),
  /** The models that are aliases of another type (SOAP-encoded arrays: lists). */
  aliasModels: (models: readonly ModelView[]) => models.filter((m) => m.alias !== undefined),
  /** Module-level aliases (`_Name = Name`) for the names that fields hide inside their class. */
  aliases: (options: { data: { root: View } }) =>
    modelAliases(options.data.root)
      .map((word) => `_${word} = ${word}\n`)
      .join(''),
  /** The renamed fields of a model (its group classes' included) as a dict literal (XML name -> attribute), or '' when none. */
  renames: (model: ModelView, options: { data: { root: View } }) => {
    const view = options.data.root;
    // The runtime reads a derived type's whole content (inherited particles included) with its renames.
    const chain = allModels(model, view);
    const fields = [
      ...chain.flatMap((m) => classFields(m, view)),
      ...chain.flatMap((m) => classPlan(view).groups.get(m.id) ?? []).flatMap((g) => g.fields),
    ];
    const seen = new Set<string>();
    const pairs = fields
      .filter((f) => attributeName(f) !== f.xmlName && !seen.has(f.xmlName) && seen.add(f.xmlName))
      .map((f) => `${pythonString(f.xmlName)}: ${pythonString(attributeName(f))}`);
    return pairs.length === 0 ? '' : `{${pairs.join(', ')}}`;
  },
  /**
   * Rows of the README's values table for the XML Schema features this WSDL uses (none for a
   * WSDL that uses none of them): how derived types, choices, repeated groups, simpleContent,
   * mixed content, kept attributes, lists, unions and substitution groups look in Python.
   */
  schemaRows: (options: { data: { root: View } }) => {
    const view = options.data.root;
    const plan = classPlan(view);
    const types = Object.values(view.schema.types);
    const complex = types.flatMap((t) => (t.kind === 'complex' ? [t] : []));
    const rows: [string, string][] = [];
    const extending = view.models.find((m) => m.extends !== undefined);
    if (complex.some((t) => t.base !== undefined && view.schema.types[t.base]?.kind === 'complex')) {
      rows.push([
        'derived types (`xsi:type`)',
        `${extending !== undefined ? `a subclass (\`${extending.name}(${extending.extends})\`)` : 'a class of its own'}; the value's class is written as \`xsi:type\`, and \`xsi:type\` decodes into its class`,
      ]);
    }
    const group = [...plan.groups.values()].flat()[0];
    if (group !== undefined) {
      rows.push([
        '`xs:choice`, repeated `xs:sequence`',
        `one small dataclass per option (\`${group.name}\`); a choice is one field holding one of them (a \`list\` when repeated)`,
      ]);
    }
    if (complex.some((t) => t.text !== undefined))
      rows.push(['simpleContent', 'the text value in `xml_value`, the attributes as fields']);
    if (complex.some((t) => t.mixed === true))
      rows.push([
        'mixed content',
        'the text around the child elements in `xml_text` (one more string than child elements)',
      ]);
    if (complex.some((t) => (t as { anyAttribute?: boolean }).anyAttribute === true))
      rows.push([
        '`xs:anyAttribute`',
        'undeclared attributes in `xml_attributes`, by name (`{namespace}local` or `local`)',
      ]);
    if (types.some((t) => t.kind === 'list')) rows.push(['`xs:list`', 'a `list` of the item type']);
    if (types.some((t) => t.kind === 'union'))
      rows.push(['`xs:union`', 'the value of the first member type that takes the text']);
    if (Object.values(view.schema.elements).some((e) => e.substitutionGroup !== undefined)) {
      rows.push([
        'substitution groups',
        'a member element standing for its head: `Substitute(element="{namespace}Member", value=...)`',
      ]);
    }
    return rows;
  },
  /** True when some class holds substitution group members (the models and client import `Substitute`). */
  usesSubstitute: (options: { data: { root: View } }) => {
    const plan = classPlan(options.data.root);
    return [...plan.fields.values(), ...[...plan.groups.values()].flat().map((g) => g.fields)].some((fields) =>
      fields.some((f) => f.type.includes('Substitute[')),
    );
  },
  /** True when some operation takes an enumeration parameter (the client imports `Literal`). */
  usesLiteral: (options: { data: { root: View } }) => {
    const view = options.data.root;
    return view.services.some((s) =>
      s.operations.some((op) =>
        inputFieldsOf(op, view).some((f) => qualify(f.type, view) !== enumLiteral(qualify(f.type, view), view)),
      ),
    );
  },
  /** A keyword parameter of a service method (types qualified with `models.`; an enumeration also as its literal strings). */
  param: (field: FieldView, options: { data: { root: View } }) => {
    const { annotation, default: value } = annotationOf(field);
    const shown = enumLiteral(qualify(annotation, options.data.root), options.data.root);
    // A list parameter may be left out (None stands for the empty list the model gets).
    return `${parameterName(field)}: ${shown}${value === undefined ? '' : value.startsWith('_dc.') ? ' | None = None' : ` = ${value}`}`;
  },
  /**
   * The argument passed on for a parameter (lists default to None in signatures). An enumeration's
   * literal strings go on as they are (`cast` to the model's type): the encoder checks them
   * against the enumeration as it checks the enum's members.
   */
  arg: (field: FieldView, options: { data: { root: View } }) => {
    const view = options.data.root;
    const param = parameterName(field);
    const qualified = qualify(annotationOf(field).annotation, view);
    const value = enumLiteral(qualified, view) === qualified ? param : `cast(${pythonString(qualified)}, ${param})`;
    return `${attributeName(field)}=${field.array ? `${value} if ${param} is not None else []` : value}`;
  },
  /**
   * Keyword arguments for a README example of an operation: its required parameters with a value
   * of their type (an enumeration's first value as its literal string), or `...` when one of them
   * is of a type no literal writes (a model, a union).
   */
  exampleArgs: (op: OperationView, options: { data: { root: View } }) => {
    const view = options.data.root;
    const args: string[] = [];
    for (const field of inputFieldsOf(op, view)) {
      if (field.optional || field.array) continue;
      const type = qualify(annotationOf(field).annotation, view);
      const enumeration = view.enums.find((e) => `models.${e.name}` === type);
      const literal =
        enumeration !== undefined && enumeration.members[0] !== undefined
          ? pythonString(enumeration.members[0].value)
          : EXAMPLE_LITERALS[type];
      if (literal === undefined) return '...';
      args.push(`${parameterName(field)}=${literal}`);
    }
    return args.join(', ');
  },
  /** The URL `ecgrid-codegen mock --port 8080` serves a service at (the path of its endpoint), for README examples. */
  mockUrl: (service: ServiceView) => {
    const address = service.endpoints.soap11 ?? service.endpoints.soap12;
    let path = '/';
    try {
      if (address !== undefined) path = new URL(address).pathname;
    } catch {
      // An endpoint that is no URL: the mock serves it at its root.
    }
    return `http://127.0.0.1:8080${path}`;
  },
  /** A type string for client code: generated names qualified with `models.` (restrictions of a model included). */
  qualified: (type: unknown, options: { data: { root: View } }) =>
    qualify(classPlan(options.data.root).widen(String(type)), options.data.root),
  /** The client class of a service: the service's own name (`ECGridOS(...)`), as zeep users know it. */
  clientClass: (service: { readonly name: string }) => toPythonIdentifier(service.name, TYPE_RESERVED),
  /** True when an operation's input is a generated model (its fields become keyword parameters). */
  takesFields: (op: OperationView, options: { data: { root: View } }) =>
    options.data.root.models.some((m) => m.name === op.inputType && m.alias === undefined),
  /** The class a root decodes to (`models.X`), or None for builtin values. */
  rootClass: (root: RootView, options: { data: { root: View } }) => {
    const view = options.data.root;
    const classes = [...view.models.filter((m) => m.alias === undefined), ...view.enums];
    const name = classes.find((t) => t.name === root.type || `${t.name} | None` === root.type)?.name;
    return name === undefined ? 'None' : `models.${name}`;
  },
  /** An operation's documentation lines, then the SOAP headers it declares (the keys of `soap_headers`). */
  headerDoc: (op: OperationView, options: { data: { root: View } }) => {
    if (op.headers.length === 0) return op.doc;
    const view = options.data.root;
    const lines = op.headers.map((h) => `- \`\`${h.name}\`\`: \`\`${qualify(h.type, view)}\`\``);
    return [
      ...(op.doc.length > 0 ? op.doc : [`Calls ${op.name}.`]),
      '',
      '``soap_headers`` takes the SOAP headers it declares, by element name:',
      ...lines,
    ];
  },
  /** Joins its arguments into one string (for a fallback docstring). */
  concat: (...args: unknown[]) => args.slice(0, -1).map(String).join(''),
  /** The package's module docstring: its description, then the WSDL's documentation. */
  packageDoc: (view: View) =>
    docstring([view.package.description, ...(view.documentation.length ? ['', ...view.documentation] : [])], ''),
  /** The names `from .models import *` exports, sorted. */
  exports: (view: View) =>
    [
      ...view.enums.map((e) => e.name),
      ...view.models.map((m) => m.name),
      ...[...classPlan(view).groups.values()].flat().map((g) => g.name),
    ].sort(),
};

/** The files of a generated package's import package; everything else comes from the runtime library. */
const GENERATED_FILES = ['__init__.py', 'models.py', 'schema.py', 'codec.py', 'client.py', 'py.typed'];

/** The runtime library's import package: no generated module may take its name. */
const RUNTIME_MODULE = 'ecgrid_soap_runtime';

/** Why a `--module` value cannot be the import package, or undefined when it can. */
export function invalidModuleName(value: string): string | undefined {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(value))
    return 'a Python import package is one identifier (letters, digits, _; not starting with a digit)';
  if (KEYWORDS.has(value)) return `${value} is a Python keyword`;
  if (value === RUNTIME_MODULE) return `${RUNTIME_MODULE} is the runtime library's import package`;
  return undefined;
}

export const python: LanguageAdapter = {
  name: 'python',
  features: [
    'derivation',
    'abstract',
    'choice',
    'nested-sequence',
    'all',
    'mixed',
    'substitution-group',
    'simple-content',
    'list',
    'union',
    'default-fixed',
    'nillable',
    'any',
    'any-attribute',
    'rpc-literal',
    'rpc-encoded',
    'soap-array',
    'soap-header',
    'fault-detail',
    'one-way',
  ],
  builtinTypes: BUILTIN_TYPES,
  xmlType: 'Element',
  voidType: 'None',
  // Undeclared attributes (xs:anyAttribute) by Clark name: `{namespace}local`, or `local`.
  attributeMapType: 'dict[str, str]',
  runtimeTypes: ['Element', 'XsdDate', 'XsdDateTime', 'XsdDecimal', 'XsdDuration', 'XsdTime'],
  runtimePackage: 'ecgrid-soap-runtime',
  namespaceOption: { flag: 'module', validate: invalidModuleName },
  typeName: (name) => toPythonIdentifier(name, TYPE_RESERVED),
  // Field names stay the schema's (users write `KeySet(SessionID=...)` as with zeep), escaped when needed.
  propertyName: (name) => toPythonIdentifier(name),
  enumMemberName: (value) => toPythonIdentifier(value, ENUM_RESERVED),
  methodName: (name) => toPythonIdentifier(name, METHOD_RESERVED),
  // The distribution and the import package share the service's name (`ecgridos`); `--module` renames the import package only.
  packageOf(serviceName, module) {
    const name =
      toPythonIdentifier(serviceName)
        .toLowerCase()
        .replace(/^_+|_+$/g, '') || 'service';
    const namespace = module ?? (name === RUNTIME_MODULE ? `${name}_sdk` : name);
    return { name, dir: `${name.replace(/_/g, '-')}-python`, namespace };
  },
  unionType: (members) => (members.length === 0 ? 'Any' : members.join(' | ')),
  // Python has no inline object types: occurrences of repeated groups are dicts by XML name.
  objectType: () => 'dict[str, Any]',
  fieldType({ base, array, nullable, optional }) {
    const item = nullable ? `${base} | None` : base;
    const value = array ? `list[${item}]` : item;
    return optional && !nullable && !array ? `${value} | None` : value;
  },
  plan(view: View): PlannedFile[] {
    const dir = view.package.dir;
    const pkg = `src/${view.package.namespace}`;
    return [
      ...['pyproject.toml', 'README.md', 'LICENSE'].map((file) => ({
        template: `${file}.hbs`,
        path: `${dir}/${file}`,
      })),
      ...GENERATED_FILES.map((file) => ({ template: `src/package/${file}.hbs`, path: `${dir}/${pkg}/${file}` })),
    ];
  },
  versionFile: { name: /^pyproject\.toml$/, pattern: /^version = "([^"]+)"/m },
  helpers,
  docsExample: pythonDocsExample,
};
