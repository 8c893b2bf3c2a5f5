// NuGet packages: the runtime library ECGrid.Soap.Runtime (packages/runtime-csharp) and every
// generated C# SDK of packages/ (each folder with a .csproj that references the runtime), packed
// with `dotnet pack -c Release` into out/nuget/ (.nupkg and .snupkg). Each project is packed from a
// copy in a temporary folder, so bin/ and obj/ never land in the repository. The SDKs restore the
// runtime from out/nuget itself (an added package source), as a user's build does.
//
// NuGet keeps every package id+version it restored in the global packages folder and never looks
// at the source again, so a runtime re-packed with the same version would be shadowed there by
// the old one, and every later build (the tests', a consumer's) would silently compile against a
// stale runtime. After packing, the ids packed here are removed from that folder (that id and
// version only); the next restore extracts them again from out/nuget.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The runtime's NuGet id; generated SDKs reference it (`PackageReference Include="ECGrid.Soap.Runtime"`). */
export const RUNTIME_ID = 'ECGrid.Soap.Runtime';

/** Quiet, telemetry-free dotnet. */
export const DOTNET_ENV = {
  DOTNET_CLI_TELEMETRY_OPTOUT: '1',
  DOTNET_NOLOGO: '1',
  DOTNET_SKIP_FIRST_TIME_EXPERIENCE: '1',
  MSBUILDDISABLENODEREUSE: '1',
};

function dotnet(args, options = {}) {
  const result = spawnSync('dotnet', args, {
    encoding: 'utf8',
    env: { ...process.env, ...DOTNET_ENV },
    maxBuffer: 64 * 1024 * 1024,
    ...options,
  });
  if (result.error) throw new Error(`cannot run dotnet (install the .NET SDK): ${result.error.message}`);
  if (result.status !== 0)
    throw new Error(
      `\`dotnet ${args.join(' ')}\` exited ${result.status}:\n${`${result.stdout}\n${result.stderr}`.trim()}`,
    );
  return result.stdout;
}

/** The project file of a folder, or undefined. */
function projectIn(dir) {
  const name = readdirSync(dir).find((f) => f.endsWith('.csproj'));
  return name === undefined ? undefined : join(dir, name);
}

/** `<Tag>value</Tag>` of a project file. */
function property(project, tag) {
  const value = new RegExp(`<${tag}>([^<]+)</${tag}>`).exec(readFileSync(project, 'utf8'))?.[1];
  if (value === undefined) throw new Error(`${project} has no <${tag}>`);
  return value.trim();
}

/** The runtime's project, then every generated C# SDK of packages/ (sorted): folder, project, NuGet id and version. */
export function csharpPackages(root) {
  const packages = join(root, 'packages');
  const runtime = join(packages, 'runtime-csharp', 'src', RUNTIME_ID, `${RUNTIME_ID}.csproj`);
  if (!existsSync(runtime)) throw new Error(`${runtime} is missing`);
  const sdks = readdirSync(packages)
    .sort()
    .map((dir) => join(packages, dir))
    .flatMap((dir) => {
      const project = statSync(dir).isDirectory() && !dir.endsWith('runtime-csharp') ? projectIn(dir) : undefined;
      return project !== undefined && readFileSync(project, 'utf8').includes(`Include="${RUNTIME_ID}"`)
        ? [{ dir, project }]
        : [];
    });
  return [
    { dir: join(packages, 'runtime-csharp'), project: runtime, id: RUNTIME_ID, version: property(runtime, 'Version') },
    ...sdks.map(({ dir, project }) => {
      const companionDir = join(dir, 'DependencyInjection');
      const companion = existsSync(companionDir) ? projectIn(companionDir) : undefined;
      return {
        dir,
        project,
        id: property(project, 'PackageId'),
        version: property(project, 'Version'),
        companion: companion === undefined ? undefined : { project: companion, id: property(companion, 'PackageId') },
      };
    }),
  ];
}

/** NuGet's global packages folder (NUGET_PACKAGES, else what `dotnet nuget locals` reports). */
export function globalPackagesFolder() {
  if (process.env.NUGET_PACKAGES) return resolve(process.env.NUGET_PACKAGES);
  const listed = /global-packages:\s*(.+)/.exec(dotnet(['nuget', 'locals', 'global-packages', '--list']))?.[1]?.trim();
  return listed ? resolve(listed) : join(homedir(), '.nuget', 'packages');
}

/** Removes one id+version from the global packages folder, so the next restore takes the fresh package. */
export function evictFromCache(id, version) {
  rmSync(join(globalPackagesFolder(), id.toLowerCase(), version.toLowerCase()), { recursive: true, force: true });
}

export async function build({ root, out }) {
  const feed = resolve(out, 'nuget');
  mkdirSync(feed, { recursive: true });
  const [runtime, ...sdks] = csharpPackages(root);
  const work = mkdtempSync(join(tmpdir(), 'ecgrid-artifacts-csharp-'));
  const copyOf = (dir) => {
    const copy = join(work, dir.split(/[\\/]/).pop());
    cpSync(dir, copy, { recursive: true, filter: (source) => !/[\\/](bin|obj|TestResults)$/.test(source) });
    return copy;
  };
  const pack = (project) =>
    dotnet([
      'pack',
      project,
      '-c',
      'Release',
      '-nologo',
      '-o',
      feed,
      '-p:UseSharedCompilation=false',
      `-p:RestoreAdditionalProjectSources=${feed}`,
    ]);
  try {
    const runtimeCopy = copyOf(runtime.dir);
    pack(join(runtimeCopy, 'src', RUNTIME_ID, `${RUNTIME_ID}.csproj`));
    evictFromCache(runtime.id, runtime.version);
    for (const sdk of sdks) {
      const copy = copyOf(sdk.dir);
      pack(join(copy, sdk.project.split(/[\\/]/).pop()));
      evictFromCache(sdk.id, sdk.version);
      // Its companion package (DependencyInjection/), which references the SDK's project and gets its version.
      if (sdk.companion !== undefined) {
        pack(join(copy, 'DependencyInjection', sdk.companion.project.split(/[\\/]/).pop()));
        evictFromCache(sdk.companion.id, sdk.version);
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const companions = sdks.flatMap((sdk) =>
    sdk.companion === undefined ? [] : [{ id: sdk.companion.id, version: sdk.version }],
  );
  for (const { id, version } of [runtime, ...sdks, ...companions]) {
    if (!existsSync(join(feed, `${id}.${version}.nupkg`)))
      throw new Error(`dotnet pack did not write ${id}.${version}.nupkg into ${feed}`);
  }
}
