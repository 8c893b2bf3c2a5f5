import type { Core, ElementDecl, QNameId } from '../model/core.js';
import { XSD_NS, allParticles, mapElementParticles } from '../model/core.js';

const ANY_TYPE = `{${XSD_NS}}anyType`;

/**
 * Element refs take the type and nillability of the global element they name, and list the
 * members of its substitution group (transitively) as `substitutes`. A member declared without
 * a type takes its head's type.
 */
export function resolveElementRefs(core: Core): Core {
  const byId = new Map(core.elements.map((e) => [e.id, e]));
  const typeOf = (element: ElementDecl, seen: ReadonlySet<QNameId> = new Set()): QNameId => {
    if (element.type !== ANY_TYPE || element.substitutionGroup === undefined || seen.has(element.id))
      return element.type;
    const head = byId.get(element.substitutionGroup);
    return head ? typeOf(head, new Set([...seen, element.id])) : element.type;
  };
  const elements = core.elements.map((e) =>
    e.substitutionGroup !== undefined && e.type === ANY_TYPE ? { ...e, type: typeOf(e) } : e,
  );
  const members = new Map<QNameId, QNameId[]>();
  for (const element of elements) {
    for (
      let head = element.substitutionGroup, seen = new Set<QNameId>();
      head !== undefined && !seen.has(head);
      head = byId.get(head)?.substitutionGroup
    ) {
      seen.add(head);
      members.set(head, [...(members.get(head) ?? []), element.id]);
    }
  }
  const resolved = new Map(elements.map((e) => [e.id, e]));
  const types = core.types.map((type) => {
    if (type.kind !== 'complex' || !allParticles(type.content).some((p) => p.kind === 'element' && p.ref !== undefined))
      return type;
    const content = mapElementParticles(type.content, (p) => {
      if (p.ref === undefined) return p;
      const target = resolved.get(p.ref);
      if (!target) return p;
      const substitutes = members.get(p.ref);
      return { ...p, type: target.type, nillable: target.nillable, ...(substitutes ? { substitutes } : {}) };
    });
    return { ...type, content };
  });
  return { ...core, types, elements };
}
