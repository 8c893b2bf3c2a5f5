/**
 * What decoding, encoding and JSON share about nested model groups (`xs:choice`, nested
 * `xs:sequence`): which particle can start with an element, which choice option a value gives.
 *
 * Matching is deterministic with one element of lookahead, which the XSD Unique Particle
 * Attribution rule guarantees to be enough: a group is entered when the next element can start
 * it, a choice takes the first option (xs:any options last) that can start with the element.
 */

import type { XmlElement } from '../xml/dom.js';
import { fail } from './failure.js';
import { matchesSlot } from './slot.js';
import type { ChoicePlan, DecodeContext, ParticlePlan } from './types.js';

/** Whether `p` can begin with `child` (its first set contains it). */
export function starts(p: ParticlePlan, child: XmlElement, ctx: DecodeContext): boolean {
  switch (p.kind) {
    case 'element':
      return matchesSlot(p, child, ctx);
    case 'any':
      return true;
    case 'choice':
      for (const o of p.options) if (starts(o, child, ctx)) return true;
      return false;
    case 'sequence':
      for (const c of p.content) {
        if (starts(c, child, ctx)) return true;
        if (!c.emptiable) return false;
      }
      return false;
  }
}

function nonEmpty(v: unknown): boolean {
  return v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0);
}

/**
 * Whether `value` gives anything for `p`: a property that would write at least one element (or
 * a nil). Empty arrays and absent properties give nothing, so decoded values (which hold `[]`
 * for absent repeated elements of the option taken) and hand-written ones are read alike.
 */
export function given(p: ParticlePlan, value: Record<string, unknown>): boolean {
  switch (p.kind) {
    case 'element': {
      const v = value[p.name];
      return v === null ? p.nillable : nonEmpty(v);
    }
    case 'any':
      return nonEmpty(value[p.name]);
    case 'choice':
      if (p.many) return nonEmpty(value[p.name]);
      for (const o of p.options) if (given(o, value)) return true;
      return false;
    case 'sequence':
      if (p.many) return nonEmpty(value[p.name]);
      for (const c of p.content) if (given(c, value)) return true;
      return false;
  }
}

/** A property of `p` present in `value`, for error paths (its first one). */
function firstGivenName(p: ParticlePlan, value: Record<string, unknown>): string {
  if (p.kind === 'element' || p.kind === 'any' || p.many) return p.name;
  const inner = p.kind === 'choice' ? p.options : p.content;
  for (const c of inner) if (given(c, value)) return firstGivenName(c, value);
  return p.name;
}

/** `<A>, <B> or any element`, for messages. */
export function describeFirst(p: ParticlePlan): string {
  switch (p.kind) {
    case 'element':
      return `<${p.name}>`;
    case 'any':
      return 'any element';
    case 'choice':
      return p.options.map(describeFirst).join(' or ');
    case 'sequence':
      return p.content.length === 0 ? 'nothing' : describeFirst(p.content[0] as ParticlePlan);
  }
}

/**
 * The option of a choice that `value` gives: undefined when none (a failure when one is required
 * and no option may be empty), a failure when more than one.
 */
export function chosenOption(
  p: ChoicePlan,
  value: Record<string, unknown>,
  required: boolean,
): ParticlePlan | undefined {
  let chosen: ParticlePlan | undefined;
  for (const o of p.options) {
    if (!given(o, value)) continue;
    if (chosen !== undefined) {
      fail(
        'unexpected-element',
        `only one option of choice ${p.name} may be given (found ${describeFirst(chosen)} and ${describeFirst(o)})`,
        undefined,
        `.${firstGivenName(o, value)}`,
      );
    }
    chosen = o;
  }
  if (chosen === undefined && required && !p.innerEmptiable) {
    fail('missing-element', `missing choice ${p.name}: expected ${describeFirst(p)}`, undefined, `.${p.name}`);
  }
  return chosen;
}

/** Fails on a property not in `known` (for the objects of repeated groups). */
export function checkKnown(value: Record<string, unknown>, known: ReadonlySet<string>): void {
  for (const key in value) {
    if (!known.has(key)) fail('unknown-property', `unknown property "${key}"`, undefined, `.${key}`);
  }
}
