import type { XmlElement } from '@ecgrid/soap-runtime';
import type { AnyParticle, ElementParticle, Particle, QNameId } from '../model/core.js';
import { XSD_NS, qnameId, splitQNameId } from '../model/core.js';
import { attr } from './source.js';
import type { SchemaContext } from './xsd-context.js';
import {
  contextFor,
  documented,
  localOf,
  occurs,
  qnameRef,
  report,
  unsupported,
  valueConstraint,
  xsdChildren,
} from './xsd-context.js';

/** Reads an inline or named type; supplied by the type reader so particles can hold anonymous types. */
export type ElementTypeReader = (
  context: SchemaContext,
  element: XmlElement,
  anonymousName: string,
  owner: QNameId,
) => QNameId;

/**
 * The particles of a type's top compositor (`sequence`, `choice`, `all` or a `group` ref).
 * A plain sequence is flattened into the type; `all` is reported so the type can be marked.
 */
export function readContentModel(
  context: SchemaContext,
  compositor: XmlElement,
  owner: QNameId,
  readType: ElementTypeReader,
): { particles: Particle[]; all: boolean } {
  const resolved = resolveGroupRef(context, compositor, new Set());
  if (!resolved) return { particles: [], all: false };
  const { context: groupContext, element } = resolved;
  const min = occurs(attr(compositor, 'minOccurs'), 1);
  const max = occurs(attr(compositor, 'maxOccurs'), 1);
  if (element.local === 'all') {
    const particles = readGroupChildren(groupContext, element, owner, readType, new Set());
    return { particles: min === 0 ? particles.map(optional) : particles, all: true };
  }
  const particle = readCompositor(groupContext, element, owner, readType, min, max, new Set());
  return { particles: particle ? flatten(particle) : [], all: false };
}

/** A sequence that occurs exactly once becomes its particles; anything else stays one particle. */
function flatten(particle: Particle): Particle[] {
  return particle.kind === 'sequence' && particle.minOccurs === 1 && particle.maxOccurs === 1
    ? [...particle.content]
    : [particle];
}

function optional(particle: Particle): Particle {
  return { ...particle, minOccurs: 0 };
}

/** Follows `xs:group ref` to the named group's compositor (and the context of its schema). */
function resolveGroupRef(
  context: SchemaContext,
  element: XmlElement,
  seen: ReadonlySet<QNameId>,
): { context: SchemaContext; element: XmlElement } | undefined {
  if (element.local !== 'group') return { context, element };
  const ref = attr(element, 'ref');
  if (ref === undefined) {
    report(context, element, 'missing-ref', 'error', 'an xs:group inside a type needs a ref attribute');
    return undefined;
  }
  const id = qnameRef(context, element, ref);
  const group = context.registry.groups.get(id);
  if (!group) {
    report(
      context,
      element,
      'unresolved-group',
      'error',
      `group ${id} is not declared; declare it with xs:group name="${localOf(id)}" or fix the reference`,
    );
    return undefined;
  }
  if (seen.has(id)) {
    report(context, element, 'group-cycle', 'error', `group ${id} contains itself`);
    return undefined;
  }
  const inner = xsdChildren(group.element)[0];
  if (!inner) return undefined;
  return { context: contextFor(group.schema, context.registry, context.out, context.diagnostics), element: inner };
}

function readCompositor(
  context: SchemaContext,
  element: XmlElement,
  owner: QNameId,
  readType: ElementTypeReader,
  minOccurs: number,
  maxOccurs: number,
  groups: ReadonlySet<QNameId>,
): Particle | undefined {
  const origin = context.source.originOf(element);
  switch (element.local) {
    case 'sequence': {
      const content = readGroupChildren(context, element, owner, readType, groups);
      return { kind: 'sequence', name: groupName(content, 'And'), minOccurs, maxOccurs, content, origin };
    }
    case 'choice': {
      // An option that is a sequence stays one sequence particle: it is one branch.
      const options = readGroupChildren(context, element, owner, readType, groups);
      return { kind: 'choice', name: groupName(options, 'Or'), minOccurs, maxOccurs, options, origin };
    }
    case 'all':
      unsupported(context, element, 'xs:all nested in another model group');
      return undefined;
    default:
      unsupported(context, element, `xs:${element.local} as a model group`);
      return undefined;
  }
}

/** The particles inside a sequence, choice or all, in order; nested plain sequences of a sequence are flattened. */
function readGroupChildren(
  context: SchemaContext,
  group: XmlElement,
  owner: QNameId,
  readType: ElementTypeReader,
  groups: ReadonlySet<QNameId>,
): Particle[] {
  const out: Particle[] = [];
  for (const child of xsdChildren(group)) {
    switch (child.local) {
      case 'element': {
        const particle = readLocalElement(context, child, owner, readType);
        if (particle) out.push(particle);
        break;
      }
      case 'any':
        out.push(readAny(context, child, out));
        break;
      case 'sequence':
      case 'choice': {
        const particle = readCompositor(
          context,
          child,
          owner,
          readType,
          minOccursOf(child),
          maxOccursOf(child),
          groups,
        );
        if (particle) out.push(...(group.local === 'sequence' ? flatten(particle) : [particle]));
        break;
      }
      case 'group': {
        const ref = attr(child, 'ref');
        const id = ref === undefined ? undefined : qnameRef(context, child, ref);
        const resolved = resolveGroupRef(context, child, groups);
        if (!resolved || id === undefined) break;
        const particle = readCompositor(
          resolved.context,
          resolved.element,
          owner,
          readType,
          minOccursOf(child),
          maxOccursOf(child),
          new Set([...groups, id]),
        );
        if (particle) out.push(...(group.local === 'sequence' ? flatten(particle) : [particle]));
        break;
      }
      default:
        unsupported(context, child, `xs:${child.local} in a model group`);
    }
  }
  return out;
}

/** A particle's `minOccurs` and `maxOccurs` (1 when absent, -1 for unbounded). */
function minOccursOf(element: XmlElement): number {
  return occurs(attr(element, 'minOccurs'), 1);
}

function maxOccursOf(element: XmlElement): number {
  return occurs(attr(element, 'maxOccurs'), 1);
}

function readLocalElement(
  context: SchemaContext,
  element: XmlElement,
  owner: QNameId,
  readType: ElementTypeReader,
): ElementParticle | AnyParticle | undefined {
  const minOccurs = minOccursOf(element);
  const maxOccurs = maxOccursOf(element);
  const origin = context.source.originOf(element);
  const ref = attr(element, 'ref');
  if (ref !== undefined) {
    const refId = qnameRef(context, element, ref);
    if (refId === qnameId(XSD_NS, 'schema')) {
      // The .NET DataSet pattern: an inline schema, then the data as xs:any. Kept as XML.
      return {
        kind: 'any',
        name: 'schema',
        minOccurs,
        maxOccurs,
        namespaceConstraint: XSD_NS,
        processContents: 'lax',
        origin,
      };
    }
    const { namespace, local } = splitQNameId(refId);
    return {
      kind: 'element',
      name: local,
      namespace,
      type: refId,
      ref: refId,
      minOccurs,
      maxOccurs,
      nillable: false,
      ...valueConstraint(element),
      ...documented(element),
      origin,
    };
  }
  const name = attr(element, 'name');
  if (!name) {
    report(context, element, 'missing-name', 'error', 'a local xs:element needs a name or a ref attribute');
    return undefined;
  }
  const form = attr(element, 'form');
  const qualified = form === undefined ? context.qualifiedElements : form === 'qualified';
  return {
    kind: 'element',
    name,
    namespace: qualified ? context.targetNamespace : '',
    type: readType(context, element, `${localOf(owner)}_${name}`, owner),
    minOccurs,
    maxOccurs,
    nillable: attr(element, 'nillable') === 'true',
    ...valueConstraint(element),
    ...documented(element),
    origin,
  };
}

function readAny(context: SchemaContext, element: XmlElement, siblings: readonly Particle[]): AnyParticle {
  const taken = new Set(siblings.filter((p) => p.kind === 'any').map((p) => p.name));
  let name = 'any';
  for (let i = 2; taken.has(name); i++) name = `any${i}`;
  const process = attr(element, 'processContents');
  return {
    kind: 'any',
    name,
    minOccurs: minOccursOf(element),
    maxOccurs: maxOccursOf(element),
    namespaceConstraint: attr(element, 'namespace') ?? '##any',
    processContents: process === 'lax' || process === 'skip' ? process : 'strict',
    origin: context.source.originOf(element),
  };
}

/** A repeated group's property name: its members' names joined (`NameOrAlias`, `KeyAndValue`). */
function groupName(particles: readonly Particle[], joiner: string): string {
  const names = particles.map((p) => p.name);
  return names.length ? names.join(joiner) : 'group';
}
