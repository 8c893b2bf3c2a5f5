/**
 * Hostile and broken documents: each must end in a typed error (never a crash, a hang or a
 * silently partial value), within bounded time.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DecodeError,
  SoapRuntimeError,
  XmlParseError,
  decodeElement,
  decodeEnvelope,
  parseXml,
} from '@ecgrid/soap-runtime';
import { schema } from '../../packages/ecgridos/src/schema.js';
import { ROOT } from '../support/paths.js';

const RESPONSE = readFileSync(join(ROOT, 'wsdl', 'examples', 'KeySet.soap11.response.xml'), 'utf8');
const RESPONSE_ID = '{https://os.ecgrid.io/}KeySetResponse';

/** Runs `fn`, expects it to throw an error of `type`, and returns it with the time it took. */
function failure<T extends Error>(
  type: abstract new (...args: never[]) => T,
  fn: () => unknown,
): { error: T; ms: number } {
  const started = performance.now();
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  const ms = performance.now() - started;
  expect(thrown, 'expected an error').toBeInstanceOf(type);
  return { error: thrown as T, ms };
}

function decodeResponse(text: string): unknown {
  const envelope = decodeEnvelope(text);
  return decodeElement(schema, RESPONSE_ID, envelope.body);
}

describe('hostile XML', () => {
  it('refuses a DOCTYPE with an external entity (XXE) before reading anything', () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>`;
    const { error } = failure(XmlParseError, () => parseXml(xxe));
    expect(error.code).toBe('doctype-refused');
    expect(error.message).not.toContain('root:');
  });

  it('refuses a billion-laughs document at once', () => {
    const lol = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`).join('')}]><lolz>&lol9;</lolz>`;
    const { error, ms } = failure(XmlParseError, () => parseXml(lol));
    expect(error.code).toBe('doctype-refused');
    expect(ms).toBeLessThan(100);
  });

  it('refuses an internal entity declaration and an undeclared entity reference', () => {
    expect(failure(XmlParseError, () => parseXml('<!DOCTYPE r [<!ENTITY a "b">]><r>&a;</r>')).error.code).toBe(
      'doctype-refused',
    );
    expect(failure(XmlParseError, () => parseXml('<r>&a;</r>')).error.code).toBe('unknown-entity');
    expect(failure(XmlParseError, () => parseXml('<r a="&ext;"/>')).error.code).toBe('unknown-entity');
  });

  it('stops 100,000 levels of nesting at the depth limit, quickly and without a stack overflow', () => {
    const deep = `${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}`;
    const { error, ms } = failure(XmlParseError, () => parseXml(deep));
    expect(error.code).toBe('depth-limit');
    expect(ms).toBeLessThan(2000);
    expect(failure(XmlParseError, () => parseXml('<a><a><a></a></a></a>', { maxDepth: 2 })).error.code).toBe(
      'depth-limit',
    );
    expect(parseXml('<a><a></a></a>', { maxDepth: 2 }).root.local).toBe('a');
  });

  it('stops 100,000 levels of nesting in a SOAP body too', () => {
    const deep = RESPONSE.replace(
      '<KeyID>1043</KeyID>',
      `<KeyID>${'<x>'.repeat(100_000)}${'</x>'.repeat(100_000)}</KeyID>`,
    );
    expect(failure(XmlParseError, () => decodeResponse(deep)).error.code).toBe('depth-limit');
  });

  it('refuses a 100 MB text node with the default limits, and a document over maxLength', () => {
    const big = `<r>${'x'.repeat(100 * 1024 * 1024)}</r>`;
    const { error, ms } = failure(XmlParseError, () => parseXml(big));
    expect(error.code).toBe('size-limit');
    expect(ms).toBeLessThan(5000);
    expect(failure(XmlParseError, () => parseXml('<r>0123456789</r>', { maxLength: 10 })).error.code).toBe(
      'size-limit',
    );
    expect(failure(XmlParseError, () => parseXml('<r>0123456789</r>', { maxTextLength: 5 })).error.code).toBe(
      'size-limit',
    );
    expect(failure(XmlParseError, () => parseXml('<r a="0123456789"/>', { maxTextLength: 5 })).error.code).toBe(
      'size-limit',
    );
    expect(parseXml(`<r>${'x'.repeat(1000)}</r>`, { maxTextLength: 1000 }).root.children).toHaveLength(1);
  });

  it('refuses bytes that are not UTF-8 when given bytes', () => {
    const bytes = new TextEncoder().encode('<r>caf\u00e9</r>');
    expect(parseXml(bytes).root.children).toEqual([expect.objectContaining({ text: 'caf\u00e9' })]);
    const broken = Uint8Array.from([
      ...new TextEncoder().encode('<r>caf'),
      0xc3,
      0x28,
      ...new TextEncoder().encode('</r>'),
    ]);
    expect(failure(XmlParseError, () => parseXml(broken)).error.code).toBe('invalid-character');
    const overlong = Uint8Array.from([
      ...new TextEncoder().encode('<r>'),
      0xc0,
      0xaf,
      ...new TextEncoder().encode('</r>'),
    ]);
    expect(failure(XmlParseError, () => parseXml(overlong)).error.code).toBe('invalid-character');
  });
});

describe('schema-breaking values in a KeySet response', () => {
  const cases: Array<[string, string, string, string]> = [
    ['an int out of range', '<KeyID>1043</KeyID>', '<KeyID>2147483648</KeyID>', 'KeyID'],
    ['a negative int out of range', '<KeyID>1043</KeyID>', '<KeyID>-2147483649</KeyID>', 'KeyID'],
    ['a number with a fraction for an int', '<KeyID>1043</KeyID>', '<KeyID>10.5</KeyID>', 'KeyID'],
    [
      'an invalid dateTime',
      '<Created>2026-05-07T10:00:00</Created>',
      '<Created>2026-13-45T25:61:00</Created>',
      'Created',
    ],
    [
      'a dateTime that is not one at all',
      '<Created>2026-05-07T10:00:00</Created>',
      '<Created>yesterday</Created>',
      'Created',
    ],
    [
      'an unknown enumeration value',
      '<Visibility>Shared</Visibility>',
      '<Visibility>Everyone</Visibility>',
      'Visibility',
    ],
    ['a repeated single element', '<KeyID>1043</KeyID>', '<KeyID>1043</KeyID><KeyID>1044</KeyID>', 'KeyID'],
    ['a wrong namespace', '<KeyID>1043</KeyID>', '<KeyID xmlns="urn:other">1043</KeyID>', 'KeyID'],
    ['a missing required element', '<KeyID>1043</KeyID>', '', 'KeyID'],
    ['xsi:nil on an element that is not nillable', '<KeyID>1043</KeyID>', '<KeyID xsi:nil="true"/>', 'KeyID'],
  ];
  it.each(cases)('%s is a DecodeError naming the field', (_name, from, to, field) => {
    const text = RESPONSE.replace(from, to);
    expect(text).not.toBe(RESPONSE);
    const { error, ms } = failure(DecodeError, () => decodeResponse(text));
    expect(error.path).toContain(field);
    expect(ms).toBeLessThan(100);
  });

  it('a wrong namespace on the response wrapper is a DecodeError', () => {
    const text = RESPONSE.replace(
      '<KeySetResponse xmlns="https://os.ecgrid.io/">',
      '<KeySetResponse xmlns="https://os.ecgrid.io/v2/">',
    );
    failure(DecodeError, () => decodeResponse(text));
  });

  it('every error above is a SoapRuntimeError with a code', () => {
    for (const [, from, to] of cases) {
      const { error } = failure(SoapRuntimeError, () => decodeResponse(RESPONSE.replace(from, to)));
      expect(typeof error.code).toBe('string');
    }
  });
});
