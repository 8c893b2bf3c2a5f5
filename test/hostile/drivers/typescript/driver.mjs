// The TypeScript hostile-suite driver (test/hostile/drivers/README.md): one KeySet call through the
// built contract SDK (@ecgrid/ecgridos) with the given deadline; one JSON line on stdout.
import { readFileSync } from 'node:fs';
import { ECGridOSClient, KeyVisibility } from '@ecgrid/ecgridos';
import { SoapRuntimeError } from '@ecgrid/soap-runtime';

const [endpoint, timeout] = process.argv.slice(2);
const peakRssKb = () => Number(/^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? -1);

const client = new ECGridOSClient({ endpoint, timeoutMs: Number(timeout) });
const started = process.hrtime.bigint();
let line;
try {
  const info = await client.KeySet({
    SessionID: 's3cr3t-session-7f9e2c',
    UserID: 5001,
    Visibility: KeyVisibility.Shared,
  });
  const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
  line = { ok: true, value: { ...info, Created: String(info.Created) }, elapsedMs };
} catch (error) {
  const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
  const e = error instanceof Error ? error : new Error(String(error));
  line = {
    ok: false,
    sdkError: error instanceof SoapRuntimeError,
    type: e.constructor.name,
    code: String(e.code ?? ''),
    message: e.message,
    elapsedMs,
  };
}
process.stdout.write(`${JSON.stringify({ ...line, peakRssKb: peakRssKb() })}\n`);
