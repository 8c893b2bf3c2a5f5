import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTRACT_WSDL, ROOT, readRepoFile } from '../support/paths.js';

const BIN = join(ROOT, 'generator', 'bin', 'ecgrid-codegen.js');
const EXAMPLE = readRepoFile('wsdl/examples/KeyIDInfo.xml');

function convert(args: string[], input: string) {
  const r = spawnSync(process.execPath, [BIN, 'convert', '--wsdl', CONTRACT_WSDL, ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('convert', () => {
  it('the page example, XML to JSON: numbers, enum string, dateTime lexical', () => {
    const run = convert(['--type', 'KeyIDInfo', '--from', 'xml', '--to', 'json', '--unqualified'], EXAMPLE);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      KeyID: 1043,
      UserID: 5001,
      Key: 'xyz987uvw654rst321opq098nml765kj',
      Visibility: 'Shared',
      Created: '2026-05-07T10:00:00',
    });
  });

  it('JSON back to XML gives the page example again (unqualified, one element per line)', () => {
    const json = convert(['--type', 'KeyIDInfo', '--from', 'xml', '--to', 'json', '--unqualified'], EXAMPLE).stdout;
    const back = convert(
      ['--type', 'KeyIDInfo', '--from', 'json', '--to', 'xml', '--unqualified', '--indent', '0'],
      json,
    );
    expect(back.code, back.stderr).toBe(0);
    expect(back.stdout.replace(/\s+/g, '')).toBe(EXAMPLE.replace(/\s+/g, ''));
  });

  it('JSON to qualified XML by default, and back', () => {
    const json = JSON.stringify({
      KeyID: 7,
      UserID: 9,
      Key: 'k',
      Visibility: 'Public',
      Created: '2026-05-07T10:00:00Z',
    });
    const xml = convert(['--type', 'KeyIDInfo', '--from', 'json', '--to', 'xml'], json);
    expect(xml.code, xml.stderr).toBe(0);
    expect(xml.stdout).toContain('<KeyIDInfo xmlns="https://os.ecgrid.io/">');
    const again = convert(['--type', 'KeyIDInfo', '--from', 'xml', '--to', 'json'], xml.stdout);
    expect(JSON.parse(again.stdout)).toEqual(JSON.parse(json));
  });

  it('a global element by name (the KeySet request wrapper)', () => {
    const run = convert(
      ['--type', 'KeySet', '--from', 'json', '--to', 'xml'],
      JSON.stringify({ SessionID: 's', UserID: 1, Visibility: 'Session' }),
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^<KeySet xmlns="https:\/\/os\.ecgrid\.io\/">/);
  });

  for (const [name, args, input, pattern] of [
    [
      'not well-formed XML',
      ['--from', 'xml', '--to', 'json'],
      '<KeyIDInfo>\n  <KeyID>1</KeyID>\n</KeyIDInf>',
      /^<stdin>:3:\d+: error xml-[a-z-]+: /,
    ],
    [
      'an unknown enumeration value',
      ['--from', 'xml', '--to', 'json', '--unqualified'],
      EXAMPLE.replace('Shared', 'Shard'),
      /^<stdin>:5:\d+: error unknown-enum-value: KeyIDInfo\.Visibility: /,
    ],
    [
      'a number out of range',
      ['--from', 'xml', '--to', 'json', '--unqualified'],
      EXAMPLE.replace('1043', '99999999999'),
      /^<stdin>:2:\d+: error (out-of-range|invalid-value): KeyIDInfo\.KeyID: /,
    ],
    [
      'a missing required element',
      ['--from', 'xml', '--to', 'json', '--unqualified'],
      EXAMPLE.replace('<UserID>5001</UserID>\n', ''),
      /^<stdin>:\d+:\d+: error missing-element: KeyIDInfo\.UserID/,
    ],
    [
      'a DOCTYPE',
      ['--from', 'xml', '--to', 'json', '--unqualified'],
      `<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n${EXAMPLE}`,
      /^<stdin>:1:1: error xml-doctype-refused: /,
    ],
    [
      'invalid JSON',
      ['--from', 'json', '--to', 'xml'],
      '{\n  "KeyID": 1,\n  oops\n}',
      /^<stdin>:3:\d+: error invalid-json: /,
    ],
    [
      'JSON with a wrong type',
      ['--from', 'json', '--to', 'xml'],
      JSON.stringify({ KeyID: 'x', UserID: 9, Key: 'k', Visibility: 'Public', Created: '2026-05-07T10:00:00Z' }),
      /^<stdin>:1:1: error [a-z-]+: KeyIDInfo\.KeyID/,
    ],
  ] as const) {
    it(`bad input (${name}): exit 1 with FILE:LINE:COL and no stack trace`, () => {
      const run = convert(['--type', 'KeyIDInfo', ...args], input);
      expect(run.code, run.stdout + run.stderr).toBe(1);
      expect(run.stderr).toMatch(pattern);
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(run.stdout).toBe('');
    });
  }

  it('an unknown type name is an input error', () => {
    const run = convert(['--type', 'Nope', '--from', 'xml', '--to', 'json'], EXAMPLE);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('no global element or type named "Nope"');
  });
});
