// The peak memory of one decode of the benchmark KeyListResponse, in a fresh process started with
// --expose-gc and a young generation large enough that no garbage collection runs during the
// decode: the heap growth over the decode then counts every byte the decode allocated, garbage
// included (an upper bound of the peak). The growth of the peak resident set size (maxRSS) is
// measured too, and the larger of the two is reported.
// Prints {"peakBytes": N, "heapBytes": N, "rssBytes": N, "documentBytes": N}.
import { KEYLIST_RESPONSE, keyListDocument, loadBenchSetup } from './keylist-document.mjs';

if (typeof globalThis.gc !== 'function') {
  console.error('run with --expose-gc --max-semi-space-size=64');
  process.exit(1);
}
const { runtime, schema } = await loadBenchSetup();
// A received response is a flat string decoded from bytes.
const document = Buffer.from(keyListDocument(runtime, schema), 'utf8').toString('utf8');
const documentBytes = Buffer.byteLength(document);
// Warm the decoder up (its per-type decoders are made on first use), then settle the heap.
runtime.decodeEnvelopeElement(schema, KEYLIST_RESPONSE, document);
globalThis.gc();
await new Promise((resolve) => setTimeout(resolve, 50));
globalThis.gc();
const rssBefore = process.resourceUsage().maxRSS * 1024;
const heapBefore = process.memoryUsage().heapUsed;
const { value } = runtime.decodeEnvelopeElement(schema, KEYLIST_RESPONSE, document);
const heapBytes = process.memoryUsage().heapUsed - heapBefore;
const rssBytes = process.resourceUsage().maxRSS * 1024 - rssBefore;
if (value.KeyListResult.KeyValue.length !== 10_000) throw new Error('decode lost items');
console.log(JSON.stringify({ peakBytes: Math.max(heapBytes, rssBytes), heapBytes, rssBytes, documentBytes }));
