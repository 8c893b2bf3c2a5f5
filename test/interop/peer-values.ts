/**
 * Our values (the runtime's representation) next to a peer's (node-soap's plain objects):
 * conversion to the peer's input form, and a comparison that names every place where the peer
 * reads a value differently, so a test can hold the deviations to a known list.
 */

/** A value as node-soap takes it in a request or a server answer: longs as digit strings, binaries in base64. */
export function toPeerInput(value: unknown, options: { explicitNil?: boolean } = {}): unknown {
  const convert = (v: unknown): unknown => {
    if (typeof v === 'bigint') return String(v);
    if (v instanceof Uint8Array) return Buffer.from(v).toString('base64');
    // node-soap writes null as an empty element (not nil); the explicit form gets xsi:nil.
    // Its server envelope does not declare xsi, so the element declares it itself.
    if (v === null)
      return options.explicitNil
        ? { attributes: { 'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance', 'xsi:nil': 'true' } }
        : null;
    if (Array.isArray(v)) return v.map(convert);
    if (typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, convert(x)]));
    return v;
  };
  return convert(value);
}

export type DeviationKind =
  | 'number-as-string'
  | 'empty-as-null'
  | 'long-precision'
  | 'long-as-number'
  | 'date-object'
  | 'nil-item-dropped'
  | 'nil-as-object'
  | 'single-item-not-array';

export interface Deviation {
  readonly path: string;
  readonly kind: DeviationKind;
}

/** Milliseconds of an xs:dateTime lexical form; one without a zone read as UTC (the test machine's zone). */
function dateTimeMs(lexical: string): number {
  return Date.parse(/(Z|[+-]\d\d:\d\d)$/.test(lexical) ? lexical : `${lexical}Z`);
}

/**
 * Compares our value with the peer's; returns the mismatches (which fail a test) and the known
 * deviations of the peer (which a test documents).
 */
export function compareWithPeer(
  ours: unknown,
  theirs: unknown,
  path = '',
): { mismatches: string[]; deviations: Deviation[] } {
  const mismatches: string[] = [];
  const deviations: Deviation[] = [];
  const walk = (a: unknown, b: unknown, at: string): void => {
    if (Array.isArray(a)) {
      const kept = a.filter((x) => x !== null);
      if (kept.length < a.length) deviations.push({ path: at, kind: 'nil-item-dropped' });
      let list: unknown[];
      if (Array.isArray(b)) list = b;
      else if (b === undefined || b === null) list = [];
      else {
        list = [b];
        if (kept.length === 1) deviations.push({ path: at, kind: 'single-item-not-array' });
      }
      // node-soap drops nil items; when it keeps them, compare all.
      const expected = list.length === a.length ? a : kept;
      if (list.length !== expected.length) {
        mismatches.push(`${at}: ${expected.length} items expected, peer has ${list.length}`);
        return;
      }
      for (const [i, x] of expected.entries()) walk(x, list[i], `${at}[${i}]`);
      return;
    }
    if (a === null) {
      if (b === null) return;
      if (b !== undefined && typeof b === 'object' && !Array.isArray(b)) {
        deviations.push({ path: at, kind: 'nil-as-object' });
        return;
      }
      mismatches.push(`${at}: nil expected, peer has ${JSON.stringify(b)}`);
      return;
    }
    if (typeof a === 'bigint') {
      if (typeof b === 'string' && b === String(a)) return;
      if (typeof b === 'number') {
        if (String(b) === String(a)) deviations.push({ path: at, kind: 'long-as-number' });
        else if (b === Number(a)) deviations.push({ path: at, kind: 'long-precision' });
        else mismatches.push(`${at}: ${a} expected, peer has ${b}`);
        return;
      }
      mismatches.push(`${at}: ${a} expected, peer has ${JSON.stringify(b)}`);
      return;
    }
    if (typeof a === 'string' && b instanceof Date) {
      if (b.getTime() === dateTimeMs(a)) deviations.push({ path: at, kind: 'date-object' });
      else mismatches.push(`${at}: ${a} expected, peer has ${b.toISOString()}`);
      return;
    }
    if (a instanceof Uint8Array) {
      if (b !== Buffer.from(a).toString('base64')) mismatches.push(`${at}: binary differs`);
      return;
    }
    if (a !== null && typeof a === 'object') {
      if (b === null && Object.values(a).every((v) => v === undefined || (Array.isArray(v) && v.length === 0))) {
        deviations.push({ path: at, kind: 'empty-as-null' });
        return;
      }
      if (b === null || typeof b !== 'object') {
        mismatches.push(`${at}: object expected, peer has ${JSON.stringify(b)}`);
        return;
      }
      const other = b as Record<string, unknown>;
      for (const [key, value] of Object.entries(a)) walk(value, other[key], at === '' ? key : `${at}.${key}`);
      for (const key of Object.keys(other)) {
        if (!(key in a) && key !== 'attributes' && key !== '$attributes')
          mismatches.push(`${at}.${key}: unexpected in the peer's value`);
      }
      return;
    }
    if (typeof a === 'number' && typeof b === 'string' && String(a) === b) {
      deviations.push({ path: at, kind: 'number-as-string' });
      return;
    }
    if (!Object.is(a, b) && !(typeof a === 'number' && typeof b === 'number' && a === b)) {
      mismatches.push(`${at}: ${JSON.stringify(a)} expected, peer has ${JSON.stringify(b)}`);
    }
  };
  walk(ours, theirs, path);
  return { mismatches, deviations };
}
