import type {
  AttributeDescriptor,
  ParticleDescriptor,
  SchemaDescriptor,
  ServiceDescriptor,
  TypeDescriptor,
} from '@ecgrid/soap-runtime';
import type { AttributeDecl, ComplexTypeDecl, Core, Particle, QNameId, ServiceDecl, TypeDecl } from '../model/core.js';

/**
 * The run-time part of the core: what the codec and the client need, as plain JSON. Generated
 * SDKs embed it; `convert` builds it on the fly, so both use one codec.
 */
export function buildSchemaDescriptor(core: Core): SchemaDescriptor {
  const byId = new Map<QNameId, TypeDecl>(core.types.map((t) => [t.id, t]));
  const types: Record<string, TypeDescriptor> = {};
  for (const type of core.types) types[type.id] = typeDescriptor(type, byId);
  const elements: SchemaDescriptor['elements'] = Object.fromEntries(
    core.elements.map((e) => [
      e.id,
      {
        name: e.name,
        ns: e.namespace,
        type: e.type,
        nillable: e.nillable,
        ...(e.abstract ? { abstract: true } : {}),
        ...(e.substitutionGroup !== undefined ? { substitutionGroup: e.substitutionGroup } : {}),
      },
    ]),
  );
  return { types, elements };
}

/**
 * A type's effective content: for an extension, the base's effective content first, then its
 * own; a restriction restates its content, so it is its own.
 */
export function effectiveContent(
  type: ComplexTypeDecl,
  byId: ReadonlyMap<QNameId, TypeDecl>,
): { content: Particle[]; attributes: AttributeDecl[] } {
  const base = type.base !== undefined ? byId.get(type.base) : undefined;
  if (base?.kind !== 'complex' || base.id === type.id)
    return { content: [...type.content], attributes: [...type.attributes] };
  const inherited = effectiveContent(base, byId);
  const own = new Set(type.attributes.map((a) => `${a.namespace}|${a.name}`));
  const attributes = [...inherited.attributes.filter((a) => !own.has(`${a.namespace}|${a.name}`)), ...type.attributes];
  return type.derivation === 'extension'
    ? { content: [...inherited.content, ...type.content], attributes }
    : { content: [...type.content], attributes };
}

/**
 * Whether a type keeps undeclared attributes: its own `xs:anyAttribute`, or for an extension
 * (simple or complex content) one it inherits; a restriction keeps only the wildcard it restates.
 */
export function keepsAnyAttribute(
  type: ComplexTypeDecl,
  byId: ReadonlyMap<QNameId, TypeDecl>,
  seen: ReadonlySet<QNameId> = new Set(),
): boolean {
  if (type.anyAttribute !== undefined) return true;
  if (type.derivation !== 'extension' || type.base === undefined || seen.has(type.id)) return false;
  const base = byId.get(type.base);
  return base?.kind === 'complex' && keepsAnyAttribute(base, byId, new Set([...seen, type.id]));
}

function typeDescriptor(type: TypeDecl, byId: ReadonlyMap<QNameId, TypeDecl>): TypeDescriptor {
  switch (type.kind) {
    case 'simple':
      if (type.variety === 'list') return { kind: 'list', name: type.name, item: type.itemType ?? '' };
      if (type.variety === 'union') return { kind: 'union', name: type.name, members: type.memberTypes ?? [] };
      return type.enumeration
        ? { kind: 'enum', name: type.name, base: type.base, values: type.enumeration.map((v) => v.value) }
        : { kind: 'simple', name: type.name, base: type.base };
    case 'complex': {
      if (type.soapArrayItem !== undefined) return { kind: 'soap-array', name: type.name, item: type.soapArrayItem };
      const { content, attributes } = effectiveContent(type, byId);
      return {
        kind: 'complex',
        name: type.name,
        content: content.map(particleDescriptor),
        ...(attributes.length ? { attributes: attributes.map(attributeDescriptor) } : {}),
        ...(keepsAnyAttribute(type, byId) ? { anyAttribute: true } : {}),
        ...(type.base !== undefined ? { base: type.base } : {}),
        ...(type.abstract ? { abstract: true } : {}),
        ...(type.all ? { all: true } : {}),
        ...(type.mixed ? { mixed: true } : {}),
        ...(type.simpleContent !== undefined ? { text: type.simpleContent } : {}),
      };
    }
    default: {
      const never: never = type;
      return never;
    }
  }
}

function particleDescriptor(particle: Particle): ParticleDescriptor {
  switch (particle.kind) {
    case 'element':
      return {
        kind: 'element',
        name: particle.name,
        ns: particle.namespace,
        type: particle.type,
        min: particle.minOccurs,
        max: particle.maxOccurs,
        nillable: particle.nillable,
        ...(particle.defaultValue !== undefined ? { default: particle.defaultValue } : {}),
        ...(particle.fixedValue !== undefined ? { fixed: particle.fixedValue } : {}),
        ...(particle.substitutes ? { substitutes: particle.substitutes } : {}),
      };
    case 'any':
      return { kind: 'any', name: particle.name, min: particle.minOccurs, max: particle.maxOccurs };
    case 'choice':
      return {
        kind: 'choice',
        name: particle.name,
        min: particle.minOccurs,
        max: particle.maxOccurs,
        options: particle.options.map(particleDescriptor),
      };
    case 'sequence':
      return {
        kind: 'sequence',
        name: particle.name,
        min: particle.minOccurs,
        max: particle.maxOccurs,
        content: particle.content.map(particleDescriptor),
      };
    default: {
      const never: never = particle;
      return never;
    }
  }
}

function attributeDescriptor(a: AttributeDecl): AttributeDescriptor {
  return {
    name: a.name,
    ns: a.namespace,
    type: a.type,
    required: a.required,
    ...(a.defaultValue !== undefined ? { default: a.defaultValue } : {}),
    ...(a.fixedValue !== undefined ? { fixed: a.fixedValue } : {}),
  };
}

export function buildServiceDescriptor(service: ServiceDecl): ServiceDescriptor {
  const soap11 = service.ports.find((p) => p.protocol === 'soap11')?.address;
  const soap12 = service.ports.find((p) => p.protocol === 'soap12')?.address;
  return {
    name: service.name,
    endpoints: { ...(soap11 !== undefined ? { soap11 } : {}), ...(soap12 !== undefined ? { soap12 } : {}) },
    operations: Object.fromEntries(
      service.operations.map((op) => [
        op.name,
        {
          name: op.name,
          soapAction: op.soapAction,
          input: op.input,
          ...(op.output !== undefined ? { output: op.output } : {}),
          wrapped: op.wrapped,
          ...(op.style === 'rpc' ? { style: 'rpc' as const } : {}),
          ...(op.encoded ? { encoded: true } : {}),
          ...(op.headers.length ? { headers: op.headers } : {}),
          ...(op.faults.length ? { faults: op.faults } : {}),
        },
      ]),
    ),
  };
}
