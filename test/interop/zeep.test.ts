/**
 * Interoperability with zeep (Debian `python3-zeep` for `/usr/bin/python3`), an implementation we
 * did not write: zeep, built from our mock server's ?WSDL, calls KeySet of wsdl/ECGridOS.wsdl and
 * 24 operations of the real v4.1 WSDL (arrays, enumerations, longs, dates) on the mock, offline
 * (the SOAP-encoding schema the v4.1 WSDL imports comes from Debian's `python3-xmlschema`).
 * The test fails, not skips, when zeep is missing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSchemaDescriptor, buildServiceDescriptor } from '../../generator/src/descriptor/build-descriptor.js';
import { sampleValue } from '../../generator/src/samples/sample-value.js';
import { loadRepoCore } from '../support/generate.js';
import { CONTRACT_WSDL, ROOT } from '../support/paths.js';
import { startMockProcess, type MockProcess } from './mock-process.js';
import { compareOutcomes, sampleOperations } from './operation-sample.js';

/** Debian's Python, for which python3-zeep and python3-xmlschema are installed. */
const PYTHON = '/usr/bin/python3';
/** The SOAP-encoding schema that python3-xmlschema ships, found through the package itself. */
function soapEncodingSchema(): string {
  const r = spawnSync(
    PYTHON,
    [
      '-c',
      'import os, xmlschema; print(os.path.join(os.path.dirname(xmlschema.__file__), "schemas", "WSDL", "soap-encoding.xsd"))',
    ],
    { encoding: 'utf8' },
  );
  return r.status === 0 ? r.stdout.trim() : '';
}
let SOAPENC_XSD = '';
const V41_WSDL = '../shared/corpus/ECGridOS-v4.1.wsdl';

function requireZeep(): void {
  const r = spawnSync(PYTHON, ['-c', 'import zeep, xmlschema'], { encoding: 'utf8' });
  SOAPENC_XSD = soapEncodingSchema();
  if (r.status !== 0 || SOAPENC_XSD === '' || !existsSync(SOAPENC_XSD)) {
    throw new Error('zeep is not available: apt-get install python3-zeep python3-xmlschema (for /usr/bin/python3)');
  }
}

interface ZeepOutcome {
  operation: string;
  result?: unknown;
  error?: string;
}

/** Runs zeep_call.py; bigints go to Python as exact JSON integers. */
function zeepCalls(wsdlUrl: string, calls: Array<{ operation: string; args: unknown }>): ZeepOutcome[] {
  const input = JSON.stringify(calls, (_k, v: unknown) =>
    typeof v === 'bigint'
      ? `__bigint__${v}`
      : v instanceof Uint8Array
        ? `__b64__${Buffer.from(v).toString('base64')}`
        : v,
  ).replace(/"__bigint__(-?\d+)"/g, '$1');
  const r = spawnSync(PYTHON, [join(ROOT, 'test', 'interop', 'zeep_call.py'), wsdlUrl, SOAPENC_XSD], {
    input,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`zeep_call.py failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as ZeepOutcome[];
}

/**
 * Compares our value with zeep's (integers as digit strings, datetimes in ISO form, absent
 * optional fields as null); returns the differences. zeep's own ways are accepted and counted in
 * `deviations`: it returns the list itself for a type whose only child is a repeated element
 * (`ArrayOfX`), reads an element with no children as None, and reads an xsi:nil item of a
 * complex type as an object whose fields are all None.
 */
function compareWithZeep(
  ours: unknown,
  theirs: unknown,
  at: string,
  out: string[] = [],
  deviations: Set<string> = new Set(),
): string[] {
  const recurse = (a: unknown, b: unknown, path: string) => compareWithZeep(a, b, path, out, deviations);
  if (
    ours === null &&
    theirs !== null &&
    typeof theirs === 'object' &&
    !Array.isArray(theirs) &&
    Object.values(theirs).every((v) => v === null)
  ) {
    deviations.add('nil-item-as-empty-object');
    return out;
  }
  if (
    theirs === null &&
    ours !== null &&
    typeof ours === 'object' &&
    !Array.isArray(ours) &&
    !(ours instanceof Uint8Array) &&
    Object.values(ours).every((v) => v === undefined || (Array.isArray(v) && v.length === 0))
  ) {
    deviations.add('empty-element-as-none');
    return out;
  }
  if (ours instanceof Uint8Array) {
    if (theirs !== Buffer.from(ours).toString('base64')) out.push(`${at}: binary differs`);
    return out;
  }
  if (ours !== null && typeof ours === 'object' && !Array.isArray(ours) && Array.isArray(theirs)) {
    const keys = Object.keys(ours);
    const only = keys.length === 1 ? (ours as Record<string, unknown>)[keys[0]!] : undefined;
    if (Array.isArray(only)) {
      deviations.add('array-wrapper-unwrapped');
      return recurse(only, theirs, `${at}.${keys[0]}`);
    }
  }
  if (ours === undefined) {
    if (theirs !== null && theirs !== undefined && !(Array.isArray(theirs) && theirs.length === 0))
      out.push(`${at}: absent expected, zeep has ${JSON.stringify(theirs)}`);
    return out;
  }
  if (ours === null || typeof ours === 'boolean') {
    if (ours !== theirs) out.push(`${at}: ${String(ours)} expected, zeep has ${JSON.stringify(theirs)}`);
    return out;
  }
  if (typeof ours === 'number' || typeof ours === 'bigint') {
    if (String(ours) !== theirs && Number(theirs) !== Number(ours))
      out.push(`${at}: ${String(ours)} expected, zeep has ${JSON.stringify(theirs)}`);
    return out;
  }
  if (typeof ours === 'string') {
    if (ours === theirs) return out;
    const utc = (s: string) => Date.parse(/(Z|[+-]\d\d:\d\d)$/.test(s) ? s : `${s}Z`);
    // zeep reads xs:dateTime into a datetime and writes it back in isoformat (microseconds).
    if (typeof theirs === 'string' && /^\d{4}-\d\d-\d\dT/.test(ours) && utc(ours) === utc(theirs)) return out;
    out.push(`${at}: ${JSON.stringify(ours)} expected, zeep has ${JSON.stringify(theirs)}`);
    return out;
  }
  if (Array.isArray(ours)) {
    if (!Array.isArray(theirs) || theirs.length !== ours.length) {
      out.push(`${at}: ${ours.length} items expected, zeep has ${JSON.stringify(theirs)?.slice(0, 80)}`);
      return out;
    }
    for (const [i, x] of ours.entries()) recurse(x, theirs[i], `${at}[${i}]`);
    return out;
  }
  if (typeof ours === 'object') {
    if (theirs === null || typeof theirs !== 'object') {
      out.push(`${at}: object expected, zeep has ${JSON.stringify(theirs)}`);
      return out;
    }
    const other = theirs as Record<string, unknown>;
    for (const key of new Set([...Object.keys(ours), ...Object.keys(other)])) {
      recurse((ours as Record<string, unknown>)[key], other[key], `${at}.${key}`);
    }
    return out;
  }
  out.push(`${at}: unexpected value`);
  return out;
}

describe('zeep against the mock server', () => {
  beforeAll(() => requireZeep());

  describe('wsdl/ECGridOS.wsdl', () => {
    let mock: MockProcess;
    beforeAll(async () => {
      mock = await startMockProcess(CONTRACT_WSDL);
    });
    afterAll(async () => {
      await mock?.stop('SIGKILL');
    });

    it("zeep, built from the mock's ?WSDL, calls KeySet and gets the right values", async () => {
      const [outcome] = zeepCalls(`${mock.url}?WSDL`, [
        { operation: 'KeySet', args: { SessionID: 'zeep-session', UserID: 5001, Visibility: 'Shared' } },
      ]);
      expect(outcome).toEqual({
        operation: 'KeySet',
        result: {
          KeyID: '1043',
          UserID: '5001',
          Key: 'xyz987uvw654rst321opq098nml765kj',
          Visibility: 'Shared',
          Created: '2026-05-07T10:00:00',
        },
      });
      await expect.poll(() => mock.lines().filter((l) => / 200 KeySet /.test(l)).length).toBe(1);
    });
  });

  describe('24 operations of the real v4.1 WSDL', () => {
    const core = loadRepoCore(V41_WSDL);
    const schema = buildSchemaDescriptor(core);
    const service = buildServiceDescriptor(core.services[0]!);
    const operations = sampleOperations(schema, service);
    let mock: MockProcess;
    beforeAll(async () => {
      mock = await startMockProcess(V41_WSDL);
    });
    afterAll(async () => {
      await mock?.stop('SIGKILL');
    });

    it('zeep calls each on the mock: the mock accepts every request and zeep reads every value', async () => {
      expect(operations.length).toBeGreaterThanOrEqual(20);
      const calls = operations.map((op) => ({
        operation: op.name,
        args: sampleValue(schema, op.input, { as: 'element' }),
      }));
      const outcomes = zeepCalls(`${mock.url}?WSDL`, calls);
      const deviations = new Set<string>();
      const problems = compareOutcomes(schema, operations, outcomes, (expected, actual, name, found) =>
        compareWithZeep(expected, actual, name, found, deviations),
      );
      expect(problems).toEqual([]);
      // zeep's own representations (see compareWithZeep), documented rather than hidden.
      expect([...deviations].sort()).toEqual([
        'array-wrapper-unwrapped',
        'empty-element-as-none',
        'nil-item-as-empty-object',
      ]);
      await expect
        .poll(() => mock.lines().filter((l) => / 200 /.test(l) && !/WSDL/.test(l)).length)
        .toBe(operations.length);
    });
  });
});
