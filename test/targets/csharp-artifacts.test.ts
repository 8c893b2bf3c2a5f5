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
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockProcess } from '../interop/mock-process.js';
import { CONTRACT_WSDL, readRepoFile, ROOT } from '../support/paths.js';
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
      writeFileSync(join(app, 'nuget.config'), userNugetConfig(feed));
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

/** The user's package sources: nuget.org, and artifacts/nuget for the ECGrid ids only (source mapping). */
function userNugetConfig(feedDir: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
    <add key="ecgrid-local" value="${feedDir}" />
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
`;
}

/** A fault for --fault KeySet=FILE: a reason that holds the one-letter SessionID `s` as a word, a detail of no declared type. */
const IDIOMS_FAULT = `<?xml version="1.0" encoding="utf-8"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault><faultcode>soap:Client</faultcode><faultstring>session s is not valid</faultstring><detail><Error><Code>E42</Code><Field>SessionID</Field><Field>UserID</Field></Error></detail></soap:Fault></soap:Body></soap:Envelope>`;

/**
 * The C# blocks of the SDK README as one compilable file: `using` directives gathered at the top, a
 * block of `static readonly` fields as members, a class as a type, every other block as the body of
 * a method of its own whose parameters are the names the README leaves to the reader (`client`,
 * `services`, the first operation's arguments...), but those the block declares itself.
 */
function readmeExamples(readme: string): string {
  const usings = new Set([
    'using System;',
    'using System.Collections.Generic;',
    'using System.Net.Http;',
    'using System.Threading.Tasks;',
    'using ECGrid.Soap.Runtime;',
    'using ECGridOS.Client;',
    'using Microsoft.Extensions.Configuration;',
    'using Microsoft.Extensions.DependencyInjection;',
    'using Microsoft.Extensions.Logging;',
  ]);
  const context: ReadonlyArray<readonly [string, string]> = [
    ['client', 'ECGridOSClient'],
    ['sessionID', 'string?'],
    ['userID', 'int'],
    ['visibility', 'KeyVisibility'],
    ['services', 'IServiceCollection'],
    ['configuration', 'IConfiguration'],
    ['provider', 'IServiceProvider'],
    ['xmlText', 'string'],
  ];
  const types: string[] = [];
  const members: string[] = [];
  const methods: string[] = [];
  const blocks = [...readme.matchAll(/^```csharp\n([\s\S]*?)^```$/gm)].map((m) => m[1] ?? '');
  for (const block of blocks) {
    const code = block
      .split('\n')
      .filter((line) => {
        const directive = /^using [\w.]+;/.exec(line);
        if (directive) usings.add(directive[0]);
        return directive === null;
      })
      .join('\n')
      .trim();
    if (code.startsWith('static readonly ')) members.push(code);
    else if (/^public (sealed )?class /.test(code)) types.push(code);
    else {
      const parameters = context
        .filter(([name]) => !new RegExp(`\\bvar ${name}\\b`).test(code))
        .map(([name, type]) => `${type} ${name}`);
      const indented = code.replace(/^(?=.)/gm, '        ');
      const signature = /\bawait\b/.test(code) ? 'async Task' : 'void';
      methods.push(
        `    public static ${signature} Example${methods.length + 1}(${parameters.join(', ')})\n    {\n${indented}\n    }`,
      );
    }
  }
  return `${[...usings].join('\n')}

${types.join('\n\n')}

internal static class ReadmeExamples
{
${members.map((m) => m.replace(/^static /gm, 'internal static ').replace(/^(?=.)/gm, '    ')).join('\n')}

${methods.join('\n\n')}
}
`;
}

describe('C#: the SDK idioms, installed from artifacts/nuget, against ecgrid-codegen mock', () => {
  let output: Map<string, string>;

  beforeAll(async () => {
    const sdkVersion = versionOf(join(contractPackage('csharp'), `${SDK_ID}.csproj`));
    const app = join(scratch, 'idioms');
    cpSync(join(ROOT, 'test', 'targets', 'csharp', 'idioms'), app, {
      recursive: true,
      filter: (src) => !/[\\/](bin|obj)$/.test(src),
    });
    writeFileSync(join(app, 'nuget.config'), userNugetConfig(feed));
    const readme = readFileSync(join(contractPackage('csharp'), 'README.md'), 'utf8');
    writeFileSync(join(app, 'ReadmeExamples.cs'), readmeExamples(readme));
    const project = join(app, 'Idioms.csproj');
    await mustRun(
      'dotnet',
      [
        'build',
        project,
        '-c',
        'Release',
        '-nologo',
        '-warnaserror',
        '-p:UseSharedCompilation=false',
        `-p:SdkVersion=${sdkVersion}`,
      ],
      { cwd: app, env: DOTNET_ENV },
    );
    const restored = restoredPackages(app);
    for (const id of [SDK_ID, `${SDK_ID}.DependencyInjection`])
      expect(restored.get(`${id}/${sdkVersion}`), NOT_THE_ARTIFACT).toBe(sha512(artifact(id, sdkVersion)));
    const faultDir = join(scratch, 'idioms-fault');
    mkdirSync(faultDir, { recursive: true });
    const faultFile = join(faultDir, 'fault.xml');
    writeFileSync(faultFile, IDIOMS_FAULT);
    const plain = await startMockProcess(CONTRACT_WSDL);
    const faulting = await startMockProcess(CONTRACT_WSDL, ['--fault', `KeySet=${faultFile}`]);
    const slow = await startMockProcess(CONTRACT_WSDL, ['--delay', '5000']);
    try {
      const result = await mustRun(
        'dotnet',
        [join(app, 'bin', 'Release', 'net10.0', 'Idioms.dll'), plain.url, faulting.url, slow.url],
        {
          env: DOTNET_ENV,
        },
      );
      output = new Map(
        result.stdout
          .trim()
          .split('\n')
          .map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 2)]),
      );
    } finally {
      for (const mock of [plain, faulting, slow]) await mock.stop('SIGKILL');
    }
  }, HOOK_TIMEOUT);

  it("the README's C# examples compile against the installed packages (warnings as errors)", () => {
    // The build above compiled them; here, that every block made it into the file.
    const readme = readFileSync(join(contractPackage('csharp'), 'README.md'), 'utf8');
    const examples = readmeExamples(readme);
    expect(examples).toContain('services.AddECGridOSClient(settings =>');
    expect(examples).toContain('public sealed class Keys(IECGridOSClient ecgrid)');
    expect(examples).toContain('LoggerFactory.Create(');
    expect(examples).toContain('catch (SoapFaultException fault) when (fault.DetailValue is');
    expect(examples).toContain('static readonly ECGridOSClient Client');
  });

  it('services.AddECGridOSClient binds the endpoint from configuration and resolves IECGridOSClient; a fake implements it', () => {
    expect(output.get('di endpoint')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v4\.1\/prod\/ECGridOS\.asmx$/);
    // The mock echoes the request's UserID.
    expect(output.get('di echo UserID')).toBe('77');
    expect(output.get('fake')).toBe('fake key for 5');
  });

  it('the ILogger of the container sees the exchange; bodies at Trace, with the SessionID redacted', () => {
    expect(output.get('log levels')).toBe('Trace,Trace,Information');
    expect(output.get('log info')).toMatch(
      /^SOAP KeySet to http:\/\/127\.0\.0\.1:\d+\/v4\.1\/prod\/ECGridOS\.asmx: HTTP 200$/,
    );
    expect(output.get('log secret')).toBe('False');
    expect(output.get('log redacted')).toBe('True');
  });

  it('models print their fields, secrets as ***; a dateTime without a zone has no invented offset', () => {
    expect(output.get('model')).toBe(
      'KeyIDInfo { KeyID = 1043, UserID = 77, Key = "xyz987uvw654rst321opq098nml765kj", Visibility = Private, Created = 2026-05-07T10:00:00 }',
    );
    expect(output.get('request model')).toBe('KeySet { SessionID = ***, UserID = 77, Visibility = Private }');
    expect(output.get('created offset')).toBe('none');
    expect(output.get('created kind')).toBe('Unspecified');
  });

  it("the mock's --fault: a typed SoapFaultException, the one-letter SessionID redacted as a word only, the detail as plain values", () => {
    expect(output.get('fault code')).toBe('soap:Client');
    expect(output.get('fault reason')).toBe('session *** is not valid');
    expect(output.get('fault detail')).toBe('E42 SessionID|UserID');
  });

  it("the mock's --delay: the timeout that fired is the one reported; a cancelled call is cancelled", () => {
    expect(output.get('injected timeout')).toBe("1000 timed out after 1000 ms (the HttpClient's Timeout)");
    expect(output.get('options timeout')).toBe('timed out after 500 ms');
    expect(output.get('cancelled')).toMatch(/^(Task|Operation)CanceledException$/);
  });

  it('a TransportException whose message held a secret is still a TransportException, with its inner exception', () => {
    expect(output.get('transport')).toBe('TransportException False HttpRequestException');
  });
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
      // The runtime's one dependency (ILogger, SoapClientOptions.Logger) and its own, on net8.0.
      'Microsoft.Extensions.DependencyInjection.Abstractions.dll',
      'Microsoft.Extensions.Logging.Abstractions.dll',
      'SideBySide.dll',
    ]);
  });
});
