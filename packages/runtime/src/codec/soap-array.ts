/**
 * SOAP-encoded arrays (SOAP 1.1 section 5.4.2): the value is an array; on the wire the array
 * element holds one child per item, of any name (written `<item>`, unqualified), and carries
 * `soapenc:arrayType="p:Item[n]"`. Items may be nil and may carry `xsi:type`.
 *
 * Partially transmitted (`soapenc:offset`) and sparse (`soapenc:position`) arrays and
 * multi-reference items (`href`) are refused with a clear error rather than misread.
 */

import type { JsonValue } from '../builtins.js';
import { escapeAttribute } from '../xml/writer.js';
import { fail, withSegment } from './failure.js';
import { decodeSlot, encodeSlot, slotFromJson, slotToJson } from './slot.js';
import type { EncodeState, SlotPlan, SoapArrayCodec, TypeCodec } from './types.js';
import {
  defaultInside,
  enterScope,
  newDeclared,
  openTag,
  prefixFor,
  qnameValue,
  SOAP_ENCODING_NS,
  splitId,
  type Declared,
} from './write.js';

const NCNAME = /^[A-Za-z_][\w.-]*$/;

/** The `arrayType` QName of the items (`xsd:int`, `t:Item`, `xsd:string[]` for nested arrays). */
function itemTypeName(type: TypeCodec, st: EncodeState, d: Declared, def: string): string {
  if (type.kind === 'soap-array') return `${itemTypeName(type.item.type, st, d, def)}[]`;
  // An id whose local part is no NCName cannot be written as a QName: such items are declared xsd:anyType.
  const id = NCNAME.test(splitId(type.id).local) ? type.id : '{http://www.w3.org/2001/XMLSchema}anyType';
  return qnameValue(id, st, d, def);
}

function eachItem<T>(value: unknown, convert: (item: unknown, index: number) => T): T[] {
  if (!Array.isArray(value)) fail('invalid-type', 'expected an array (a SOAP-encoded array)');
  const out: T[] = [];
  for (let i = 0; i < value.length; i++) {
    try {
      out.push(convert(value[i], i));
    } catch (error) {
      throw withSegment(error, `[${i}]`);
    }
  }
  return out;
}

export function createSoapArrayCodec(id: string, name: string, item: SlotPlan): SoapArrayCodec {
  return {
    kind: 'soap-array',
    id,
    name,
    item,
    decode(node, ctx) {
      for (const a of node.attributes) {
        if (a.ns === SOAP_ENCODING_NS && a.local === 'offset') {
          fail('invalid-value', 'partially transmitted SOAP arrays (soapenc:offset) are not supported', a.offset);
        }
      }
      const out: unknown[] = [];
      for (const child of node.children) {
        if (child.kind === 'text') {
          if (!/^[ \t\n\r]*$/.test(child.text))
            fail('unexpected-text', 'text is not allowed here (element-only content)', child.offset);
          continue;
        }
        if (child.kind !== 'element') continue;
        try {
          for (const a of child.attributes) {
            if (a.ns === SOAP_ENCODING_NS && a.local === 'position') {
              fail('invalid-value', 'sparse SOAP arrays (soapenc:position) are not supported', a.offset);
            }
            if (a.ns === '' && a.local === 'href')
              fail('invalid-value', 'multi-reference values (href) are not supported', a.offset);
          }
          out.push(decodeSlot(item, child, ctx));
        } catch (error) {
          throw withSegment(error, `[${out.length}]`);
        }
      }
      return out;
    },
    encode(value, local, ns, st, parentDefault, depth) {
      if (!Array.isArray(value)) fail('invalid-type', 'expected an array (a SOAP-encoded array)');
      const def = defaultInside(ns, st, parentDefault);
      const d = newDeclared();
      const enc = prefixFor(st, SOAP_ENCODING_NS, d);
      const arrayType = `${itemTypeName(item.type, st, d, def)}[${value.length}]`;
      const head = `${openTag(local, ns, st, parentDefault)}${d.text} ${enc}:arrayType="${escapeAttribute(arrayType)}"`;
      const saved = enterScope(st, d);
      const line = st.pretty ? st.line(depth + 1) : '';
      let body = '';
      for (let i = 0; i < value.length; i++) {
        try {
          body += line + encodeSlot(item, value[i], st, def, depth + 1);
        } catch (error) {
          throw withSegment(error, `[${i}]`);
        }
      }
      st.scope = saved;
      if (body === '') return `${head}/>`;
      return `${head}>${body}${st.pretty ? st.line(depth) : ''}</${local}>`;
    },
    toJson: (value): JsonValue => eachItem(value, (v) => slotToJson(item, v)),
    fromJson: (json) => eachItem(json, (v) => slotFromJson(item, v)),
  };
}
