/**
 * Decoding of complex types: attributes, then child elements matched against the particles in
 * schema order. Strict by design: unknown, misplaced or surplus elements and stray text fail with
 * a typed error and the path of the offending value.
 *
 * Plain sequences of elements (the common case) take a fast path that walks the children once
 * without allocating; nested groups, `xs:all` and mixed content take the general path, which
 * first collects the element children (and the text segments of mixed content).
 */

import { XSI_NS } from '../schema.js';
import type { XmlElement, XmlNode } from '../xml/dom.js';
import { fail, quote, withSegment } from './failure.js';
import { describeFirst, starts } from './groups.js';
import { textContent } from './simple.js';
import { decodeSlot, matchesSlot } from './slot.js';
import type {
  AttributePlan,
  ChoicePlan,
  ComplexShape,
  DecodeContext,
  ElementParticlePlan,
  ParticlePlan,
  SequencePlan,
} from './types.js';

const WHITESPACE_ONLY = /^[ \t\n\r]*$/;

/** Decodes one matched child of an element particle; plain particles skip the slot layer. */
function decodeOne(p: ElementParticlePlan, child: XmlElement, ctx: DecodeContext): unknown {
  return p.plain && child.attributes.length === 0 ? p.type.decode(child, ctx) : decodeSlot(p, child, ctx);
}

/**
 * Whether particle `i` takes `child`. An xs:any particle takes any element that no later
 * particle would take, so a wildcard does not swallow the elements that follow it.
 */
function matchesAt(particles: readonly ParticlePlan[], i: number, child: XmlElement, ctx: DecodeContext): boolean {
  const p = particles[i] as ParticlePlan;
  if (p.kind === 'element') {
    // The common case inline: a plain element matched by name (and namespace).
    if (p.members === undefined) return child.local === p.name && (!ctx.strict || child.ns === p.ns);
    return matchesSlot(p, child, ctx);
  }
  if (p.kind !== 'any') return starts(p, child, ctx);
  for (let j = i + 1; j < particles.length; j++) {
    const later = particles[j] as ParticlePlan;
    if (later.kind !== 'any' && starts(later, child, ctx)) return false;
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
      if (a.required)
        fail('missing-attribute', `missing required attribute "${a.name}"`, node.offset, `.${a.property}`);
      continue;
    }
    try {
      const decoded = a.type.parseValue(value, offset);
      if (a.fixed !== undefined && a.type.canonical(decoded) !== a.type.canonical(a.type.parseValue(a.fixed))) {
        fail('invalid-value', `attribute "${a.name}" must have the fixed value ${quote(a.fixed)}`, offset);
      }
      out[a.property] = decoded;
    } catch (error) {
      throw withSegment(error, `.${a.property}`);
    }
  }
}

/**
 * `xs:anyAttribute`: the attributes of `node` that no declared attribute takes (`xsi:` ones
 * aside) go into `$attributes`, by Clark name, in document order; absent when there are none.
 */
function keepAttributes(
  declared: readonly AttributePlan[],
  node: XmlElement,
  ctx: DecodeContext,
  out: Record<string, unknown>,
): void {
  let kept: Record<string, string> | undefined;
  for (const x of node.attributes) {
    if (x.ns === XSI_NS) continue;
    if (declared.some((a) => x.local === a.name && (!ctx.strict || x.ns === a.ns))) continue;
    kept ??= {};
    kept[x.ns === '' ? x.local : `{${x.ns}}${x.local}`] = x.value;
  }
  if (kept !== undefined) out.$attributes = kept;
}

/** Explains why no element particle at or after `pi` takes `child`. */
function rejectChild(
  particles: readonly ParticlePlan[],
  pi: number,
  count: number,
  child: XmlElement,
  ctx: DecodeContext,
): never {
  const current = particles[pi];
  if (current !== undefined && matchesAt(particles, pi, child, ctx)) {
    fail(
      'too-many-elements',
      `at most ${current.max} <${child.local}> element(s) allowed`,
      child.offset,
      `.${current.name}`,
    );
  }
  const segment = `.${child.local}`;
  wrongNamespace(particles, child, ctx);
  for (let j = 0; j < pi; j++) {
    if (matchesAt(particles, j, child, ctx)) {
      fail('unexpected-element', `element <${child.local}> is out of schema order`, child.offset, segment);
    }
  }
  const expected: string[] = [];
  for (let j = pi; j < particles.length; j++) {
    const p = particles[j] as ParticlePlan;
    if (j === pi && p.max !== -1 && count >= p.max) continue;
    expected.push(describeFirst(p));
    if (p.min > (j === pi ? count : 0)) break;
  }
  const hint = expected.length === 0 ? 'no more elements expected' : `expected ${expected.join(' or ')}`;
  fail('unexpected-element', `unexpected element <${child.local}> (${hint})`, child.offset, segment);
}

/** In strict mode, an element whose local name a particle has in another namespace. */
function wrongNamespace(particles: readonly ParticlePlan[], child: XmlElement, ctx: DecodeContext): void {
  if (!ctx.strict) return;
  for (const p of particles) {
    if (p.kind === 'element' && p.name === child.local && p.ns !== child.ns) {
      const found = child.ns === '' ? 'no namespace' : `namespace "${child.ns}"`;
      const wanted = p.ns === '' ? 'no namespace' : `namespace "${p.ns}"`;
      fail(
        'wrong-namespace',
        `element <${child.local}> is in ${found}, expected ${wanted}`,
        child.offset,
        `.${child.local}`,
      );
    }
  }
}

/** The fast path: a flat sequence of element and xs:any particles. */
function decodeFlat(
  particles: readonly ParticlePlan[],
  node: XmlElement,
  ctx: DecodeContext,
  out: Record<string, unknown>,
): Record<string, unknown> {
  const children: readonly XmlNode[] = node.children;
  const n = particles.length;
  let pi = 0;
  let count = 0;
  let list: unknown[] | undefined;

  /** Leaves particle `pi`: checks its minimum and gives an absent array its `[]`. */
  const leave = (offset: number): void => {
    const p = particles[pi] as ParticlePlan;
    if (count < p.min) fail('missing-element', describeCount(p.min, p.name), offset, `.${p.name}`);
    if (count === 0 && p.many) out[p.name] = [];
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
      const e = p as ElementParticlePlan;
      try {
        value = decodeOne(e, child, ctx);
      } catch (error) {
        throw withSegment(error, e.many ? `.${e.name}[${count}]` : `.${e.name}`);
      }
    }
    if (p.many) {
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
}

/** The general path's cursor over the element children. */
interface Walk {
  readonly elems: readonly XmlElement[];
  pos: number;
  readonly ctx: DecodeContext;
  /** Offset for failures past the last element: the parent's. */
  readonly end: number;
  /** Every element particle of the type, for messages. */
  readonly particles: readonly ElementParticlePlan[];
}

const offsetAt = (w: Walk): number => w.elems[w.pos]?.offset ?? w.end;

/** Something required is missing where the cursor stands (or an element there is in the wrong namespace). */
function failMissing(w: Walk, detail: string, segment: string): never {
  const child = w.elems[w.pos];
  if (child !== undefined) wrongNamespace(w.particles, child, w.ctx);
  fail('missing-element', detail, offsetAt(w), segment);
}

function decodeSequence(content: readonly ParticlePlan[], w: Walk, out: Record<string, unknown>): void {
  for (let i = 0; i < content.length; i++) decodeParticle(content, i, w, out);
}

/** Decodes the occurrences of `list[i]` at the cursor into `out`. */
function decodeParticle(list: readonly ParticlePlan[], i: number, w: Walk, out: Record<string, unknown>): void {
  const p = list[i] as ParticlePlan;
  const elems = w.elems;
  const ctx = w.ctx;
  const within = (count: number): boolean => w.pos < elems.length && (p.max === -1 || count < p.max);
  switch (p.kind) {
    case 'element': {
      let count = 0;
      let items: unknown[] | undefined;
      while (within(count)) {
        const child = elems[w.pos] as XmlElement;
        if (!matchesSlot(p, child, ctx)) break;
        let value: unknown;
        try {
          value = decodeOne(p, child, ctx);
        } catch (error) {
          throw withSegment(error, p.many ? `.${p.name}[${count}]` : `.${p.name}`);
        }
        if (!p.many) out[p.name] = value;
        else {
          if (items === undefined) out[p.name] = items = [];
          items.push(value);
        }
        w.pos++;
        count++;
      }
      if (count < p.min) failMissing(w, describeCount(p.min, p.name), `.${p.name}`);
      if (count === 0 && p.many) out[p.name] = [];
      return;
    }
    case 'any': {
      const items: unknown[] = [];
      while (within(items.length) && matchesAt(list, i, elems[w.pos] as XmlElement, ctx)) items.push(elems[w.pos++]);
      if (items.length < p.min) failMissing(w, `expected at least ${p.min} element(s)`, `.${p.name}`);
      out[p.name] = items;
      return;
    }
    case 'choice':
      if (!p.many) {
        if (!decodeChoiceOnce(p, w, out) && p.min > 0 && !p.innerEmptiable) {
          failMissing(w, `missing choice ${p.name}: expected ${describeFirst(p)}`, `.${p.name}`);
        }
        return;
      }
      decodeRepeated(p, w, out, (occurrence) => decodeChoiceOnce(p, w, occurrence));
      return;
    case 'sequence':
      if (!p.many) {
        // An optional sequence is there when the next element can start it.
        const child = elems[w.pos];
        if (p.min === 0 && (child === undefined || !starts(p, child, ctx))) return;
        decodeSequence(p.content, w, out);
        return;
      }
      decodeRepeated(p, w, out, (occurrence) => {
        const child = elems[w.pos];
        if (child === undefined || !starts(p, child, ctx)) return false;
        decodeSequence(p.content, w, occurrence);
        return true;
      });
      return;
  }
}

/** A repeated group: one object per occurrence under the property `p.name`. */
function decodeRepeated(
  p: ChoicePlan | SequencePlan,
  w: Walk,
  out: Record<string, unknown>,
  once: (occurrence: Record<string, unknown>) => boolean,
): void {
  const items: Record<string, unknown>[] = [];
  while (w.pos < w.elems.length && (p.max === -1 || items.length < p.max)) {
    const before = w.pos;
    const occurrence: Record<string, unknown> = {};
    try {
      if (!once(occurrence)) break;
    } catch (error) {
      throw withSegment(error, `.${p.name}[${items.length}]`);
    }
    items.push(occurrence);
    if (w.pos === before) break;
  }
  if (items.length < p.min && !p.innerEmptiable) {
    const detail =
      p.min === 1 ? `missing ${p.kind} ${p.name}` : `expected at least ${p.min} occurrences of ${p.kind} ${p.name}`;
    failMissing(w, `${detail}: expected ${describeFirst(p)}`, `.${p.name}`);
  }
  out[p.name] = items;
}

/** Takes the option that starts with the next element; false when none does. */
function decodeChoiceOnce(p: ChoicePlan, w: Walk, out: Record<string, unknown>): boolean {
  const child = w.elems[w.pos];
  if (child === undefined) return false;
  // xs:any options come last in tryOrder, so one is only reached when no other option starts.
  const options = p.tryOrder;
  for (let i = 0; i < options.length; i++) {
    if (starts(options[i] as ParticlePlan, child, w.ctx)) {
      decodeParticle(options, i, w, out);
      return true;
    }
  }
  return false;
}

/** Explains why the element at the cursor is left over. */
function rejectGeneral(shape: ComplexShape, w: Walk): never {
  const child = w.elems[w.pos] as XmlElement;
  const previous = w.elems[w.pos - 1];
  const ctx = w.ctx;
  for (const p of shape.elements) {
    if (previous !== undefined && matchesSlot(p, child, ctx) && matchesSlot(p, previous, ctx)) {
      fail(
        'too-many-elements',
        `at most ${p.max} <${child.local}> element(s) allowed here`,
        child.offset,
        `.${p.name}`,
      );
    }
  }
  wrongNamespace(shape.elements, child, ctx);
  const segment = `.${child.local}`;
  for (const p of shape.elements) {
    if (matchesSlot(p, child, ctx))
      fail('unexpected-element', `element <${child.local}> is out of schema order`, child.offset, segment);
  }
  fail('unexpected-element', `unexpected element <${child.local}>`, child.offset, segment);
}

/** `xs:all`: each element at most once, in any order; the value's fields in schema order. */
function decodeAll(shape: ComplexShape, w: Walk, node: XmlElement, out: Record<string, unknown>): void {
  const particles = shape.particles as readonly ElementParticlePlan[];
  const found: (XmlElement | undefined)[] = new Array<XmlElement | undefined>(particles.length);
  for (; w.pos < w.elems.length; w.pos++) {
    const child = w.elems[w.pos] as XmlElement;
    let j = 0;
    while (j < particles.length && !matchesSlot(particles[j] as ElementParticlePlan, child, w.ctx)) j++;
    if (j === particles.length) rejectGeneral(shape, w);
    const p = particles[j] as ElementParticlePlan;
    if (found[j] !== undefined)
      fail('too-many-elements', `element <${p.name}> may appear only once`, child.offset, `.${p.name}`);
    found[j] = child;
  }
  for (let j = 0; j < particles.length; j++) {
    const p = particles[j] as ElementParticlePlan;
    const child = found[j];
    if (child === undefined) {
      if (p.min > 0) fail('missing-element', describeCount(p.min, p.name), node.offset, `.${p.name}`);
      continue;
    }
    try {
      out[p.name] = decodeOne(p, child, w.ctx);
    } catch (error) {
      throw withSegment(error, `.${p.name}`);
    }
  }
}

/** The general path: nested groups, xs:all, mixed content. */
function decodeGeneral(
  shape: ComplexShape,
  node: XmlElement,
  ctx: DecodeContext,
  out: Record<string, unknown>,
): Record<string, unknown> {
  const elems: XmlElement[] = [];
  let texts: string[] | undefined;
  if (shape.mixed) {
    texts = [''];
    out.$text = texts;
  }
  for (const child of node.children) {
    if (child.kind === 'element') {
      elems.push(child);
      texts?.push('');
    } else if (child.kind === 'text') {
      if (texts !== undefined) texts[texts.length - 1] += child.text;
      else if (!WHITESPACE_ONLY.test(child.text))
        fail('unexpected-text', 'text is not allowed here (element-only content)', child.offset);
    }
  }
  const w: Walk = { elems, pos: 0, ctx, end: node.offset, particles: shape.elements };
  if (shape.all) decodeAll(shape, w, node, out);
  else decodeSequence(shape.particles, w, out);
  if (w.pos < elems.length) rejectGeneral(shape, w);
  return out;
}

/**
 * The decoder of a type without attributes whose content takes the fast path (the common
 * case), used once the shape is known.
 */
export function createFlatDecoder(
  shape: ComplexShape,
): (node: XmlElement, ctx: DecodeContext) => Record<string, unknown> {
  const particles = shape.particles;
  return (node, ctx) => decodeFlat(particles, node, ctx, {});
}

/** Builds the decoder of a complex type from its (later filled) shape. */
export function createComplexDecoder(
  shape: ComplexShape,
): (node: XmlElement, ctx: DecodeContext, out: Record<string, unknown>, lexical?: string) => Record<string, unknown> {
  return (node, ctx, out, lexical) => {
    const text = shape.text;
    if (text !== undefined) {
      try {
        out.$value = text.parseValue(lexical ?? textContent(node), node.offset);
      } catch (error) {
        throw withSegment(error, '.$value');
      }
      if (shape.attributes.length !== 0) decodeAttributes(shape.attributes, node, ctx, out);
      if (shape.anyAttribute) keepAttributes(shape.attributes, node, ctx, out);
      return out;
    }
    if (shape.attributes.length !== 0) decodeAttributes(shape.attributes, node, ctx, out);
    if (shape.anyAttribute) keepAttributes(shape.attributes, node, ctx, out);
    return shape.flat ? decodeFlat(shape.particles, node, ctx, out) : decodeGeneral(shape, node, ctx, out);
  };
}
