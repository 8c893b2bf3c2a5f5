import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/paths.js';

/**
 * The dual-package hazard: an application that loads the runtime's ESM build while a dependency
 * loads its CommonJS build (or the other way round) still catches the errors of one with the
 * classes of the other. Needs the runtime built (`npm run build:tools`, which `npm test` runs).
 */
type Runtime = typeof import('@ecgrid/soap-runtime');
const DIST = join(ROOT, 'packages', 'runtime', 'dist');

async function builds(): Promise<{ esm: Runtime; cjs: Runtime }> {
  expect(existsSync(join(DIST, 'index.cjs')), 'build the runtime first: npm run build:tools').toBe(true);
  const esm = (await import(pathToFileURL(join(DIST, 'index.js')).href)) as Runtime;
  const cjs = createRequire(import.meta.url)(join(DIST, 'index.cjs')) as Runtime;
  return { esm, cjs };
}

function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('nothing was thrown');
}

describe('errors across the ESM and CommonJS builds', () => {
  it('an error of one build is an instance of the same class and its bases in the other, and of no other class', async () => {
    const { esm, cjs } = await builds();
    expect(esm.XmlParseError).not.toBe(cjs.XmlParseError);
    for (const [from, to] of [
      [esm, cjs],
      [cjs, esm],
    ] as const) {
      const error = thrownBy(() => from.parseXml('<a>'));
      expect(error).toBeInstanceOf(from.XmlParseError);
      expect(error).toBeInstanceOf(to.XmlParseError);
      expect(error).toBeInstanceOf(to.SoapRuntimeError);
      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(to.DecodeError);
      expect(error).not.toBeInstanceOf(to.SoapFaultError);
      const fault = thrownBy(() => from.decodeEnvelope(FAULT));
      expect(fault).toBeInstanceOf(to.SoapFaultError);
      expect(fault).not.toBeInstanceOf(to.XmlParseError);
    }
    expect(new Error('plain')).not.toBeInstanceOf(cjs.SoapRuntimeError);
    expect({ name: 'XmlParseError' }).not.toBeInstanceOf(esm.XmlParseError);
    expect(null).not.toBeInstanceOf(esm.SoapRuntimeError);
  });

  it('the mark is not enumerable: errors print and compare as before', async () => {
    const { esm } = await builds();
    const error = thrownBy(() => esm.parseXml('<a>')) as Error;
    const mark = Object.getOwnPropertySymbols(error).find(
      (s) => s.description === '@ecgrid/soap-runtime/error-classes',
    );
    expect(mark).toBeDefined();
    expect(Object.getOwnPropertyDescriptor(error, mark as symbol)?.enumerable).toBe(false);
    expect(JSON.stringify(error)).toBe(
      '{"code":"unexpected-end","name":"XmlParseError","offset":3,"line":1,"column":4}',
    );
  });
});

const FAULT =
  '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault><faultcode>soap:Server</faultcode><faultstring>down</faultstring></soap:Fault></soap:Body></soap:Envelope>';
