import { diffCores, formatDiff } from '../diff/diff-core.js';
import { UsageError, parseArgs } from './args.js';
import type { CliIo } from './io.js';
import { IMPORT_OPTION_SPECS, importOptionsHelp, importOptionsOf, loadWsdlFile } from './io.js';
import { printDiagnostics } from './report.js';

const HELP = `Usage: ecgrid-codegen diff OLD.wsdl NEW.wsdl [--json]

Compares the typed cores of two WSDLs and lists the added, removed and changed operations,
parameters, response fields, types, fields (type, occurrence, nillable), enumeration values,
namespaces and endpoints, each marked breaking or not for code that uses the generated SDKs.

Options:
  --json           print the diff as JSON (old, new, breaking, bump, changes[])
  --allow-remote   fetch imports with http(s) locations (refused by default)
${importOptionsHelp(19)}
  --help           this text

Exit codes: 0 no breaking change, 3 at least one breaking change, 1 bad input, 2 wrong usage.
`;

/** Exit code of a diff with a breaking change, so CI can gate on it. */
export const EXIT_BREAKING = 3;

export async function runDiff(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, [{ name: 'json', flag: true }, ...IMPORT_OPTION_SPECS, { name: 'help', flag: true }], 2);
  if (args.flags.has('help')) {
    io.stdout(HELP);
    return 0;
  }
  const [oldPath, newPath] = args.positionals;
  if (oldPath === undefined || newPath === undefined)
    throw new UsageError('expected two WSDL files: OLD.wsdl NEW.wsdl');
  const options = importOptionsOf(args, io);
  const before = loadWsdlFile(io, oldPath, options);
  const after = loadWsdlFile(io, newPath, options);
  // Warnings (unsupported constructs, HTTP bindings) do not change the API; only errors are shown.
  const errors = [...before.diagnostics, ...after.diagnostics].filter((d) => d.severity === 'error');
  printDiagnostics(errors, io.stderr);
  if (!before.ok || !after.ok) return 1;
  const diff = diffCores(before.core, after.core);
  io.stdout(args.flags.has('json') ? `${JSON.stringify(diff, null, 2)}\n` : formatDiff(diff));
  return diff.breaking ? EXIT_BREAKING : 0;
}
