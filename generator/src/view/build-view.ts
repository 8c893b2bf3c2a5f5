import type { Core, ElementParticle, Particle, QNameId, TypeDecl } from '../model/core.js';
import { isBuiltin, splitQNameId } from '../model/core.js';
import { isXsdBuiltinName } from '../model/builtins.js';
import { buildSchemaDescriptor, buildServiceDescriptor } from '../descriptor/build-descriptor.js';
import type { LanguageAdapter } from './language.js';
import type { EnumView, FieldView, ModelView, OperationView, RootView, ServiceView, View } from './view.js';

export interface ViewOptions {
  /** The current version of each package folder, kept across regenerations (changesets owns it). */
  readonly versions?: Readonly<Record<string, string>>;
  readonly runtime: { readonly name: string; readonly version: string };
}

/** Builds what one language's templates see from the core. Pure: same core, same view. */
export function buildView(core: Core, adapter: LanguageAdapter, options: ViewOptions): View {
  const types = new Map(core.types.map((t) => [t.id, t]));
  const names = assignTypeNames(core.types, adapter);
  const nameOf = (id: QNameId) => names.get(id) ?? adapter.typeName(splitQNameId(id).local);

  /** The language type of a schema type reference: builtin, enum or model, through restrictions. */
  const baseType = (id: QNameId, seen: ReadonlySet<QNameId> = new Set()): string => {
    if (isBuiltin(id)) {
      const local = splitQNameId(id).local;
      return isXsdBuiltinName(local) ? adapter.builtinTypes[local] : adapter.builtinTypes.anyType;
    }
    const decl = types.get(id);
    if (!decl || seen.has(id)) return adapter.builtinTypes.anyType;
    if (decl.kind === 'simple' && !decl.enumeration) return baseType(decl.base, new Set([...seen, id]));
    return nameOf(id);
  };
  const fieldOf = (particle: Particle): FieldView => {
    // xs:any content is always a list of kept elements, however many the schema allows.
    const array = particle.kind === 'any' || particle.maxOccurs !== 1;
    const element = particle.kind === 'element' ? particle : undefined;
    const nullable = element?.nillable ?? false;
    const base = element ? baseType(element.type) : adapter.xmlType;
    return {
      name: adapter.propertyName(particle.name),
      xmlName: particle.name,
      type: adapter.fieldType({ base, array, nullable, optional: false }),
      optional: !array && particle.minOccurs === 0,
      nullable,
      array,
      doc: docLines(element?.documentation),
    };
  };

  const enums: EnumView[] = [];
  const models: ModelView[] = [];
  for (const decl of core.types) {
    if (decl.kind === 'simple') {
      if (!decl.enumeration) continue;
      enums.push({
        id: decl.id,
        name: nameOf(decl.id),
        schemaName: decl.name,
        doc: docLines(decl.documentation),
        members: uniqueNames(decl.enumeration.map((v) => adapter.enumMemberName(v.value))).map((name, i) => {
          const value = decl.enumeration?.[i];
          return { name, value: value?.value ?? '', doc: docLines(value?.documentation) };
        }),
      });
    } else {
      models.push({
        id: decl.id,
        name: nameOf(decl.id),
        schemaName: decl.name,
        anonymous: decl.anonymousIn !== undefined,
        doc: docLines(decl.documentation),
        fields: [
          ...decl.content.map(fieldOf),
          ...decl.attributes.map((a): FieldView => ({
            name: adapter.propertyName(a.name),
            xmlName: a.name,
            type: adapter.fieldType({ base: baseType(a.type), array: false, nullable: false, optional: false }),
            optional: !a.required,
            nullable: false,
            array: false,
            doc: docLines(a.documentation),
          })),
        ],
      });
    }
  }

  const roots: RootView[] = [];
  const usedKeys = new Set<string>();
  for (const element of core.elements) {
    usedKeys.add(element.name);
    const type = adapter.fieldType({ base: baseType(element.type), array: false, nullable: element.nillable, optional: false });
    roots.push({ key: element.name, id: element.id, kind: 'element', ns: element.namespace, name: element.name, type });
  }
  for (const decl of core.types) {
    if (decl.anonymousIn !== undefined) continue;
    let key = decl.name;
    if (usedKeys.has(key)) key = `${decl.name}Type`;
    usedKeys.add(key);
    roots.push({ key, id: decl.id, kind: 'type', ns: decl.namespace, name: decl.name, type: baseType(decl.id) });
  }

  const generatedNames = new Set([...enums.map((e) => e.name), ...models.map((m) => m.name)]);
  const services: ServiceView[] = core.services.map((service) => {
    const referenced = new Set<string>();
    const operations = service.operations.map((op): OperationView => {
      const inputElement = core.elements.find((e) => e.id === op.input);
      const outputElement = op.output === undefined ? undefined : core.elements.find((e) => e.id === op.output);
      const inputType = inputElement ? baseType(inputElement.type) : adapter.xmlType;
      let resultType = outputElement ? baseType(outputElement.type) : adapter.voidType;
      const outputDecl = outputElement ? types.get(outputElement.type) : undefined;
      if (op.wrapped && outputDecl?.kind === 'complex') {
        const result = singleElement(outputDecl.content);
        if (result) {
          resultType = adapter.fieldType({
            base: baseType(result.type),
            array: result.maxOccurs !== 1,
            nullable: result.nillable,
            optional: result.maxOccurs === 1 && result.minOccurs === 0,
          });
        } else if (outputDecl.content.length === 0) {
          resultType = adapter.voidType;
        }
      }
      for (const name of [inputType, resultType].flatMap(typeWords)) if (generatedNames.has(name)) referenced.add(name);
      return {
        name: op.name,
        methodName: adapter.methodName(op.name),
        doc: docLines(op.documentation),
        soapAction: op.soapAction,
        inputType,
        inputFields: models.find((m) => m.id === inputElement?.type)?.fields ?? [],
        resultType,
        oneWay: op.output === undefined,
      };
    });
    return {
      name: service.name,
      className: adapter.typeName(`${service.name}Client`),
      descriptorName: adapter.typeName(`${service.name}Service`),
      doc: docLines(service.documentation),
      endpoints: buildServiceDescriptor(service).endpoints,
      operations,
      referencedTypes: [...referenced].sort(),
      serviceJson: JSON.stringify(buildServiceDescriptor(service), null, 2),
    };
  });

  const pkg = adapter.packageOf(core.services[0]?.name ?? core.name);
  return {
    language: adapter.name,
    header: `Generated by ecgrid-codegen from ${core.source}. Do not edit by hand: change the WSDL or the templates and regenerate.`,
    source: core.source,
    targetNamespace: core.targetNamespace,
    package: {
      ...pkg,
      version: options.versions?.[pkg.dir] ?? '0.1.0',
      description: `Typed SOAP client and XML codec for ${core.services[0]?.name ?? core.name} (${core.targetNamespace}), generated from its WSDL.`,
    },
    runtime: options.runtime,
    runtimeImports: usedRuntimeTypes(adapter, [...models.flatMap((m) => m.fields.map((f) => f.type)), ...roots.map((r) => r.type)]),
    clientRuntimeImports: usedRuntimeTypes(adapter, services.flatMap((s) => s.operations.flatMap((o) => [o.inputType, o.resultType]))),
    documentation: docLines(core.documentation),
    enums,
    models,
    roots,
    services,
    referencedTypes: [...new Set(services.flatMap((s) => s.referencedTypes))].sort(),
    firstRoot: roots.find((r) => r.kind === 'type')?.key ?? roots[0]?.key ?? '',
    firstEnum: enums[0]?.name ?? '',
    firstEnumMember: enums[0]?.members[0]?.name ?? '',
    schemaJson: JSON.stringify(buildSchemaDescriptor(core), null, 2),
  };
}

/** Type names per language, unique whatever the schema names (two namespaces, escapes). */
function assignTypeNames(decls: readonly TypeDecl[], adapter: LanguageAdapter): Map<QNameId, string> {
  const names = new Map<QNameId, string>();
  const used = new Set<string>();
  for (const decl of decls) {
    const base = adapter.typeName(decl.name);
    let name = base;
    for (let i = 2; used.has(name); i++) name = `${base}${i}`;
    used.add(name);
    names.set(decl.id, name);
  }
  return names;
}

function uniqueNames(names: readonly string[]): string[] {
  const used = new Set<string>();
  return names.map((base) => {
    let name = base;
    for (let i = 2; used.has(name); i++) name = `${base}${i}`;
    used.add(name);
    return name;
  });
}

/** The adapter's run-time types that some of the given type strings use, sorted. */
function usedRuntimeTypes(adapter: LanguageAdapter, types: readonly string[]): string[] {
  const words = new Set(types.flatMap(typeWords));
  return adapter.runtimeTypes.filter((name) => words.has(name)).sort();
}

/** The identifier-like words of a type string, to find which names it uses. */
function typeWords(type: string): string[] {
  return type.match(/[A-Za-z_$][A-Za-z0-9_$]*/g) ?? [];
}

function singleElement(content: readonly Particle[]): ElementParticle | undefined {
  return content.length === 1 && content[0]?.kind === 'element' ? content[0] : undefined;
}

/** Documentation as lines, trimmed, CRLF-safe; empty when there is none. */
export function docLines(text: string | undefined): string[] {
  if (!text) return [];
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trimEnd());
}
