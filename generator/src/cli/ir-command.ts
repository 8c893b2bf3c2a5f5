import { parseArgs, required } from './args.js';
import type { CliIo } from './io.js';
import { IMPORT_OPTION_SPECS, importOptionsHelp, importOptionsOf, loadWsdlFile } from './io.js';
import { printDiagnostics } from './report.js';

const HELP = `Usage: ecgrid-codegen ir --wsdl FILE

Prints the typed core of the WSDL (the language-neutral model every target renders from) as
JSON on stdout. Diagnostics go to stderr; exits 1 without output when the WSDL has errors.

Options:
  --wsdl FILE      the WSDL to read (imports are read relative to it)
  --allow-remote   fetch imports with http(s) locations (refused by default)
${importOptionsHelp(19)}
  --help           this text
`;

export async function runIr(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, [{ name: 'wsdl' }, ...IMPORT_OPTION_SPECS, { name: 'help', flag: true }]);
  if (args.flags.has('help')) {
    io.stdout(HELP);
    return 0;
  }
  const loaded = loadWsdlFile(io, required(args, 'wsdl'), importOptionsOf(args, io));
  if (printDiagnostics(loaded.diagnostics, io.stderr) || !loaded.ok) return 1;
  io.stdout(`${JSON.stringify(loaded.core, null, 2)}\n`);
  return 0;
}
