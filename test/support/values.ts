/** Comparing decoded values in tests. */
import { serializeElement, type XmlElement } from '@ecgrid/soap-runtime';

/** True for an `XmlElement` tree (kept `xs:any` or `xs:anyType` content). */
export function isXmlElement(value: unknown): value is XmlElement {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'element';
}

/** Kept XML compared by its text; everything else as is. */
export function comparable(value: unknown): unknown {
  if (isXmlElement(value)) return `xml:${serializeElement(value)}`;
  if (Array.isArray(value)) return value.map(comparable);
  if (value instanceof Uint8Array || typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, comparable(v)]));
}
