import { UsageError } from './args.js';
import { runCheck, runGenerate } from './generate-command.js';
import { runConvert } from './convert-command.js';
import { runDiff } from './diff-command.js';
import { runIr } from './ir-command.js';
import { runMock } from './mock-command.js';
import type { CliIo } from './io.js';

const USAGE = `ecgrid-codegen: typed SDK packages from a WSDL

Usage:
  ecgrid-codegen generate [--wsdl FILE] [--out DIR] [--target LANG] [--templates DIR] [--quiet]
  ecgrid-codegen check    [--wsdl FILE] [--out DIR] [--target LANG] [--templates DIR] [--no-typecheck]
  ecgrid-codegen ir       --wsdl FILE
  ecgrid-codegen convert  --wsdl FILE --type NAME --from xml|json --to json|xml [--unqualified] [--indent N]
  ecgrid-codegen diff     OLD.wsdl NEW.wsdl [--json]    # exit 3 when a change is breaking
  ecgrid-codegen mock     --wsdl FILE [--port N] [--examples DIR]

Run "ecgrid-codegen COMMAND --help" for the options of a command.
Exit codes: 0 success, 1 bad input or stale output, 2 wrong usage, 3 breaking API change (diff).
`;

const COMMANDS: Record<string, (argv: readonly string[], io: CliIo) => Promise<number>> = {
  generate: runGenerate,
  check: runCheck,
  ir: runIr,
  convert: runConvert,
  diff: runDiff,
  mock: runMock,
};

/** Runs one command line; returns the exit code. Only generator bugs escape as exceptions. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.stdout(USAGE);
    return command === undefined ? 2 : 0;
  }
  const run = COMMANDS[command];
  if (!run) {
    io.stderr(`ecgrid-codegen: unknown command ${JSON.stringify(command)}; expected one of ${Object.keys(COMMANDS).join(', ')}`);
    return 2;
  }
  try {
    return await run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`ecgrid-codegen ${command}: ${error.message}`);
      io.stderr(`Run "ecgrid-codegen ${command} --help" for usage.`);
      return 2;
    }
    throw error;
  }
}
