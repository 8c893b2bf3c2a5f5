import type { Core, ElementParticle, Particle } from '../model/core.js';

/** An `element ref` particle takes the type and nillability of the global element it names. */
export function resolveElementRefs(core: Core): Core {
  const elements = new Map(core.elements.map((e) => [e.id, e]));
  let changed = false;
  const types = core.types.map((type) => {
    if (type.kind !== 'complex' || !type.content.some((p) => p.kind === 'element' && p.ref !== undefined)) return type;
    changed = true;
    const content = type.content.map((p): Particle => {
      if (p.kind !== 'element' || p.ref === undefined) return p;
      const target = elements.get(p.ref);
      if (!target) return p;
      const resolved: ElementParticle = { ...p, type: target.type, nillable: target.nillable };
      return resolved;
    });
    return { ...type, content };
  });
  return changed ? { ...core, types } : core;
}
