import type { SchemaDescriptor } from '@ecgrid/soap-runtime';
import { DecodeError, decodeElement, parseXml } from '@ecgrid/soap-runtime';
import { buildSchemaDescriptor } from '../descriptor/build-descriptor.js';
import type { AttributeDecl, Core, Diagnostic, ElementParticle, Origin, QNameId, TypeDecl } from '../model/core.js';
import { isBuiltin, mapElementParticles } from '../model/core.js';

const PROBE_NS = 'urn:ecgrid-codegen:value-probe';

/**
 * Default and fixed values that their type does not accept (`default="CSV"` on an integer
 * enumeration) are dropped with an `invalid-default` warning at the declaration: the codec checks
 * them when it compiles the schema and would refuse every call of the SDK otherwise. Values are
 * checked by the runtime's own decoder, so the generator and the SDK agree on what is valid.
 */
export function checkValues(core: Core): Core {
  const byId = new Map<QNameId, TypeDecl>(core.types.map((t) => [t.id, t]));
  const checker = createChecker(core, byId);
  const diagnostics: Diagnostic[] = [];
  const check = <T extends { readonly defaultValue?: string; readonly fixedValue?: string; readonly origin: Origin }>(
    decl: T,
    type: QNameId,
    what: string,
  ): T => {
    let out = decl;
    for (const key of ['defaultValue', 'fixedValue'] as const) {
      const value = decl[key];
      if (value === undefined) continue;
      const problem = checker(type, value);
      if (problem === undefined) continue;
      const { [key]: _dropped, ...rest } = out;
      out = rest as T;
      const label = key === 'defaultValue' ? 'default' : 'fixed';
      diagnostics.push({
        code: 'invalid-default',
        severity: 'warning',
        message: `${what}: the ${label} value ${JSON.stringify(value)} is not valid for its type (${problem}); it is ignored`,
        origin: decl.origin,
      });
    }
    return out;
  };
  const checkParticle =
    (owner: string) =>
    (p: ElementParticle): ElementParticle =>
      check(p, p.type, `element ${p.name} of type ${owner}`);
  const checkAttribute =
    (owner: string) =>
    (a: AttributeDecl): AttributeDecl =>
      check(a, a.type, `attribute ${a.name} of type ${owner}`);
  const types = core.types.map(
    (t): TypeDecl =>
      t.kind === 'complex'
        ? {
            ...t,
            content: mapElementParticles(t.content, checkParticle(t.name)),
            attributes: t.attributes.map(checkAttribute(t.name)),
          }
        : t,
  );
  const elements = core.elements.map((e) => check(e, e.type, `element ${e.name}`));
  if (diagnostics.length === 0) return core;
  return { ...core, types, elements, diagnostics: [...core.diagnostics, ...diagnostics] };
}

/**
 * A function telling why a lexical value is not valid for a type (undefined when it is, or when
 * the type has no simple value to check). The simple types are compiled once, with one probe
 * element per type asked about.
 */
function createChecker(
  core: Core,
  byId: ReadonlyMap<QNameId, TypeDecl>,
): (type: QNameId, value: string) => string | undefined {
  const simpleTypeOf = (id: QNameId): QNameId | undefined => {
    if (isBuiltin(id)) return id;
    const decl = byId.get(id);
    if (decl?.kind === 'simple') return id;
    return decl?.kind === 'complex' ? decl.simpleContent : undefined;
  };
  let schema: SchemaDescriptor | undefined;
  const probes = new Map<QNameId, string>();
  return (type, value) => {
    const simple = simpleTypeOf(type);
    if (simple === undefined) return undefined;
    if (schema === undefined) {
      const full = buildSchemaDescriptor(core);
      const types = Object.fromEntries(
        Object.entries(full.types).filter(([, t]) => t.kind !== 'complex' && t.kind !== 'soap-array'),
      );
      // Probes for every simple type, so one compilation serves all checks.
      const ids = [...new Set([...Object.keys(types), ...simpleTypeIds(core)])];
      for (const [i, id] of ids.entries()) probes.set(id, `{${PROBE_NS}}t${i}`);
      schema = {
        types,
        elements: Object.fromEntries(
          ids.map((id, i) => [`{${PROBE_NS}}t${i}`, { name: `t${i}`, ns: PROBE_NS, type: id, nillable: false }]),
        ),
      };
    }
    const probe = probes.get(simple);
    if (probe === undefined) return undefined;
    const local = probe.slice(probe.indexOf('}') + 1);
    const text = value.replace(/&/g, '&amp;').replace(/</g, '&lt;');
    try {
      decodeElement(schema, probe, parseXml(`<${local} xmlns="${PROBE_NS}">${text}</${local}>`).root);
      return undefined;
    } catch (error) {
      // Only a value the decoder refuses counts; a schema the probe cannot compile says nothing.
      // The message starts with the probe's path (`t7: ...`), which means nothing to a user.
      if (error instanceof DecodeError)
        return error.message.startsWith(`${local}: `) ? error.message.slice(local.length + 2) : error.message;
      return undefined;
    }
  };
}

/** The builtin type ids the core's values use (builtins are not in the descriptor's types). */
function simpleTypeIds(core: Core): QNameId[] {
  const ids = new Set<QNameId>();
  for (const t of core.types) {
    if (t.kind === 'complex') {
      if (t.simpleContent !== undefined && isBuiltin(t.simpleContent)) ids.add(t.simpleContent);
      for (const a of t.attributes) if (isBuiltin(a.type)) ids.add(a.type);
      mapElementParticles(t.content, (p) => {
        if (isBuiltin(p.type)) ids.add(p.type);
        return p;
      });
    }
  }
  for (const e of core.elements) if (isBuiltin(e.type)) ids.add(e.type);
  return [...ids];
}
