import { appendFileSync, existsSync, readFileSync, readdirSync } from 'node:fs';
import type { ServiceDescriptor } from '@ecgrid/soap-runtime';
import { dirname, join, resolve } from 'node:path';
import { buildSchemaDescriptor, buildServiceDescriptor } from '../descriptor/build-descriptor.js';
import { startMockServer, type RequestRecord } from '../mock/mock-server.js';
import { UsageError, parseArgs, required, single } from './args.js';
import type { CliIo } from './io.js';
import { IMPORT_OPTION_SPECS, importOptionsHelp, importOptionsOf, loadWsdlFile } from './io.js';
import { printDiagnostics } from './report.js';

const HELP = `Usage: ecgrid-codegen mock --wsdl FILE [--port N] [--examples DIR] [--fault OPERATION[=FILE]]... [--delay MS] [--log FILE]

Starts a local SOAP server for the WSDL on 127.0.0.1 and prints its URL. It serves the WSDL at
URL?WSDL (port addresses pointing at the server), validates each request against the schema and
answers an invalid one with a SOAP 1.1 or 1.2 Fault saying what is wrong, and answers every
operation with a schema-valid response: the example envelope OPERATION.soap11.response.xml or
OPERATION.soap12.response.xml of the examples folder when there is one, a generated value
otherwise, in which every field that has a request field of the same name echoes the request's
value (UserID 1 in, UserID 1 out). One log line per request on stdout. Stops on SIGINT or SIGTERM
with exit code 0.

Options:
  --wsdl FILE       the WSDL to serve
  --port N          the port (default 0: a free port)
  --examples DIR    example envelopes (default: the folder "examples" beside the WSDL, if any)
  --fault OPERATION[=FILE]
                    answer a valid OPERATION request with a SOAP Fault: the envelope in FILE (sent
                    as is, HTTP 500), or a generated one in the request's SOAP version, with a
                    typed detail when the operation declares a fault (repeatable)
  --delay MS        wait MS milliseconds before answering each SOAP request (timeouts, spinners)
  --log FILE        append every request to FILE as one JSON object per line (time, method,
                    path, SOAPAction, operation, status, and the body as received: it holds
                    whatever the client sent, session IDs included)
  --allow-remote    fetch imports with http(s) locations (refused by default)
${importOptionsHelp(20)}
  --help            this text
`;

export async function runMock(
  argv: readonly string[],
  io: CliIo,
  signals: NodeJS.EventEmitter = process,
): Promise<number> {
  const args = parseArgs(argv, [
    { name: 'wsdl' },
    { name: 'port' },
    { name: 'examples' },
    { name: 'fault', repeatable: true },
    { name: 'delay' },
    { name: 'log' },
    ...IMPORT_OPTION_SPECS,
    { name: 'help', flag: true },
  ]);
  if (args.flags.has('help')) {
    io.stdout(HELP);
    return 0;
  }
  const wsdl = required(args, 'wsdl');
  const portText = single(args, 'port') ?? '0';
  if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535)
    throw new UsageError('--port must be a number from 0 to 65535');
  const loaded = loadWsdlFile(io, wsdl, importOptionsOf(args, io));
  if (
    printDiagnostics(
      loaded.diagnostics.filter((d) => d.severity === 'error'),
      io.stderr,
    ) ||
    !loaded.ok
  )
    return 1;
  const delayText = single(args, 'delay') ?? '0';
  if (!/^\d{1,7}$/.test(delayText)) throw new UsageError('--delay must be a number of milliseconds from 0 to 9999999');
  const services = loaded.core.services.map(buildServiceDescriptor);
  const faults = faultsOf(args.values.get('fault') ?? [], services, io);
  if (faults === undefined) return 1;
  const logFile = single(args, 'log');
  const examplesDir = single(args, 'examples') ?? join(dirname(resolve(io.cwd, wsdl)), 'examples');
  if (single(args, 'examples') !== undefined && !existsSync(resolve(io.cwd, examplesDir))) {
    io.stderr(`${examplesDir}: error cannot-read: no such folder; check the --examples path`);
    return 1;
  }
  const server = await startMockServer({
    schema: buildSchemaDescriptor(loaded.core),
    services,
    faults,
    delayMs: Number(delayText),
    ...(logFile !== undefined
      ? { record: (entry: RequestRecord) => appendFileSync(resolve(io.cwd, logFile), `${JSON.stringify(entry)}\n`) }
      : {}),
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

/**
 * `--fault OPERATION[=FILE]` values: the operations that answer with a fault, and the envelope
 * file's text when one is given. An unknown operation is a usage error; an unreadable file an
 * input error (undefined: exit 1).
 */
function faultsOf(
  values: readonly string[],
  services: readonly ServiceDescriptor[],
  io: CliIo,
): Map<string, string | undefined> | undefined {
  const known = new Set(services.flatMap((s) => Object.keys(s.operations)));
  const out = new Map<string, string | undefined>();
  for (const value of values) {
    const at = value.indexOf('=');
    const name = at === -1 ? value : value.slice(0, at);
    if (!known.has(name)) {
      const names = [...known].sort();
      throw new UsageError(
        `--fault ${JSON.stringify(name)}: no such operation; the WSDL has ${names.slice(0, 10).join(', ')}${names.length > 10 ? `, ... (${names.length})` : ''}`,
      );
    }
    if (at === -1) {
      out.set(name, undefined);
      continue;
    }
    const file = value.slice(at + 1);
    try {
      out.set(name, readFileSync(resolve(io.cwd, file), 'utf8'));
    } catch {
      io.stderr(`${file}: error cannot-read: the fault envelope of --fault ${name} cannot be read; check the path`);
      return undefined;
    }
  }
  return out;
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
