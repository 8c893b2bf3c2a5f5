import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockProcess } from '../interop/mock-process.js';
import { startServer } from '../support/soap-server.js';
import { ROOT, readRepoFile } from '../support/paths.js';
import { SYSTEM_PYTHON } from './support/drivers/python.js';
import { contractPackage, generatePackage, makeScratch, removeScratch, V41_WSDL } from './support/packages.js';
import { mustRun, runCommand } from './support/run.js';

/**
 * The Python packages as a user gets them: the wheels in `artifacts/python/` (built by
 * `generator/scripts/artifacts/python.mjs`, which `npm run generate` and `npm test` run first)
 * installed with pip, without a package index, into fresh virtual environments of Debian's
 * interpreter. The page's example runs against a local server; the v3.2 and v4.1 SDKs run side
 * by side in one program on one copy of the runtime. The Python idioms (a context manager, logging,
 * `last_exchange`, enum strings, fault details, timeouts, asyncio) and the SDK README's examples run
 * against the mock server (`ecgrid-codegen mock`, with `--fault` and `--delay`).
 */
const V32_WSDL = '../shared/corpus/ECGridOS-v3.2.wsdl';
const ARTIFACTS = join(ROOT, 'artifacts', 'python');
const EXAMPLE = join(ROOT, 'test', 'targets', 'examples', 'keyset_example.py');
const SIDE_BY_SIDE = join(ROOT, 'test', 'targets', 'python', 'side_by_side.py');
const IDIOMS = join(ROOT, 'test', 'targets', 'python', 'idioms.py');
const CONTRACT_README = join(ROOT, 'packages', 'ecgridos-python', 'README.md');
/** The port the README's examples give the mock server (`--port 8080`). */
const README_MOCK = 'http://127.0.0.1:8080';
const RUNTIME_VERSION = (JSON.parse(readRepoFile('packages/runtime/package.json')) as { version: string }).version;
const scratch = makeScratch('python-artifacts');
afterAll(() => removeScratch(scratch));

/** Nothing of the repository on the paths: the venv sees only what pip installed. */
const CLEAN_ENV = {
  PYTHONPATH: '',
  PYTHONDONTWRITEBYTECODE: '1',
  PYTHONIOENCODING: 'utf-8',
  PIP_NO_INDEX: '1',
  PIP_DISABLE_PIP_VERSION_CHECK: '1',
};

function versionOf(pyproject: string): string {
  const version = /^version = "([^"]+)"/m.exec(readFileSync(pyproject, 'utf8'))?.[1];
  if (version === undefined) throw new Error(`${pyproject} has no version`);
  return version;
}

/** The wheel of a distribution in artifacts/python, or a clear error saying how to build it. */
function artifact(distribution: string, version: string): string {
  const file = join(ARTIFACTS, `${distribution.replace(/-/g, '_')}-${version}-py3-none-any.whl`);
  if (!existsSync(file)) {
    const found = existsSync(ARTIFACTS) ? readdirSync(ARTIFACTS).join(', ') || 'nothing' : 'no artifacts/python folder';
    throw new Error(
      `${file} is missing (found: ${found}): build the artifacts with \`npm run generate\` or \`node generator/scripts/build-artifacts.mjs --language python\``,
    );
  }
  return file;
}

/** A fresh virtual environment with pip; returns its interpreter. */
async function venv(name: string): Promise<string> {
  const dir = join(scratch, name);
  await mustRun(SYSTEM_PYTHON, ['-m', 'venv', dir], { env: CLEAN_ENV });
  return join(dir, 'bin', 'python');
}

async function pipInstall(python: string, findLinks: readonly string[], names: readonly string[]): Promise<void> {
  await mustRun(
    python,
    ['-m', 'pip', 'install', '--quiet', '--no-index', ...findLinks.flatMap((dir) => ['--find-links', dir]), ...names],
    { cwd: scratch, env: CLEAN_ENV },
  );
}

beforeAll(() => {
  artifact('ecgrid-soap-runtime', RUNTIME_VERSION);
  artifact('ecgridos', versionOf(join(contractPackage('python'), 'pyproject.toml')));
});

describe('python: installed from artifacts/python into a fresh virtual environment', () => {
  it("pip install --no-index ecgridos brings the runtime; the page's example runs against a local server", async () => {
    const python = await venv('consumer');
    await pipInstall(python, [ARTIFACTS], ['ecgridos']);
    const installed = await mustRun(python, ['-m', 'pip', 'list', '--format', 'json'], {
      cwd: scratch,
      env: CLEAN_ENV,
    });
    const names = (JSON.parse(installed.stdout) as { name: string; version: string }[]).map(
      (p) => `${p.name}==${p.version}`,
    );
    expect(names).toContain(`ecgrid-soap-runtime==${RUNTIME_VERSION}`);
    expect(names.some((n) => n.startsWith('ecgridos=='))).toBe(true);
    // The runtime is the installed distribution, not the repository's sources.
    const where = await mustRun(
      python,
      ['-c', 'import ecgrid_soap_runtime, ecgridos; print(ecgrid_soap_runtime.__file__); print(ecgridos.__file__)'],
      { cwd: scratch, env: CLEAN_ENV },
    );
    for (const file of where.stdout.trim().split('\n')) expect(file.startsWith(join(scratch, 'consumer'))).toBe(true);

    const server = await startServer(() => ({ body: readRepoFile('wsdl/examples/KeySet.soap11.response.xml') }));
    try {
      const run = await mustRun(python, [EXAMPLE], {
        cwd: scratch,
        env: { ...CLEAN_ENV, ECGRID_ENDPOINT: server.url, ECGRID_SESSION_ID: 'a3f1c2d4-7e8b-4c5a-9d0f-1b2c3d4e5f60' },
      });
      expect(run.stdout).toBe(
        "KeyIDInfo(KeyID=1043, UserID=5001, Key='xyz987uvw654rst321opq098nml765kj', Visibility=<KeyVisibility.Shared: 'Shared'>, Created='2026-05-07T10:00:00')\n",
      );
      expect(server.requests).toHaveLength(1);
      expect(`${server.requests[0]?.body}\n`).toBe(readRepoFile('wsdl/examples/KeySet.soap11.request.xml'));
    } finally {
      await server.close();
    }
  });

  it('the v3.2 and v4.1 SDKs run together in one program on one installed runtime', async () => {
    // The corpus SDKs are not in packages/: generate them here and build their wheels the way the artifacts module does.
    const wheels = join(scratch, 'wheels');
    mkdirSync(wheels, { recursive: true });
    for (const [wsdl, out] of [
      [V32_WSDL, 'v3.2'],
      [V41_WSDL, 'v4.1'],
    ] as const) {
      const dir = generatePackage(wsdl, 'python', join(scratch, out));
      await mustRun(SYSTEM_PYTHON, ['-m', 'build', '--no-isolation', '--wheel', '--outdir', wheels, dir], {
        env: CLEAN_ENV,
      });
    }
    const python = await venv('side-by-side');
    await pipInstall(python, [ARTIFACTS, wheels], ['ecgridos-api-v3', 'ecgridos-api-v4']);
    const installed = await mustRun(python, ['-m', 'pip', 'list', '--format', 'json'], {
      cwd: scratch,
      env: CLEAN_ENV,
    });
    const runtimes = (JSON.parse(installed.stdout) as { name: string }[]).filter(
      (p) => p.name === 'ecgrid-soap-runtime',
    );
    expect(runtimes).toHaveLength(1);
    // Both typed packages, as installed, type-check together with the program under --strict.
    await mustRun(
      'mypy',
      ['--strict', '--python-executable', python, '--cache-dir', join(scratch, 'mypy'), SIDE_BY_SIDE],
      { cwd: scratch, env: CLEAN_ENV },
    );

    // Answers Version and KeySet in the namespace of the request, so each SDK gets its own.
    const server = await startServer((request) => {
      const [, operation, ns] = /<soap:Body>\s*<(\w+) xmlns="([^"]+)"/.exec(request.body) ?? [];
      const result = operation === 'Version' ? (ns === 'http://ecgridos.net/' ? '3.2.0' : '4.1.0') : 'true';
      return {
        body: `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><${operation}Response xmlns="${ns}"><${operation}Result>${result}</${operation}Result></${operation}Response></soap:Body></soap:Envelope>`,
      };
    });
    try {
      const run = await mustRun(python, [SIDE_BY_SIDE, server.url], { cwd: scratch, env: CLEAN_ENV });
      const out = JSON.parse(run.stdout) as {
        module: string;
        version: string;
        key_set: boolean;
        decoded: string;
        other_namespace: string | null;
        runtime_file: string;
      }[];
      expect(out.map(({ runtime_file, ...rest }) => rest)).toEqual([
        {
          module: 'ecgridos_api_v3',
          version: '3.2.0',
          key_set: true,
          decoded: 'ecgridos_api_v3.models.KeySetResponse',
          other_namespace: 'wrong-namespace',
        },
        {
          module: 'ecgridos_api_v4',
          version: '4.1.0',
          key_set: true,
          decoded: 'ecgridos_api_v4.models.KeySetResponse',
          other_namespace: 'wrong-namespace',
        },
      ]);
      expect(out[0]?.runtime_file).toBe(out[1]?.runtime_file);
      expect(out[0]?.runtime_file.startsWith(join(scratch, 'side-by-side'))).toBe(true);
      expect(server.requests.map((r) => r.headers.soapaction)).toEqual([
        '"http://ecgridos.net/Version"',
        '"http://ecgridos.net/KeySet"',
        '"https://os.ecgrid.io/Version"',
        '"https://os.ecgrid.io/KeySet"',
      ]);
    } finally {
      await server.close();
    }
  });

  it('the idioms run against the mock server (--fault, --delay), type-checked with mypy --strict, and so do the README examples', async () => {
    const python = await venv('idioms');
    await pipInstall(python, [ARTIFACTS], ['ecgridos']);
    // The README section's examples, in order, as one program pointed at the mock server started below.
    const readme = readFileSync(CONTRACT_README, 'utf8');
    const section = /\n## Connections, logging, errors and asyncio\n([\s\S]*?)\n## /.exec(readme)?.[1] ?? '';
    const blocks = [...section.matchAll(/```python\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
    expect(blocks.length).toBe(4);
    const faultFile = join(scratch, 'fault.xml');
    writeFileSync(
      faultFile,
      '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault>' +
        '<faultcode>soap:Client</faultcode><faultstring>Session s rejected</faultstring><detail><Error xmlns="urn:ecgrid:errors">' +
        '<Code>401</Code><Session>s</Session><Hint>see soap:Client</Hint></Error></detail></soap:Fault></soap:Body></soap:Envelope>',
    );
    const mocks = await Promise.all([
      startMockProcess('wsdl/ECGridOS.wsdl'),
      startMockProcess('wsdl/ECGridOS.wsdl', ['--fault', `KeySet=${faultFile}`]),
      startMockProcess('wsdl/ECGridOS.wsdl', ['--delay', '3000']),
    ]);
    try {
      const [plain, faulty, slow] = mocks.map((m) => m.url) as [string, string, string];
      const readmeProgram = join(scratch, 'readme_examples.py');
      writeFileSync(readmeProgram, blocks.join('\n').replaceAll(README_MOCK, new URL(plain).origin));
      await mustRun(
        'mypy',
        ['--strict', '--python-executable', python, '--cache-dir', join(scratch, 'mypy-idioms'), IDIOMS, readmeProgram],
        { cwd: scratch, env: CLEAN_ENV },
      );

      // The enumeration's values type-check as strings; a string that is none of them does not.
      const wrong = join(scratch, 'wrong_visibility.py');
      writeFileSync(
        wrong,
        'from ecgridos import ECGridOS\n\nECGridOS().service.KeySet(UserID=1, Visibility="Hidden")\n',
      );
      const refused = await runCommand(
        'mypy',
        ['--strict', '--python-executable', python, '--cache-dir', join(scratch, 'mypy-idioms'), wrong],
        { cwd: scratch, env: CLEAN_ENV },
      );
      expect(refused.status).toBe(1);
      expect(refused.stdout).toMatch(
        /wrong_visibility\.py:3: error: Argument "Visibility" to "KeySet" of "ECGridOSService" has incompatible type/,
      );

      const run = await mustRun(python, [IDIOMS, plain, faulty, slow], { cwd: scratch, env: CLEAN_ENV });
      const display = plain;
      expect(JSON.parse(run.stdout)).toEqual({
        result: { UserID: 42, Visibility: 'Shared', is_enum: true },
        exchange_holds_secret: true,
        repr_holds_secret: false,
        repr_redacted: true,
        other_thread_sees_none: true,
        after_close: 'closed',
        log_info: [
          `ecgrid_soap_runtime INFO KeySet ${display}: HTTP 200`,
          `ecgrid_soap_runtime INFO KeySet ${display}: no answer, ClientUsageError (closed)`,
        ],
        log_has_request_body: true,
        log_holds_secret: false,
        log_redacted: true,
        fault: {
          message: 'SOAP fault soap:Client: Session *** rejected',
          code: 'soap:Client',
          reason: 'Session *** rejected',
          detail_value: { Error: { Code: '401', Session: '***', Hint: 'see soap:Client' } },
          detail_tag: '{urn:ecgrid:errors}Error',
        },
        timeout: {
          code: 'timeout',
          timeout: 0.5,
          message: `request to ${slow} timed out after 0.5 s`,
          is_timeout_error: true,
        },
        async: { user_ids: [7, 8, 9], timeout: `request to ${slow} timed out after 0.5 s` },
      });

      const examples = await mustRun(python, [readmeProgram], { cwd: scratch, env: CLEAN_ENV });
      // basicConfig logs to stderr: three calls of the with block, three gathered; each with its bodies.
      expect(examples.stderr.match(/^INFO:ecgrid_soap_runtime:KeySet .*: HTTP 200 in \d+ ms$/gm)).toHaveLength(7);
      expect(examples.stderr.match(/^DEBUG:ecgrid_soap_runtime:KeySet request:$/gm)).toHaveLength(7);
      const printed = examples.stdout.trimEnd().split('\n');
      expect(printed[0]).toBe(
        "KeyIDInfo(KeyID=1043, UserID=1, Key='xyz987uvw654rst321opq098nml765kj', Visibility=<KeyVisibility.Private: 'Private'>, Created='2026-05-07T10:00:00')",
      );
      expect(printed[1]).toMatch(/^Exchange\(url='http:\/\/127\.0\.0\.1:\d+\/v4\.1\/prod\/ECGridOS\.asmx', /);
      expect(printed.slice(2)).toEqual(['3']);
    } finally {
      await Promise.all(mocks.map((m) => m.stop('SIGKILL')));
    }
  });
});
