/**
 * The JSON form of values, used by the CLI's `convert`: field names as in the schema, builtins in
 * their JSON forms (bigint as digit strings, binaries as base64/hex), nil as null, repeated
 * elements as arrays, kept XML (xs:any, anyType) as XML text.
 */

import type { JsonValue } from '../builtins.js';
import { keptFromJson, keptToJson } from './any-type.js';
import { fail, withSegment } from './failure.js';
import type { AttributePlan, ElementParticlePlan, ParticlePlan } from './types.js';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

function occurrenceToJson(p: ElementParticlePlan, v: unknown): JsonValue {
  if (v === null) {
    if (!p.nillable) fail('nil-not-allowed', `element <${p.name}> is not nillable; null is not allowed`);
    return null;
  }
  return p.type.toJson(v);
}

function occurrenceFromJson(p: ElementParticlePlan, json: unknown): unknown {
  if (json === null) {
    if (!p.nillable) fail('nil-not-allowed', `element <${p.name}> is not nillable; null is not allowed`);
    return null;
  }
  return p.type.fromJson(json);
}

/** Maps each particle/attribute value with `one`, arrays item by item, adding path segments. */
function mapFields(
  particles: readonly ParticlePlan[],
  attributes: readonly AttributePlan[],
  known: ReadonlySet<string>,
  input: unknown,
  direction: 'to' | 'from',
): Record<string, unknown> {
  if (!isPlainObject(input)) fail('invalid-type', 'expected an object');
  for (const key in input) {
    if (!known.has(key)) fail('unknown-property', `unknown property "${key}"`, undefined, `.${key}`);
  }
  const out: Record<string, unknown> = {};
  for (const a of attributes) {
    const v = input[a.property];
    if (v === undefined || v === null) {
      if (a.required && direction === 'from') {
        fail('missing-attribute', `missing required attribute "${a.name}"`, undefined, `.${a.property}`);
      }
      continue;
    }
    try {
      out[a.property] = direction === 'to' ? a.type.toJson(v) : a.type.fromJson(v);
    } catch (error) {
      throw withSegment(error, `.${a.property}`);
    }
  }
  for (const p of particles) {
    const v = input[p.name];
    const many = p.kind === 'any' || p.many;
    if (v === undefined || (v === null && many)) {
      if (p.min > 0 && direction === 'from') {
        fail('missing-element', `missing required element <${p.name}>`, undefined, `.${p.name}`);
      }
      if (many && direction === 'to') out[p.name] = [];
      continue;
    }
    if (!many) {
      try {
        out[p.name] = direction === 'to' ? occurrenceToJson(p as ElementParticlePlan, v) : occurrenceFromJson(p as ElementParticlePlan, v);
      } catch (error) {
        throw withSegment(error, `.${p.name}`);
      }
      continue;
    }
    if (!Array.isArray(v)) fail('invalid-type', 'expected an array', undefined, `.${p.name}`);
    const items: unknown[] = [];
    for (let i = 0; i < v.length; i++) {
      try {
        if (p.kind === 'any') items.push(direction === 'to' ? keptToJson(v[i]) : keptFromJson(v[i]));
        else items.push(direction === 'to' ? occurrenceToJson(p, v[i]) : occurrenceFromJson(p, v[i]));
      } catch (error) {
        throw withSegment(error, `.${p.name}[${i}]`);
      }
    }
    out[p.name] = items;
  }
  return out;
}

/** Builds the JSON converters of a complex type; `particles`/`attributes` may be filled in later. */
export function createComplexJson(
  particles: readonly ParticlePlan[],
  attributes: readonly AttributePlan[],
  known: ReadonlySet<string>,
): { toJson(value: unknown): JsonValue; fromJson(json: unknown): unknown } {
  return {
    toJson: (value) => mapFields(particles, attributes, known, value, 'to') as JsonValue,
    fromJson: (json) => mapFields(particles, attributes, known, json, 'from'),
  };
}
