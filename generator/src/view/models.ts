import type { ComplexTypeDecl, Core, Particle, QNameId, TypeDecl } from '../model/core.js';
import { isBuiltin, splitQNameId } from '../model/core.js';
import { isXsdBuiltinName } from '../model/builtins.js';
import { effectiveContent, keepsAnyAttribute } from '../descriptor/build-descriptor.js';
import type { LanguageAdapter } from './language.js';
import type { ChoiceView, EnumView, FieldView, ModelView } from './view.js';
import { docLines } from './doc-lines.js';

/** Turns schema type references into one language's type strings, with names made unique. */
export interface TypeNamer {
  nameOf(id: QNameId): string;
  /** The language type of a schema type reference: builtin, enum, model, list or union, through restrictions. */
  typeOf(id: QNameId): string;
  fieldsOf(particles: readonly Particle[]): { fields: FieldView[]; choices: ChoiceView[] };
}

/** `taken`: names the generated code declares itself (clients, service descriptors), which no type may take. */
export function createTypeNamer(core: Core, adapter: LanguageAdapter, taken: readonly string[] = []): TypeNamer {
  const types = new Map<QNameId, TypeDecl>(core.types.map((t) => [t.id, t]));
  const names = new Map<QNameId, string>();
  const used = new Set<string>(taken);
  for (const decl of core.types) {
    const base = adapter.typeName(decl.name);
    let name = base;
    for (let i = 2; used.has(name); i++) name = `${base}${i}`;
    used.add(name);
    names.set(decl.id, name);
  }
  const nameOf = (id: QNameId) => names.get(id) ?? adapter.typeName(splitQNameId(id).local);

  const typeOf = (id: QNameId, seen: ReadonlySet<QNameId>): string => {
    if (isBuiltin(id)) {
      const local = splitQNameId(id).local;
      return isXsdBuiltinName(local) ? adapter.builtinTypes[local] : adapter.builtinTypes.anyType;
    }
    const decl = types.get(id);
    if (!decl || seen.has(id)) return adapter.builtinTypes.anyType;
    // Lists, unions and restrictions without an enumeration are written as the types they are made of.
    if (decl.kind === 'simple' && (decl.variety !== 'atomic' || !decl.enumeration)) {
      const inner = new Set([...seen, id]);
      if (decl.variety === 'list')
        return adapter.fieldType({
          base: typeOf(decl.itemType ?? '', inner),
          array: true,
          nullable: false,
          optional: false,
        });
      if (decl.variety === 'union')
        return adapter.unionType([...new Set((decl.memberTypes ?? []).map((m) => typeOf(m, inner)))]);
      return typeOf(decl.base, inner);
    }
    return nameOf(id);
  };
  // A reference's type string depends on the id alone, and the view asks for the same few
  // hundred types thousands of times: each is worked out once.
  const typeStrings = new Map<QNameId, string>();
  const noneSeen: ReadonlySet<QNameId> = new Set();
  const cachedTypeOf = (id: QNameId): string => {
    let type = typeStrings.get(id);
    if (type === undefined) {
      type = typeOf(id, noneSeen);
      typeStrings.set(id, type);
    }
    return type;
  };

  const fieldOf = (particle: Particle): FieldView => {
    const array = particle.kind === 'any' || particle.maxOccurs !== 1;
    const base = (() => {
      switch (particle.kind) {
        case 'element': {
          const type = cachedTypeOf(particle.type);
          return particle.substitutes?.length ? `${type} & { $element?: string }` : type;
        }
        case 'any':
          return adapter.xmlType;
        case 'choice':
          return adapter.unionType(particle.options.map((o) => adapter.objectType(fieldsOf([o]).fields)));
        case 'sequence':
          return adapter.objectType(fieldsOf(particle.content).fields);
        default: {
          const never: never = particle;
          return never;
        }
      }
    })();
    const nullable = particle.kind === 'element' && particle.nillable;
    const element = particle.kind === 'element' ? particle : undefined;
    return {
      name: adapter.propertyName(particle.name),
      xmlName: particle.name,
      type: adapter.fieldType({ base, array, nullable, optional: false }),
      optional: !array && particle.minOccurs === 0,
      nullable,
      array,
      doc: [
        ...docLines(element?.documentation),
        ...(element?.defaultValue !== undefined ? [`Default: ${element.defaultValue}`] : []),
        ...(element?.fixedValue !== undefined ? [`Fixed: ${element.fixedValue}`] : []),
      ],
    };
  };

  /**
   * Fields of a content model. Repeated choices and sequences are one array field each; a
   * sequence that occurs once lends its fields (optional ones when it is optional); a choice
   * that occurs once becomes a ChoiceView: its options' fields, one option at a time.
   */
  const fieldsOf = (particles: readonly Particle[]): { fields: FieldView[]; choices: ChoiceView[] } => {
    const fields: FieldView[] = [];
    const choices: ChoiceView[] = [];
    for (const particle of particles) {
      if (particle.kind === 'sequence' && particle.maxOccurs === 1) {
        const inner = fieldsOf(particle.content);
        fields.push(...inner.fields.map((f) => (particle.minOccurs === 0 ? { ...f, optional: !f.array } : f)));
        choices.push(...inner.choices.map((c) => (particle.minOccurs === 0 ? { ...c, optional: true } : c)));
      } else if (particle.kind === 'choice' && particle.maxOccurs === 1) {
        const options = particle.options.map((o) => fieldsOf([o]).fields);
        const names = options.flatMap((o) => o.map((f) => f.name));
        choices.push({
          optional: particle.minOccurs === 0,
          names,
          options: options.map((o) => ({ fields: o, excluded: names.filter((n) => !o.some((f) => f.name === n)) })),
        });
      } else {
        fields.push(fieldOf(particle));
      }
    }
    return { fields, choices };
  };

  return { nameOf, typeOf: cachedTypeOf, fieldsOf };
}

export function enumViews(core: Core, adapter: LanguageAdapter, namer: TypeNamer): EnumView[] {
  const out: EnumView[] = [];
  for (const decl of core.types) {
    if (decl.kind !== 'simple' || !decl.enumeration) continue;
    const used = new Set<string>();
    out.push({
      id: decl.id,
      name: namer.nameOf(decl.id),
      schemaName: decl.name,
      doc: docLines(decl.documentation),
      members: decl.enumeration.map((value) => {
        const base = adapter.enumMemberName(value.value);
        let name = base;
        for (let i = 2; used.has(name); i++) name = `${base}${i}`;
        used.add(name);
        return { name, value: value.value, doc: docLines(value.documentation) };
      }),
    });
  }
  return out;
}

export function modelViews(core: Core, adapter: LanguageAdapter, namer: TypeNamer): ModelView[] {
  const byId = new Map<QNameId, TypeDecl>(core.types.map((t) => [t.id, t]));
  const derivedFrom = new Set(
    core.types.flatMap((t) => (t.kind === 'complex' && t.base !== undefined ? [t.base] : [])),
  );
  const out: ModelView[] = [];
  const unionShaped = new Map<QNameId, boolean>();
  for (const decl of core.types) {
    if (decl.kind !== 'complex') continue;
    const base = decl.base !== undefined ? byId.get(decl.base) : undefined;
    const extendsModel =
      decl.derivation === 'extension' && base?.kind === 'complex' && base.soapArrayItem === undefined;
    const own = extendsModel ? { content: decl.content, attributes: decl.attributes } : effectiveContent(decl, byId);
    const { fields, choices } = namer.fieldsOf(own.content);
    const particleNames =
      own.attributes.length > 0 ? propertyNames(effectiveContent(decl, byId).content) : new Set<string>();
    const polymorphic = derivedFrom.has(decl.id) || decl.abstract;
    const shapedAsUnion =
      choices.length > 0 || (extendsModel && base !== undefined && isUnionShaped(base.id, byId, namer, unionShaped));
    out.push({
      id: decl.id,
      name: namer.nameOf(decl.id),
      schemaName: decl.name,
      anonymous: decl.anonymousIn !== undefined,
      doc: docLines(decl.documentation),
      ...(extendsModel && base ? { extends: namer.nameOf(base.id) } : {}),
      ...(decl.soapArrayItem !== undefined
        ? {
            alias: adapter.fieldType({
              base: namer.typeOf(decl.soapArrayItem),
              array: true,
              nullable: true,
              optional: false,
            }),
          }
        : {}),
      abstract: decl.abstract,
      polymorphic,
      unionShaped: shapedAsUnion,
      fields: mergeSameNamed(adapter, [
        ...specialFields(
          decl,
          adapter,
          namer,
          polymorphic && !extendsModel,
          decl.anyAttribute !== undefined || (!extendsModel && keepsAnyAttribute(decl, byId)),
        ),
        ...fields,
        ...own.attributes.map(
          (a): FieldView => ({
            // As the codec names it: `@name` when a particle of the type's content has the name.
            name: adapter.propertyName(particleNames.has(a.name) ? `@${a.name}` : a.name),
            xmlName: a.name,
            type: adapter.fieldType({ base: namer.typeOf(a.type), array: false, nullable: false, optional: false }),
            optional: !a.required,
            nullable: false,
            array: false,
            doc: [
              ...docLines(a.documentation),
              ...(a.defaultValue !== undefined ? [`Default: ${a.defaultValue}`] : []),
              ...(a.fixedValue !== undefined ? [`Fixed: ${a.fixedValue}`] : []),
            ],
          }),
        ),
      ]),
      choices,
    });
  }
  return out;
}

/** The property names a content model gives its values (non-repeated groups lend theirs), as the codec counts them. */
function propertyNames(particles: readonly Particle[], into: Set<string> = new Set()): Set<string> {
  for (const p of particles) {
    if (p.kind === 'choice' && p.maxOccurs === 1) propertyNames(p.options, into);
    else if (p.kind === 'sequence' && p.maxOccurs === 1) propertyNames(p.content, into);
    else into.add(p.name);
  }
  return into;
}

/**
 * Fields of one name, as the codec keeps them (one property per name): a content model may
 * declare an element twice (`a, b, a`). The first field takes the union of the types (optional
 * if any is); the later ones stay in place, marked `repeats`, so a language that pairs fields
 * with particles still finds them and one with a property per name skips them. The passes'
 * `duplicate-declaration` warning reports it.
 */
function mergeSameNamed(adapter: LanguageAdapter, fields: readonly FieldView[]): FieldView[] {
  const out = [...fields];
  const firstIndex = new Map<string, number>();
  out.forEach((field, i) => {
    const at = firstIndex.get(field.name);
    if (at === undefined) {
      firstIndex.set(field.name, i);
      return;
    }
    const first = out[at] as FieldView;
    out[at] = {
      ...first,
      type: first.type === field.type ? first.type : adapter.unionType([first.type, field.type]),
      optional: first.optional || field.optional,
      nullable: first.nullable || field.nullable,
      array: first.array && field.array,
    };
    out[i] = { ...field, repeats: true };
  });
  return out;
}

/**
 * Whether a model's value is one of several shapes: it has a choice that occurs once, or it
 * extends a model that is (a choice anywhere up its base chain). Memoised in `memo`.
 */
function isUnionShaped(
  id: QNameId,
  byId: ReadonlyMap<QNameId, TypeDecl>,
  namer: TypeNamer,
  memo: Map<QNameId, boolean>,
  seen: ReadonlySet<QNameId> = new Set(),
): boolean {
  const known = memo.get(id);
  if (known !== undefined) return known;
  const decl = byId.get(id);
  if (decl?.kind !== 'complex' || seen.has(id)) return false;
  const base = decl.base !== undefined ? byId.get(decl.base) : undefined;
  const extendsModel = decl.derivation === 'extension' && base?.kind === 'complex' && base.soapArrayItem === undefined;
  const own = extendsModel ? decl.content : effectiveContent(decl, byId).content;
  const result =
    namer.fieldsOf(own).choices.length > 0 ||
    (extendsModel && base !== undefined && isUnionShaped(base.id, byId, namer, memo, new Set([...seen, id])));
  memo.set(id, result);
  return result;
}

/**
 * `$type`, `$value`, `$text` and `$attributes`: what polymorphic, simpleContent, mixed and
 * `xs:anyAttribute` values carry (`$attributes` only in a language that keeps such attributes).
 */
function specialFields(
  decl: ComplexTypeDecl,
  adapter: LanguageAdapter,
  namer: TypeNamer,
  declaresType: boolean,
  keepsAttributes: boolean,
): FieldView[] {
  const field = (name: string, type: string, optional: boolean, doc: string): FieldView => ({
    name,
    xmlName: name,
    type,
    optional,
    nullable: false,
    array: false,
    doc: [doc],
  });
  const out: FieldView[] = [];
  if (declaresType)
    out.push(
      field(
        '$type',
        adapter.builtinTypes.string,
        true,
        "Set when the value is of a type derived from this one (`xsi:type`): that type's id.",
      ),
    );
  if (decl.simpleContent !== undefined)
    out.push(field('$value', namer.typeOf(decl.simpleContent), false, "The element's text."));
  if (decl.mixed)
    out.push(
      field(
        '$text',
        adapter.fieldType({ base: adapter.builtinTypes.string, array: true, nullable: false, optional: false }),
        true,
        'Mixed content: the text before each child element, then after the last one.',
      ),
    );
  if (keepsAttributes && adapter.features.includes('any-attribute')) {
    if (adapter.attributeMapType === undefined)
      throw new Error(`bug: ${adapter.name} keeps xs:anyAttribute attributes but has no attributeMapType`);
    out.push(
      field(
        '$attributes',
        adapter.attributeMapType,
        true,
        'Attributes the schema does not declare (`xs:anyAttribute`), by name: `{namespace}local`, or `local` without a namespace.',
      ),
    );
  }
  return out;
}
