/**
 * The JSON form of values, used by the CLI's `convert`: field names as in the schema, builtins in
 * their JSON forms (bigint as digit strings, binaries as base64/hex), nil as null, repeated
 * elements and groups as arrays, lists as arrays, kept XML (xs:any, anyType) as XML text, and
 * the special keys `$type`, `$element`, `$value`, `$text` kept as they are.
 */

import { keptFromJson, keptToJson } from './any-type.js';
import { fail, withSegment } from './failure.js';
import { checkKnown, chosenOption, given } from './groups.js';
import { isRecord, slotFromJson, slotToJson } from './slot.js';
import type { ChoicePlan, ComplexShape, ParticlePlan, SequencePlan } from './types.js';

type Direction = 'to' | 'from';

function convertParticles(
  particles: readonly ParticlePlan[],
  input: Record<string, unknown>,
  out: Record<string, unknown>,
  direction: Direction,
): void {
  for (const p of particles) convertParticle(p, input, out, direction);
}

function convertParticle(
  p: ParticlePlan,
  input: Record<string, unknown>,
  out: Record<string, unknown>,
  direction: Direction,
): void {
  switch (p.kind) {
    case 'element':
    case 'any': {
      const v = input[p.name];
      if (v === undefined || (v === null && p.many)) {
        if (p.min > 0 && direction === 'from')
          fail('missing-element', `missing required element <${p.name}>`, undefined, `.${p.name}`);
        if (p.many && direction === 'to') out[p.name] = [];
        return;
      }
      if (!p.many) {
        if (p.kind === 'element') {
          try {
            out[p.name] = direction === 'to' ? slotToJson(p, v) : slotFromJson(p, v);
          } catch (error) {
            throw withSegment(error, `.${p.name}`);
          }
        }
        return;
      }
      if (!Array.isArray(v)) fail('invalid-type', 'expected an array', undefined, `.${p.name}`);
      const items: unknown[] = [];
      for (let i = 0; i < v.length; i++) {
        try {
          if (p.kind === 'any') items.push(direction === 'to' ? keptToJson(v[i]) : keptFromJson(v[i]));
          else items.push(direction === 'to' ? slotToJson(p, v[i]) : slotFromJson(p, v[i]));
        } catch (error) {
          throw withSegment(error, `.${p.name}[${i}]`);
        }
      }
      out[p.name] = items;
      return;
    }
    case 'choice':
      if (!p.many) {
        const option = chosenOption(p, input, p.min > 0 && direction === 'from');
        if (option !== undefined) convertParticle(option, input, out, direction);
        return;
      }
      convertRepeated(p, input, out, direction, (item, occurrence) => {
        const option = chosenOption(p, item, direction === 'from');
        if (option !== undefined) convertParticle(option, item, occurrence, direction);
      });
      return;
    case 'sequence':
      if (!p.many) {
        if (p.min === 0 && !given(p, input)) return;
        convertParticles(p.content, input, out, direction);
        return;
      }
      convertRepeated(p, input, out, direction, (item, occurrence) =>
        convertParticles(p.content, item, occurrence, direction),
      );
      return;
  }
}

function convertRepeated(
  p: ChoicePlan | SequencePlan,
  input: Record<string, unknown>,
  out: Record<string, unknown>,
  direction: Direction,
  one: (item: Record<string, unknown>, occurrence: Record<string, unknown>) => void,
): void {
  const v = input[p.name];
  if (v === undefined || v === null) {
    if (p.min > 0 && !p.innerEmptiable && direction === 'from') {
      fail('missing-element', `missing required ${p.kind} ${p.name}`, undefined, `.${p.name}`);
    }
    if (direction === 'to') out[p.name] = [];
    return;
  }
  if (!Array.isArray(v)) fail('invalid-type', 'expected an array', undefined, `.${p.name}`);
  const items: Record<string, unknown>[] = [];
  for (let i = 0; i < v.length; i++) {
    try {
      const item: unknown = v[i];
      if (!isRecord(item)) fail('invalid-type', 'expected an object');
      checkKnown(item, p.props);
      const occurrence: Record<string, unknown> = {};
      one(item, occurrence);
      items.push(occurrence);
    } catch (error) {
      throw withSegment(error, `.${p.name}[${i}]`);
    }
  }
  out[p.name] = items;
}

/** Builds the JSON conversion of a complex type from its (later filled) shape. */
export function createComplexJson(
  shape: ComplexShape,
): (input: unknown, out: Record<string, unknown>, direction: Direction) => Record<string, unknown> {
  return (input, out, direction) => {
    if (!isRecord(input)) fail('invalid-type', 'expected an object');
    for (const key in input) {
      // `$type`/`$element` were checked by the slot that hands the value over.
      if (!shape.known.has(key) && key !== '$type' && key !== '$element')
        fail('unknown-property', `unknown property "${key}"`, undefined, `.${key}`);
    }
    const text = shape.text;
    if (text !== undefined) {
      const v = input.$value;
      if (v === undefined) fail('missing-element', 'missing the text value ($value)', undefined, '.$value');
      try {
        out.$value = direction === 'to' ? text.toJson(v) : text.fromJson(v);
      } catch (error) {
        throw withSegment(error, '.$value');
      }
    }
    for (const a of shape.attributes) {
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
    if (shape.anyAttribute && input.$attributes !== undefined) {
      const kept = input.$attributes;
      if (!isRecord(kept) || !Object.values(kept).every((v) => typeof v === 'string')) {
        fail('invalid-type', 'expected an object of attribute values by name', undefined, '.$attributes');
      }
      out.$attributes = { ...(kept as Record<string, string>) };
    }
    if (shape.mixed && input.$text !== undefined) {
      const texts = input.$text;
      if (!Array.isArray(texts) || !texts.every((t) => typeof t === 'string')) {
        fail('invalid-type', 'expected an array of strings', undefined, '.$text');
      }
      out.$text = [...(texts as string[])];
    }
    convertParticles(shape.particles, input, out, direction);
    return out;
  };
}
