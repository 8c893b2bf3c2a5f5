import type { XmlElement } from '@ecgrid/soap-runtime';
import type { Diagnostic, ElementDecl, QNameId, TypeDecl } from '../model/core.js';
import { XSD_NS, qnameId, splitQNameId } from '../model/core.js';
import type { SourceDocument } from './source.js';
import { attr, childElements, reportAt, resolveQName, textContent } from './source.js';

/** One `xs:schema` element to read, with the file it is in and the namespace it declares into. */
export interface SchemaSource {
  readonly source: SourceDocument;
  readonly element: XmlElement;
  /** The schema's targetNamespace (an included schema takes the including one's). */
  readonly targetNamespace: string;
}

/** Named components of all schemas, registered before anything is read so order never matters. */
export interface SchemaRegistry {
  readonly groups: Map<QNameId, { readonly element: XmlElement; readonly schema: SchemaSource }>;
  readonly attributeGroups: Map<QNameId, { readonly element: XmlElement; readonly schema: SchemaSource }>;
  readonly attributes: Map<QNameId, { readonly element: XmlElement; readonly schema: SchemaSource }>;
  /** Ids already given to a type, so anonymous types get unique, deterministic names. */
  readonly takenTypeIds: Set<QNameId>;
}

export interface SchemaOutput {
  readonly types: TypeDecl[];
  readonly elements: ElementDecl[];
}

/** Everything a reading function needs about the schema it reads in. */
export interface SchemaContext {
  readonly schema: SchemaSource;
  readonly source: SourceDocument;
  readonly targetNamespace: string;
  readonly qualifiedElements: boolean;
  readonly qualifiedAttributes: boolean;
  readonly diagnostics: Diagnostic[];
  readonly registry: SchemaRegistry;
  readonly out: SchemaOutput;
}

export function contextFor(
  schema: SchemaSource,
  registry: SchemaRegistry,
  out: SchemaOutput,
  diagnostics: Diagnostic[],
): SchemaContext {
  return {
    schema,
    source: schema.source,
    targetNamespace: schema.targetNamespace,
    qualifiedElements: attr(schema.element, 'elementFormDefault') === 'qualified',
    qualifiedAttributes: attr(schema.element, 'attributeFormDefault') === 'qualified',
    diagnostics,
    registry,
    out,
  };
}

/** The XSD children of an element, annotations left out. One pass, one array (see source.ts). */
export function xsdChildren(element: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  const children = element.children;
  for (let i = 0; i < children.length; i++) {
    const child = children[i]!;
    if (child.kind === 'element' && child.ns === XSD_NS && child.local !== 'annotation') out.push(child);
  }
  return out;
}

export function qnameRef(context: SchemaContext, element: XmlElement, value: string): QNameId {
  const resolved = resolveQName(element, value);
  if (!resolved) {
    report(context, element, 'undefined-prefix', 'error', `the prefix of "${value}" is not declared`);
    return value;
  }
  return qnameId(resolved.namespace, resolved.local);
}

export function occurs(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (value === 'unbounded') return -1;
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 ? n : fallback;
}

/** `xs:annotation/xs:documentation`, trimmed; several are joined by a blank line. */
export function documented(element: XmlElement): { documentation?: string } {
  // Called for every declaration, most without an annotation: no array unless there is text.
  let parts: string[] | undefined;
  const children = element.children;
  for (let i = 0; i < children.length; i++) {
    const annotation = children[i]!;
    if (annotation.kind !== 'element' || annotation.ns !== XSD_NS || annotation.local !== 'annotation') continue;
    for (const doc of childElements(annotation)) {
      if (doc.ns === XSD_NS && doc.local === 'documentation') {
        const text = textContent(doc).trim();
        if (text) {
          parts ??= [];
          parts.push(text);
        }
      }
    }
  }
  return parts ? { documentation: parts.join('\n\n') } : {};
}

/** `default` and `fixed` as written. */
export function valueConstraint(element: XmlElement): { defaultValue?: string; fixedValue?: string } {
  const defaultValue = attr(element, 'default');
  const fixedValue = attr(element, 'fixed');
  return {
    ...(defaultValue !== undefined ? { defaultValue } : {}),
    ...(fixedValue !== undefined ? { fixedValue } : {}),
  };
}

/**
 * A unique id for an anonymous type. Its natural name is that of its global element (`KeySet`)
 * or `Owner_element` for a local one; when a named type already has it (an element and a type
 * both called `InterconnectNote`), `Element` is appended; a number only if that is taken too.
 */
export function anonymousId(context: SchemaContext, name: string): QNameId {
  const taken = context.registry.takenTypeIds;
  let id = qnameId(context.targetNamespace, name);
  if (taken.has(id)) id = qnameId(context.targetNamespace, `${name}Element`);
  for (let i = 2; taken.has(id); i++) id = qnameId(context.targetNamespace, `${name}Element${i}`);
  taken.add(id);
  return id;
}

export function localOf(id: QNameId): string {
  return splitQNameId(id).local;
}

export function unsupported(context: SchemaContext, element: XmlElement, what: string): void {
  report(context, element, 'unsupported', 'warning', `${what} is not supported yet and was skipped`);
}

export function report(
  context: SchemaContext,
  element: XmlElement,
  code: string,
  severity: Diagnostic['severity'],
  message: string,
): void {
  reportAt(context.diagnostics, context.source, element, code, severity, message);
}
