import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffCores } from '../../generator/src/diff/diff-core.js';
import type { Core } from '../../generator/src/model/core.js';
import { loadCore } from '../../generator/src/pipeline.js';
import { CONTRACT_WSDL, CORPUS, ROOT, readRepoFile } from '../support/paths.js';

const BIN = join(ROOT, 'generator', 'bin', 'ecgrid-codegen.js');
const CONTRACT = readRepoFile(CONTRACT_WSDL);

function core(text: string, path = 'x.wsdl'): Core {
  const loaded = loadCore(path, text);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics));
  return loaded.core;
}

/** The contract with one edit; the edit must apply. */
function edited(from: string, to: string): string {
  expect(CONTRACT, `edit ${from}`).toContain(from);
  return CONTRACT.replace(from, to);
}

const base = core(CONTRACT);
const VIS = '<s:enumeration value="Session">';

describe('diffCores', () => {
  it('finds nothing between a core and itself', () => {
    const diff = diffCores(base, core(CONTRACT));
    expect(diff.changes).toEqual([]);
    expect(diff.bump).toBe('none');
    expect(diff.breaking).toBe(false);
  });

  it('an added enumeration value is a minor change, a removed one is breaking', () => {
    const added = diffCores(base, core(edited(VIS, `<s:enumeration value="Team" />${VIS}`)));
    expect(added.changes).toEqual([
      { kind: 'added', subject: 'enum-value', path: 'KeyVisibility.Team', breaking: false },
    ]);
    expect(added.bump).toBe('minor');
    const removed = diffCores(core(edited(VIS, `<s:enumeration value="Team" />${VIS}`)), base);
    expect(removed.changes).toEqual([
      { kind: 'removed', subject: 'enum-value', path: 'KeyVisibility.Team', breaking: true },
    ]);
    expect(removed.bump).toBe('major');
  });

  it('a removed response field and a changed field type are breaking', () => {
    const diff = diffCores(
      base,
      core(
        edited('name="Created" type="s:dateTime"', 'name="Created" type="s:string"').replace(
          /<s:element minOccurs="1" maxOccurs="1" name="Key" type="s:string">[\s\S]*?<\/s:element>/,
          '',
        ),
      ),
    );
    expect(diff.changes).toContainEqual({ kind: 'removed', subject: 'field', path: 'KeyIDInfo.Key', breaking: true });
    expect(diff.changes).toContainEqual({
      kind: 'changed',
      subject: 'field',
      path: 'KeyIDInfo.Created',
      breaking: true,
      detail: 'type xs:dateTime -> xs:string',
    });
    expect(diff.bump).toBe('major');
  });

  it('occurrence and nillable changes are judged by where the type is used', () => {
    // A request parameter that became required breaks callers; one that became optional does not.
    const required = diffCores(
      base,
      core(edited('minOccurs="0" maxOccurs="1" name="SessionID"', 'minOccurs="1" maxOccurs="1" name="SessionID"')),
    );
    expect(required.changes).toEqual([
      {
        kind: 'changed',
        subject: 'parameter',
        path: 'KeySet(SessionID)',
        breaking: true,
        detail: 'occurs 0..1 -> 1..1',
      },
    ]);
    const optional = diffCores(
      base,
      core(
        edited(
          'minOccurs="1" maxOccurs="1" name="UserID" type="s:int">\n              <s:annotation>\n                <s:documentation>ID of the user for whom',
          'minOccurs="0" maxOccurs="1" name="UserID" type="s:int">\n              <s:annotation>\n                <s:documentation>ID of the user for whom',
        ),
      ),
    );
    expect(optional.changes).toEqual([
      { kind: 'changed', subject: 'parameter', path: 'KeySet(UserID)', breaking: false, detail: 'occurs 1..1 -> 0..1' },
    ]);
    expect(optional.bump).toBe('minor');
    // A response field that may now be absent or null breaks readers.
    const nillable = diffCores(
      base,
      core(edited('name="KeyID" type="s:int"', 'name="KeyID" nillable="true" type="s:int"')),
    );
    expect(nillable.changes).toEqual([
      { kind: 'changed', subject: 'field', path: 'KeyIDInfo.KeyID', breaking: true, detail: 'became nillable' },
    ]);
    const repeated = diffCores(
      base,
      core(edited('minOccurs="1" maxOccurs="1" name="KeyID"', 'minOccurs="1" maxOccurs="unbounded" name="KeyID"')),
    );
    expect(repeated.changes[0]).toMatchObject({
      path: 'KeyIDInfo.KeyID',
      breaking: true,
      detail: 'occurs 1..1 -> 1..*',
    });
  });

  it('added optional and required parameters', () => {
    const param = (occurs: string) =>
      core(
        edited(
          '<s:element minOccurs="1" maxOccurs="1" name="Visibility" type="tns:KeyVisibility">\n              <s:annotation>\n                <s:documentation>Visibility scope to assign',
          `<s:element minOccurs="${occurs}" maxOccurs="1" name="Note" type="s:string" /><s:element minOccurs="1" maxOccurs="1" name="Visibility" type="tns:KeyVisibility">\n              <s:annotation>\n                <s:documentation>Visibility scope to assign`,
        ),
      );
    expect(diffCores(base, param('0')).changes).toEqual([
      { kind: 'added', subject: 'parameter', path: 'KeySet(Note)', breaking: false, detail: 'xs:string optional' },
    ]);
    expect(diffCores(base, param('1')).changes).toEqual([
      { kind: 'added', subject: 'parameter', path: 'KeySet(Note)', breaking: true, detail: 'xs:string required' },
    ]);
  });

  it('documentation only is a patch; endpoints and namespaces are reported', () => {
    const docs = diffCores(base, core(edited('Date and time the key was created', 'When the key was created')));
    expect(docs.changes).toEqual([
      {
        kind: 'changed',
        subject: 'documentation',
        path: 'KeyIDInfo.Created',
        breaking: false,
        detail: 'documentation',
      },
    ]);
    expect(docs.bump).toBe('patch');
    const address = CONTRACT.match(/location="([^"]+)"/)?.[1];
    expect(address).toBeDefined();
    const endpoint = diffCores(base, core(CONTRACT.replaceAll(address!, 'https://example.test/ECGridOS.asmx')));
    expect(endpoint.changes.length).toBeGreaterThan(0);
    expect(endpoint.changes.every((c) => c.subject === 'endpoint' && c.kind === 'changed' && !c.breaking)).toBe(true);
    const moved = diffCores(
      base,
      core(CONTRACT.replace(/"https:\/\/os\.ecgrid\.io\/(KeySet)?"/g, '"https://example.test/ns/$1"')),
    );
    expect(moved.changes).toEqual([
      {
        kind: 'changed',
        subject: 'namespace',
        path: 'targetNamespace',
        breaking: true,
        detail: 'https://os.ecgrid.io/ -> https://example.test/ns/',
      },
    ]);
  });

  it('removed and added operations', () => {
    const renamed = CONTRACT.replace(/name="KeySet"/g, 'name="KeyCreate"').replace(/tns:KeySet"/g, 'tns:KeyCreate"');
    const diff = diffCores(base, core(renamed));
    expect(diff.changes).toContainEqual({ kind: 'removed', subject: 'operation', path: 'KeySet', breaking: true });
    expect(diff.changes).toContainEqual({ kind: 'added', subject: 'operation', path: 'KeyCreate', breaking: false });
  });
});

describe('ecgrid-codegen diff', () => {
  let work: string;
  beforeAll(() => {
    expect(existsSync(join(ROOT, 'generator', 'dist', 'cli.js')), 'build the CLI first: npm run build:tools').toBe(
      true,
    );
    work = mkdtempSync(join(tmpdir(), 'ecgrid-diff-'));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const cli = (args: string[]) => {
    const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  it('exits 0 without breaking changes and 3 with one; --json is the same diff', () => {
    const minor = join(work, 'minor.wsdl');
    writeFileSync(minor, CONTRACT.replace(VIS, `<s:enumeration value="Team" />${VIS}`));
    const ok = cli(['diff', CONTRACT_WSDL, minor]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('+ added enum-value KeyVisibility.Team');
    expect(ok.stdout).toContain('(bump: minor)');
    const back = cli(['diff', minor, CONTRACT_WSDL, '--json']);
    expect(back.code).toBe(3);
    const json = JSON.parse(back.stdout);
    expect(json).toMatchObject({
      breaking: true,
      bump: 'major',
      changes: [{ kind: 'removed', subject: 'enum-value', path: 'KeyVisibility.Team', breaking: true }],
    });
  });

  it('wrong usage exits 2, a missing file 1', () => {
    expect(cli(['diff', CONTRACT_WSDL]).code).toBe(2);
    const missing = cli(['diff', CONTRACT_WSDL, join(work, 'nope.wsdl')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nope\.wsdl:1:1: error cannot-read/);
  });

  it.runIf(existsSync(join(CORPUS, 'ECGridOS-v4.1.wsdl')))(
    'v3.2 -> v4.1: 57 operations removed, 43 added, the namespace moved: a major change',
    () => {
      const run = cli(['diff', join(CORPUS, 'ECGridOS-v3.2.wsdl'), join(CORPUS, 'ECGridOS-v4.1.wsdl'), '--json']);
      expect(run.code, run.stderr).toBe(3);
      const diff = JSON.parse(run.stdout) as ReturnType<typeof diffCores>;
      const count = (subject: string, kind: string) =>
        diff.changes.filter((c) => c.subject === subject && c.kind === kind).length;
      expect(count('operation', 'removed')).toBe(57);
      expect(count('operation', 'added')).toBe(43);
      expect(diff.changes).toContainEqual({
        kind: 'changed',
        subject: 'namespace',
        path: 'targetNamespace',
        breaking: true,
        detail: 'http://ecgridos.net/ -> https://os.ecgrid.io/',
      });
      expect(diff.changes).toContainEqual({
        kind: 'changed',
        subject: 'parameter',
        path: 'KeySet(ObjectID)',
        breaking: true,
        detail: 'type xs:int -> xs:long',
      });
      expect(diff.changes.filter((c) => c.subject === 'endpoint').every((c) => !c.breaking)).toBe(true);
      expect(diff.bump).toBe('major');
      const text = cli(['diff', join(CORPUS, 'ECGridOS-v3.2.wsdl'), join(CORPUS, 'ECGridOS-v4.1.wsdl')]);
      expect(text.code).toBe(3);
      expect(text.stdout).toContain('operation: 57 removed, 43 added');
      expect(text.stdout).toContain('- removed operation AS2Add');
    },
  );
});
