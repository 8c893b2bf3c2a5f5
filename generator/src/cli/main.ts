import { UsageError } from './args.js';
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

type Command = (argv: readonly string[], io: CliIo) => Promise<number>;

/** Each command loads only its own code, so `generate` starts without the mock server's or diff's. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  generate: async () => (await import('./generate-command.js')).runGenerate,
  check: async () => (await import('./generate-command.js')).runCheck,
  ir: async () => (await import('./ir-command.js')).runIr,
  convert: async () => (await import('./convert-command.js')).runConvert,
  diff: async () => (await import('./diff-command.js')).runDiff,
  mock: async () => (await import('./mock-command.js')).runMock,
};

/** Runs one command line; returns the exit code. Only generator bugs escape as exceptions. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.stdout(USAGE);
    return command === undefined ? 2 : 0;
  }
  const load = COMMANDS[command];
  if (!load) {
    io.stderr(
      `ecgrid-codegen: unknown command ${JSON.stringify(command)}; expected one of ${Object.keys(COMMANDS).join(', ')}`,
    );
    return 2;
  }
  const run = await load();
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
