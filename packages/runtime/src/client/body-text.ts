/**
 * Response bytes to text. Most SOAP responses are pure ASCII, whose UTF-8 decoding is the
 * identity; Node's `Buffer#toString('latin1')` builds that string many times faster than
 * `TextDecoder` decodes UTF-8 (about 0.4 ms against 14 ms for a 3.9 MB body here), so ASCII bodies
 * take that path when `Buffer` exists, and everything else the fatal `TextDecoder`.
 */

interface LatinBuffer {
  toString(encoding: 'latin1'): string;
}
type BufferFrom = (buffer: ArrayBuffer, byteOffset?: number, length?: number) => LatinBuffer;

const bufferFrom: BufferFrom | undefined = (() => {
  const candidate = (globalThis as { Buffer?: { from?: unknown } }).Buffer;
  return typeof candidate?.from === 'function' ? (candidate.from.bind(candidate) as BufferFrom) : undefined;
})();

/** True when every byte is below 0x80. */
export function isAsciiBytes(bytes: ArrayBuffer): boolean {
  const words = new Uint32Array(bytes, 0, bytes.byteLength >>> 2);
  const n = words.length;
  let seen = 0;
  let i = 0;
  // Eight words a step: twice as fast as one (about 0.5 ms for 3.9 MB here).
  for (; i + 8 <= n; i += 8) {
    seen |= (words[i] as number) | (words[i + 1] as number) | (words[i + 2] as number) | (words[i + 3] as number);
    seen |= (words[i + 4] as number) | (words[i + 5] as number) | (words[i + 6] as number) | (words[i + 7] as number);
  }
  for (; i < n; i++) seen |= words[i] as number;
  const tail = new Uint8Array(bytes, n << 2);
  for (let j = 0; j < tail.length; j++) seen |= tail[j] as number;
  return (seen & 0x80808080) === 0;
}

/**
 * Decodes `bytes` with `decoder` (created with `fatal: true`); a UTF-8 body of ASCII bytes only
 * is turned into text directly, with the same result.
 */
export function bodyText(bytes: ArrayBuffer, decoder: TextDecoder): string {
  if (bufferFrom !== undefined && decoder.encoding === 'utf-8' && isAsciiBytes(bytes))
    return bufferFrom(bytes).toString('latin1');
  return decoder.decode(bytes);
}
