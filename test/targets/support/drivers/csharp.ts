/**
 * The C# round-trip driver (`test/targets/csharp/`): the package and the driver are copied into
 * the work folder and built there with `dotnet build` (so no `bin/` or `obj/` lands in the
 * repository), then run with `dotnet Driver.dll <manifest> <outDir>`.
 */
import { cpSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TargetDriver } from '../drivers.js';
import { mustRun } from '../run.js';

const DRIVER_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'csharp');

/** Quiet, offline-friendly dotnet: no telemetry, no logo, no first-run experience. */
export const DOTNET_ENV: Readonly<Record<string, string>> = {
  DOTNET_CLI_TELEMETRY_OPTOUT: '1',
  DOTNET_NOLOGO: '1',
  DOTNET_SKIP_FIRST_TIME_EXPERIENCE: '1',
  MSBUILDDISABLENODEREUSE: '1',
};

/** The `.csproj` of a generated package folder. */
export function projectOf(packageDir: string): string {
  const project = readdirSync(packageDir).find((f) => f.endsWith('.csproj'));
  if (project === undefined) throw new Error(`${packageDir} has no .csproj`);
  return project;
}

/** Copies a generated package into `workDir/sdk` and builds it there; returns the copied project's path. */
export async function buildPackage(packageDir: string, workDir: string): Promise<string> {
  const sdk = join(workDir, 'sdk');
  cpSync(packageDir, sdk, { recursive: true, filter: (src) => !/[\\/](bin|obj)$/.test(src) });
  const project = join(sdk, projectOf(packageDir));
  await mustRun('dotnet', ['build', project, '-c', 'Release', '-nologo', '-warnaserror', '-p:UseSharedCompilation=false'], { env: DOTNET_ENV });
  return project;
}

/** Builds the driver against a package built by `buildPackage`; `checks` adds `--checks` (contract package only). */
export async function buildDriver(project: string, workDir: string, checks = false): Promise<string> {
  const build = join(workDir, 'driver');
  cpSync(DRIVER_DIR, build, { recursive: true, filter: (src) => !/[\\/](bin|obj)$/.test(src) });
  const args = ['build', join(build, 'Driver.csproj'), '-c', 'Release', '-nologo', `-p:SdkProject=${project}`, '-p:UseSharedCompilation=false'];
  await mustRun('dotnet', checks ? [...args, '-p:ClientChecks=true'] : args, { env: DOTNET_ENV });
  return join(build, 'bin', 'Release', 'net10.0', 'Driver.dll');
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
};
