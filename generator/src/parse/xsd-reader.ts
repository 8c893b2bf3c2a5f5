import type { XmlElement } from '@ecgrid/soap-runtime';
import type {
  AnyAttributeDecl,
  ComplexTypeDecl,
  Diagnostic,
  ElementDecl,
  EnumValue,
  Particle,
  QNameId,
  SimpleTypeDecl,
} from '../model/core.js';
import { XSD_NS, qnameId } from '../model/core.js';
import { attr, childElements, resolveQName } from './source.js';
import type { SchemaContext, SchemaOutput, SchemaRegistry, SchemaSource } from './xsd-context.js';
import {
  anonymousId,
  contextFor,
  documented,
  localOf,
  qnameRef,
  report,
  unsupported,
  valueConstraint,
  xsdChildren,
} from './xsd-context.js';
import { readAttributes } from './xsd-attributes.js';
import { readContentModel } from './xsd-particles.js';

export type { SchemaSource } from './xsd-context.js';

const SOAP_ENCODING_NS = 'http://schemas.xmlsoap.org/soap/encoding/';
const WSDL_NS = 'http://schemas.xmlsoap.org/wsdl/';

/**
 * Reads every schema into type and element declarations. Named components of all schemas are
 * registered first, so references and anonymous type names never depend on declaration order.
 */
export function readSchemas(schemas: readonly SchemaSource[], diagnostics: Diagnostic[]): SchemaOutput {
  const out: SchemaOutput = { types: [], elements: [] };
  const registry: SchemaRegistry = {
    groups: new Map(),
    attributeGroups: new Map(),
    attributes: new Map(),
    takenTypeIds: new Set(),
  };
  for (const schema of schemas) {
    for (const child of xsdChildren(schema.element)) {
      const name = attr(child, 'name');
      if (!name) continue;
      const id = qnameId(schema.targetNamespace, name);
      if (child.local === 'complexType' || child.local === 'simpleType') registry.takenTypeIds.add(id);
      else if (child.local === 'group') registry.groups.set(id, { element: child, schema });
      else if (child.local === 'attributeGroup') registry.attributeGroups.set(id, { element: child, schema });
      else if (child.local === 'attribute') registry.attributes.set(id, { element: child, schema });
    }
  }
  for (const schema of schemas) {
    const context = contextFor(schema, registry, out, diagnostics);
    for (const child of xsdChildren(schema.element)) {
      switch (child.local) {
        case 'element':
          readGlobalElement(context, child);
          break;
        case 'complexType':
          readComplexType(context, child, attr(child, 'name') ?? '', undefined);
          break;
        case 'simpleType':
          readSimpleType(context, child, attr(child, 'name') ?? '', undefined);
          break;
        case 'group':
        case 'attributeGroup':
        case 'attribute':
        case 'import':
        case 'include':
        case 'notation':
          // Registered above, or resolved by the loader; read where they are used.
          break;
        default:
          unsupported(context, child, `top-level xs:${child.local}`);
      }
    }
  }
  return out;
}

function readGlobalElement(context: SchemaContext, element: XmlElement): void {
  const name = attr(element, 'name');
  if (!name) {
    report(context, element, 'missing-name', 'error', 'a global xs:element needs a name attribute');
    return;
  }
  const id = qnameId(context.targetNamespace, name);
  const group = attr(element, 'substitutionGroup');
  const decl: ElementDecl = {
    id,
    name,
    namespace: context.targetNamespace,
    type: elementType(context, element, name, id),
    nillable: attr(element, 'nillable') === 'true',
    abstract: attr(element, 'abstract') === 'true',
    ...(group !== undefined ? { substitutionGroup: qnameRef(context, element, group) } : {}),
    ...valueConstraint(element),
    ...documented(element),
    origin: context.source.originOf(element),
  };
  context.out.elements.push(decl);
}

/**
 * The type of an element: its `type` attribute, its inline type, or xs:anyType. An element in
 * a substitution group without a type takes its head's type (filled in by a pass).
 */
function elementType(context: SchemaContext, element: XmlElement, anonymousName: string, owner: QNameId): QNameId {
  const typeAttr = attr(element, 'type');
  if (typeAttr !== undefined) return qnameRef(context, element, typeAttr);
  for (const child of xsdChildren(element)) {
    if (child.local === 'complexType') return readComplexType(context, child, anonymousName, owner);
    if (child.local === 'simpleType') return readSimpleType(context, child, anonymousName, owner);
  }
  return qnameId(XSD_NS, 'anyType');
}

function readComplexType(
  context: SchemaContext,
  element: XmlElement,
  name: string,
  anonymousIn: QNameId | undefined,
): QNameId {
  const id = anonymousIn ? anonymousId(context, name) : qnameId(context.targetNamespace, name);
  let content: Particle[] = [];
  let all = false;
  let mixed = attr(element, 'mixed') === 'true';
  let derivation: Pick<ComplexTypeDecl, 'base' | 'derivation' | 'simpleContent' | 'soapArrayItem'> = {};
  const children = xsdChildren(element);
  let attributeHolders = children;
  for (const child of children) {
    switch (child.local) {
      case 'sequence':
      case 'choice':
      case 'all':
      case 'group':
        ({ particles: content, all } = readContentModel(context, child, id, elementType));
        break;
      case 'complexContent':
      case 'simpleContent': {
        if (attr(child, 'mixed') === 'true') mixed = true;
        const step = xsdChildren(child).find((c) => c.local === 'extension' || c.local === 'restriction');
        if (!step) {
          report(
            context,
            child,
            'invalid-schema',
            'error',
            `xs:${child.local} needs an xs:extension or xs:restriction`,
          );
          break;
        }
        const base = qnameRef(context, step, attr(step, 'base') ?? '');
        const kind = step.local === 'extension' ? 'extension' : 'restriction';
        attributeHolders = xsdChildren(step);
        if (child.local === 'complexContent' && base === qnameId(SOAP_ENCODING_NS, 'Array')) {
          derivation = { soapArrayItem: soapArrayItem(context, step) };
          attributeHolders = [];
          break;
        }
        derivation = { base, derivation: kind, ...(child.local === 'simpleContent' ? { simpleContent: base } : {}) };
        const group = xsdChildren(step).find((c) => ['sequence', 'choice', 'all', 'group'].includes(c.local));
        if (group) ({ particles: content, all } = readContentModel(context, group, id, elementType));
        break;
      }
      default:
        break;
    }
  }
  let anyAttribute: AnyAttributeDecl | undefined;
  const attributes = readAttributes(context, attributeHolders, id, readSimpleType, new Set(), (wildcard) => {
    anyAttribute ??= wildcard;
  });
  const decl: ComplexTypeDecl = {
    kind: 'complex',
    id,
    name: localOf(id),
    namespace: context.targetNamespace,
    ...(anonymousIn ? { anonymousIn } : {}),
    ...documented(element),
    content,
    attributes,
    ...(anyAttribute !== undefined ? { anyAttribute } : {}),
    ...derivation,
    abstract: attr(element, 'abstract') === 'true',
    mixed,
    all,
    origin: context.source.originOf(element),
  };
  context.out.types.push(decl);
  return id;
}

/** The item type of a SOAP-encoded array: `wsdl:arrayType="xsd:string[]"` on its arrayType attribute. */
function soapArrayItem(context: SchemaContext, restriction: XmlElement): QNameId {
  for (const attribute of xsdChildren(restriction).filter((c) => c.local === 'attribute')) {
    const arrayType = attribute.attributes.find((a) => a.ns === WSDL_NS && a.local === 'arrayType');
    if (!arrayType) continue;
    const itemName = arrayType.value.replace(/(\[[\d,]*\])+$/, '');
    const resolved = resolveQName(attribute, itemName);
    if (resolved) return qnameId(resolved.namespace, resolved.local);
    report(
      context,
      attribute,
      'undefined-prefix',
      'error',
      `the prefix of wsdl:arrayType "${arrayType.value}" is not declared`,
    );
  }
  const sequence = xsdChildren(restriction).find((c) => c.local === 'sequence');
  const item = sequence && xsdChildren(sequence).find((c) => c.local === 'element');
  const itemType = item && attr(item, 'type');
  if (item && itemType !== undefined) return qnameRef(context, item, itemType);
  report(
    context,
    restriction,
    'soap-array-untyped',
    'warning',
    'a SOAP-encoded array without wsdl:arrayType: its items are kept as XML',
  );
  return qnameId(XSD_NS, 'anyType');
}

function readSimpleType(
  context: SchemaContext,
  element: XmlElement,
  name: string,
  anonymousIn: QNameId | undefined,
): QNameId {
  const id = anonymousIn ? anonymousId(context, name) : qnameId(context.targetNamespace, name);
  let base = qnameId(XSD_NS, 'anySimpleType');
  let variety: SimpleTypeDecl['variety'] = 'atomic';
  let itemType: QNameId | undefined;
  let memberTypes: QNameId[] | undefined;
  let enumeration: EnumValue[] | undefined;
  for (const child of xsdChildren(element)) {
    switch (child.local) {
      case 'restriction': {
        const baseAttr = attr(child, 'base');
        const inline = xsdChildren(child).find((c) => c.local === 'simpleType');
        if (baseAttr !== undefined) base = qnameRef(context, child, baseAttr);
        else if (inline) base = readSimpleType(context, inline, `${localOf(id)}_base`, id);
        for (const facet of childElements(child)) {
          if (facet.ns === XSD_NS && facet.local === 'enumeration') {
            enumeration ??= [];
            enumeration.push({ value: attr(facet, 'value') ?? '', ...documented(facet) });
          }
        }
        break;
      }
      case 'list': {
        variety = 'list';
        const item = attr(child, 'itemType');
        const inline = xsdChildren(child).find((c) => c.local === 'simpleType');
        itemType =
          item !== undefined
            ? qnameRef(context, child, item)
            : inline
              ? readSimpleType(context, inline, `${localOf(id)}_item`, id)
              : qnameId(XSD_NS, 'string');
        break;
      }
      case 'union': {
        variety = 'union';
        const listed = (attr(child, 'memberTypes') ?? '')
          .split(/\s+/)
          .filter(Boolean)
          .map((m) => qnameRef(context, child, m));
        const inline = xsdChildren(child)
          .filter((c) => c.local === 'simpleType')
          .map((c, i) => readSimpleType(context, c, `${localOf(id)}_member${i + 1}`, id));
        memberTypes = [...listed, ...inline];
        break;
      }
      default:
        unsupported(context, child, `xs:${child.local} in a simple type`);
    }
  }
  const decl: SimpleTypeDecl = {
    kind: 'simple',
    id,
    name: localOf(id),
    namespace: context.targetNamespace,
    ...(anonymousIn ? { anonymousIn } : {}),
    ...documented(element),
    base,
    variety,
    ...(itemType !== undefined ? { itemType } : {}),
    ...(memberTypes !== undefined ? { memberTypes } : {}),
    ...(enumeration ? { enumeration } : {}),
    origin: context.source.originOf(element),
  };
  context.out.types.push(decl);
  return id;
}
