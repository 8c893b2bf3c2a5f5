/**
 * Compiled encoders: for a complex type whose content is a plain sequence of elements (no
 * attributes, simple content, mixed content, groups or wildcards), a function generated for that
 * type writes its elements in schema order with the property names as constants. It does what
 * the generic encoder (`createComplexEncoder`) does for such a type, step for step and with the
 * same messages, only without walking the particle list and looking properties up by a name held
 * in a variable; a value with `xsi:type` to write, or that is not an object, goes to the generic
 * encoder.
 *
 * The generated source holds names only as JSON string literals and refers to everything else
 * (particles, codecs, precomputed tags) through arrays passed in, so no schema text can become
 * code. Where code generation is refused (a Content-Security-Policy), the generic encoder stays.
 */

import { MAYBE_NON_XML_CHAR, NOT_PLAIN_TEXT, TEXT_SPECIALS } from '../xml/chars.js';
import { escapeAttribute, escapeText, escapeTextSpecials } from '../xml/writer.js';
import { encodeParticle } from './encode.js';
import { fail, withSegment } from './failure.js';
import { encodeSlot, isRecord } from './slot.js';
import type { ComplexCodec, ComplexShape, ElementParticlePlan, SimpleInline } from './types.js';
import { openTag } from './write.js';

/** The signature of `ComplexCodec.encodeWith`. */
export type ComplexEncoder = ComplexCodec['encodeWith'];

function inlineOf(p: ElementParticlePlan): SimpleInline | undefined {
  return p.type.kind === 'simple' ? p.type.inline : undefined;
}

function boundOf(inline: SimpleInline | undefined, which: 'min' | 'max'): number | bigint | undefined {
  return inline?.kind === 'integer' || inline?.kind === 'bigint' ? inline[which] : undefined;
}

/** Whether the type's content is one the compiled encoder handles. */
export function compilable(shape: ComplexShape): boolean {
  return (
    shape.flat &&
    shape.attributes.length === 0 &&
    !shape.anyAttribute &&
    shape.text === undefined &&
    !shape.mixed &&
    shape.particles.every((p) => p.kind === 'element' && p.twin !== true)
  );
}

function unknownProperty(key: string): never {
  return fail('unknown-property', `unknown property "${key}"`, undefined, `.${key}`);
}

function missingElement(p: ElementParticlePlan): never {
  return fail('missing-element', `missing required element <${p.name}>`, undefined, `.${p.name}`);
}

/**
 * The test and lexical form (escaped) of a valid value of a simple type, done inline where
 * `formatValue` is that simple; an `if` whose `else` is the full `formatValue`. Number, bigint
 * and boolean forms never need escaping.
 */
function inlineSource(inline: SimpleInline | undefined, i: number): string {
  switch (inline?.kind) {
    case undefined:
      return 'if (false) {}';
    case 'string':
      // Nothing to check or escape in the usual string: one test for both.
      return `if (typeof v === 'string' && !NOT_PLAIN_TEXT.test(v)) text = v;
        else if (typeof v === 'string' && !MAYBE_NON_XML_CHAR.test(v)) text = escapeTextSpecials(v);`;
    case 'enum':
      return [...inline.values].some((value) => TEXT_SPECIALS.test(value))
        ? `if (typeof v === 'string' && E[${i}].has(v)) text = escapeText(v);`
        : `if (typeof v === 'string' && E[${i}].has(v)) text = v;`;
    case 'integer':
      return `if (typeof v === 'number' && Number.isInteger(v) && v >= LO[${i}] && v <= HI[${i}]) text = String(v);`;
    case 'bigint': {
      const low = inline.min === undefined ? '' : ` && v >= LO[${i}]`;
      const high = inline.max === undefined ? '' : ` && v <= HI[${i}]`;
      return `if (typeof v === 'bigint'${low}${high}) text = v.toString();`;
    }
    case 'boolean':
      return `if (typeof v === 'boolean') text = v ? 'true' : 'false';`;
  }
}

/** The source of one particle's statement; `i` indexes the arrays handed to the generated code. */
function particleSource(p: ElementParticlePlan, i: number): string {
  const key = JSON.stringify(p.name);
  if (p.many) return `body += encodeParticle(P[${i}], value, st, def, inner, line, undefined);`;
  // Absent (or null where that means absent): a failure when required, nothing written otherwise.
  const absent = p.nillable || p.min !== 0 ? 'v === undefined' : 'v === undefined || v === null';
  const missing = p.min > 0 ? `missingElement(P[${i}]);` : '';
  const simple = p.plain && p.type.kind === 'simple';
  const write = simple
    ? // A plain simple-typed element, written as simpleElement writes it (xsi:type only in rpc/encoded output).
      `if (v !== null && !st.xsiTypes) {
        let text;
        ${inlineSource(inlineOf(p), i)}
        else {
          try { text = escapeText(T[${i}].formatValue(v)); } catch (error) { throw withSegment(error, S[${i}]); }
        }
        const other = st.qualified && NS[${i}] !== def;
        body += line + (text === '' ? (other ? OX[${i}] : O[${i}]) + '/>' : (other ? OXG[${i}] : OG[${i}]) + text + C[${i}]);
      } else {
        try { body += line + encodeSlot(P[${i}], v, st, def, inner); } catch (error) { throw withSegment(error, S[${i}]); }
      }`
    : `try { body += line + encodeSlot(P[${i}], v, st, def, inner); } catch (error) { throw withSegment(error, S[${i}]); }`;
  return `v = value[${key}];
    if (${absent}) { ${missing} } else { ${write} }`;
}

/**
 * The compiled encoder of a type whose shape passes `compilable`, falling back to `generic`; the
 * generic encoder itself when code generation is not allowed.
 */
export function compileEncoder(shape: ComplexShape, generic: ComplexEncoder): ComplexEncoder {
  const particles = shape.particles as ElementParticlePlan[];
  const cases = [...particles.map((p) => JSON.stringify(p.name)), '"$type"', '"$element"']
    .map((k) => `case ${k}:`)
    .join(' ');
  const source = `"use strict";
let headLocal, headNs, namedHead;
return function encodeCompiled(value, local, ns, st, parentDefault, depth, xsiType) {
  if (xsiType !== undefined || !isRecord(value)) return generic(value, local, ns, st, parentDefault, depth, xsiType);
  for (const key in value) {
    switch (key) { ${cases} break; default: unknownProperty(key); }
  }
  const def = st.qualified ? ns : parentDefault;
  const inner = depth + 1;
  const line = st.pretty ? st.line(inner) : '';
  let body = '';
  let v;
  ${particles.map(particleSource).join('\n  ')}
  let head;
  if (st.qualified && ns !== parentDefault) {
    // The start tag with its xmlns, made once for the name the type is usually written under.
    if (local !== headLocal || ns !== headNs) {
      headLocal = local;
      headNs = ns;
      namedHead = openTag(local, ns, st, parentDefault);
    }
    head = namedHead;
  } else head = '<' + local;
  if (body === '') return head + '/>';
  return head + '>' + body + (st.pretty ? st.line(depth) : '') + '</' + local + '>';
};`;
  let factory: (...args: unknown[]) => ComplexEncoder;
  try {
    factory = new Function(
      'generic',
      'isRecord',
      'unknownProperty',
      'missingElement',
      'encodeParticle',
      'encodeSlot',
      'withSegment',
      'escapeText',
      'escapeTextSpecials',
      'openTag',
      'NOT_PLAIN_TEXT',
      'MAYBE_NON_XML_CHAR',
      'P',
      'T',
      'S',
      'NS',
      'O',
      'OX',
      'OG',
      'OXG',
      'C',
      'E',
      'LO',
      'HI',
      source,
    ) as (...args: unknown[]) => ComplexEncoder;
  } catch {
    return generic;
  }
  return factory(
    generic,
    isRecord,
    unknownProperty,
    missingElement,
    encodeParticle,
    encodeSlot,
    withSegment,
    escapeText,
    escapeTextSpecials,
    openTag,
    NOT_PLAIN_TEXT,
    MAYBE_NON_XML_CHAR,
    particles,
    particles.map((p) => p.type),
    particles.map((p) => `.${p.name}`),
    particles.map((p) => p.ns),
    particles.map((p) => `<${p.name}`),
    particles.map((p) => `<${p.name} xmlns="${escapeAttribute(p.ns)}"`),
    particles.map((p) => `<${p.name}>`),
    particles.map((p) => `<${p.name} xmlns="${escapeAttribute(p.ns)}">`),
    particles.map((p) => `</${p.name}>`),
    particles.map((p) => {
      const inline = inlineOf(p);
      return inline?.kind === 'enum' ? inline.values : undefined;
    }),
    particles.map((p) => boundOf(inlineOf(p), 'min')),
    particles.map((p) => boundOf(inlineOf(p), 'max')),
  );
}
