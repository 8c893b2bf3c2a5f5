import type {
  ParticleDescriptor,
  SchemaDescriptor,
  ServiceDescriptor,
  TypeDescriptor,
} from '@ecgrid/soap-runtime';
import type { Core, ServiceDecl, TypeDecl } from '../model/core.js';

/**
 * The run-time part of the core: what the codec and the client need, as plain JSON. Generated
 * SDKs embed it; `convert` builds it on the fly, so both use one codec.
 */
export function buildSchemaDescriptor(core: Core): SchemaDescriptor {
  const types: Record<string, TypeDescriptor> = {};
  for (const type of core.types) types[type.id] = typeDescriptor(type);
  const elements: SchemaDescriptor['elements'] = Object.fromEntries(
    core.elements.map((e) => [e.id, { name: e.name, ns: e.namespace, type: e.type, nillable: e.nillable }]),
  );
  return { types, elements };
}

function typeDescriptor(type: TypeDecl): TypeDescriptor {
  switch (type.kind) {
    case 'simple':
      return type.enumeration
        ? { kind: 'enum', name: type.name, base: type.base, values: type.enumeration.map((v) => v.value) }
        : { kind: 'simple', name: type.name, base: type.base };
    case 'complex': {
      const content = type.content.map((p): ParticleDescriptor =>
        p.kind === 'element'
          ? { kind: 'element', name: p.name, ns: p.namespace, type: p.type, min: p.minOccurs, max: p.maxOccurs, nillable: p.nillable }
          : { kind: 'any', name: p.name, min: p.minOccurs, max: p.maxOccurs },
      );
      const attributes = type.attributes.map((a) => ({ name: a.name, ns: a.namespace, type: a.type, required: a.required }));
      return { kind: 'complex', name: type.name, content, ...(attributes.length ? { attributes } : {}) };
    }
    default: {
      const never: never = type;
      return never;
    }
  }
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
        },
      ]),
    ),
  };
}
