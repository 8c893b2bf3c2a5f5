import { runCli } from './cli/main.js';

/** The `ecgrid-codegen` executable: wires the process to the CLI and maps bugs to a clear message. */
async function main(): Promise<void> {
  const written = new Set<NodeJS.WriteStream>();
  const code = await runCli(process.argv.slice(2), {
    cwd: process.cwd(),
    stdout: (text) => {
      written.add(process.stdout);
      process.stdout.write(text);
    },
    stderr: (line) => {
      written.add(process.stderr);
      process.stderr.write(`${line}\n`);
    },
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
  });
  process.exitCode = code;
  // Every command has finished its work when runCli returns (mock only once its server has
  // stopped). Leaving by the end of the event loop, Node would then free the whole heap, tens of
  // MB after a generate, a page at a time: that took longer than writing the files (about 60 ms
  // of a 500 ms generate). process.exit skips it. Only when all output has been handed over,
  // though: a pipe on POSIX takes writes asynchronously, and what it still queues would be lost.
  if ([...written].every((stream) => stream.writableLength === 0)) process.exit(code);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `ecgrid-codegen: internal error (a bug in the generator, please report it): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 70;
});
