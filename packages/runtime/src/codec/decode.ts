/**
 * Decoding of complex types: attributes, then child elements matched against the particles in
 * schema order. Strict by design: unknown, misplaced or surplus elements and stray text fail with
 * a typed error and the path of the offending value.
 */

import type { XmlElement, XmlNode } from '../xml/dom.js';
import { fail, withSegment } from './failure.js';
import type { AttributePlan, DecodeContext, ElementParticlePlan, ParticlePlan } from './types.js';
import { isNil } from './write.js';

const WHITESPACE_ONLY = /^[ \t\n\r]*$/;

function matchesElement(p: ElementParticlePlan, child: XmlElement, ctx: DecodeContext): boolean {
  return child.local === p.name && (!ctx.strict || child.ns === p.ns);
}

/**
 * Whether particle `i` takes `child`. An xs:any particle takes any element that no later element
 * particle would take, so a wildcard does not swallow the elements that follow it.
 */
function matchesAt(particles: readonly ParticlePlan[], i: number, child: XmlElement, ctx: DecodeContext): boolean {
  const p = particles[i] as ParticlePlan;
  if (p.kind === 'element') return matchesElement(p, child, ctx);
  for (let j = i + 1; j < particles.length; j++) {
    const later = particles[j] as ParticlePlan;
    if (later.kind === 'element' && matchesElement(later, child, ctx)) return false;
  }
  return true;
}

function describeCount(min: number, name: string): string {
  return min === 1 ? `missing required element <${name}>` : `expected at least ${min} <${name}> elements`;
}

function decodeAttributes(
  attributes: readonly AttributePlan[],
  node: XmlElement,
  ctx: DecodeContext,
  out: Record<string, unknown>,
): void {
  for (const a of attributes) {
    let value: string | undefined;
    let offset = node.offset;
    for (const x of node.attributes) {
      if (x.local === a.name && (!ctx.strict || x.ns === a.ns)) {
        value = x.value;
        offset = x.offset;
        break;
      }
    }
    if (value === undefined) {
      if (a.required) fail('missing-attribute', `missing required attribute "${a.name}"`, node.offset, `.${a.property}`);
      continue;
    }
    try {
      out[a.property] = a.type.parseValue(value, offset);
    } catch (error) {
      throw withSegment(error, `.${a.property}`);
    }
  }
}

/** Explains why no particle at or after `pi` takes `child`. */
function rejectChild(
  particles: readonly ParticlePlan[],
  pi: number,
  count: number,
  child: XmlElement,
  ctx: DecodeContext,
): never {
  const current = particles[pi];
  if (current !== undefined && matchesAt(particles, pi, child, ctx)) {
    fail('too-many-elements', `at most ${current.max} <${child.local}> element(s) allowed`, child.offset, `.${current.name}`);
  }
  const segment = `.${child.local}`;
  if (ctx.strict) {
    for (const p of particles) {
      if (p.kind === 'element' && p.name === child.local && p.ns !== child.ns) {
        const found = child.ns === '' ? 'no namespace' : `namespace "${child.ns}"`;
        const wanted = p.ns === '' ? 'no namespace' : `namespace "${p.ns}"`;
        fail('wrong-namespace', `element <${child.local}> is in ${found}, expected ${wanted}`, child.offset, segment);
      }
    }
  }
  for (let j = 0; j < pi; j++) {
    if (matchesAt(particles, j, child, ctx)) {
      fail('unexpected-element', `element <${child.local}> is out of schema order`, child.offset, segment);
    }
  }
  const expected: string[] = [];
  for (let j = pi; j < particles.length; j++) {
    const p = particles[j] as ParticlePlan;
    if (j === pi && p.max !== -1 && count >= p.max) continue;
    expected.push(p.kind === 'any' ? 'any element' : `<${p.name}>`);
    if (p.min > (j === pi ? count : 0)) break;
  }
  const hint = expected.length === 0 ? 'no more elements expected' : `expected ${expected.join(' or ')}`;
  fail('unexpected-element', `unexpected element <${child.local}> (${hint})`, child.offset, segment);
}

/** Builds the decoder of a complex type; `particles`/`attributes` may be filled in later. */
export function createComplexDecoder(
  particles: readonly ParticlePlan[],
  attributes: readonly AttributePlan[],
): (node: XmlElement, ctx: DecodeContext) => Record<string, unknown> {
  return (node, ctx) => {
    const out: Record<string, unknown> = {};
    if (attributes.length !== 0) decodeAttributes(attributes, node, ctx, out);
    const children: readonly XmlNode[] = node.children;
    const n = particles.length;
    let pi = 0;
    let count = 0;
    let list: unknown[] | undefined;

    /** Leaves particle `pi`: checks its minimum and gives an absent array its `[]`. */
    const leave = (offset: number): void => {
      const p = particles[pi] as ParticlePlan;
      if (count < p.min) fail('missing-element', describeCount(p.min, p.name), offset, `.${p.name}`);
      if (count === 0 && (p.kind === 'any' || p.many)) out[p.name] = [];
      pi++;
      count = 0;
      list = undefined;
    };

    for (let ci = 0; ci < children.length; ci++) {
      const child = children[ci] as XmlNode;
      if (child.kind !== 'element') {
        if (child.kind === 'text' && !WHITESPACE_ONLY.test(child.text)) {
          fail('unexpected-text', 'text is not allowed here (element-only content)', child.offset);
        }
        continue;
      }
      let p = particles[pi];
      if (p === undefined || (p.max !== -1 && count >= p.max) || !matchesAt(particles, pi, child, ctx)) {
        let j = pi + 1;
        while (j < n && !matchesAt(particles, j, child, ctx)) j++;
        if (j >= n) rejectChild(particles, pi, count, child, ctx);
        while (pi < j) leave(child.offset);
        p = particles[pi] as ParticlePlan;
      }
      let value: unknown;
      if (p.kind === 'any') value = child;
      else {
        try {
          if (child.attributes.length !== 0 && isNil(child)) {
            if (!p.nillable) fail('nil-not-allowed', `element <${p.name}> is not nillable`, child.offset);
            value = null;
          } else value = p.type.decode(child, ctx);
        } catch (error) {
          throw withSegment(error, p.many ? `.${p.name}[${count}]` : `.${p.name}`);
        }
      }
      if (p.kind === 'any' || p.many) {
        if (list === undefined) {
          list = [];
          out[p.name] = list;
        }
        list.push(value);
      } else out[p.name] = value;
      count++;
    }
    while (pi < n) leave(node.offset);
    return out;
  };
}
