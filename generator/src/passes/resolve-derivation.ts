import type { ComplexTypeDecl, Core, Diagnostic, QNameId, TypeDecl } from '../model/core.js';

/**
 * Checks derivation chains (a type deriving from itself is an error) and gives every
 * simpleContent type the simple type of its text, following complex bases down to it (and no
 * `mixed`, which simple content ignores).
 */
export function resolveDerivation(core: Core): Core {
  const byId = new Map<QNameId, TypeDecl>(core.types.map((t) => [t.id, t]));
  const diagnostics: Diagnostic[] = [];
  const textOf = (type: ComplexTypeDecl, seen: ReadonlySet<QNameId>): QNameId | undefined => {
    if (type.simpleContent === undefined) return undefined;
    const base = byId.get(type.simpleContent);
    if (base?.kind !== 'complex') return type.simpleContent;
    if (seen.has(base.id)) return undefined;
    return textOf(base, new Set([...seen, base.id]));
  };
  const types = core.types.map((type) => {
    if (type.kind !== 'complex') return type;
    const seen = new Set<QNameId>([type.id]);
    for (let base = type.base; base !== undefined; ) {
      if (seen.has(base)) {
        diagnostics.push({
          code: 'derivation-cycle',
          severity: 'error',
          message: `type ${type.id} derives from itself through ${base}`,
          origin: type.origin,
        });
        return type;
      }
      seen.add(base);
      const next = byId.get(base);
      base = next?.kind === 'complex' ? next.base : undefined;
    }
    const text = textOf(type, new Set([type.id]));
    // `mixed` has no meaning for simple content (XML Schema Structures 3.4.2): the text is the value.
    if (text !== undefined && type.mixed) return { ...type, simpleContent: text, mixed: false };
    return text === type.simpleContent ? type : { ...type, ...(text !== undefined ? { simpleContent: text } : {}) };
  });
  return { ...core, types, diagnostics: [...core.diagnostics, ...diagnostics] };
}
