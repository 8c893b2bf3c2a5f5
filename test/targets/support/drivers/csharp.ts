/**
 * The C# round-trip driver (`test/targets/csharp/`): the package and the driver are copied into
 * the work folder and built there with `dotnet build` (so no `bin/` or `obj/` lands in the
 * repository), then run with `dotnet Driver.dll <manifest> <outDir>`. A generated package
 * references the runtime library `ECGrid.Soap.Runtime` by version; builds restore it from
 * `artifacts/nuget` (an added package source), which `generator/scripts/artifacts/csharp.mjs`
 * packs from `packages/runtime-csharp` before the tests run, so the runtime is compiled once for
 * the whole test run, not once per build.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findLanguage } from '../../../../generator/src/languages.js';
import { renderTree } from '../../../../generator/src/pipeline.js';
import { writeTree } from '../../../../generator/src/write/write-tree.js';
import { ROOT } from '../../../support/paths.js';
import type { TargetDriver } from '../drivers.js';
import { fixtureNamespace } from '../fixtures.js';
import { mustRun } from '../run.js';

const DRIVER_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'csharp');

/** Quiet, offline-friendly dotnet: no telemetry, no logo, no first-run experience. */
export const DOTNET_ENV: Readonly<Record<string, string>> = {
  DOTNET_CLI_TELEMETRY_OPTOUT: '1',
  DOTNET_NOLOGO: '1',
  DOTNET_SKIP_FIRST_TIME_EXPERIENCE: '1',
  MSBUILDDISABLENODEREUSE: '1',
};

const RUNTIME_ID = 'ECGrid.Soap.Runtime';
const RUNTIME_DIR = join(ROOT, 'packages', 'runtime-csharp');

function newestFile(dir: string): number {
  return Math.max(
    0,
    ...readdirSync(dir).map((name) => {
      const path = join(dir, name);
      const stat = statSync(path);
      return stat.isDirectory() ? (/^(bin|obj)$/.test(name) ? 0 : newestFile(path)) : stat.mtimeMs;
    }),
  );
}

/**
 * The local NuGet feed with the runtime package (`artifacts/nuget`), checked: it must hold the
 * runtime's current version, packed after the runtime's sources last changed.
 */
export function nugetFeed(): string {
  const feed = join(ROOT, 'artifacts', 'nuget');
  const project = join(RUNTIME_DIR, 'src', RUNTIME_ID, `${RUNTIME_ID}.csproj`);
  const version = /<Version>([^<]+)<\/Version>/.exec(readFileSync(project, 'utf8'))?.[1] ?? '';
  const nupkg = join(feed, `${RUNTIME_ID}.${version}.nupkg`);
  const rebuild = 'run `node generator/scripts/build-artifacts.mjs --language csharp` (npm test does it first)';
  if (!existsSync(nupkg)) throw new Error(`${nupkg} is missing: ${rebuild}`);
  if (statSync(nupkg).mtimeMs < newestFile(join(RUNTIME_DIR, 'src')))
    throw new Error(`${nupkg} is older than packages/runtime-csharp/src: ${rebuild}`);
  return feed;
}

/** The `dotnet build` argument that adds the local feed to the package sources (the runtime comes from there). */
export function feedArgument(): string {
  return `-p:RestoreAdditionalProjectSources=${nugetFeed()}`;
}

/** The `.csproj` of a generated package folder. */
export function projectOf(packageDir: string): string {
  const project = readdirSync(packageDir).find((f) => f.endsWith('.csproj'));
  if (project === undefined) throw new Error(`${packageDir} has no .csproj`);
  return project;
}

/** The namespace of a generated package's code: its project's `RootNamespace`. */
export function namespaceOf(project: string): string {
  const namespace = /<RootNamespace>([^<]+)<\/RootNamespace>/.exec(readFileSync(project, 'utf8'))?.[1];
  if (namespace === undefined) throw new Error(`${project} has no <RootNamespace>`);
  return namespace;
}

/**
 * Copies a generated package into `workDir/sdk` and builds it there for net10.0 (the drivers' and
 * examples' framework); returns the copied project's path. Its net8.0 build is proven where a
 * net8.0 app uses it: the artifacts step packs both frameworks and `csharp-artifacts.test.ts`
 * builds net8.0 apps on the contract, v3.2 and v4.1 packages.
 */
export async function buildPackage(packageDir: string, workDir: string): Promise<string> {
  const sdk = join(workDir, 'sdk');
  cpSync(packageDir, sdk, { recursive: true, filter: (src) => !/[\\/](bin|obj)$/.test(src) });
  const project = join(sdk, projectOf(packageDir));
  await mustRun(
    'dotnet',
    [
      'build',
      project,
      '-c',
      'Release',
      '-f',
      'net10.0',
      '-nologo',
      '-warnaserror',
      '-p:UseSharedCompilation=false',
      feedArgument(),
    ],
    { env: DOTNET_ENV },
  );
  return project;
}

/** Builds the driver against a package built by `buildPackage`; `checks` adds `--checks` (contract package only). */
export async function buildDriver(project: string, workDir: string, checks = false): Promise<string> {
  const build = join(workDir, 'driver');
  cpSync(DRIVER_DIR, build, { recursive: true, filter: (src) => !/[\\/](bin|obj)$/.test(src) });
  const args = [
    'build',
    join(build, 'Driver.csproj'),
    '-c',
    'Release',
    '-nologo',
    `-p:SdkProject=${project}`,
    `-p:SdkNamespace=${namespaceOf(project)}`,
    '-p:UseSharedCompilation=false',
    feedArgument(),
  ];
  await mustRun('dotnet', checks ? [...args, '-p:ClientChecks=true'] : args, { env: DOTNET_ENV });
  return join(build, 'bin', 'Release', 'net10.0', 'Driver.dll');
}

/** The runtime's version, which every generated package references. */
function runtimeVersion(): string {
  const project = join(RUNTIME_DIR, 'src', RUNTIME_ID, `${RUNTIME_ID}.csproj`);
  const version = /<Version>([^<]+)<\/Version>/.exec(readFileSync(project, 'utf8'))?.[1];
  if (version === undefined) throw new Error(`${project} has no <Version>`);
  return version;
}

/**
 * The project that compiles every fixture's generated sources (each package in a namespace of its
 * own) with the driver, under the generated projects' own settings (nullable, warnings as errors,
 * documentation comments); `FIXTURES` makes the driver take `--fixture <name>`.
 */
function fixturesProject(sources: readonly string[]): string {
  const items = sources.map((source) => `    <Compile Include="${source}" />`).join('\n');
  return `<Project Sdk="Microsoft.NET.Sdk">

  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <AssemblyName>Driver</AssemblyName>
    <Nullable>enable</Nullable>
    <ImplicitUsings>disable</ImplicitUsings>
    <LangVersion>latest</LangVersion>
    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
    <GenerateDocumentationFile>true</GenerateDocumentationFile>
    <InvariantGlobalization>true</InvariantGlobalization>
    <EnableDefaultCompileItems>false</EnableDefaultCompileItems>
    <DefineConstants>$(DefineConstants);FIXTURES</DefineConstants>
  </PropertyGroup>

  <ItemGroup>
    <PackageReference Include="${RUNTIME_ID}" Version="${runtimeVersion()}" />
  </ItemGroup>

  <ItemGroup>
    <Compile Include="Program.cs" />
    <Compile Include="FixtureRoots.cs" />
${items}
  </ItemGroup>

</Project>
`;
}

/** `FixtureRoots.Find(fixture, element, id)`: the root of a vector in its fixture's namespace. */
function fixtureRootsSource(namespaces: ReadonlyMap<string, string>): string {
  const arms = [...namespaces].map(
    ([name, ns]) =>
      `        ${JSON.stringify(name)} => element ? global::${ns}.XmlCodec.Element(id) : global::${ns}.XmlCodec.Type(id),`,
  );
  return `using System.Collections.Generic;
using ECGrid.Soap.Runtime;

internal static class FixtureRoots
{
    public static IXmlRoot Find(string fixture, bool element, string id) => fixture switch
    {
${arms.join('\n')}
        _ => throw new KeyNotFoundException($"no fixture {fixture} was compiled"),
    };
}
`;
}

export const driver: TargetDriver = {
  language: 'csharp',
  async prepare(packageDir, workDir) {
    const dll = await buildDriver(await buildPackage(packageDir, workDir), workDir);
    return {
      async run(manifest, outDir) {
        await mustRun('dotnet', [dll, manifest, outDir], { env: DOTNET_ENV });
      },
    };
  },
  async prepareFixtures(fixtures, workDir) {
    const csharp = findLanguage('csharp');
    if (csharp === undefined) throw new Error('csharp is not registered');
    const build = join(workDir, 'driver');
    mkdirSync(build, { recursive: true });
    const sources: string[] = [];
    const namespaces = new Map<string, string>();
    for (const { name, core } of fixtures) {
      // A namespace of its own per fixture (the `--namespace` option): two fixtures share a service name.
      const namespace = fixtureNamespace('ECGrid.Fixtures', name);
      const files = renderTree(core, csharp, { namespace });
      writeTree({ outDir: join(workDir, 'packages', name), target: 'csharp', source: core.source, files });
      // The SDK's sources, not its companion package's (DependencyInjection/, on Microsoft.Extensions.*).
      for (const path of files.keys())
        if (path.endsWith('.cs') && !path.includes('/DependencyInjection/'))
          sources.push(join(workDir, 'packages', name, path));
      namespaces.set(name, namespace);
    }
    cpSync(join(DRIVER_DIR, 'Program.cs'), join(build, 'Program.cs'));
    writeFileSync(join(build, 'FixtureRoots.cs'), fixtureRootsSource(namespaces));
    writeFileSync(join(build, 'Driver.csproj'), fixturesProject(sources));
    await mustRun(
      'dotnet',
      [
        'build',
        join(build, 'Driver.csproj'),
        '-c',
        'Release',
        '-nologo',
        '-warnaserror',
        '-p:UseSharedCompilation=false',
        feedArgument(),
      ],
      { env: DOTNET_ENV },
    );
    const dll = join(build, 'bin', 'Release', 'net10.0', 'Driver.dll');
    return {
      async run(fixture, manifest, outDir) {
        if (!namespaces.has(fixture)) throw new Error(`fixture ${fixture} was not prepared`);
        await mustRun('dotnet', [dll, '--fixture', fixture, '--keep-going', manifest, outDir], { env: DOTNET_ENV });
      },
    };
  },
};
