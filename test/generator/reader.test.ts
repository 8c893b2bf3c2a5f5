import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCore } from '../../generator/src/pipeline.js';
import type { ComplexTypeDecl, Core, SimpleTypeDecl } from '../../generator/src/model/core.js';
import { CONTRACT_WSDL, CORPUS, readRepoFile } from '../support/paths.js';

const TNS = 'https://os.ecgrid.io/';
const XS = 'http://www.w3.org/2001/XMLSchema';

function load(path: string, text: string): Core {
  const result = loadCore(path, text);
  if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
  return result.core;
}

describe('the typed core of wsdl/ECGridOS.wsdl', () => {
  const core = load(CONTRACT_WSDL, readRepoFile(CONTRACT_WSDL));

  it('has KeyIDInfo with its five fields, types, occurrences and documentation', () => {
    const info = core.types.find((t) => t.id === `{${TNS}}KeyIDInfo`) as ComplexTypeDecl;
    expect(info.kind).toBe('complex');
    expect(
      info.content.map((p) =>
        p.kind === 'element' ? [p.name, p.type, p.minOccurs, p.maxOccurs, p.namespace] : p.kind,
      ),
    ).toEqual([
      ['KeyID', `{${XS}}int`, 1, 1, TNS],
      ['UserID', `{${XS}}int`, 1, 1, TNS],
      ['Key', `{${XS}}string`, 1, 1, TNS],
      ['Visibility', `{${TNS}}KeyVisibility`, 1, 1, TNS],
      ['Created', `{${XS}}dateTime`, 1, 1, TNS],
    ]);
    const keyId = info.content[0];
    expect(keyId?.kind === 'element' && keyId.documentation).toBe('Unique identifier for this API key record');
  });

  it('has the KeyVisibility enumeration with documented values', () => {
    const visibility = core.types.find((t) => t.id === `{${TNS}}KeyVisibility`) as SimpleTypeDecl;
    expect(visibility.enumeration?.map((v) => v.value)).toEqual(['Private', 'Shared', 'Public', 'Session']);
    expect(visibility.enumeration?.[1]?.documentation).toBe('Key is shared within the mailbox or network');
  });

  it('keeps the source line of every declaration', () => {
    const lines = readRepoFile(CONTRACT_WSDL).split('\n');
    for (const decl of [
      ...core.types,
      ...core.elements,
      ...core.messages,
      ...core.portTypes,
      ...core.bindings,
      ...core.services,
    ]) {
      expect(decl.origin.file).toBe(CONTRACT_WSDL);
      const line = lines[decl.origin.line - 1] ?? '';
      expect(line.slice(decl.origin.column - 1)).toMatch(/^<(s|wsdl):/);
      if ('name' in decl && !('anonymousIn' in decl && decl.anonymousIn)) expect(line).toContain(`"${decl.name}"`);
    }
  });

  it('derives the KeySet operation of the ECGridOS service for SOAP 1.1 and 1.2', () => {
    expect(core.services).toHaveLength(1);
    const service = core.services[0];
    expect(service?.ports.map((p) => [p.name, p.protocol, p.address])).toEqual([
      ['ECGridOSSoap', 'soap11', 'https://os.ecgrid.io/v4.1/prod/ECGridOS.asmx'],
      ['ECGridOSSoap12', 'soap12', 'https://os.ecgrid.io/v4.1/prod/ECGridOS.asmx'],
    ]);
    expect(service?.operations).toEqual([
      expect.objectContaining({
        name: 'KeySet',
        soapAction: 'https://os.ecgrid.io/KeySet',
        input: `{${TNS}}KeySet`,
        output: `{${TNS}}KeySetResponse`,
        wrapped: true,
        protocols: ['soap11', 'soap12'],
        documentation: 'Creates or updates an API key for a user with a specified visibility level.',
      }),
    ]);
  });

  it('is JSON-serialisable and has no diagnostics', () => {
    expect(JSON.parse(JSON.stringify(core))).toEqual(core);
    expect(core.diagnostics).toEqual([]);
  });
});

describe('the real service WSDLs load into the core', () => {
  for (const [file, operations, complexTypes, enums] of [
    ['ECGridOS-v4.1.wsdl', 221, 74, 44],
    ['ECGridOS-v3.2.wsdl', 235, 84, 51],
  ] as const) {
    it(`${file}: ${operations} operations, ${complexTypes} named complex types, ${enums} enumerations`, () => {
      const core = load(`../shared/corpus/${file}`, readFileSync(join(CORPUS, file), 'utf8'));
      expect(core.portTypes.find((p) => p.name.endsWith('Soap'))?.operations).toHaveLength(operations);
      expect(core.services[0]?.operations).toHaveLength(operations);
      expect(core.types.filter((t) => t.kind === 'complex' && !t.anonymousIn)).toHaveLength(complexTypes);
      expect(core.types.filter((t) => t.kind === 'simple' && t.enumeration)).toHaveLength(enums);
      expect(core.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    });
  }
});

describe('bad input becomes positioned diagnostics', () => {
  it('not XML', () => {
    const result = loadCore('bad.wsdl', 'this is not xml');
    expect(result.ok).toBe(false);
    expect(result.diagnostics[0]).toMatchObject({
      severity: 'error',
      origin: { file: 'bad.wsdl', line: 1, column: 1 },
    });
  });

  it('XML that is not a WSDL', () => {
    const result = loadCore('x.xml', '<?xml version="1.0"?>\n<html><body/></html>');
    expect(result.ok).toBe(false);
    expect(result.diagnostics[0]).toMatchObject({ code: 'not-a-wsdl', origin: { line: 2, column: 1 } });
  });

  it('a type reference that does not resolve', () => {
    const text = readRepoFile(CONTRACT_WSDL).replace('type="tns:KeyVisibility" />', 'type="tns:KeyVisibilty" />');
    const result = loadCore(
      CONTRACT_WSDL,
      text.replace('name="Visibility" type="tns:KeyVisibility"', 'name="Visibility" type="tns:NoSuchType"'),
    );
    expect(result.ok).toBe(false);
    const unresolved = result.diagnostics.filter((d) => d.code === 'unresolved-type');
    expect(unresolved.length).toBeGreaterThan(0);
    expect(unresolved[0]?.message).toContain('{https://os.ecgrid.io/}NoSuchType');
    const line = text.split('\n').findIndex((l) => l.includes('name="Visibility" type="tns:KeyVisibility"')) + 1;
    expect(unresolved[0]?.origin?.line).toBe(line);
  });
});
