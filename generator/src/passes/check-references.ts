import type { Core, Diagnostic, Origin, QNameId } from '../model/core.js';
import { allParticles, isBuiltin } from '../model/core.js';
import { isXsdBuiltinName } from '../model/builtins.js';

export function isKnownBuiltin(id: QNameId): boolean {
  return isBuiltin(id) && isXsdBuiltinName(id.slice(id.indexOf('}') + 1));
}

/**
 * Every reference by id must land on a declaration: types, elements, messages, port types and
 * bindings. A dangling one is an error at the place that refers, with a hint of what to do.
 */
export function checkReferences(core: Core): Core {
  const found: Diagnostic[] = [];
  const typeIds = new Set(core.types.map((t) => t.id));
  const elementIds = new Set(core.elements.map((e) => e.id));
  const messageIds = new Set(core.messages.map((m) => m.id));
  const portTypeIds = new Set(core.portTypes.map((p) => p.id));
  const bindingIds = new Set(core.bindings.map((b) => b.id));

  const missing = (what: string, id: QNameId, origin: Origin, hint: string) =>
    found.push({
      code: `unresolved-${what}`,
      severity: 'error',
      message: `${what} ${id} is not declared; ${hint}`,
      origin,
    });
  const checkType = (id: QNameId, origin: Origin) => {
    if (isBuiltin(id) ? !isKnownBuiltin(id) : !typeIds.has(id)) {
      missing('type', id, origin, "declare it in the WSDL's schema or fix the reference (check its namespace prefix)");
    }
  };
  const checkElement = (id: QNameId, origin: Origin) => {
    if (!elementIds.has(id)) missing('element', id, origin, 'declare it as a global xs:element or fix the reference');
  };

  for (const type of core.types) {
    if (type.kind === 'simple') {
      checkType(type.base, type.origin);
      if (type.itemType !== undefined) checkType(type.itemType, type.origin);
      for (const member of type.memberTypes ?? []) checkType(member, type.origin);
      continue;
    }
    if (type.base !== undefined) checkType(type.base, type.origin);
    if (type.soapArrayItem !== undefined) checkType(type.soapArrayItem, type.origin);
    for (const particle of allParticles(type.content)) {
      if (particle.kind !== 'element') continue;
      if (particle.ref !== undefined) checkElement(particle.ref, particle.origin);
      else checkType(particle.type, particle.origin);
    }
    for (const attribute of type.attributes) checkType(attribute.type, attribute.origin);
  }
  for (const element of core.elements) {
    checkType(element.type, element.origin);
    if (element.substitutionGroup !== undefined) checkElement(element.substitutionGroup, element.origin);
  }
  for (const message of core.messages) {
    for (const part of message.parts) {
      if (part.element !== undefined) checkElement(part.element, part.origin);
      if (part.type !== undefined) checkType(part.type, part.origin);
    }
  }
  for (const portType of core.portTypes) {
    for (const op of portType.operations) {
      for (const id of [op.input, op.output, ...op.faults.map((f) => f.message)]) {
        if (id !== undefined && !messageIds.has(id))
          missing('message', id, op.origin, 'declare the wsdl:message or fix the reference');
      }
    }
  }
  for (const binding of core.bindings) {
    if (!portTypeIds.has(binding.portType))
      missing(
        'portType',
        binding.portType,
        binding.origin,
        "declare the wsdl:portType or fix the binding's type attribute",
      );
  }
  for (const service of core.services) {
    for (const port of service.ports) {
      if (!bindingIds.has(port.binding))
        missing('binding', port.binding, port.origin, "declare the wsdl:binding or fix the port's binding attribute");
    }
  }
  return found.length ? { ...core, diagnostics: [...core.diagnostics, ...found] } : core;
}
