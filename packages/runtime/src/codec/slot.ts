/**
 * One element occurrence, on top of its type's codec: `xsi:nil`, `xsi:type` (`$type`),
 * substitution group members (`$element`) and `fixed`/`default` values. Element particles,
 * global elements and SOAP array items all go through here.
 *
 * Value shapes (see `VALUE_KEYS` in schema.ts):
 * - a complex value of a type derived from the declared one: `{ $type: typeId, ...fields }`;
 * - a member element standing for the declared one, complex type: `{ $element: elementId,
 *   $type?, ...fields }`; any other member type (simple, soap-array, anyType) or a nil member:
 *   `{ $element: elementId, $value: value }` (`$value: null` for nil);
 * - simple values never carry `$type`: an `xsi:type` naming the declared simple type, one of its
 *   bases or a union member is accepted, one naming a restriction of it is decoded with that
 *   restriction's (stricter) codec.
 *
 * `default`/`fixed` (XSD rules): an absent element stays absent (defaults are not filled in, so
 * round trips stay exact); an element present but empty (no text, no child elements) takes the
 * default (or the fixed value), so `<Count/>` with default 5 decodes to 5 and is written back as
 * `<Count>5</Count>`. A fixed value is compared as a value (`SimpleCodec.canonical`): `1` and
 * `true` are the same boolean, `1.0` and `1.00` the same decimal.
 */

import { collapseWhitespace, type JsonValue } from '../builtins.js';
import { XSI_NS } from '../schema.js';
import type { XmlAttribute, XmlElement } from '../xml/dom.js';
import { fail, quote, withSegment } from './failure.js';
import type { DecodeContext, ElementPlan, EncodeState, SimpleCodec, SlotPlan, TypeCodec } from './types.js';
import { nilElement } from './write.js';

/** Plain objects only: arrays, binaries and XML trees are not complex-type values. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

/** The element `child` stands as: the slot itself, one of its members, or undefined. */
export function memberOf(slot: SlotPlan, child: XmlElement, ctx: DecodeContext): SlotPlan | undefined {
  if (!slot.abstract && child.local === slot.name && (!ctx.strict || child.ns === slot.ns)) return slot;
  const members = slot.members;
  if (members !== undefined) {
    for (const m of members) {
      if (!m.abstract && child.local === m.name && (!ctx.strict || child.ns === m.ns)) return m;
    }
  }
  return undefined;
}

/** Whether `child` may stand in `slot` (by name, or as a substitution group member). */
export function matchesSlot(slot: SlotPlan, child: XmlElement, ctx: DecodeContext): boolean {
  if (slot.members === undefined) return child.local === slot.name && (!ctx.strict || child.ns === slot.ns);
  return memberOf(slot, child, ctx) !== undefined;
}

/** No text and no child elements (comments and PIs do not count). */
function isEmptyElement(node: XmlElement): boolean {
  for (const child of node.children) if (child.kind === 'element' || child.kind === 'text') return false;
  return true;
}

/** The codec `default`/`fixed` apply to: the simple type, or a simpleContent's text type. */
export function valueCodecOf(type: TypeCodec): SimpleCodec | undefined {
  if (type.kind === 'simple') return type;
  if (type.kind === 'complex') return type.shape.text;
  return undefined;
}

function fixedMismatch(slot: SlotPlan, codec: SimpleCodec, value: unknown): boolean {
  const fixed = slot.fixed as string;
  return codec.canonical(value) !== codec.canonical(codec.parseValue(fixed));
}

function resolveXsiType(
  slot: SlotPlan,
  declared: TypeCodec,
  node: XmlElement,
  attr: XmlAttribute,
  ctx: DecodeContext,
): TypeCodec {
  const text = collapseWhitespace(attr.value);
  const colon = text.indexOf(':');
  const prefix = colon < 0 ? '' : text.slice(0, colon);
  const local = colon < 0 ? text : text.slice(colon + 1);
  const ns = node.scope[prefix];
  if (ns === undefined && prefix !== '' && ctx.strict) {
    fail('invalid-value', `xsi:type ${quote(text)} uses an undeclared prefix`, attr.offset);
  }
  const target = slot.registry.xsiTarget(declared, ns ?? '', local, ctx.strict);
  if (target === undefined) {
    fail(
      'invalid-type',
      `xsi:type ${quote(text)} does not name ${declared.name} or a type derived from it`,
      attr.offset,
    );
  }
  return target;
}

/** Decodes `node`, already matched to `slot` (by its name or a member's). */
export function decodeSlot(slot: SlotPlan, node: XmlElement, ctx: DecodeContext): unknown {
  if (slot.members !== undefined) {
    const member = memberOf(slot, node, ctx);
    if (member !== undefined && member !== slot) return decodeAs(member, node, ctx, (member as ElementPlan).id);
  }
  return decodeAs(slot, node, ctx, undefined);
}

function decodeAs(slot: SlotPlan, node: XmlElement, ctx: DecodeContext, elementId: string | undefined): unknown {
  let type = slot.type;
  let derived: TypeCodec | undefined;
  if (node.attributes.length !== 0) {
    let typeAttr: XmlAttribute | undefined;
    for (const a of node.attributes) {
      if (a.ns !== XSI_NS) continue;
      if (a.local === 'nil') {
        const v = collapseWhitespace(a.value);
        if (v === 'true' || v === '1') {
          if (!slot.nillable) fail('nil-not-allowed', `element <${slot.name}> is not nillable`, node.offset);
          return elementId === undefined ? null : { $element: elementId, $value: null };
        }
      } else if (a.local === 'type') typeAttr = a;
    }
    // anyType keeps the element (xsi:type included) as it is.
    if (typeAttr !== undefined && type.kind !== 'anyType') {
      const target = resolveXsiType(slot, type, node, typeAttr, ctx);
      if (target !== type) {
        type = target;
        derived = target;
      }
    }
  }
  const constrained = slot.fixed !== undefined || slot.default !== undefined;
  if (type.kind === 'complex') {
    if (type.abstract) {
      fail(
        'invalid-type',
        `type ${type.name} is abstract: the element needs an xsi:type naming a concrete derived type`,
        node.offset,
      );
    }
    const out: Record<string, unknown> = {};
    if (elementId !== undefined) out.$element = elementId;
    if (derived !== undefined) out.$type = derived.id;
    const text = type.shape.text;
    if (!constrained || text === undefined) return type.decodeInto(node, ctx, out);
    const value = type.decodeInto(node, ctx, out, isEmptyElement(node) ? (slot.default ?? slot.fixed) : undefined);
    if (slot.fixed !== undefined && fixedMismatch(slot, text, value.$value)) {
      fail('invalid-value', `element <${slot.name}> must have the fixed value ${quote(slot.fixed)}`, node.offset);
    }
    return value;
  }
  let value: unknown;
  if (constrained && type.kind === 'simple') {
    value = isEmptyElement(node)
      ? type.parseValue((slot.default ?? slot.fixed) as string, node.offset)
      : type.decode(node, ctx);
    if (slot.fixed !== undefined && fixedMismatch(slot, type, value)) {
      fail('invalid-value', `element <${slot.name}> must have the fixed value ${quote(slot.fixed)}`, node.offset);
    }
  } else value = type.decode(node, ctx);
  return elementId === undefined ? value : { $element: elementId, $value: value };
}

/** The member `$element` names, or a failure. */
function namedMember(slot: SlotPlan, id: unknown): ElementPlan {
  const members = slot.members as readonly ElementPlan[];
  for (const m of members) if (m.id === id && !m.abstract) return m;
  return fail(
    'invalid-value',
    `$element must name a member of the substitution group of <${slot.name}>`,
    undefined,
    '.$element',
  );
}

function checkMemberKeys(value: Record<string, unknown>): void {
  for (const key in value) {
    if (key !== '$element' && key !== '$value')
      fail('unknown-property', `unknown property "${key}"`, undefined, `.${key}`);
  }
  if (value.$value === undefined)
    fail('missing-element', 'missing $value (the value of the member element)', undefined, '.$value');
}

/** Writes one occurrence of `slot` (`v` may be a member's value carrying `$element`). */
export function encodeSlot(slot: SlotPlan, v: unknown, st: EncodeState, def: string, depth: number): string {
  if (slot.plain && v !== null && v !== undefined) {
    // The common case: nothing for this layer to do.
    const type = slot.type;
    if (type.kind !== 'complex') return type.encode(v, slot.name, slot.ns, st, def, depth);
    const record = v as Record<string, unknown>;
    if (record.$type === undefined && record.$element === undefined)
      return type.encodeWith(v, slot.name, slot.ns, st, def, depth, undefined);
  }
  if (slot.members !== undefined && isRecord(v) && v.$element !== undefined) {
    const member = namedMember(slot, v.$element);
    if (v.$value === null || member.type.kind !== 'complex') checkMemberKeys(v);
    if (member.type.kind === 'complex') return encodeAs(member, v.$value === null ? null : v, st, def, depth, true);
    try {
      return encodeAs(member, v.$value, st, def, depth, true);
    } catch (error) {
      throw withSegment(error, '.$value');
    }
  }
  if (slot.abstract) {
    fail('invalid-type', `element <${slot.name}> is abstract: $element must name a member of its substitution group`);
  }
  return encodeAs(slot, v, st, def, depth, false);
}

function encodeAs(slot: SlotPlan, v: unknown, st: EncodeState, def: string, depth: number, member: boolean): string {
  if (v === null) {
    if (!slot.nillable) fail('nil-not-allowed', `element <${slot.name}> is not nillable; null is not allowed`);
    return nilElement(slot.name, slot.ns, st, def);
  }
  if (v === undefined) fail('missing-element', `missing value for element <${slot.name}>`);
  let type = slot.type;
  if (type.kind === 'complex') {
    let xsiType: TypeCodec | undefined;
    if (isRecord(v)) {
      if (!member && v.$element !== undefined)
        fail('unknown-property', 'unknown property "$element"', undefined, '.$element');
      if (v.$type !== undefined) {
        const d = typeof v.$type === 'string' ? slot.registry.derived(type, v.$type) : undefined;
        if (d === undefined)
          fail('invalid-type', `$type must name ${type.name} or a type derived from it`, undefined, '.$type');
        if (d !== type) {
          type = d;
          xsiType = d;
        }
      }
      const text = type.shape.text;
      if (
        slot.fixed !== undefined &&
        text !== undefined &&
        v.$value !== undefined &&
        fixedMismatch(slot, text, v.$value)
      ) {
        fail(
          'invalid-value',
          `element <${slot.name}> must have the fixed value ${quote(slot.fixed)}`,
          undefined,
          '.$value',
        );
      }
    }
    if (type.abstract) fail('invalid-type', `type ${type.name} is abstract: $type must name a concrete derived type`);
    return type.encodeWith(v, slot.name, slot.ns, st, def, depth, xsiType);
  }
  if (slot.fixed !== undefined && type.kind === 'simple' && fixedMismatch(slot, type, v)) {
    fail('invalid-value', `element <${slot.name}> must have the fixed value ${quote(slot.fixed)}`);
  }
  return type.encode(v, slot.name, slot.ns, st, def, depth);
}

/** The JSON form of one occurrence (`$element`/`$type` kept, first). */
export function slotToJson(slot: SlotPlan, v: unknown): JsonValue {
  return convertSlot(slot, v, 'to') as JsonValue;
}

/** The value of one occurrence's JSON form. */
export function slotFromJson(slot: SlotPlan, json: unknown): unknown {
  return convertSlot(slot, json, 'from');
}

function convertSlot(slot: SlotPlan, input: unknown, direction: 'to' | 'from'): unknown {
  if (input === null) {
    if (!slot.nillable) fail('nil-not-allowed', `element <${slot.name}> is not nillable; null is not allowed`);
    return null;
  }
  if (slot.members !== undefined && isRecord(input) && input.$element !== undefined) {
    const member = namedMember(slot, input.$element);
    if (input.$value === null) {
      checkMemberKeys(input);
      if (!member.nillable)
        fail('nil-not-allowed', `element <${member.name}> is not nillable; null is not allowed`, undefined, '.$value');
      return { $element: member.id, $value: null };
    }
    if (member.type.kind === 'complex') return convertAs(member, input, direction, member.id);
    checkMemberKeys(input);
    try {
      return { $element: member.id, $value: convertAs(member, input.$value, direction, undefined) };
    } catch (error) {
      throw withSegment(error, '.$value');
    }
  }
  if (slot.abstract) {
    fail('invalid-type', `element <${slot.name}> is abstract: $element must name a member of its substitution group`);
  }
  return convertAs(slot, input, direction, undefined);
}

function convertAs(slot: SlotPlan, input: unknown, direction: 'to' | 'from', elementId: string | undefined): unknown {
  let type = slot.type;
  if (type.kind !== 'complex') return direction === 'to' ? type.toJson(input) : type.fromJson(input);
  const out: Record<string, unknown> = {};
  if (isRecord(input)) {
    if (elementId !== undefined) out.$element = elementId;
    else if (input.$element !== undefined)
      fail('unknown-property', 'unknown property "$element"', undefined, '.$element');
    if (input.$type !== undefined) {
      const d = typeof input.$type === 'string' ? slot.registry.derived(type, input.$type) : undefined;
      if (d === undefined)
        fail('invalid-type', `$type must name ${type.name} or a type derived from it`, undefined, '.$type');
      if (d !== type) {
        type = d;
        out.$type = d.id;
      }
    }
  }
  if (type.abstract) fail('invalid-type', `type ${type.name} is abstract: $type must name a concrete derived type`);
  return type.convertInto(input, out, direction);
}
