import { runCli } from './cli/main.js';

/** The `ecgrid-codegen` executable: wires the process to the CLI and maps bugs to a clear message. */
async function main(): Promise<void> {
  const code = await runCli(process.argv.slice(2), {
    cwd: process.cwd(),
    stdout: (text) => process.stdout.write(text),
    stderr: (line) => process.stderr.write(`${line}\n`),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
  });
  process.exitCode = code;
}

main().catch((error: unknown) => {
  process.stderr.write(`ecgrid-codegen: internal error (a bug in the generator, please report it): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 70;
});
