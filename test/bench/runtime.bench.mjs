// Runtime benchmarks, side by side in one run with node-soap (`soap`), saxes and a hand-written
// template string, on the real v4.1 WSDL: decoding a KeyListResponse of 10,000 KeyValue items
// (about 3.9 MB) into typed values, encoding a KeySet request envelope, a whole client call with
// an in-process transport, and the peak memory of the decode (in a fresh process).
// A script, not a test: `npm run bench` (`-- --json` for the figures as JSON); BENCH_ROUNDS sets
// the number of rounds (default 7). The machine should be otherwise idle.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SaxesParser } from 'saxes';
import soap from 'soap';
import {
  KEYLIST_RESPONSE,
  KEYSET,
  KEYSET_INPUT,
  TNS,
  keyListDocument,
  loadBenchSetup,
  root,
  wsdlPath,
} from './keylist-document.mjs';

const json = process.argv.includes('--json');
const rounds = Number(process.env.BENCH_ROUNDS ?? 7);

if (
  !existsSync(join(root, 'generator', 'dist', 'index.js')) ||
  !existsSync(join(root, 'packages', 'runtime', 'dist', 'index.js'))
) {
  console.error('build the runtime and the CLI first: npm run build:tools');
  process.exit(1);
}

const { runtime, schema, service } = await loadBenchSetup();
// A received response is a flat string decoded from bytes, not the concatenation the encoder built.
const documentBytes = new Uint8Array(Buffer.from(keyListDocument(runtime, schema), 'utf8'));
const document = Buffer.from(documentBytes).toString('utf8');
const peer = await soap.createClientAsync(wsdlPath);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/**
 * Median milliseconds per run of each contestant; rounds interleave them so noise hits all.
 * Synchronous contestants are called without `await` (a microtask turn per call would add the
 * same fraction of a microsecond to every encode and blur the ratios); `async` ones are awaited.
 */
async function compare(contestants, { repeat = 1, warmup = 2, async = false } = {}) {
  const times = Object.fromEntries(Object.keys(contestants).map((k) => [k, []]));
  for (const fn of Object.values(contestants)) for (let i = 0; i < warmup; i++) await fn();
  for (let r = 0; r < rounds; r++) {
    for (const [name, fn] of Object.entries(contestants)) {
      const started = performance.now();
      if (async) for (let i = 0; i < repeat; i++) await fn();
      else for (let i = 0; i < repeat; i++) fn();
      times[name].push((performance.now() - started) / repeat);
    }
  }
  return Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
}

// --- decode ---------------------------------------------------------------------------------
let _sink;
function decodeOurs() {
  _sink = runtime.decodeEnvelopeElement(schema, KEYLIST_RESPONSE, document).value;
}
function decodeNodeSoap() {
  _sink = peer.wsdl.xmlToObject(document);
}
function tokenizeSaxes() {
  const parser = new SaxesParser();
  let n = 0;
  parser.on('opentag', () => n++);
  parser.on('text', () => n++);
  parser.on('closetag', () => n++);
  parser.write(document).close();
  _sink = n;
}
const decode = await compare({
  ours: decodeOurs,
  'node-soap xmlToObject': decodeNodeSoap,
  'saxes (tokenize only)': tokenizeSaxes,
});

// --- encode ---------------------------------------------------------------------------------
function encodeOurs() {
  const body = runtime.encodeBodyElement(schema, KEYSET, KEYSET_INPUT, { version: '1.1' });
  _sink = runtime.encodeEnvelope({ version: '1.1', body });
}
const peerInput = { ...KEYSET_INPUT, ObjectID: String(KEYSET_INPUT.ObjectID) };
function encodeNodeSoap() {
  _sink = peer.wsdl.objectToDocumentXML('KeySet', peerInput, undefined, TNS);
}
const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
function encodeTemplate() {
  const v = KEYSET_INPUT;
  _sink = `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"><soap:Body><KeySet xmlns="${TNS}"><SessionID>${esc(v.SessionID)}</SessionID><Key>${esc(v.Key)}</Key><SystemObject>${v.SystemObject}</SystemObject><ObjectID>${v.ObjectID}</ObjectID><Visibility>${v.Visibility}</Visibility><Value>${esc(v.Value)}</Value><Meta>${esc(v.Meta)}</Meta><DaysToLive>${v.DaysToLive}</DaysToLive></KeySet></soap:Body></soap:Envelope>`;
}
const encode = await compare(
  { ours: encodeOurs, 'node-soap objectToDocumentXML': encodeNodeSoap, 'template string': encodeTemplate },
  { repeat: 20_000, warmup: 2000 },
);

// --- whole call, in-process transport ---------------------------------------------------------
const ENDPOINT = 'http://127.0.0.1:1/v4.1/prod/ECGridOS.asmx';
const ours = runtime.createSoapClient(schema, service, {
  endpoint: ENDPOINT,
  pretty: false,
  // Each transport hands its client the response as its own transport layer receives it: fetch
  // gives bytes (which our client decodes itself), node-soap's HTTP client a string.
  fetch: async () =>
    new Response(documentBytes, { status: 200, headers: { 'content-type': 'text/xml; charset=utf-8' } }),
});
const inProcess = {
  request(_url, _data, callback) {
    setImmediate(() =>
      callback(
        null,
        { status: 200, statusCode: 200, headers: { 'content-type': 'text/xml; charset=utf-8' }, data: document },
        document,
      ),
    );
  },
};
const peerClient = await soap.createClientAsync(wsdlPath, { httpClient: inProcess, endpoint: ENDPOINT });
const keyListInput = {
  SessionID: 'a3f1c2d4-7e8b-4c5a-9d0f-1b2c3d4e5f60',
  SystemObject: 'Mailbox',
  ObjectID: '9007199254740993',
};
const call = await compare(
  {
    ours: async () => {
      _sink = await ours.call('KeyList', { ...keyListInput, ObjectID: 9007199254740993n });
    },
    'node-soap': async () => {
      _sink = (await peerClient.KeyListAsync(keyListInput))[0];
    },
  },
  { async: true },
);

// --- peak memory of the decode, in a fresh process ---------------------------------------------
const memory = spawnSync(
  process.execPath,
  ['--expose-gc', '--max-semi-space-size=64', join(root, 'test', 'bench', 'decode-memory.mjs')],
  { encoding: 'utf8' },
);
if (memory.status !== 0) throw new Error(`decode-memory.mjs failed: ${memory.stderr}`);
const peak = JSON.parse(memory.stdout);

const r3 = (x) => Number(x.toFixed(3));
const mbps = (ms) => documentBytes.length / 1e6 / (ms / 1000);
const figures = {
  document_bytes: documentBytes.length,
  rounds,
  decode_ms: decode,
  encode_us: Object.fromEntries(Object.entries(encode).map(([k, v]) => [k, r3(v * 1000)])),
  call_ms: call,
  decode_mb_per_s: { ours: r3(mbps(decode.ours)), 'node-soap xmlToObject': r3(mbps(decode['node-soap xmlToObject'])) },
  decode_peak_memory_bytes: peak.peakBytes,
  decode_speedup_vs_node_soap: r3(decode['node-soap xmlToObject'] / decode.ours),
  decode_time_vs_saxes: r3(decode.ours / decode['saxes (tokenize only)']),
  encode_speedup_vs_node_soap: r3(encode['node-soap objectToDocumentXML'] / encode.ours),
  encode_time_vs_template: r3(encode.ours / encode['template string']),
  call_speedup_vs_node_soap: r3(call['node-soap'] / call.ours),
  decode_peak_memory_vs_document: r3(peak.peakBytes / documentBytes.length),
};

if (json) {
  console.log(JSON.stringify(figures, null, 2));
} else {
  const row = (name, value, target) => console.log(`  ${name.padEnd(44)} ${String(value).padStart(9)}   ${target}`);
  console.log(
    `runtime, KeyListResponse of 10,000 KeyValue items (${(documentBytes.length / 1e6).toFixed(2)} MB) and the KeySet request of ECGridOS-v4.1.wsdl, ${rounds} rounds, median:`,
  );
  for (const [name, ms] of Object.entries(decode))
    row(
      `decode: ${name}`,
      `${ms.toFixed(1)} ms`,
      name === 'saxes (tokenize only)' ? '' : `${mbps(ms).toFixed(1)} MB/s`,
    );
  for (const [name, ms] of Object.entries(encode)) row(`encode KeySet: ${name}`, `${(ms * 1000).toFixed(2)} us`, '');
  for (const [name, ms] of Object.entries(call)) row(`KeyList call, in-process: ${name}`, `${ms.toFixed(1)} ms`, '');
  row('decode peak memory', `${(peak.peakBytes / 1e6).toFixed(1)} MB`, '');
  console.log('ratios:');
  row('decode_speedup_vs_node_soap', figures.decode_speedup_vs_node_soap, '(target >= 6)');
  row('decode_time_vs_saxes', figures.decode_time_vs_saxes, '(target <= 2.5)');
  row('encode_speedup_vs_node_soap', figures.encode_speedup_vs_node_soap, '(target >= 8)');
  row('encode_time_vs_template', figures.encode_time_vs_template, '(target <= 3)');
  row('call_speedup_vs_node_soap', figures.call_speedup_vs_node_soap, '(target >= 5)');
  row('decode_peak_memory_vs_document', figures.decode_peak_memory_vs_document, '(target < 4)');
}
