import { parseXml } from '@ecgrid/soap-runtime';
import type { ElementParticle, XmlElement } from '@ecgrid/soap-runtime';

/** Tiny factories for hand-written schema descriptors in the runtime's feature tests. */

/** An XSD builtin's id. */
export const xs = (local: string): string => `{http://www.w3.org/2001/XMLSchema}${local}`;

/** A factory of element particles in one namespace, occurring `min`..1 times unless told otherwise. */
export function elementsIn(ns: string, min: number) {
  return (name: string, type: string, more: Partial<ElementParticle> = {}): ElementParticle => ({
    kind: 'element',
    name,
    ns,
    type,
    min,
    max: 1,
    nillable: false,
    ...more,
  });
}

/** The root element of an XML text. */
export const root = (xml: string): XmlElement => parseXml(xml).root;

/** The error of the given class that `run` throws (anything else fails the test). */
export function thrown<E extends Error>(Class: new (...args: never[]) => E, run: () => unknown): E {
  try {
    run();
  } catch (error) {
    if (error instanceof Class) return error;
    throw error;
  }
  throw new Error(`expected a ${Class.name}`);
}
