/**
 * Streaming decode: values straight from the scanner's tokens, with no tree in between, for the
 * shapes that make up almost every SOAP response (simple-typed elements, plain sequences of
 * elements, `xsi:nil`). Anything else (attributes, `xsi:type`, groups, `xs:any`, substitution
 * groups, mixed or simple content, SOAP arrays) is built as a tree for just that element and
 * decoded by the tree decoder, so both paths give the same values by construction.
 *
 * The streaming path never reports an error itself: it throws `STREAM_BAIL` (or lets a scanner
 * or codec failure through), and the caller decodes the whole document again with the tree
 * decoder, which gives the exact error, with its path and position, that it always gives. So a
 * failing document costs two passes; a valid one costs one pass and no tree.
 */

import { collapseWhitespace } from '../builtins.js';
import { XSI_NS } from '../schema.js';
import { buildElement } from '../xml/parser.js';
import { END, START, TEXT, type XmlScanner } from '../xml/scanner.js';
import { decodeSlot } from './slot.js';
import type { DecodeContext, ElementParticlePlan, ParticlePlan, SlotPlan, TypeCodec } from './types.js';

/** Thrown where the streaming decoder stops and leaves the document to the tree decoder. */
export const STREAM_BAIL: unique symbol = Symbol('stream-bail');

/** Decodes the content of the element whose `START` was just read, through its `END`. */
type StreamDecoder = (sc: XmlScanner, ctx: DecodeContext) => unknown;

const WHITESPACE_ONLY = /^[ \t\n\r]*$/;
const ASCII_NCNAME = /^[A-Za-z_][A-Za-z0-9._-]*$/;

/** The stream decoder of each type; null for types decoded from a tree. */
const decoders = new WeakMap<TypeCodec, StreamDecoder | null>();

function bail(): never {
  throw STREAM_BAIL;
}

/**
 * An integer type written as a JS number (xs:int and its kin), read straight from the digits
 * when the element holds a plain integer in range; anything else is read as text and parsed.
 */
function integerDecoder(type: TypeCodec & { kind: 'simple' }, min: number, max: number): StreamDecoder {
  const text = simpleDecoder(type);
  return (sc, ctx) => {
    const n = sc.leafInteger();
    if (Number.isNaN(n)) return text(sc, ctx);
    // Read and out of range: the tree decoder says so.
    if (n < min || n > max) bail();
    return n === 0 ? 0 : n;
  };
}

/** A simple type: the text children concatenated (comments and PIs skipped), then parsed. */
function simpleDecoder(type: TypeCodec & { kind: 'simple' }): StreamDecoder {
  return (sc) => {
    const offset = sc.offset;
    const leaf = sc.leafText();
    if (leaf !== undefined) return type.parseValue(leaf, offset);
    let text = '';
    for (;;) {
      const token = sc.next();
      if (token === TEXT) text = text === '' ? sc.text : text + sc.text;
      else if (token === END) return type.parseValue(text, offset);
      else if (token === START) bail();
    }
  };
}

/**
 * A sequence of element particles matched by name, as the tree decoder's flat path does it:
 * each child goes to the current particle or a later one; skipped particles must allow it.
 */
function flatDecoder(particles: readonly ElementParticlePlan[]): StreamDecoder {
  const n = particles.length;
  // Interned by compileSchema, as the scanner's names are: matching compares identities.
  const names = particles.map((p) => p.name);
  const namespaces = particles.map((p) => p.ns);
  // Names `startIf` may look for: ASCII name characters, no colon.
  const quick = names.map((name) => ASCII_NCNAME.test(name));
  const store = storeFunction(names);
  // Each particle's stream decoder, looked up on first use (types refer to each other).
  const decoders: (StreamDecoder | null | undefined)[] = new Array<StreamDecoder | null | undefined>(n).fill(undefined);
  return (sc, ctx) => {
    const out: Record<string, unknown> = {};
    const strict = ctx.strict;
    let pi = 0;
    let count = 0;
    let list: unknown[] | undefined;
    for (;;) {
      // The element expected next (this particle again, or the next one) is tried first.
      const token =
        (pi < n && quick[pi] && sc.startIf(names[pi] as string)) ||
        (pi + 1 < n && quick[pi + 1] && sc.startIf(names[pi + 1] as string))
          ? START
          : sc.next();
      if (token === END) break;
      if (token === TEXT) {
        if (!WHITESPACE_ONLY.test(sc.text)) bail();
        continue;
      }
      if (token !== START) continue;
      let p = particles[pi];
      const local = sc.local;
      const ns = sc.ns;
      if (
        p === undefined ||
        (p.max !== -1 && count >= p.max) ||
        local !== names[pi] ||
        (strict && ns !== namespaces[pi])
      ) {
        let j = pi + 1;
        while (j < n && (local !== names[j] || (strict && ns !== namespaces[j]))) j++;
        if (j >= n) bail();
        for (; pi < j; pi++, count = 0) leave(particles, pi, count, out, store);
        list = undefined;
        p = particles[pi] as ElementParticlePlan;
      }
      let value: unknown;
      if (p.plain && sc.attributes.length === 0) {
        let decoder = decoders[pi];
        if (decoder === undefined) decoder = decoders[pi] = decoderOf(p.type);
        value = decoder !== null ? decoder(sc, ctx) : p.type.decode(buildElement(sc), ctx);
      } else value = decodeStreamedSlot(p, sc, ctx);
      if (p.many) {
        if (list === undefined) {
          list = [];
          store(out, pi, list);
        }
        list.push(value);
      } else store(out, pi, value);
      count++;
    }
    for (; pi < n; pi++, count = 0) leave(particles, pi, count, out, store);
    return out;
  };
}

/** Sets the property of particle `i` on a value being decoded. */
type Store = (out: Record<string, unknown>, i: number, value: unknown) => void;

/**
 * The property setter of one type: `out.Name = value` for particle `i`. Generated per type,
 * when the platform allows it, so that every property store site sees one type's objects only
 * and stays monomorphic (a shared `out[name] = value` site sees every type's shapes and is
 * several times slower). The names are written as JSON string literals; the semantics are
 * those of `out[name] = value` either way.
 */
function storeFunction(names: readonly string[]): Store {
  const cases = names.map((name, i) => `case ${i}: out[${JSON.stringify(name)}] = value; return;`).join('\n');
  try {
    return new Function('out', 'i', 'value', `switch (i) {\n${cases}\n}`) as Store;
  } catch {
    // Code generation refused (a Content-Security-Policy, for instance): the generic store.
    return (out, i, value) => {
      out[names[i] as string] = value;
    };
  }
}

/** Leaves particle `i` after `count` occurrences: too few is an error, none of a list gives `[]`. */
function leave(
  particles: readonly ElementParticlePlan[],
  i: number,
  count: number,
  out: Record<string, unknown>,
  store: Store,
): void {
  const left = particles[i] as ElementParticlePlan;
  if (count < left.min) bail();
  if (count === 0 && left.many) store(out, i, []);
}

/** The stream decoder of a type, or null when its elements are decoded from a tree. */
function decoderOf(type: TypeCodec): StreamDecoder | null {
  let decoder = decoders.get(type);
  if (decoder !== undefined) return decoder;
  decoder = null;
  if (type.kind === 'simple') {
    const inline = type.inline;
    decoder = inline?.kind === 'integer' ? integerDecoder(type, inline.min, inline.max) : simpleDecoder(type);
  } else if (type.kind === 'complex') {
    const shape = type.shape;
    const streamable =
      shape.flat &&
      shape.attributes.length === 0 &&
      !shape.anyAttribute &&
      shape.particles.every((p: ParticlePlan) => p.kind === 'element' && p.members === undefined);
    if (streamable) decoder = flatDecoder(shape.particles as ElementParticlePlan[]);
  }
  decoders.set(type, decoder);
  return decoder;
}

/** True when the only attribute is `xsi:nil` saying true. */
function isNil(sc: XmlScanner): boolean {
  const attributes = sc.attributes;
  if (attributes.length !== 1) return false;
  const a = attributes[0]!;
  if (a.ns !== XSI_NS || a.local !== 'nil') return false;
  const v = collapseWhitespace(a.value);
  return v === 'true' || v === '1';
}

/**
 * Decodes the element whose `START` was just read as `slot` (already matched by name), through
 * its `END`: streamed when the slot and type allow it, else from a tree of just this element.
 */
export function decodeStreamedSlot(slot: SlotPlan, sc: XmlScanner, ctx: DecodeContext): unknown {
  if (slot.plain) {
    if (sc.attributes.length === 0) {
      const decoder = decoderOf(slot.type);
      if (decoder !== null) return decoder(sc, ctx);
      return slot.type.decode(buildElement(sc), ctx);
    }
    if (isNil(sc)) {
      if (!slot.nillable) bail();
      sc.skipElement();
      return null;
    }
  }
  return decodeSlot(slot, buildElement(sc), ctx);
}
