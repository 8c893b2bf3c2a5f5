import type { XmlElement } from '@ecgrid/soap-runtime';
import type { AnyAttributeDecl, AttributeDecl, QNameId } from '../model/core.js';
import { XSD_NS, qnameId, splitQNameId } from '../model/core.js';
import { attr } from './source.js';
import type { SchemaContext } from './xsd-context.js';
import { contextFor, documented, localOf, qnameRef, report, valueConstraint, xsdChildren } from './xsd-context.js';

const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/** Reads an inline simple type of an attribute; supplied by the type reader. */
export type SimpleTypeReader = (
  context: SchemaContext,
  element: XmlElement,
  anonymousName: string,
  owner: QNameId,
) => QNameId;

/**
 * The attributes declared among `children` (attribute, attributeGroup ref, anyAttribute), with
 * attribute groups inlined in place and global attribute refs resolved. An `xs:anyAttribute`
 * (the type's own or an attribute group's) goes to `onWildcard`.
 */
export function readAttributes(
  context: SchemaContext,
  children: readonly XmlElement[],
  owner: QNameId,
  readSimpleType: SimpleTypeReader,
  seenGroups: ReadonlySet<QNameId> = new Set(),
  onWildcard?: (wildcard: AnyAttributeDecl) => void,
): AttributeDecl[] {
  const out: AttributeDecl[] = [];
  for (const child of children) {
    switch (child.local) {
      case 'attribute': {
        const decl = readAttribute(context, child, owner, readSimpleType);
        if (decl && attr(child, 'use') !== 'prohibited') out.push(decl);
        break;
      }
      case 'attributeGroup': {
        const ref = attr(child, 'ref');
        if (ref === undefined) break;
        const id = qnameRef(context, child, ref);
        const group = context.registry.attributeGroups.get(id);
        if (!group) {
          report(
            context,
            child,
            'unresolved-attributeGroup',
            'error',
            `attribute group ${id} is not declared; declare it with xs:attributeGroup name="${localOf(id)}" or fix the reference`,
          );
        } else if (seenGroups.has(id)) {
          report(context, child, 'group-cycle', 'error', `attribute group ${id} contains itself`);
        } else {
          const groupContext = contextFor(group.schema, context.registry, context.out, context.diagnostics);
          out.push(
            ...readAttributes(
              groupContext,
              xsdChildren(group.element),
              owner,
              readSimpleType,
              new Set([...seenGroups, id]),
              onWildcard,
            ),
          );
        }
        break;
      }
      case 'anyAttribute': {
        const processContents = attr(child, 'processContents');
        onWildcard?.({
          namespaceConstraint: attr(child, 'namespace') ?? '##any',
          processContents: processContents === 'lax' || processContents === 'skip' ? processContents : 'strict',
          origin: context.source.originOf(child),
        });
        break;
      }
      default:
        break;
    }
  }
  return out;
}

function readAttribute(
  context: SchemaContext,
  element: XmlElement,
  owner: QNameId,
  readSimpleType: SimpleTypeReader,
): AttributeDecl | undefined {
  const required = attr(element, 'use') === 'required';
  const ref = attr(element, 'ref');
  if (ref !== undefined) {
    const id = qnameRef(context, element, ref);
    const { namespace, local } = splitQNameId(id);
    if (namespace === XML_NS) {
      // xml:lang, xml:space...: strings in the XML namespace, declared by XML itself.
      return {
        name: local,
        namespace,
        type: qnameId(XSD_NS, 'string'),
        required,
        ...valueConstraint(element),
        ...documented(element),
        origin: context.source.originOf(element),
      };
    }
    const global = context.registry.attributes.get(id);
    if (!global) {
      report(
        context,
        element,
        'unresolved-attribute',
        'error',
        `attribute ${id} is not declared; declare it as a global xs:attribute or fix the reference`,
      );
      return undefined;
    }
    const globalContext = contextFor(global.schema, context.registry, context.out, context.diagnostics);
    const decl = readAttribute(globalContext, global.element, owner, readSimpleType);
    return (
      decl && { ...decl, namespace, required, ...valueConstraint(element), origin: context.source.originOf(element) }
    );
  }
  const name = attr(element, 'name');
  if (!name) {
    report(context, element, 'missing-name', 'error', 'an xs:attribute needs a name or a ref attribute');
    return undefined;
  }
  const isGlobal = element.local === 'attribute' && context.schema.element.children.includes(element);
  const form = attr(element, 'form');
  const qualified = isGlobal || (form === undefined ? context.qualifiedAttributes : form === 'qualified');
  const typeAttr = attr(element, 'type');
  const inline = xsdChildren(element).find((c) => c.local === 'simpleType');
  const type =
    typeAttr !== undefined
      ? qnameRef(context, element, typeAttr)
      : inline
        ? readSimpleType(context, inline, `${localOf(owner)}_${name}`, owner)
        : qnameId(XSD_NS, 'anySimpleType');
  return {
    name,
    namespace: qualified ? context.targetNamespace : '',
    type,
    required,
    ...valueConstraint(element),
    ...documented(element),
    origin: context.source.originOf(element),
  };
}
