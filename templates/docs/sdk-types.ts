import { isXsdBuiltinName } from '../../generator/src/model/builtins.js';
import type { DocsCall, LanguageAdapter } from '../../generator/src/view/language.js';
import type { FieldView, ModelView, OperationView, ServiceView, View } from '../../generator/src/view/view.js';

/**
 * The docs view spells types in the schema's own names (`KeyVisibility`, `int`, `string[]`,
 * `(a | b)[]`, `{ A?: int; B: string }`): the docs adapter's `fieldType`, `unionType` and
 * `objectType` write exactly this small grammar. The pages show each SDK's types, so a docs type
 * is read back into its structure and spelled again through the SDK language's own adapter
 * (its builtin map, `typeName`, `fieldType`, `unionType`, `objectType`), as the view builder does
 * for that language.
 */
type TypeNode =
  | { readonly kind: 'name'; readonly name: string }
  | { readonly kind: 'array'; readonly item: TypeNode }
  | { readonly kind: 'union'; readonly members: readonly TypeNode[] }
  | {
      readonly kind: 'object';
      readonly fields: readonly { readonly name: string; readonly optional: boolean; readonly type: TypeNode }[];
    }
  /** `T & { $element?: string }`: an element with substitutes, which every view writes so. */
  | { readonly kind: 'substitutable'; readonly type: TypeNode };

const SUBSTITUTES = ' & { $element?: string }';

/** Parses a docs type string; a string outside the grammar is a bug of the docs adapter. */
export function parseDocsType(text: string): TypeNode {
  const tokens = text.match(/\$element\?: string|[A-Za-z_$][\w.$-]*|\[\]|[(){}|&;:?]/g) ?? [];
  if (tokens.join('').replace(/\s/g, '') !== text.replace(/\s/g, ''))
    throw new Error(`bug: the docs type ${JSON.stringify(text)} is not one the docs adapter writes`);
  let at = 0;
  const peek = () => tokens[at];
  const take = (expected?: string) => {
    const token = tokens[at++];
    if (token === undefined || (expected !== undefined && token !== expected))
      throw new Error(`bug: the docs type ${JSON.stringify(text)} is not one the docs adapter writes`);
    return token;
  };
  const union = (): TypeNode => {
    const members = [intersection()];
    while (peek() === '|') {
      take('|');
      members.push(intersection());
    }
    return members.length === 1 ? members[0]! : { kind: 'union', members };
  };
  const intersection = (): TypeNode => {
    const type = postfix();
    if (peek() !== '&') return type;
    take('&');
    take('{');
    take('$element?: string');
    take('}');
    return { kind: 'substitutable', type };
  };
  const postfix = (): TypeNode => {
    let type = primary();
    while (peek() === '[]') {
      take('[]');
      type = { kind: 'array', item: type };
    }
    return type;
  };
  const primary = (): TypeNode => {
    const token = take();
    if (token === '(') {
      const inner = union();
      take(')');
      return inner;
    }
    if (token === '{') {
      const fields: { name: string; optional: boolean; type: TypeNode }[] = [];
      while (peek() !== '}') {
        const name = take();
        const optional = peek() === '?';
        if (optional) take('?');
        take(':');
        fields.push({ name, optional, type: union() });
        if (peek() === ';') take(';');
      }
      take('}');
      return { kind: 'object', fields };
    }
    if (/^[A-Za-z_$]/.test(token)) return { kind: 'name', name: token };
    throw new Error(`bug: the docs type ${JSON.stringify(text)} is not one the docs adapter writes`);
  };
  const type = union();
  if (at !== tokens.length)
    throw new Error(`bug: the docs type ${JSON.stringify(text)} is not one the docs adapter writes`);
  return type;
}

/** A docs type (schema names) spelled in one SDK language. */
export function spellType(view: View, type: TypeNode, language: LanguageAdapter): string {
  switch (type.kind) {
    case 'name': {
      if (isXsdBuiltinName(type.name)) return language.builtinTypes[type.name];
      const declared = view.models.find((m) => m.name === type.name) ?? view.enums.find((e) => e.name === type.name);
      return language.typeName(declared?.schemaName ?? type.name);
    }
    case 'array':
      return language.fieldType({
        base: spellType(view, type.item, language),
        array: true,
        nullable: false,
        optional: false,
      });
    case 'union':
      return language.unionType(type.members.map((m) => spellType(view, m, language)));
    case 'object':
      return language.objectType(
        type.fields.map((f) => ({
          name: language.propertyName(f.name),
          type: spellType(view, f.type, language),
          optional: f.optional,
        })),
      );
    case 'substitutable':
      return `${spellType(view, type.type, language)}${SUBSTITUTES}`;
    default: {
      const never: never = type;
      return never;
    }
  }
}

/** A field of the docs view as the SDK language's view has it: its name and its type (`optional` left to the property). */
export function sdkField(view: View, field: FieldView, language: LanguageAdapter): FieldView {
  const parsed = parseDocsType(field.type);
  const base = field.array && parsed.kind === 'array' ? parsed.item : parsed;
  return {
    ...field,
    name: language.propertyName(field.xmlName),
    type: language.fieldType({
      base: spellType(view, base, language),
      array: field.array,
      nullable: field.nullable,
      optional: false,
    }),
  };
}

/** The type a reader of the SDK sees for a field: absence spelled as the language spells it (`int?`, `str | None`). */
export function shownFieldType(view: View, field: FieldView, language: LanguageAdapter): string {
  const parsed = parseDocsType(field.type);
  const base = field.array && parsed.kind === 'array' ? parsed.item : parsed;
  return language.fieldType({
    base: spellType(view, base, language),
    array: field.array,
    nullable: field.nullable,
    optional: field.optional,
  });
}

function modelOfElement(view: View, element: string | undefined): ModelView | undefined {
  if (element === undefined) return undefined;
  const root = view.roots.find((r) => r.kind === 'element' && r.id === element);
  const model = root ? view.models.find((m) => m.name === root.type) : undefined;
  return model && model.alias === undefined ? model : undefined;
}

/**
 * One operation's call in an SDK language: the input wrapper's fields (wrapped operations) or
 * the request type, and the result, worked out as the view builder works out `resultType`: a
 * wrapped response's single element (optional, nillable or repeated as it is declared), nothing
 * for an empty one, else the response element's type.
 */
export function sdkCall(view: View, service: ServiceView, op: OperationView, language: LanguageAdapter): DocsCall {
  const descriptor = service.descriptor.operations[op.name];
  const input = modelOfElement(view, descriptor?.input);
  const wrapped = descriptor?.wrapped === true && input !== undefined;
  const spell = (type: string) =>
    type === docsVoid ? language.voidType : spellType(view, parseDocsType(type), language);
  let resultType = op.oneWay ? language.voidType : spell(op.resultType);
  const output = descriptor?.wrapped ? modelOfElement(view, descriptor.output) : undefined;
  if (output && output.extends === undefined && output.choices.length === 0) {
    const only = output.fields.length === 1 ? output.fields[0] : undefined;
    if (only && !only.xmlName.startsWith('@')) resultType = shownFieldType(view, only, language);
    else if (output.fields.length === 0) resultType = language.voidType;
  }
  return {
    view,
    operation: op,
    methodName: language.methodName(op.name),
    ...(wrapped
      ? { parameters: op.inputFields.filter((f) => !f.xmlName.startsWith('@')).map((f) => sdkField(view, f, language)) }
      : {}),
    inputType: spell(op.inputType),
    resultType,
  };
}

/** What the docs adapter calls "no result" (`voidType`). */
export const docsVoid = 'void';
