import type { XmlElement } from '@ecgrid/soap-runtime';
import type {
  AnyParticle,
  AttributeDecl,
  ComplexTypeDecl,
  Diagnostic,
  ElementDecl,
  EnumValue,
  Particle,
  QNameId,
  SimpleTypeDecl,
  TypeDecl,
} from '../model/core.js';
import { XSD_NS, qnameId, splitQNameId } from '../model/core.js';
import type { SourceDocument } from './source.js';
import { attr, childElements, reportAt, resolveQName, textContent } from './source.js';

/** What reading the schemas of one WSDL produces. */
export interface SchemaContent {
  readonly types: TypeDecl[];
  readonly elements: ElementDecl[];
}

interface SchemaContext {
  readonly source: SourceDocument;
  readonly targetNamespace: string;
  readonly qualifiedElements: boolean;
  readonly qualifiedAttributes: boolean;
  readonly diagnostics: Diagnostic[];
  readonly out: SchemaContent;
  /** Ids already given to a type, so anonymous types get unique, deterministic names. */
  readonly takenTypeIds: Set<QNameId>;
}

/** Namespaces whose imports need no schema from us: XML Schema itself and SOAP encoding. */
const WELL_KNOWN_NAMESPACES = new Set([
  XSD_NS,
  'http://schemas.xmlsoap.org/soap/encoding/',
  'http://schemas.xmlsoap.org/wsdl/',
  'http://www.w3.org/XML/1998/namespace',
]);

/**
 * Reads every `xs:schema` into type and element declarations. Named types are registered
 * first, so an anonymous type never takes the name of a named one, whatever the order.
 */
export function readSchemas(
  source: SourceDocument,
  schemas: readonly XmlElement[],
  diagnostics: Diagnostic[],
): SchemaContent {
  const out: SchemaContent = { types: [], elements: [] };
  const takenTypeIds = new Set<QNameId>();
  for (const schema of schemas) {
    const tns = attr(schema, 'targetNamespace') ?? '';
    for (const child of childElements(schema)) {
      if (child.ns !== XSD_NS) continue;
      const name = attr(child, 'name');
      if ((child.local === 'complexType' || child.local === 'simpleType') && name) {
        takenTypeIds.add(qnameId(tns, name));
      }
    }
  }
  for (const schema of schemas) {
    const context: SchemaContext = {
      source,
      targetNamespace: attr(schema, 'targetNamespace') ?? '',
      qualifiedElements: attr(schema, 'elementFormDefault') === 'qualified',
      qualifiedAttributes: attr(schema, 'attributeFormDefault') === 'qualified',
      diagnostics,
      out,
      takenTypeIds,
    };
    readSchema(context, schema);
  }
  return out;
}

function readSchema(context: SchemaContext, schema: XmlElement): void {
  for (const child of childElements(schema)) {
    if (child.ns !== XSD_NS) continue;
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
      case 'import':
        readImport(context, child);
        break;
      case 'annotation':
        break;
      default:
        unsupported(context, child, `top-level xs:${child.local}`);
    }
  }
}

function readImport(context: SchemaContext, element: XmlElement): void {
  const namespace = attr(element, 'namespace') ?? '';
  const location = attr(element, 'schemaLocation');
  if (location !== undefined) {
    unsupported(context, element, `xs:import with schemaLocation "${location}"`);
  } else if (!WELL_KNOWN_NAMESPACES.has(namespace)) {
    report(
      context,
      element,
      'import-without-location',
      'warning',
      `xs:import of namespace "${namespace}" has no schemaLocation; types from it cannot be resolved unless another schema in this WSDL declares them`,
    );
  }
}

function readGlobalElement(context: SchemaContext, element: XmlElement): void {
  const name = attr(element, 'name');
  if (!name) {
    report(context, element, 'missing-name', 'error', 'a global xs:element needs a name attribute');
    return;
  }
  const id = qnameId(context.targetNamespace, name);
  const type = elementType(context, element, name, id);
  const decl: ElementDecl = {
    id,
    name,
    namespace: context.targetNamespace,
    type,
    nillable: attr(element, 'nillable') === 'true',
    ...documented(element),
    origin: context.source.originOf(element),
  };
  context.out.elements.push(decl);
}

/** The type of an element: its `type` attribute, its inline type, or xs:anyType. */
function elementType(
  context: SchemaContext,
  element: XmlElement,
  anonymousName: string,
  owner: QNameId,
): QNameId {
  const typeAttr = attr(element, 'type');
  if (typeAttr !== undefined) return qnameRef(context, element, typeAttr);
  for (const child of childElements(element)) {
    if (child.ns !== XSD_NS) continue;
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
  const content: Particle[] = [];
  const attributes: AttributeDecl[] = [];
  if (attr(element, 'mixed') === 'true') unsupported(context, element, 'mixed content');
  for (const child of childElements(element)) {
    if (child.ns !== XSD_NS) continue;
    switch (child.local) {
      case 'annotation':
        break;
      case 'sequence':
      case 'all':
        readModelGroup(context, child, id, content, false);
        break;
      case 'choice':
        readModelGroup(context, child, id, content, true);
        break;
      case 'attribute':
        readAttribute(context, child, attributes);
        break;
      case 'anyAttribute':
        report(context, child, 'unsupported', 'warning', 'xs:anyAttribute is not supported yet; such attributes are ignored on decode');
        break;
      default:
        unsupported(context, child, `xs:${child.local} in a complex type`);
    }
  }
  const decl: ComplexTypeDecl = {
    kind: 'complex',
    id,
    name: localOf(id),
    namespace: context.targetNamespace,
    ...(anonymousIn ? { anonymousIn } : {}),
    ...documented(element),
    content,
    attributes,
    origin: context.source.originOf(element),
  };
  context.out.types.push(decl);
  return id;
}

/**
 * Flattens a sequence (or all) into particles. A choice is not a typed union yet: its
 * branches become optional particles, and a warning says so.
 */
function readModelGroup(
  context: SchemaContext,
  group: XmlElement,
  owner: QNameId,
  content: Particle[],
  optional: boolean,
): void {
  const groupMax = occurs(attr(group, 'maxOccurs'), 1);
  const groupMin = occurs(attr(group, 'minOccurs'), 1);
  if (groupMax !== 1 && !optional) {
    unsupported(context, group, `a repeated xs:${group.local} (maxOccurs="${attr(group, 'maxOccurs')}")`);
  }
  if (optional) {
    report(context, group, 'choice-flattened', 'warning', 'xs:choice is not a typed union yet; its elements are generated as optional fields');
  }
  const relax = optional || groupMin === 0;
  for (const child of childElements(group)) {
    if (child.ns !== XSD_NS) continue;
    switch (child.local) {
      case 'element': {
        const particle = readLocalElement(context, child, owner);
        if (particle) content.push(relax ? { ...particle, minOccurs: 0 } : particle);
        break;
      }
      case 'any': {
        const particle = readAny(context, child, content);
        content.push(relax ? { ...particle, minOccurs: 0 } : particle);
        break;
      }
      case 'sequence':
        readModelGroup(context, child, owner, content, optional);
        break;
      case 'choice':
        readModelGroup(context, child, owner, content, true);
        break;
      case 'annotation':
        break;
      default:
        unsupported(context, child, `xs:${child.local} in a model group`);
    }
  }
}

function readLocalElement(context: SchemaContext, element: XmlElement, owner: QNameId): Particle | undefined {
  const minOccurs = occurs(attr(element, 'minOccurs'), 1);
  const maxOccurs = occurs(attr(element, 'maxOccurs'), 1);
  const origin = context.source.originOf(element);
  const ref = attr(element, 'ref');
  if (ref !== undefined) {
    const refId = qnameRef(context, element, ref);
    if (refId === qnameId(XSD_NS, 'schema')) {
      // The .NET DataSet pattern: an inline schema, then the data as xs:any. Kept as XML.
      return anyParticle('schema', minOccurs, maxOccurs, XSD_NS, 'lax', origin);
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
    type: elementType(context, element, `${localOf(owner)}_${name}`, owner),
    minOccurs,
    maxOccurs,
    nillable: attr(element, 'nillable') === 'true',
    ...documented(element),
    origin,
  };
}

function readAny(context: SchemaContext, element: XmlElement, siblings: readonly Particle[]): AnyParticle {
  const taken = new Set(siblings.filter((p) => p.kind === 'any').map((p) => p.name));
  let name = 'any';
  for (let i = 2; taken.has(name); i++) name = `any${i}`;
  const process = attr(element, 'processContents');
  return anyParticle(
    name,
    occurs(attr(element, 'minOccurs'), 1),
    occurs(attr(element, 'maxOccurs'), 1),
    attr(element, 'namespace') ?? '##any',
    process === 'lax' || process === 'skip' ? process : 'strict',
    context.source.originOf(element),
  );
}

function anyParticle(
  name: string,
  minOccurs: number,
  maxOccurs: number,
  namespaceConstraint: string,
  processContents: AnyParticle['processContents'],
  origin: AnyParticle['origin'],
): AnyParticle {
  return { kind: 'any', name, minOccurs, maxOccurs, namespaceConstraint, processContents, origin };
}

function readAttribute(context: SchemaContext, element: XmlElement, out: AttributeDecl[]): void {
  const name = attr(element, 'name');
  if (!name) {
    unsupported(context, element, 'xs:attribute without a name (attribute refs)');
    return;
  }
  const form = attr(element, 'form');
  const qualified = form === undefined ? context.qualifiedAttributes : form === 'qualified';
  const typeAttr = attr(element, 'type');
  out.push({
    name,
    namespace: qualified ? context.targetNamespace : '',
    type: typeAttr !== undefined ? qnameRef(context, element, typeAttr) : qnameId(XSD_NS, 'string'),
    required: attr(element, 'use') === 'required',
    ...documented(element),
    origin: context.source.originOf(element),
  });
}

function readSimpleType(
  context: SchemaContext,
  element: XmlElement,
  name: string,
  anonymousIn: QNameId | undefined,
): QNameId {
  const id = anonymousIn ? anonymousId(context, name) : qnameId(context.targetNamespace, name);
  let base = qnameId(XSD_NS, 'string');
  let enumeration: EnumValue[] | undefined;
  for (const child of childElements(element)) {
    if (child.ns !== XSD_NS || child.local === 'annotation') continue;
    if (child.local !== 'restriction') {
      unsupported(context, child, `xs:${child.local} in a simple type (treated as xs:string)`);
      continue;
    }
    const baseAttr = attr(child, 'base');
    if (baseAttr !== undefined) base = qnameRef(context, child, baseAttr);
    for (const facet of childElements(child)) {
      if (facet.ns === XSD_NS && facet.local === 'enumeration') {
        enumeration ??= [];
        enumeration.push({ value: attr(facet, 'value') ?? '', ...documented(facet) });
      }
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
    ...(enumeration ? { enumeration } : {}),
    origin: context.source.originOf(element),
  };
  context.out.types.push(decl);
  return id;
}

/**
 * A unique id for an anonymous type. Its natural name is that of its global element (`KeySet`)
 * or `Owner_element` for a local one; when a named type already has it (an element and a type
 * both called `InterconnectNote`), `Element` is appended; a number only if that is taken too.
 */
function anonymousId(context: SchemaContext, name: string): QNameId {
  let id = qnameId(context.targetNamespace, name);
  if (context.takenTypeIds.has(id)) id = qnameId(context.targetNamespace, `${name}Element`);
  for (let i = 2; context.takenTypeIds.has(id); i++) id = qnameId(context.targetNamespace, `${name}Element${i}`);
  context.takenTypeIds.add(id);
  return id;
}

function qnameRef(context: SchemaContext, element: XmlElement, value: string): QNameId {
  const resolved = resolveQName(element, value);
  if (!resolved) {
    report(context, element, 'undefined-prefix', 'error', `the prefix of "${value}" is not declared`);
    return value;
  }
  return qnameId(resolved.namespace, resolved.local);
}

function occurs(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (value === 'unbounded') return -1;
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 ? n : fallback;
}

/** `xs:annotation/xs:documentation`, trimmed; several are joined by a blank line. */
function documented(element: XmlElement): { documentation?: string } {
  const parts: string[] = [];
  for (const child of childElements(element)) {
    if (child.ns !== XSD_NS || child.local !== 'annotation') continue;
    for (const doc of childElements(child)) {
      if (doc.ns === XSD_NS && doc.local === 'documentation') {
        const text = textContent(doc).trim();
        if (text) parts.push(text);
      }
    }
  }
  return parts.length ? { documentation: parts.join('\n\n') } : {};
}

function localOf(id: QNameId): string {
  return splitQNameId(id).local;
}

function unsupported(context: SchemaContext, element: XmlElement, what: string): void {
  report(context, element, 'unsupported', 'warning', `${what} is not supported yet and was skipped`);
}

function report(
  context: SchemaContext,
  element: XmlElement,
  code: string,
  severity: Diagnostic['severity'],
  message: string,
): void {
  reportAt(context.diagnostics, context.source, element, code, severity, message);
}
