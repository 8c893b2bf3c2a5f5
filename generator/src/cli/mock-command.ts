import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { buildSchemaDescriptor, buildServiceDescriptor } from '../descriptor/build-descriptor.js';
import { startMockServer } from '../mock/mock-server.js';
import { UsageError, parseArgs, required, single } from './args.js';
import type { CliIo } from './io.js';
import { IMPORT_OPTION_SPECS, importOptionsHelp, importOptionsOf, loadWsdlFile } from './io.js';
import { printDiagnostics } from './report.js';

const HELP = `Usage: ecgrid-codegen mock --wsdl FILE [--port N] [--examples DIR]

Starts a local SOAP server for the WSDL on 127.0.0.1 and prints its URL. It serves the WSDL at
URL?WSDL (port addresses pointing at the server), validates each request against the schema and
answers an invalid one with a SOAP 1.1 or 1.2 Fault saying what is wrong, and answers every
operation with a schema-valid response: the example envelope OPERATION.soap11.response.xml or
OPERATION.soap12.response.xml of the examples folder when there is one, a generated value
otherwise. One log line per request on stdout. Stops on SIGINT or SIGTERM with exit code 0.

Options:
  --wsdl FILE       the WSDL to serve
  --port N          the port (default 0: a free port)
  --examples DIR    example envelopes (default: the folder "examples" beside the WSDL, if any)
  --allow-remote    fetch imports with http(s) locations (refused by default)
${importOptionsHelp(20)}
  --help            this text
`;

export async function runMock(argv: readonly string[], io: CliIo, signals: NodeJS.EventEmitter = process): Promise<number> {
  const args = parseArgs(argv, [{ name: 'wsdl' }, { name: 'port' }, { name: 'examples' }, ...IMPORT_OPTION_SPECS, { name: 'help', flag: true }]);
  if (args.flags.has('help')) {
    io.stdout(HELP);
    return 0;
  }
  const wsdl = required(args, 'wsdl');
  const portText = single(args, 'port') ?? '0';
  if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) throw new UsageError('--port must be a number from 0 to 65535');
  const loaded = loadWsdlFile(io, wsdl, importOptionsOf(args, io));
  if (printDiagnostics(loaded.diagnostics.filter((d) => d.severity === 'error'), io.stderr) || !loaded.ok) return 1;
  const examplesDir = single(args, 'examples') ?? join(dirname(resolve(io.cwd, wsdl)), 'examples');
  if (single(args, 'examples') !== undefined && !existsSync(resolve(io.cwd, examplesDir))) {
    io.stderr(`${examplesDir}: error cannot-read: no such folder; check the --examples path`);
    return 1;
  }
  const server = await startMockServer({
    schema: buildSchemaDescriptor(loaded.core),
    services: loaded.core.services.map(buildServiceDescriptor),
    wsdlText: readFileSync(resolve(io.cwd, wsdl), 'utf8'),
    examples: readExamples(resolve(io.cwd, examplesDir)),
    port: Number(portText),
    log: (line) => io.stdout(`${line}\n`),
  });
  // Listen for the signals before saying where the server is, so a stop sent at once is caught.
  const stopped = new Promise<string>((done) => {
    signals.once('SIGINT', () => done('SIGINT'));
    signals.once('SIGTERM', () => done('SIGTERM'));
  });
  io.stdout(`ecgrid-codegen mock: listening on ${server.url} (WSDL at ${server.url}?WSDL)\n`);
  const signal = await stopped;
  await server.close();
  io.stdout(`ecgrid-codegen mock: stopped (${signal})\n`);
  return 0;
}

/** The `*.response.xml` envelopes of a folder by file name; none when the folder is missing. */
function readExamples(dir: string): Map<string, string> {
  const examples = new Map<string, string>();
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return examples;
  }
  for (const name of names) {
    if (/\.soap1[12]\.response\.xml$/.test(name)) examples.set(name, readFileSync(join(dir, name), 'utf8'));
  }
  return examples;
}
