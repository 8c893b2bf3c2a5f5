// `dotnet format --verify-no-changes` over every C# file of the repository, run by `npm run lint`:
// - the runtime library and its tests (packages/runtime-csharp, whitespace, style and analyzers);
// - the committed generated SDK (packages/ecgridos-csharp), restored against the runtime package in
//   artifacts/ (build it first: npm run artifacts), so a template change that breaks the format fails here;
// - the C# test drivers and benchmark programs under test/, whose project references are set only
//   when the tests build them, for whitespace (the rules that need no build).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const sdk = 'packages/ecgridos-csharp';

if (spawnSync('dotnet', ['--version'], { stdio: 'ignore' }).status !== 0) {
  console.error('lint: the .NET SDK is missing (dotnet format checks the C# code)');
  process.exit(1);
}
const feed = join(root, 'artifacts', 'nuget');
if (!existsSync(feed)) {
  console.error('lint: artifacts/nuget is missing; run `npm run artifacts` first');
  process.exit(1);
}

const steps = [
  ['dotnet', ['format', 'packages/runtime-csharp/ECGrid.Soap.Runtime.slnx', '--verify-no-changes']],
  [
    'dotnet',
    [
      'restore',
      `${sdk}/ECGridOS.Client.csproj`,
      '--source',
      feed,
      '--source',
      'https://api.nuget.org/v3/index.json',
      '--verbosity',
      'quiet',
    ],
  ],
  ['dotnet', ['format', `${sdk}/ECGridOS.Client.csproj`, '--no-restore', '--verify-no-changes']],
  ['dotnet', ['format', 'whitespace', '--folder', 'test', '--exclude', 'test/docs/site', '--verify-no-changes']],
];

for (const [command, args] of steps) {
  const run = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_NOLOGO: '1' },
  });
  if (run.status !== 0) {
    console.error(
      `lint: \`${command} ${args.join(' ')}\` failed; \`dotnet format\` with the same target fixes the format`,
    );
    process.exit(1);
  }
}
console.log('lint: the C# code is formatted');
