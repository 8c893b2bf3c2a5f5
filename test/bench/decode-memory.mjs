// The peak memory of one decode of the benchmark KeyListResponse, in a fresh process: the growth
// of the peak resident set size (maxRSS) from just before the decode to just after it, with the
// document and the decoded value both alive. Prints {"peakBytes": N, "documentBytes": N}.
import { KEYLIST_RESPONSE, keyListDocument, loadBenchSetup } from './keylist-document.mjs';

const { runtime, schema } = await loadBenchSetup();
let document = keyListDocument(runtime, schema);
// Flatten the string so the decode does not pay for it, then settle the heap.
document = Buffer.from(document, 'utf8').toString('utf8');
const documentBytes = Buffer.byteLength(document);
globalThis.gc?.();
await new Promise((resolve) => setTimeout(resolve, 50));
const before = process.resourceUsage().maxRSS * 1024;
const value = runtime.decodeElement(schema, KEYLIST_RESPONSE, runtime.decodeEnvelope(document).body);
const after = process.resourceUsage().maxRSS * 1024;
if (value.KeyListResult.KeyValue.length !== 10_000) throw new Error('decode lost items');
console.log(JSON.stringify({ peakBytes: after - before, documentBytes }));
