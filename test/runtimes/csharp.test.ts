/**
 * The C# runtime library (`packages/runtime-csharp`, NuGet `ECGrid.Soap.Runtime`) tested on its
 * own: its xUnit v3 suite under `dotnet test`, a Release pack for both target frameworks with
 * warnings as errors, and its version, which is the one every runtime shares
 * (`@ecgrid/soap-runtime`'s). Everything is built in a temporary copy, so no `bin/` or `obj/`
 * lands in the repository.
 */
import { cpSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/paths.js';
import { DOTNET_ENV } from '../targets/support/drivers/csharp.js';
import { makeScratch, removeScratch } from '../targets/support/packages.js';
import { mustRun } from '../targets/support/run.js';

const RUNTIME = join(ROOT, 'packages', 'runtime-csharp');
let scratch = '';
let copy = '';

beforeAll(() => {
  scratch = makeScratch('runtime-csharp');
  copy = join(scratch, 'runtime-csharp');
  cpSync(RUNTIME, copy, { recursive: true, filter: (src) => !/[\\/](bin|obj|TestResults)$/.test(src) });
});

afterAll(() => {
  if (scratch !== '') removeScratch(scratch);
});

/** The files under a folder, without build output (`bin/`, `obj/`: a build or `dotnet format` writes them). */
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (name === 'bin' || name === 'obj') return [];
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/** The entries of a zip file (a .nupkg) by name, deflated or stored. */
function unzip(path: string): Map<string, Buffer> {
  const zip = readFileSync(path);
  const entries = new Map<string, Buffer>();
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < zip.readUInt16LE(end + 10); i++) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const local = zip.readUInt32LE(at + 42);
    const data = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(data, data + size);
    entries.set(name, method === 8 ? inflateRawSync(raw) : raw);
    at += 46 + skip;
  }
  return entries;
}

describe('C# runtime (packages/runtime-csharp)', () => {
  it('its xUnit suite passes under dotnet test', async () => {
    const project = join(copy, 'tests', 'ECGrid.Soap.Runtime.Tests', 'ECGrid.Soap.Runtime.Tests.csproj');
    // Release, so the pack below reuses this build of the library for net10.0 and compiles only net8.0.
    const run = await mustRun(
      'dotnet',
      ['test', project, '-c', 'Release', '-nologo', '-p:UseSharedCompilation=false'],
      { env: DOTNET_ENV },
    );
    const summary = /Failed:\s+(\d+), Passed:\s+(\d+), Skipped:\s+(\d+), Total:\s+(\d+)/.exec(run.stdout);
    expect(summary, run.stdout).not.toBeNull();
    const [, failed, passed, skipped] = summary ?? [];
    expect({ failed: Number(failed), skipped: Number(skipped) }).toEqual({ failed: 0, skipped: 0 });
    expect(Number(passed)).toBeGreaterThan(40);
  }, 600_000);

  it('packs for net8.0 and net10.0 with warnings as errors, README, LICENSE and NuGet metadata', async () => {
    const out = join(scratch, 'nuget');
    await mustRun(
      'dotnet',
      [
        'pack',
        join(copy, 'src', 'ECGrid.Soap.Runtime', 'ECGrid.Soap.Runtime.csproj'),
        '-c',
        'Release',
        '-nologo',
        '-o',
        out,
        '-p:UseSharedCompilation=false',
      ],
      {
        env: DOTNET_ENV,
      },
    );
    const shared = (
      JSON.parse(readFileSync(join(ROOT, 'packages', 'runtime', 'package.json'), 'utf8')) as { version: string }
    ).version;
    const entries = unzip(join(out, `ECGrid.Soap.Runtime.${shared}.nupkg`));
    for (const name of [
      'lib/net8.0/ECGrid.Soap.Runtime.dll',
      'lib/net8.0/ECGrid.Soap.Runtime.xml',
      'lib/net10.0/ECGrid.Soap.Runtime.dll',
      'README.md',
      'LICENSE',
    ]) {
      expect([...entries.keys()], name).toContain(name);
    }
    const nuspec = entries.get('ECGrid.Soap.Runtime.nuspec')?.toString('utf8') ?? '';
    expect(nuspec).toContain('<id>ECGrid.Soap.Runtime</id>');
    expect(nuspec).toContain(`<version>${shared}</version>`);
    expect(nuspec).toContain('<license type="expression">MIT</license>');
    expect(nuspec).toContain('<readme>README.md</readme>');
    expect(nuspec).toMatch(/<repository type="git" url="https:\/\/github\.com\/[^"]+"/);
    // One dependency: ILogger's abstractions (SoapClientOptions.Logger); otherwise the base class library.
    expect([...nuspec.matchAll(/<dependency id="([^"]+)"/g)].map((m) => m[1])).toEqual([
      'Microsoft.Extensions.Logging.Abstractions',
      'Microsoft.Extensions.Logging.Abstractions',
    ]);
  }, 600_000);

  it('is hand-written C# in a namespace of its own, versioned with the other runtimes', () => {
    const sources = files(join(RUNTIME, 'src')).filter((f) => f.endsWith('.cs'));
    expect(sources.length).toBeGreaterThan(10);
    for (const file of sources) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toContain('{{');
      expect(text, file).toMatch(/^namespace ECGrid\.Soap\.Runtime;$/m);
    }
    const shared = (
      JSON.parse(readFileSync(join(ROOT, 'packages', 'runtime', 'package.json'), 'utf8')) as { version: string }
    ).version;
    const csproj = readFileSync(join(RUNTIME, 'src', 'ECGrid.Soap.Runtime', 'ECGrid.Soap.Runtime.csproj'), 'utf8');
    expect(/<Version>([^<]+)<\/Version>/.exec(csproj)?.[1]).toBe(shared);
    expect(csproj).toContain('<TargetFrameworks>net8.0;net10.0</TargetFrameworks>');
  });
});
