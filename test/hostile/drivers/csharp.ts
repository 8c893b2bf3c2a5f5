/**
 * The C# hostile-suite driver: `csharp/Program.cs`, built with `dotnet build` (warnings as errors)
 * in the work folder from copies of the committed contract SDK's sources
 * (`packages/ecgridos-csharp`, compiled into the driver) and of the runtime project
 * (`packages/runtime-csharp`, a project reference). The runtime is referenced as a project, not
 * restored as the `ECGrid.Soap.Runtime` package from `artifacts/nuget`: its version does not change
 * when its sources do, so NuGet's global packages folder could hand back an older build of it.
 * Run with `dotnet HostileDriver.dll` and the runtime's default settings.
 */
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../support/paths.js';
import { DOTNET_ENV } from '../../targets/support/drivers/csharp.js';
import { mustRun } from '../../targets/support/run.js';
import type { HostileDriver } from '../cases.js';

const NO_BUILD_OUTPUT = (src: string): boolean => !/[\\/](bin|obj|TestResults)$/.test(src);

export async function prepare(workDir: string): Promise<HostileDriver> {
  const runtime = join(workDir, 'runtime-csharp');
  const sdk = join(workDir, 'sdk');
  const driver = join(workDir, 'driver');
  cpSync(join(ROOT, 'packages', 'runtime-csharp'), runtime, { recursive: true, filter: NO_BUILD_OUTPUT });
  cpSync(join(ROOT, 'packages', 'ecgridos-csharp'), sdk, { recursive: true, filter: NO_BUILD_OUTPUT });
  cpSync(join(import.meta.dirname, 'csharp'), driver, { recursive: true, filter: NO_BUILD_OUTPUT });
  await mustRun(
    'dotnet',
    [
      'build',
      join(driver, 'HostileDriver.csproj'),
      '-c',
      'Release',
      '-nologo',
      '-warnaserror',
      '-p:UseSharedCompilation=false',
      `-p:SdkDir=${sdk}`,
      `-p:RuntimeProject=${join(runtime, 'src', 'ECGrid.Soap.Runtime', 'ECGrid.Soap.Runtime.csproj')}`,
    ],
    { env: DOTNET_ENV },
  );
  return { command: 'dotnet', args: [join(driver, 'bin', 'Release', 'net10.0', 'HostileDriver.dll')], env: DOTNET_ENV };
}
