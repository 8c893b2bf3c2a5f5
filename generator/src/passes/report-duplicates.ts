import type { Core, Diagnostic, Particle } from '../model/core.js';

/**
 * Reports element names a complex type declares more than once in its own content, outside
 * choices (`a, b, a`). Valid XML Schema, but a value keeps one property per name, so the codec
 * and the generated types merge them (decoded from either place, encoded at the first): said
 * here, once per type. (An attribute named like an element is the property `@name`, no clash.)
 */
export function reportDuplicates(core: Core): Core {
  const diagnostics: Diagnostic[] = [];
  for (const type of core.types) {
    if (type.kind !== 'complex') continue;
    const counts = new Map<string, number>();
    const count = (name: string) => counts.set(name, (counts.get(name) ?? 0) + 1);
    for (const name of sequenceNames(type.content)) count(name);
    const repeated = [...counts].filter(([, n]) => n > 1).map(([name]) => name);
    if (repeated.length === 0) continue;
    diagnostics.push({
      code: 'duplicate-declaration',
      severity: 'warning',
      message: `type ${type.name} declares element ${repeated.join(', ')} more than once in its sequence; each name is one property, read from either place and written at the first`,
      origin: type.origin,
    });
  }
  return diagnostics.length ? { ...core, diagnostics: [...core.diagnostics, ...diagnostics] } : core;
}

/** The names of the element particles of a content model outside choices (a repeated sequence keeps its own). */
function sequenceNames(particles: readonly Particle[]): string[] {
  return particles.flatMap((particle) => {
    switch (particle.kind) {
      case 'element':
        return [particle.name];
      case 'sequence':
        return particle.maxOccurs === 1 ? sequenceNames(particle.content) : [particle.name];
      case 'choice':
      case 'any':
        return [particle.name];
      default: {
        const never: never = particle;
        return never;
      }
    }
  });
}
