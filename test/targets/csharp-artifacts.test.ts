/**
 * The C# packages as a user gets them: the NuGet packages in `artifacts/nuget/` (packed by
 * `generator/scripts/artifacts/csharp.mjs`, which `npm run generate` and `npm test` run first).
 *
 * - Consumer: a fresh `dotnet new console` app for net8.0 and one for net10.0, with
 *   `artifacts/nuget` as an added package source, `dotnet add package ECGridOS.Client` (the
 *   runtime comes with it as a dependency), and the page's example run against a local server.
 *   Only the .NET 10 runtime is installed here, so the net8.0 app runs with
 *   `DOTNET_ROLL_FORWARD=Major`; its restore and compile against the net8.0 assets of both
 *   packages is what it proves.
 * - Side by side: the v3.2 and v4.1 SDKs, generated from the corpus WSDLs into a temporary
 *   folder, referenced by one net8.0 app: each calls its service on a local server and decodes
 *   its own namespace, both on one copy of the runtime from `artifacts/nuget`.
 *
 * Packages come from the global packages folder, where the artifacts step evicted the ids it
 * packed; the tests hold the restored packages to the artifacts' own SHA-512, so a stale copy
 * there fails instead of being used silently.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRepoFile, ROOT } from '../support/paths.js';
import { startServer, type ReceivedRequest, type Reply } from '../support/soap-server.js';
import { DOTNET_ENV, feedArgument, nugetFeed } from './support/drivers/csharp.js';
import { contractPackage, generatePackage, makeScratch, removeScratch, V41_WSDL } from './support/packages.js';
import { mustRun } from './support/run.js';

const V32_WSDL = '../shared/corpus/ECGridOS-v3.2.wsdl';
const RUNTIME_ID = 'ECGrid.Soap.Runtime';
const SDK_ID = 'ECGridOS.Client';
const HOOK_TIMEOUT = 900_000;

let scratch = '';
let feed = '';

function versionOf(project: string): string {
  const version = /<Version>([^<]+)<\/Version>/.exec(readFileSync(project, 'utf8'))?.[1];
  if (version === undefined) throw new Error(`${project} has no <Version>`);
  return version;
}

const RUNTIME_VERSION = versionOf(join(ROOT, 'packages', 'runtime-csharp', 'src', RUNTIME_ID, `${RUNTIME_ID}.csproj`));

/** The .nupkg of an id in the feed, or a clear error saying how to build it. */
function artifact(id: string, version: string): string {
  const file = join(feed, `${id}.${version}.nupkg`);
  if (!existsSync(file)) {
    throw new Error(
      `${file} is missing (found: ${readdirSync(feed).join(', ') || 'nothing'}): build the artifacts with \`node generator/scripts/build-artifacts.mjs --language csharp\``,
    );
  }
  return file;
}

function sha512(file: string): string {
  return createHash('sha512').update(readFileSync(file)).digest('base64');
}

const NOT_THE_ARTIFACT =
  "the restored package is not the one in artifacts/nuget: a stale copy in NuGet's global packages folder, or artifacts/nuget rebuilt while the test ran";

/** The packages a restore resolved (`obj/project.assets.json`): id/version -> its SHA-512. */
function restoredPackages(projectDir: string): Map<string, string> {
  const assets = JSON.parse(readFileSync(join(projectDir, 'obj', 'project.assets.json'), 'utf8')) as {
    libraries: Record<string, { type: string; sha512?: string }>;
  };
  return new Map(
    Object.entries(assets.libraries).flatMap(([key, library]) =>
      library.type === 'package' ? [[key, library.sha512 ?? '']] : [],
    ),
  );
}

beforeAll(() => {
  scratch = makeScratch('csharp-artifacts');
  feed = nugetFeed();
});

afterAll(() => {
  if (scratch !== '') removeScratch(scratch);
});

describe('C#: installed from artifacts/nuget into fresh console apps', () => {
  const sdkVersion = () => versionOf(join(contractPackage('csharp'), `${SDK_ID}.csproj`));

  for (const framework of ['net8.0', 'net10.0'] as const) {
    it(`${framework}: dotnet add package ${SDK_ID} brings the runtime; the page's example runs against a local server`, async () => {
      const app = join(scratch, `consumer-${framework}`);
      await mustRun('dotnet', ['new', 'console', '-o', app, '--name', 'KeySetApp'], { env: DOTNET_ENV });
      // The .NET 10 SDK's template offers net10.0 only; a .NET 8 user's project says net8.0.
      const csproj = join(app, 'KeySetApp.csproj');
      writeFileSync(
        csproj,
        readFileSync(csproj, 'utf8').replace(
          /<TargetFramework>[^<]+<\/TargetFramework>/,
          `<TargetFramework>${framework}</TargetFramework>`,
        ),
      );
      expect(readFileSync(csproj, 'utf8')).toContain(`<TargetFramework>${framework}</TargetFramework>`);
      // The user's package sources: nuget.org for the framework, the local folder for our packages
      // (source mapping: an ECGrid id can only come from there).
      writeFileSync(
        join(app, 'nuget.config'),
        `<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
    <add key="ecgrid-local" value="${feed}" />
  </packageSources>
  <packageSourceMapping>
    <packageSource key="ecgrid-local">
      <package pattern="ECGrid*" />
    </packageSource>
    <packageSource key="nuget.org">
      <package pattern="*" />
    </packageSource>
  </packageSourceMapping>
</configuration>
`,
      );
      cpSync(join(ROOT, 'test', 'targets', 'examples', 'KeySetExample.cs'), join(app, 'Program.cs'));
      await mustRun('dotnet', ['add', csproj, 'package', SDK_ID, '--version', sdkVersion()], {
        cwd: app,
        env: DOTNET_ENV,
      });
      await mustRun(
        'dotnet',
        ['build', csproj, '-c', 'Release', '-nologo', '-warnaserror', '-p:UseSharedCompilation=false'],
        { cwd: app, env: DOTNET_ENV },
      );

      // Both packages were restored, and they are the artifacts themselves.
      const restored = restoredPackages(app);
      expect(restored.get(`${SDK_ID}/${sdkVersion()}`), NOT_THE_ARTIFACT).toBe(sha512(artifact(SDK_ID, sdkVersion())));
      expect(restored.get(`${RUNTIME_ID}/${RUNTIME_VERSION}`), NOT_THE_ARTIFACT).toBe(
        sha512(artifact(RUNTIME_ID, RUNTIME_VERSION)),
      );
      const dll = join(app, 'bin', 'Release', framework, 'KeySetApp.dll');
      for (const name of [`${SDK_ID}.dll`, `${RUNTIME_ID}.dll`])
        expect(existsSync(join(app, 'bin', 'Release', framework, name)), name).toBe(true);

      const server = await startServer(() => ({ body: readRepoFile('wsdl/examples/KeySet.soap11.response.xml') }));
      try {
        // Only .NET 10 is installed: the net8.0 app runs on it by rolling forward.
        const env = framework === 'net8.0' ? { ...DOTNET_ENV, DOTNET_ROLL_FORWARD: 'Major' } : DOTNET_ENV;
        const result = await mustRun('dotnet', [dll, server.url], { env });
        expect(result.stdout).toBe(
          'Key ID: 1043\nKey: xyz987uvw654rst321opq098nml765kj\nVisibility: Shared\nCreated: 2026-05-07\n',
        );
        expect(server.requests).toHaveLength(1);
        expect(server.requests[0]?.body).toBe(
          readRepoFile('wsdl/examples/KeySet.soap11.request.xml').replace(/\n$/, ''),
        );
      } finally {
        await server.close();
      }
    }, 600_000);
  }
});

/** Answers Version for each service by path: v3.2 over SOAP 1.1, v4.1 over SOAP 1.2. */
function versionAnswer(request: ReceivedRequest): Reply {
  if (request.url === '/v3') {
    return {
      body: '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><VersionResponse xmlns="http://ecgridos.net/"><VersionResult>ECGridOS 3.2</VersionResult></VersionResponse></soap:Body></soap:Envelope>',
    };
  }
  if (request.url === '/v4') {
    return {
      contentType: 'application/soap+xml; charset=utf-8',
      body: '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope"><soap:Body><VersionResponse xmlns="https://os.ecgrid.io/"><VersionResult>ECGridOS 4.1</VersionResult></VersionResponse></soap:Body></soap:Envelope>',
    };
  }
  return { status: 404 };
}

describe('C#: the v3.2 and v4.1 SDKs side by side in one application', () => {
  let output: Map<string, string>;
  let requests: ReceivedRequest[] = [];
  let bin = '';

  beforeAll(async () => {
    const v3 = generatePackage(V32_WSDL, 'csharp', join(scratch, 'generated-v3.2'));
    const v4 = generatePackage(V41_WSDL, 'csharp', join(scratch, 'generated-v4.1'));
    const app = join(scratch, 'side-by-side');
    cpSync(join(ROOT, 'test', 'targets', 'csharp', 'side-by-side'), app, {
      recursive: true,
      filter: (src) => !/[\\/](bin|obj)$/.test(src),
    });
    const project = (dir: string) => join(dir, readdirSync(dir).find((f) => f.endsWith('.csproj')) ?? '');
    await mustRun(
      'dotnet',
      [
        'build',
        join(app, 'SideBySide.csproj'),
        '-c',
        'Release',
        '-nologo',
        `-p:V3Project=${project(v3)}`,
        `-p:V4Project=${project(v4)}`,
        '-p:UseSharedCompilation=false',
        feedArgument(),
      ],
      { env: DOTNET_ENV },
    );
    expect(restoredPackages(app).get(`${RUNTIME_ID}/${RUNTIME_VERSION}`), NOT_THE_ARTIFACT).toBe(
      sha512(artifact(RUNTIME_ID, RUNTIME_VERSION)),
    );
    bin = join(app, 'bin', 'Release', 'net8.0');
    const server = await startServer(versionAnswer);
    try {
      const base = server.url.replace(/\/v4\.1\/prod\/ECGridOS\.asmx$/, '');
      const result = await mustRun('dotnet', [join(bin, 'SideBySide.dll'), `${base}/v3`, `${base}/v4`], {
        env: { ...DOTNET_ENV, DOTNET_ROLL_FORWARD: 'Major' },
      });
      output = new Map(
        result.stdout
          .trim()
          .split('\n')
          .map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 2)]),
      );
      requests = server.requests;
    } finally {
      await server.close();
    }
  }, HOOK_TIMEOUT);

  it('each SDK calls its own service with its own namespace and SOAP version', () => {
    expect(output.get('v3 Version')).toBe('ECGridOS 3.2');
    expect(output.get('v4 Version')).toBe('ECGridOS 4.1');
    const [v3, v4] = [requests.find((r) => r.url === '/v3'), requests.find((r) => r.url === '/v4')];
    expect(v3?.headers.soapaction).toBe('"http://ecgridos.net/Version"');
    expect(v3?.body).toContain('<Version xmlns="http://ecgridos.net/"/>');
    expect(v4?.headers['content-type']).toBe(
      'application/soap+xml; charset=utf-8; action="https://os.ecgrid.io/Version"',
    );
    expect(v4?.body).toContain('<Version xmlns="https://os.ecgrid.io/"/>');
  });

  it("each decodes its own schema's documents and refuses the other's", () => {
    expect(output.get('v3 decodes v3')).toBe('ok 3.2');
    expect(output.get('v4 decodes v4')).toBe('ok 4.1');
    expect(output.get('v4 decodes v3')).toBe('wrong-namespace VersionResponse');
    expect(output.get('v3 decodes v4')).toBe('wrong-namespace VersionResponse');
  });

  it('the SDKs are distinct assemblies and namespaces on one runtime, with no runtime code of their own', () => {
    const runtime = `${RUNTIME_ID}/${RUNTIME_VERSION}.0`;
    expect(output.get('ECGridOS_API_v3.Client')).toBe(
      `namespace ECGridOS_API_v3.Client, runtime ${runtime}, runtime types inside 0`,
    );
    expect(output.get('ECGridOS_API_v4.Client')).toBe(
      `namespace ECGridOS_API_v4.Client, runtime ${runtime}, runtime types inside 0`,
    );
    expect(output.get('runtime loaded')).toBe(`${runtime}, copies 1`);
    expect(
      readdirSync(bin)
        .filter((f) => f.endsWith('.dll'))
        .sort(),
    ).toEqual([
      'ECGrid.Soap.Runtime.dll',
      'ECGridOS_API_v3.Client.dll',
      'ECGridOS_API_v4.Client.dll',
      'SideBySide.dll',
    ]);
  });
});
