import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeEnvelope, encodeBodyElement, encodeEnvelope, SoapFaultError } from '@ecgrid/soap-runtime';
import { decode, encode, schema } from '../../packages/ecgridos/src/index.js';
import { extractSchemas, validateXml } from '../support/libxml2.js';
import { readRepoFile } from '../support/paths.js';

const PRINTED = readRepoFile('wsdl/examples/KeyIDInfo.xml');
const WSDL = readRepoFile('wsdl/ECGridOS.wsdl');
const TNS = 'https://os.ecgrid.io/';
const EXPECTED = {
  KeyID: 1043,
  UserID: 5001,
  Key: 'xyz987uvw654rst321opq098nml765kj',
  Visibility: 'Shared',
  Created: '2026-05-07T10:00:00',
};

/** libxml2's canonical form (C14N), ignoring whitespace-only text between elements. */
function canonical(xml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'ecgrid-c14n-'));
  try {
    writeFileSync(join(dir, 'doc.xml'), xml);
    const run = spawnSync('xmllint', ['--noblanks', '--c14n', join(dir, 'doc.xml')], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`xmllint --c14n failed: ${run.stderr}`);
    return run.stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function schemaOfWsdl() {
  const [xsd] = extractSchemas(WSDL);
  if (!xsd) throw new Error('the WSDL has no schema');
  return xsd;
}

describe('round trip of the documentation page example', () => {
  it('the printed (unqualified) example decodes to the documented values', () => {
    expect(decode('KeyIDInfo', PRINTED, { namespaces: 'ignore' })).toEqual(EXPECTED);
  });

  it('encodes back to an equivalent document (equal after canonicalisation)', () => {
    const value = decode('KeyIDInfo', PRINTED, { namespaces: 'ignore' });
    const back = encode('KeyIDInfo', value, { qualified: false, indent: '  ' });
    expect(canonical(back)).toBe(canonical(PRINTED));
  });

  it('the default encoding is namespace-qualified and valid against the WSDL schema (libxml2)', () => {
    const value = decode('KeyIDInfo', PRINTED, { namespaces: 'ignore' });
    const xml = encode('KeyIDInfo', value);
    expect(xml.startsWith(`<KeyIDInfo xmlns="${TNS}">`)).toBe(true);
    // KeyIDInfo is a type, not a global element: libxml2 validates it inside the response wrapper.
    const xsd = schemaOfWsdl();
    const response = encode('KeySetResponse', { KeySetResult: value });
    expect(response).toContain(
      xml
        .replace('<KeyIDInfo xmlns="https://os.ecgrid.io/">', '<KeySetResult>')
        .replace('</KeyIDInfo>', '</KeySetResult>'),
    );
    const result = validateXml(xsd.text, response, { files: xsd.files });
    expect(result.errors).toEqual([]);
    expect(result.ok).toBe(true);
    // And the qualified document decodes strictly to the same values.
    expect(decode('KeyIDInfo', xml)).toEqual(EXPECTED);
  });

  it('keeps xs:dateTime exactly as written, zone or not', () => {
    for (const created of ['2026-05-07T10:00:00', '2026-05-07T10:00:00Z', '2026-05-07T10:00:00.125+02:00']) {
      const xml = encode('KeyIDInfo', { ...EXPECTED, Visibility: 'Shared', Created: created });
      expect(decode('KeyIDInfo', xml).Created).toBe(created);
    }
  });

  it('rejects what does not match the schema, naming the path', () => {
    expect(() => decode('KeyIDInfo', PRINTED.replace('Shared', 'Shard'), { namespaces: 'ignore' })).toThrow(
      /KeyIDInfo\.Visibility/,
    );
    expect(() => decode('KeyIDInfo', PRINTED.replace('1043', '1043.5'), { namespaces: 'ignore' })).toThrow(
      /KeyIDInfo\.KeyID/,
    );
    expect(() =>
      decode('KeyIDInfo', PRINTED.replace('<Key>xyz987uvw654rst321opq098nml765kj</Key>\n', ''), {
        namespaces: 'ignore',
      }),
    ).toThrow(/KeyIDInfo\.Key\b/);
    expect(() => decode('KeyIDInfo', PRINTED)).toThrow(/namespace/);
    expect(() =>
      decode('KeyIDInfo', `<!DOCTYPE KeyIDInfo [<!ENTITY x "y">]>\n${PRINTED}`, { namespaces: 'ignore' }),
    ).toThrow(/DOCTYPE|DTD/i);
  });
});

describe('the SOAP envelopes in wsdl/examples decode and re-encode byte-identical', () => {
  for (const [file, element] of [
    ['KeySet.soap11.request.xml', 'KeySet'],
    ['KeySet.soap12.request.xml', 'KeySet'],
    ['KeySet.soap11.response.xml', 'KeySetResponse'],
    ['KeySet.soap12.response.xml', 'KeySetResponse'],
  ] as const) {
    it(file, () => {
      const text = readRepoFile(`wsdl/examples/${file}`);
      const envelope = decodeEnvelope(text);
      const value = decode(element, envelope.body);
      if (element === 'KeySetResponse') expect(value).toEqual({ KeySetResult: EXPECTED });
      else expect(value).toMatchObject({ UserID: 5001, Visibility: 'Shared' });
      const body = encodeBodyElement(schema, `{${TNS}}${element}`, value, { version: envelope.version, indent: '  ' });
      expect(`${encodeEnvelope({ version: envelope.version, body }, { indent: '  ' })}\n`).toBe(text);
    });
  }

  for (const [file, code] of [
    ['Fault.soap11.xml', 'Client'],
    ['Fault.soap12.xml', 'Sender'],
  ] as const) {
    it(`${file} is read as a typed SoapFaultError`, () => {
      let caught: unknown;
      try {
        decodeEnvelope(readRepoFile(`wsdl/examples/${file}`));
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(SoapFaultError);
      expect((caught as SoapFaultError).codeLocal).toBe(code);
      expect((caught as SoapFaultError).detail).toBeDefined();
    });
  }

  it('the request bodies validate against the WSDL schema (libxml2)', () => {
    const xsd = schemaOfWsdl();
    const body = encode('KeySet', { SessionID: 'a3f1c2d4', UserID: 5001, Visibility: 'Shared' });
    expect(validateXml(xsd.text, body, { files: xsd.files })).toEqual({ ok: true, errors: [] });
  });
});
