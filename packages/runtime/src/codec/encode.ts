/**
 * Encoding of complex types, with the same validation as decoding: required elements present,
 * counts within bounds, JS types and ranges right. Failures name the path, never the value.
 */

import { XSI_NS } from '../schema.js';
import { escapeAttribute } from '../xml/writer.js';
import { requireXmlElement, writeKept } from './any-type.js';
import { fail, withSegment } from './failure.js';
import type { AttributePlan, ElementParticlePlan, EncodeState, ParticlePlan } from './types.js';
import { defaultInside, nilElement, openTag } from './write.js';

/** How a fragment is written. */
export interface EncodeOptions {
  /** Default true; false writes no namespace declarations (as in the printed documentation). */
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
}

export function createEncodeState(options: EncodeOptions): EncodeState {
  const declarations = options.declarations ?? {};
  let xsiPrefix = 'xsi';
  let xsiDeclared = false;
  for (const prefix of Object.keys(declarations)) {
    if (prefix !== '' && declarations[prefix] === XSI_NS) {
      xsiPrefix = prefix;
      xsiDeclared = true;
      break;
    }
  }
  const indent = options.indent;
  const lines: string[] = [];
  return {
    qualified: options.qualified ?? true,
    pretty: indent !== undefined,
    line: (depth) => (lines[depth] ??= indent === undefined ? '' : `\n${indent.repeat(depth)}`),
    xsiPrefix,
    xsiDeclared,
    xsiUsed: false,
    declarations,
  };
}

/** Plain objects only: arrays, binaries and XML trees are not complex-type values. */
function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

function encodeAttributes(attributes: readonly AttributePlan[], value: Record<string, unknown>): string {
  let out = '';
  let prefixes: Map<string, string> | undefined;
  for (const a of attributes) {
    const v = value[a.property];
    if (v === undefined || v === null) {
      if (a.required) fail('missing-attribute', `missing required attribute "${a.name}"`, undefined, `.${a.property}`);
      continue;
    }
    let text: string;
    try {
      text = a.type.formatValue(v);
    } catch (error) {
      throw withSegment(error, `.${a.property}`);
    }
    if (a.ns === '') {
      out += ` ${a.name}="${escapeAttribute(text)}"`;
      continue;
    }
    // Namespace-qualified attributes are rare in document/literal services; they get local prefixes.
    prefixes ??= new Map();
    let prefix = prefixes.get(a.ns);
    if (prefix === undefined) {
      prefix = `a${prefixes.size}`;
      prefixes.set(a.ns, prefix);
      out += ` xmlns:${prefix}="${escapeAttribute(a.ns)}"`;
    }
    out += ` ${prefix}:${a.name}="${escapeAttribute(text)}"`;
  }
  return out;
}

/** One occurrence of an element particle (a single value or one array item). */
function encodeOccurrence(
  p: ElementParticlePlan,
  v: unknown,
  st: EncodeState,
  def: string,
  depth: number,
): string {
  if (v === null) {
    if (!p.nillable) fail('nil-not-allowed', `element <${p.name}> is not nillable; null is not allowed`);
    return nilElement(p.name, p.ns, st, def);
  }
  if (v === undefined) fail('missing-element', `missing value for element <${p.name}>`);
  return p.type.encode(v, p.name, p.ns, st, def, depth);
}

function checkCount(p: ParticlePlan, length: number): void {
  if (length < p.min) fail('missing-element', `expected at least ${p.min} <${p.name}> element(s), got ${length}`);
  if (p.max !== -1 && length > p.max) fail('too-many-elements', `at most ${p.max} <${p.name}> element(s) allowed, got ${length}`);
}

/** Builds the encoder of a complex type; `particles`/`attributes` may be filled in later. */
export function createComplexEncoder(
  particles: readonly ParticlePlan[],
  attributes: readonly AttributePlan[],
  known: ReadonlySet<string>,
): (value: unknown, local: string, ns: string, st: EncodeState, parentDefault: string, depth: number) => string {
  return (value, local, ns, st, parentDefault, depth) => {
    if (!isRecord(value)) fail('invalid-type', 'expected an object');
    for (const key in value) {
      if (!known.has(key)) fail('unknown-property', `unknown property "${key}"`, undefined, `.${key}`);
    }
    const def = defaultInside(ns, st, parentDefault);
    const head = openTag(local, ns, st, parentDefault) + (attributes.length === 0 ? '' : encodeAttributes(attributes, value));
    const line = st.pretty ? st.line(depth + 1) : '';
    let body = '';
    for (const p of particles) {
      const v = value[p.name];
      if (p.kind === 'any' || p.many) {
        // Repeated particles (and xs:any, always a list of kept elements): an array, counted.
        const kept = p.kind === 'any';
        if (v === undefined || v === null) {
          if (p.min > 0) fail('missing-element', kept ? `expected at least ${p.min} element(s)` : `missing required element <${p.name}>`, undefined, `.${p.name}`);
          continue;
        }
        if (!Array.isArray(v)) fail('invalid-type', kept ? 'expected an array of XmlElement' : 'expected an array', undefined, `.${p.name}`);
        try {
          checkCount(p, v.length);
        } catch (error) {
          throw withSegment(error, `.${p.name}`);
        }
        for (let i = 0; i < v.length; i++) {
          try {
            body += line + (kept ? writeKept(requireXmlElement(v[i]), st, def) : encodeOccurrence(p, v[i], st, def, depth + 1));
          } catch (error) {
            throw withSegment(error, `.${p.name}[${i}]`);
          }
        }
      } else {
        if (v === undefined || (v === null && !p.nillable && p.min === 0)) {
          if (p.min > 0) fail('missing-element', `missing required element <${p.name}>`, undefined, `.${p.name}`);
          continue;
        }
        try {
          body += line + encodeOccurrence(p, v, st, def, depth + 1);
        } catch (error) {
          throw withSegment(error, `.${p.name}`);
        }
      }
    }
    if (body === '') return `${head}/>`;
    return `${head}>${body}${st.pretty ? st.line(depth) : ''}</${local}>`;
  };
}
