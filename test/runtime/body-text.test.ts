/**
 * Response bytes to text (packages/runtime/src/client/body-text.ts): ASCII bodies take the
 * Buffer latin1 shortcut, everything else the fatal TextDecoder, with the same text either way.
 */
import { describe, expect, it } from 'vitest';
import { bodyText, isAsciiBytes } from '../../packages/runtime/src/client/body-text.js';

const bytesOf = (text: string): ArrayBuffer => {
  const encoded = new TextEncoder().encode(text);
  return encoded.buffer.slice(encoded.byteOffset, encoded.byteOffset + encoded.byteLength);
};
const fatal = (): TextDecoder => new TextDecoder('utf-8', { fatal: true });

describe('bodyText', () => {
  it('finds a non-ASCII byte at any position, in bodies of any length', () => {
    for (let length = 0; length <= 70; length++) {
      const ascii = new Uint8Array(length).fill(0x41);
      expect(isAsciiBytes(ascii.buffer)).toBe(true);
      for (let at = 0; at < length; at++) {
        const one = ascii.slice();
        one[at] = 0x80;
        expect(isAsciiBytes(one.buffer), `length ${length}, byte ${at}`).toBe(false);
      }
    }
  });

  it('gives the text TextDecoder gives, for ASCII and for other UTF-8', () => {
    for (const text of [
      '',
      '<a>plain &amp; simple</a>',
      '<a>é, 中文, 🙂</a>',
      'x'.repeat(1001),
      `${'ab'.repeat(500)}é`,
    ]) {
      expect(bodyText(bytesOf(text), fatal())).toBe(text);
    }
  });

  it('refuses bytes that are not UTF-8, as the fatal TextDecoder does', () => {
    expect(() => bodyText(new Uint8Array([0x3c, 0x61, 0xff, 0x3e]).buffer, fatal())).toThrow(TypeError);
  });

  it('leaves other charsets to their decoder', () => {
    const latin1 = new Uint8Array([0x3c, 0x61, 0x3e, 0xe9, 0x3c, 0x2f, 0x61, 0x3e]).buffer;
    expect(bodyText(latin1, new TextDecoder('iso-8859-1', { fatal: true }))).toBe('<a>é</a>');
  });
});
