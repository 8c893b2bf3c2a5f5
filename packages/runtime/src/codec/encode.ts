/**
 * Encoding of complex types, with the same validation as decoding: required elements present,
 * counts within bounds, one option per choice, JS types and ranges right. Failures name the
 * path, never the value.
 */

import { BUILTINS } from '../builtins.js';
import { XSD_NS, XSI_NS } from '../schema.js';
import { escapeAttribute, escapeText } from '../xml/writer.js';
import { requireXmlElement, writeKept } from './any-type.js';
import { fail, quote, withSegment } from './failure.js';
import { checkKnown, chosenOption, given } from './groups.js';
import { encodeSlot, isRecord } from './slot.js';
import type {
  AttributePlan,
  ChoicePlan,
  ComplexCodec,
  ComplexShape,
  EncodeState,
  ParticlePlan,
  SequencePlan,
} from './types.js';
import { defaultInside, enterScope, newDeclared, openTag, prefixFor, qnameValue, type Declared } from './write.js';

/** How a fragment is written. */
export interface EncodeOptions {
  /** Default true; false writes no default namespace declarations (as in the printed documentation). */
  readonly qualified?: boolean;
  /** Pretty printing: each element on its own line, children indented by this string. */
  readonly indent?: string;
  /**
   * Prefixes already declared by the enclosing document (an envelope's `xsi`), not redeclared
   * by the fragment. `''` gives the default namespace in effect.
   */
  readonly declarations?: Readonly<Record<string, string>>;
  /** Indentation level of the fragment's root when it is embedded in an indented document. */
  readonly depth?: number;
  /**
   * rpc/encoded style: every simple-typed element carries `xsi:type` naming its type:
   * `xsi:type="xsd:int"` for a builtin (`xsd` declared like `xsi`, on the fragment root unless
   * the context declares it), `xsi:type="t:Color"` for a schema type (the prefix declared on the
   * element unless in scope), so the name is always one XSD accepts for the element.
   */
  readonly xsiTypes?: boolean;
}

const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

function isNCName(name: string): boolean {
  try {
    return BUILTINS.NCName.parse(name) === name;
  } catch {
    return false;
  }
}

function declaredPrefix(
  declarations: Readonly<Record<string, string>>,
  ns: string,
  fallback: string,
): [string, boolean] {
  for (const prefix of Object.keys(declarations)) {
    if (prefix !== '' && declarations[prefix] === ns) return [prefix, true];
  }
  return [fallback, false];
}

/** The `xsi` and `xsd` prefixes of a declarations object (envelopes pass the same object each time). */
interface XsPrefixes {
  readonly xsiPrefix: string;
  readonly xsiDeclared: boolean;
  readonly xsdPrefix: string;
  readonly xsdDeclared: boolean;
}
const NO_DECLARATIONS: Readonly<Record<string, string>> = Object.freeze({});
const prefixesOf = new WeakMap<Readonly<Record<string, string>>, XsPrefixes>();

function xsPrefixes(declarations: Readonly<Record<string, string>>): XsPrefixes {
  const [xsiPrefix, xsiDeclared] = declaredPrefix(declarations, XSI_NS, 'xsi');
  const [xsdPrefix, xsdDeclared] = declaredPrefix(declarations, XSD_NS, 'xsd');
  return { xsiPrefix, xsiDeclared, xsdPrefix, xsdDeclared };
}
const compactLine = (): string => '';
/** Newline plus `indent` repeated `depth` times, each depth's string made once. */
function indentedLine(indent: string): (depth: number) => string {
  const lines: string[] = [];
  return (depth) => (lines[depth] ??= `\n${indent.repeat(depth)}`);
}

export function createEncodeState(options: EncodeOptions): EncodeState {
  const declarations = options.declarations ?? NO_DECLARATIONS;
  // Only a frozen object cannot change after its prefixes were worked out.
  let prefixes = Object.isFrozen(declarations) ? prefixesOf.get(declarations) : undefined;
  if (prefixes === undefined) {
    prefixes = xsPrefixes(declarations);
    if (Object.isFrozen(declarations)) prefixesOf.set(declarations, prefixes);
  }
  const indent = options.indent;
  return {
    qualified: options.qualified ?? true,
    pretty: indent !== undefined,
    line: indent === undefined ? compactLine : indentedLine(indent),
    xsiPrefix: prefixes.xsiPrefix,
    xsiDeclared: prefixes.xsiDeclared,
    xsiUsed: false,
    xsdPrefix: prefixes.xsdPrefix,
    xsdDeclared: prefixes.xsdDeclared,
    xsdUsed: false,
    xsiTypes: options.xsiTypes === true,
    scope: declarations,
  };
}

function encodeAttributes(
  attributes: readonly AttributePlan[],
  value: Record<string, unknown>,
  st: EncodeState,
  d: Declared,
): string {
  let out = '';
  for (const a of attributes) {
    const v = value[a.property];
    if (v === undefined || v === null) {
      if (a.required) fail('missing-attribute', `missing required attribute "${a.name}"`, undefined, `.${a.property}`);
      continue;
    }
    let text: string;
    try {
      text = a.type.formatValue(v);
      if (a.fixed !== undefined && a.type.canonical(v) !== a.type.canonical(a.type.parseValue(a.fixed))) {
        fail('invalid-value', `attribute "${a.name}" must have the fixed value ${quote(a.fixed)}`);
      }
    } catch (error) {
      throw withSegment(error, `.${a.property}`);
    }
    const name = a.ns === '' ? a.name : `${prefixFor(st, a.ns, d)}:${a.name}`;
    out += ` ${name}="${escapeAttribute(text)}"`;
  }
  return out;
}

/**
 * `xs:anyAttribute`: the kept attributes of `$attributes` (Clark name -> string), after the
 * declared ones; a namespace gets a prefix in scope or a declared one. A name a declared
 * attribute has, an `xsi:` or `xmlns` name, or a name that is no NCName is refused.
 */
function encodeKeptAttributes(kept: unknown, declared: readonly AttributePlan[], st: EncodeState, d: Declared): string {
  if (!isRecord(kept))
    fail('invalid-type', 'expected an object of attribute values by name', undefined, '.$attributes');
  let out = '';
  for (const key in kept) {
    const v = kept[key];
    const segment = `.$attributes[${JSON.stringify(key)}]`;
    if (typeof v !== 'string') fail('invalid-type', 'expected a string', undefined, segment);
    const clark = /^\{([^}]*)\}(.*)$/.exec(key);
    const ns = clark ? (clark[1] as string) : '';
    const local = clark ? (clark[2] as string) : key;
    if (!isNCName(local) || (clark !== null && ns === ''))
      fail('invalid-value', `${quote(key)} is not an attribute name ({namespace}local or local)`, undefined, segment);
    if (ns === XSI_NS || ns === XMLNS_NS || (ns === '' && local === 'xmlns'))
      fail('invalid-value', `${quote(key)} cannot be written as a kept attribute`, undefined, segment);
    if (declared.some((a) => a.name === local && a.ns === ns))
      fail('invalid-value', `${quote(key)} is a declared attribute: set its property instead`, undefined, segment);
    out += ` ${ns === '' ? local : `${prefixFor(st, ns, d)}:${local}`}="${escapeAttribute(v)}"`;
  }
  return out;
}

/**
 * Child elements are returned as one string, each after `line` (a newline and indentation when
 * pretty printing); for mixed content `parts` collects them one by one instead.
 */
type Parts = string[] | undefined;

function put(xml: string, line: string, parts: Parts): string {
  if (parts === undefined) return line + xml;
  parts.push(xml);
  return '';
}

function checkCount(p: ParticlePlan, length: number): void {
  if (length < p.min) fail('missing-element', `expected at least ${p.min} <${p.name}> element(s), got ${length}`);
  if (p.max !== -1 && length > p.max)
    fail('too-many-elements', `at most ${p.max} <${p.name}> element(s) allowed, got ${length}`);
}

/** The fast path: a flat sequence of element and xs:any particles, not mixed. */
function encodeFlat(
  particles: readonly ParticlePlan[],
  value: Record<string, unknown>,
  st: EncodeState,
  def: string,
  depth: number,
  line: string,
): string {
  let body = '';
  for (let i = 0; i < particles.length; i++) {
    const p = particles[i] as ParticlePlan;
    if (p.kind === 'element' && p.twin === true) continue;
    if (p.kind !== 'element' || p.many) {
      body += encodeParticle(p, value, st, def, depth, line, undefined);
      continue;
    }
    const v = value[p.name];
    if (v === undefined || (v === null && !p.nillable && p.min === 0)) {
      if (p.min > 0) fail('missing-element', `missing required element <${p.name}>`, undefined, `.${p.name}`);
      continue;
    }
    try {
      body += line + encodeSlot(p, v, st, def, depth);
    } catch (error) {
      throw withSegment(error, `.${p.name}`);
    }
  }
  return body;
}

/** Writes the particles of `value` in schema order; `depth` is the children's level. */
function encodeParticles(
  particles: readonly ParticlePlan[],
  value: Record<string, unknown>,
  st: EncodeState,
  def: string,
  depth: number,
  line: string,
  parts: Parts,
): string {
  let body = '';
  for (const p of particles) body += encodeParticle(p, value, st, def, depth, line, parts);
  return body;
}

export function encodeParticle(
  p: ParticlePlan,
  value: Record<string, unknown>,
  st: EncodeState,
  def: string,
  depth: number,
  line: string,
  parts: Parts,
): string {
  switch (p.kind) {
    case 'element':
    case 'any': {
      if (p.kind === 'element' && p.twin === true) return '';
      const v = value[p.name];
      if (p.many) {
        // Repeated particles (and xs:any, always a list of kept elements): an array, counted.
        const kept = p.kind === 'any';
        if (v === undefined || v === null) {
          if (p.min > 0) {
            fail(
              'missing-element',
              kept ? `expected at least ${p.min} element(s)` : `missing required element <${p.name}>`,
              undefined,
              `.${p.name}`,
            );
          }
          return '';
        }
        if (!Array.isArray(v))
          fail('invalid-type', kept ? 'expected an array of XmlElement' : 'expected an array', undefined, `.${p.name}`);
        try {
          checkCount(p, v.length);
        } catch (error) {
          throw withSegment(error, `.${p.name}`);
        }
        let body = '';
        for (let i = 0; i < v.length; i++) {
          try {
            body += put(
              p.kind === 'any' ? writeKept(requireXmlElement(v[i]), st, def) : encodeSlot(p, v[i], st, def, depth),
              line,
              parts,
            );
          } catch (error) {
            throw withSegment(error, `.${p.name}[${i}]`);
          }
        }
        return body;
      }
      if (v === undefined || (v === null && !p.nillable && p.min === 0)) {
        if (p.min > 0) fail('missing-element', `missing required element <${p.name}>`, undefined, `.${p.name}`);
        return '';
      }
      try {
        return put(encodeSlot(p, v, st, def, depth), line, parts);
      } catch (error) {
        throw withSegment(error, `.${p.name}`);
      }
    }
    case 'choice':
    case 'sequence':
      return encodeGroup(p, value, st, def, depth, line, parts);
  }
}

/** Choices and nested sequences (kept apart so that the element case allocates no closure context). */
function encodeGroup(
  p: ChoicePlan | SequencePlan,
  value: Record<string, unknown>,
  st: EncodeState,
  def: string,
  depth: number,
  line: string,
  parts: Parts,
): string {
  if (p.kind === 'choice') {
    if (!p.many) {
      const option = chosenOption(p, value, p.min > 0);
      return option === undefined ? '' : encodeParticle(option, value, st, def, depth, line, parts);
    }
    return encodeRepeated(p, value, (item) => {
      const option = chosenOption(p, item, true);
      return option === undefined ? '' : encodeParticle(option, item, st, def, depth, line, parts);
    });
  }
  if (!p.many) {
    if (p.min === 0 && !given(p, value)) return '';
    return encodeParticles(p.content, value, st, def, depth, line, parts);
  }
  return encodeRepeated(p, value, (item) => encodeParticles(p.content, item, st, def, depth, line, parts));
}

/** A repeated group: an array with one object per occurrence. */
function encodeRepeated(
  p: ChoicePlan | SequencePlan,
  value: Record<string, unknown>,
  one: (item: Record<string, unknown>) => string,
): string {
  const v = value[p.name];
  const segment = `.${p.name}`;
  if (v === undefined || v === null) {
    if (p.min > 0 && !p.innerEmptiable)
      fail('missing-element', `missing required ${p.kind} ${p.name}`, undefined, segment);
    return '';
  }
  if (!Array.isArray(v)) fail('invalid-type', 'expected an array', undefined, segment);
  if (v.length < p.min && !p.innerEmptiable) {
    fail(
      'missing-element',
      `expected at least ${p.min} occurrence(s) of ${p.kind} ${p.name}, got ${v.length}`,
      undefined,
      segment,
    );
  }
  if (p.max !== -1 && v.length > p.max) {
    fail(
      'too-many-elements',
      `at most ${p.max} occurrence(s) of ${p.kind} ${p.name} allowed, got ${v.length}`,
      undefined,
      segment,
    );
  }
  let body = '';
  for (let i = 0; i < v.length; i++) {
    try {
      const item: unknown = v[i];
      if (!isRecord(item)) fail('invalid-type', 'expected an object');
      checkKnown(item, p.props);
      body += one(item);
    } catch (error) {
      throw withSegment(error, `${segment}[${i}]`);
    }
  }
  return body;
}

/** Mixed content: `$text` around the child elements. */
function interleave(texts: unknown, parts: readonly string[]): string {
  if (texts === undefined) return parts.join('');
  if (!Array.isArray(texts) || texts.length !== parts.length + 1 || !texts.every((t) => typeof t === 'string')) {
    fail(
      'invalid-value',
      `$text must be an array of ${parts.length + 1} strings (the text around ${parts.length} child element(s))`,
      undefined,
      '.$text',
    );
  }
  let body = escapeText(texts[0] as string);
  for (let i = 0; i < parts.length; i++) body += (parts[i] as string) + escapeText(texts[i + 1] as string);
  return body;
}

/** Builds the encoder of a complex type from its (later filled) shape. */
export function createComplexEncoder(shape: ComplexShape): ComplexCodec['encodeWith'] {
  return (value, local, ns, st, parentDefault, depth, xsiType) => {
    if (!isRecord(value)) fail('invalid-type', 'expected an object');
    const known = shape.known;
    for (const key in value) {
      // `$type`/`$element` were checked by the slot that hands the value over.
      if (!known.has(key) && key !== '$type' && key !== '$element')
        fail('unknown-property', `unknown property "${key}"`, undefined, `.${key}`);
    }
    const def = defaultInside(ns, st, parentDefault);
    let d: Declared | undefined;
    let attributes = '';
    if (xsiType !== undefined) {
      d = newDeclared();
      st.xsiUsed = true;
      attributes += ` ${st.xsiPrefix}:type="${qnameValue(xsiType.id, st, d, def)}"`;
    }
    if (shape.attributes.length !== 0) {
      d ??= newDeclared();
      attributes += encodeAttributes(shape.attributes, value, st, d);
    }
    if (shape.anyAttribute && value.$attributes !== undefined) {
      d ??= newDeclared();
      attributes += encodeKeptAttributes(value.$attributes, shape.attributes, st, d);
    }
    const head = openTag(local, ns, st, parentDefault) + (d?.text ?? '') + attributes;

    const text = shape.text;
    if (text !== undefined) {
      const v = value.$value;
      if (v === undefined) fail('missing-element', 'missing the text value ($value)', undefined, '.$value');
      let lexical: string;
      try {
        lexical = text.formatValue(v);
      } catch (error) {
        throw withSegment(error, '.$value');
      }
      return lexical === '' ? `${head}/>` : `${head}>${escapeText(lexical)}</${local}>`;
    }

    const saved = d === undefined ? undefined : enterScope(st, d);
    const mixed = shape.mixed;
    let body: string;
    if (mixed) {
      const parts: string[] = [];
      encodeParticles(shape.particles, value, st, def, depth + 1, '', parts);
      body = interleave(value.$text, parts);
    } else {
      const line = st.pretty ? st.line(depth + 1) : '';
      body = shape.flat
        ? encodeFlat(shape.particles, value, st, def, depth + 1, line)
        : encodeParticles(shape.particles, value, st, def, depth + 1, line, undefined);
    }
    if (saved !== undefined) st.scope = saved;
    if (body === '') return `${head}/>`;
    return `${head}>${body}${st.pretty && !mixed ? st.line(depth) : ''}</${local}>`;
  };
}
