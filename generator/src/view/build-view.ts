import type { Core, ElementParticle, Particle } from '../model/core.js';
import { buildSchemaDescriptor, buildServiceDescriptor } from '../descriptor/build-descriptor.js';
import type { LanguageAdapter } from './language.js';
import { docLines } from './doc-lines.js';
import { packageStem } from './package-stem.js';
import { createTypeNamer, enumViews, modelViews } from './models.js';
import type { OperationView, RootView, ServiceView, View } from './view.js';

export { docLines } from './doc-lines.js';

export interface ViewOptions {
  /** The current version of each package folder, kept across regenerations (changesets owns it). */
  readonly versions?: Readonly<Record<string, string>>;
  /** `@ecgrid/soap-runtime`: the default runtime name, and the version every language's runtime shares. */
  readonly runtime: { readonly name: string; readonly version: string };
  /** The user's override of the generated code's namespace (the adapter's `namespaceOption`). */
  readonly namespace?: string;
}

/** Builds what one language's templates see from the core. Pure: same core, same view. */
export function buildView(core: Core, adapter: LanguageAdapter, options: ViewOptions): View {
  const types = new Map(core.types.map((t) => [t.id, t]));
  // The clients and service descriptors are named first: a schema type of the same name gives way.
  // Two services may spell the same once made identifiers (`a-b`, `a_b`): the later ones get a number.
  const classNames = uniqueNames(core.services.map((service) => adapter.typeName(`${service.name}Client`)));
  const descriptorNames = uniqueNames(core.services.map((service) => adapter.typeName(`${service.name}Service`)));
  const serviceNames = core.services.map((_, i) => ({
    className: classNames[i] ?? '',
    descriptorName: descriptorNames[i] ?? '',
  }));
  const namer = createTypeNamer(
    core,
    adapter,
    serviceNames.flatMap((s) => [
      s.className,
      s.descriptorName,
      ...(adapter.clientCompanionNames?.(s.className) ?? []),
    ]),
  );
  const enums = enumViews(core, adapter, namer);
  const models = modelViews(core, adapter, namer);

  const roots = rootViews(core, adapter, namer);

  const generatedNames = new Set([...enums.map((e) => e.name), ...models.map((m) => m.name)]);
  const elementsById = new Map(core.elements.map((e) => [e.id, e]));
  const modelsById = new Map(models.map((m) => [m.id, m]));
  const services: ServiceView[] = core.services.map((service, serviceIndex) => {
    const descriptor = buildServiceDescriptor(service);
    const referenced = new Set<string>();
    const methodNames = uniqueNames(
      service.operations.map((op) => adapter.methodName(op.name)),
      adapter.methodVariants,
    );
    const operations = service.operations.map((op, opIndex): OperationView => {
      const inputElement = elementsById.get(op.input);
      const outputElement = op.output === undefined ? undefined : elementsById.get(op.output);
      const inputType = inputElement ? namer.typeOf(inputElement.type) : adapter.xmlType;
      let resultType = outputElement ? namer.typeOf(outputElement.type) : adapter.voidType;
      const outputDecl = outputElement ? types.get(outputElement.type) : undefined;
      if (op.wrapped && outputDecl?.kind === 'complex' && outputDecl.base === undefined) {
        const result = singleElement(outputDecl.content);
        if (result) {
          resultType = adapter.fieldType({
            base: namer.typeOf(result.type),
            array: result.maxOccurs !== 1,
            nullable: result.nillable,
            optional: result.maxOccurs === 1 && result.minOccurs === 0,
          });
        } else if (outputDecl.content.length === 0 && outputDecl.attributes.length === 0) {
          resultType = adapter.voidType;
        }
      }
      const elementType = (id: string) => {
        const element = elementsById.get(id);
        return { name: element?.name ?? id, type: element ? namer.typeOf(element.type) : adapter.xmlType };
      };
      const headers = op.headers.map(elementType);
      const faults = op.faults.map((f) => ({ name: f.name, type: elementType(f.element).type }));
      for (const name of [inputType, resultType, ...headers.map((h) => h.type), ...faults.map((f) => f.type)].flatMap(
        typeWords,
      )) {
        if (generatedNames.has(name)) referenced.add(name);
      }
      return {
        name: op.name,
        methodName: methodNames[opIndex] ?? adapter.methodName(op.name),
        doc: docLines(op.documentation),
        soapAction: op.soapAction,
        inputType,
        inputFields: (inputElement && modelsById.get(inputElement.type)?.fields) ?? [],
        resultType,
        oneWay: op.output === undefined,
        headers,
        faults,
      };
    });
    return {
      name: service.name,
      className: serviceNames[serviceIndex]?.className ?? '',
      descriptorName: serviceNames[serviceIndex]?.descriptorName ?? '',
      doc: docLines(service.documentation),
      endpoints: descriptor.endpoints,
      operations,
      referencedTypes: [...referenced].sort(),
      descriptor,
    };
  });

  const serviceName = core.services[0]?.partOf ?? core.services[0]?.name ?? core.name;
  const pkg = adapter.packageOf(serviceName, options.namespace);
  const schema = buildSchemaDescriptor(core);
  return {
    language: adapter.name,
    header: `Generated by ecgrid-codegen from ${core.source}. Do not edit by hand: change the WSDL or the templates and regenerate.`,
    source: core.source,
    targetNamespace: core.targetNamespace,
    package: {
      name: pkg.name,
      dir: pkg.dir,
      namespace: pkg.namespace ?? pkg.name,
      version: options.versions?.[pkg.dir] ?? '0.1.0',
      description: `Typed SOAP client and XML codec for ${serviceName} (${core.targetNamespace}), generated from its WSDL.`,
      docsDir: `${packageStem(serviceName)}-docs`,
    },
    runtime: { name: adapter.runtimePackage ?? options.runtime.name, version: options.runtime.version },
    runtimeImports: usedRuntimeTypes(adapter, [
      ...models.flatMap((m) =>
        [...m.fields, ...m.choices.flatMap((c) => c.options.flatMap((o) => o.fields))].map((f) => f.type),
      ),
      ...models.flatMap((m) => (m.alias !== undefined ? [m.alias] : [])),
      ...roots.map((r) => r.type),
    ]),
    clientRuntimeImports: usedRuntimeTypes(
      adapter,
      services.flatMap((s) =>
        s.operations.flatMap((o) => [
          o.inputType,
          o.resultType,
          ...o.headers.map((h) => h.type),
          ...o.faults.map((f) => f.type),
        ]),
      ),
    ),
    documentation: docLines(core.documentation),
    enums,
    models,
    roots,
    services,
    referencedTypes: [...new Set(services.flatMap((s) => s.referencedTypes))].sort(),
    firstRoot: roots.find((r) => r.kind === 'type')?.key ?? roots[0]?.key ?? '',
    firstEnum: enums[0]?.name ?? '',
    firstEnumMember: enums[0]?.members[0]?.name ?? '',
    schema,
  };
}

/**
 * What `decode`/`encode` take by name: every global element under its name, every named type
 * under its name (`<name>Type` when an element or an earlier type has the name). Keys are unique: a name that two
 * namespaces declare, or a `<name>Type` that an element also has, gets a number on the later
 * one, never one of the names kept as they are.
 */
function rootViews(core: Core, adapter: LanguageAdapter, namer: ReturnType<typeof createTypeNamer>): RootView[] {
  const named = core.types.filter((t) => t.anonymousIn === undefined);
  const seen = new Set(core.elements.map((e) => e.name));
  const wanted = [
    ...core.elements.map((e) => e.name),
    ...named.map((t) => {
      const name = seen.has(t.name) ? `${t.name}Type` : t.name;
      seen.add(t.name);
      return name;
    }),
  ];
  const keys = uniqueNames(wanted);
  const roots: RootView[] = core.elements.map((element, i) => ({
    key: keys[i] ?? element.name,
    id: element.id,
    kind: 'element',
    ns: element.namespace,
    name: element.name,
    type: adapter.fieldType({
      base: namer.typeOf(element.type),
      array: false,
      nullable: element.nillable,
      optional: false,
    }),
  }));
  named.forEach((decl, i) => {
    roots.push({
      key: keys[core.elements.length + i] ?? decl.name,
      id: decl.id,
      kind: 'type',
      ns: decl.namespace,
      name: decl.name,
      type: namer.typeOf(decl.id),
    });
  });
  return roots;
}

/** Names made unique in order: a repeated one gets a number (2, 3, ...) that no other name has. */
function uniqueNames(names: readonly string[], variants: readonly string[] = []): string[] {
  // A name occupies itself and each of its variants (`Get` also takes `GetAsync`).
  const occupied = (name: string) => [name, ...variants.map((suffix) => `${name}${suffix}`)];
  const natural = new Set(names.flatMap(occupied));
  const used = new Set<string>();
  return names.map((name) => {
    let unique = name;
    for (let i = 2; occupied(unique).some((n) => used.has(n) || (unique !== name && natural.has(n))); i++)
      unique = `${name}${i}`;
    for (const n of occupied(unique)) used.add(n);
    return unique;
  });
}

/** The adapter's run-time types that some of the given type strings use, sorted. */
function usedRuntimeTypes(adapter: LanguageAdapter, types: readonly string[]): string[] {
  // Thousands of fields share a few hundred type strings: each distinct one is split once.
  const words = new Set([...new Set(types)].flatMap(typeWords));
  return adapter.runtimeTypes.filter((name) => words.has(name)).sort();
}

/** The identifier-like words of a type string, to find which names it uses. */
function typeWords(type: string): string[] {
  return type.match(/[A-Za-z_$][A-Za-z0-9_$]*/g) ?? [];
}

function singleElement(content: readonly Particle[]): ElementParticle | undefined {
  return content.length === 1 && content[0]?.kind === 'element' ? content[0] : undefined;
}
