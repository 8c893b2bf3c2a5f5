/**
 * The TypeScript runtime's limits (the set all four runtimes share, README "Limits"): the XML
 * reader's per-element and in-scope bounds, chained namespace scopes, linear duplicate checks,
 * bounded messages; and the client's body limit, counted while the body streams in and after
 * inflation, with no compression asked for, and a body's encoding told by its BOM.
 */
import { gzipSync } from 'node:zlib';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ClientUsageError,
  DEFAULT_MAX_RESPONSE_BYTES,
  MAX_ERROR_MESSAGE_LENGTH,
  ResponseTooLargeError,
  SoapRuntimeError,
  XmlParseError,
  createSoapClient,
  parseXml,
  type ParseOptions,
} from '@ecgrid/soap-runtime';
import { buildSchemaDescriptor, buildServiceDescriptor } from '../../generator/src/descriptor/build-descriptor.js';
import { loadRepoCore } from '../support/generate.js';
import { readRepoFile } from '../support/paths.js';

function parseError(text: string, options?: ParseOptions): XmlParseError {
  try {
    parseXml(text, options);
  } catch (error) {
    if (error instanceof XmlParseError) return error;
    throw error;
  }
  throw new Error('parsed without an error');
}

const attrs = (n: number, name = (i: number) => `a${i}`) =>
  Array.from({ length: n }, (_, i) => ` ${name(i)}="v"`).join('');
const decls = (n: number, tag = '') =>
  Array.from({ length: n }, (_, i) => ` xmlns:p${tag}${i}="urn:${tag}${i}"`).join('');

describe('XML reader limits', () => {
  it('attributes per element: 256 by default, settable; a duplicate in a long list is still found', () => {
    expect(parseXml(`<r${attrs(256)}/>`).root.attributes).toHaveLength(256);
    expect(parseError(`<r${attrs(257)}/>`).code).toBe('size-limit');
    expect(parseXml(`<r${attrs(300)}/>`, { maxAttributes: 300 }).root.attributes).toHaveLength(300);
    expect(parseError(`<r${attrs(4)}/>`, { maxAttributes: 3 }).message).toContain('more than 3 attributes');
    // Past the short scan, duplicates are found through a set: plain names and expanded names.
    expect(parseError(`<r${attrs(200)} a150="w"/>`).code).toBe('duplicate-attribute');
    const expanded = parseError(`<r xmlns:p="urn:x" xmlns:q="urn:x"${attrs(20)} p:z="1" q:z="2"/>`);
    expect(expanded.code).toBe('duplicate-attribute');
    expect(expanded.message).toContain('"p:z" and "q:z" have the same expanded name');
  });

  it('100,000 attributes are refused at the limit; within a raised limit the duplicate check stays linear', () => {
    const text = `<r${attrs(100_000)}/>`;
    expect(parseError(text).code).toBe('size-limit');
    // A bound, not a benchmark: the pairwise check took about 28 s here, the set about 0.1 s.
    const started = performance.now();
    expect(parseXml(text, { maxAttributes: 100_000 }).root.attributes).toHaveLength(100_000);
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('names: 1,024 characters by default, settable; the message does not quote the name', () => {
    const long = 'n'.repeat(1025);
    const error = parseError(`<${long}/>`);
    expect(error.code).toBe('size-limit');
    expect(error.message).not.toContain(long.slice(0, 200));
    expect(parseXml(`<${long}/>`, { maxNameLength: 2000 }).root.local).toBe(long);
    expect(parseError(`<r ${'a'.repeat(1025)}="v"/>`).code).toBe('size-limit');
  });

  it('namespace declarations: 128 per element and 1,024 in scope by default, both settable', () => {
    expect(Object.keys(parseXml(`<r${decls(128)}/>`).root.declarations)).toHaveLength(128);
    expect(parseError(`<r${decls(129)}/>`).message).toContain('declares more than 128 namespaces');
    expect(parseXml(`<r${decls(129)}/>`, { maxNamespaceDeclarations: 129 }).root.local).toBe('r');
    const nest = (levels: number, each: number) =>
      `${Array.from({ length: levels }, (_, d) => `<e${decls(each, `l${d}x`)}>`).join('')}${'</e>'.repeat(levels)}`;
    expect(parseXml(nest(8, 128)).root.local).toBe('e');
    const beyond = parseError(nest(9, 128));
    expect(beyond.code).toBe('size-limit');
    expect(beyond.message).toContain('more than 1024 namespace declarations are in scope');
    expect(parseXml(nest(9, 128), { maxNamespacesInScope: 9 * 128 }).root.local).toBe('e');
    // Declarations of closed elements leave the scope: siblings can each declare the maximum.
    expect(parseXml(`<r>${`<e${decls(128)}/>`.repeat(50)}</r>`).root.children).toHaveLength(50);
  });

  it('scopes are chained: inner declarations shadow outer ones, outer ones stay visible, xml may be declared', () => {
    const doc = parseXml(
      '<a xmlns:p="urn:outer" xmlns:q="urn:q"><b xmlns:p="urn:inner"><p:c q:x="1"/></b><p:d/><e xmlns:xml="http://www.w3.org/XML/1998/namespace" xml:lang="en"/></a>',
    );
    const [b, d, e] = doc.root.children.filter((c) => c.kind === 'element');
    const c = b!.kind === 'element' ? b!.children[0] : undefined;
    expect(c?.kind === 'element' && c.ns).toBe('urn:inner');
    expect(c?.kind === 'element' && c.attributes[0]?.ns).toBe('urn:q');
    expect(c?.kind === 'element' && c.scope.p).toBe('urn:inner');
    expect(c?.kind === 'element' && c.scope.q).toBe('urn:q');
    expect(d?.kind === 'element' && d.ns).toBe('urn:outer');
    expect(e?.kind === 'element' && e.attributes[0]?.ns).toBe('http://www.w3.org/XML/1998/namespace');
  });

  it('40,000 elements each declaring a prefix under 960 prefixes in scope parse in linear time', () => {
    let open = '';
    for (let d = 0; d < 8; d++) open += `<a${decls(120, `d${d}x`)}>`;
    const text = `${open}${'<c xmlns:z="urn:z"/>'.repeat(40_000)}${'</a>'.repeat(8)}`;
    // A bound, not a benchmark: copying the scope per element took about 14 s here.
    const started = performance.now();
    const doc = parseXml(text);
    expect(performance.now() - started).toBeLessThan(10_000);
    let inner = doc.root;
    for (let d = 1; d < 8; d++) inner = inner.children[0] as typeof inner;
    expect(inner.children).toHaveLength(40_000);
    const last = inner.children[39_999];
    expect(last?.kind === 'element' && last.scope.pd0x0).toBe('urn:d0x0');
  });

  it('no runtime error message is longer than the bound, whatever the input', () => {
    const error = parseError(`<r>${'x'.repeat(100)}</${'y'.repeat(5000)}>`, { maxNameLength: 10_000 });
    expect(error.message.length).toBeLessThanOrEqual(MAX_ERROR_MESSAGE_LENGTH);
    expect(new SoapRuntimeError('c', 'm'.repeat(10_000)).message).toHaveLength(MAX_ERROR_MESSAGE_LENGTH);
  });
});

describe('client body limit, compression and encodings', () => {
  const core = loadRepoCore('wsdl/ECGridOS.wsdl');
  const schema = buildSchemaDescriptor(core);
  const service = buildServiceDescriptor(core.services[0]!);
  const VALID = readRepoFile('wsdl/examples/KeySet.soap11.response.xml');
  const input = { SessionID: 'limits-session-5d1e', UserID: 5001, Visibility: 'Shared' };

  let server: Server | undefined;
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = undefined;
  });

  /** A server answering with `answer`; returns its URL and the request headers it saw. */
  async function serve(
    answer: (res: import('node:http').ServerResponse) => void,
  ): Promise<{ url: string; seen: import('node:http').IncomingHttpHeaders[] }> {
    const seen: import('node:http').IncomingHttpHeaders[] = [];
    server = createServer((req, res) => {
      seen.push(req.headers);
      req.resume();
      req.on('end', () => answer(res));
      res.on('error', () => {});
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}/`, seen };
  }

  async function callError(url: string, options: Parameters<typeof createSoapClient>[2] = {}): Promise<unknown> {
    try {
      await createSoapClient(schema, service, { endpoint: url, timeoutMs: 20_000, ...options }).call('KeySet', input);
    } catch (error) {
      return error;
    }
    throw new Error('the call succeeded');
  }

  it('asks for no compression, and reads a body of exactly the limit', async () => {
    const { url, seen } = await serve((res) =>
      res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' }).end(VALID),
    );
    const client = createSoapClient(schema, service, { endpoint: url, maxResponseBytes: Buffer.byteLength(VALID) });
    expect(await client.call('KeySet', input)).toMatchObject({ KeyID: 1043 });
    expect(seen[0]?.['accept-encoding']).toBe('identity');
    expect(DEFAULT_MAX_RESPONSE_BYTES).toBe(64 * 1024 * 1024);
  });

  it('refuses a declared Content-Length over the limit before reading the body', async () => {
    const { url } = await serve((res) =>
      res.writeHead(200, { 'content-type': 'text/xml', 'content-length': 10_000_000 }).end('x'.repeat(10_000_000)),
    );
    const error = await callError(url, { maxResponseBytes: 1_000_000 });
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect((error as ResponseTooLargeError).code).toBe('size-limit');
    expect((error as ResponseTooLargeError).received).toBe(10_000_000);
  });

  it('stops a chunked body at the limit while it streams in', async () => {
    let written = 0;
    const { url } = await serve((res) => {
      res.writeHead(200, { 'content-type': 'text/xml' });
      const chunk = Buffer.alloc(64 * 1024, 'k');
      const pump = (): void => {
        while (written < 512 * 1024 * 1024 && !res.destroyed) {
          written += chunk.length;
          if (!res.write(chunk)) {
            res.once('drain', pump);
            return;
          }
        }
        res.end();
      };
      pump();
    });
    const error = await callError(url, { maxResponseBytes: 2 * 1024 * 1024 });
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect((error as ResponseTooLargeError).received).toBeUndefined();
    // The server was stopped long before it wrote its 512 MiB.
    expect(written).toBeLessThan(64 * 1024 * 1024);
  });

  it('counts the inflated bytes of a compressed body that comes unasked', async () => {
    const bomb = gzipSync(Buffer.alloc(32 * 1024 * 1024, 'k'));
    const { url } = await serve((res) =>
      res
        .writeHead(200, { 'content-type': 'text/xml', 'content-encoding': 'gzip', 'content-length': bomb.length })
        .end(bomb),
    );
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(await callError(url, { maxResponseBytes: 4 * 1024 * 1024 })).toBeInstanceOf(ResponseTooLargeError);
  });

  it('decodes a UTF-16 body by its BOM when the Content-Type names no charset', async () => {
    const text = VALID.replace('encoding="utf-8"', 'encoding="utf-16"').replace(
      'xyz987uvw654rst321opq098nml765kj',
      'clé-ü',
    );
    const { url } = await serve((res) =>
      res
        .writeHead(200, { 'content-type': 'text/xml' })
        .end(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])),
    );
    expect(await createSoapClient(schema, service, { endpoint: url }).call('KeySet', input)).toMatchObject({
      Key: 'clé-ü',
    });
  });

  it('passes its XML limits to the reader, and refuses a bad maxResponseBytes', async () => {
    const { url } = await serve((res) => res.writeHead(200, { 'content-type': 'text/xml' }).end(VALID));
    const error = await callError(url, { xmlLimits: { maxDepth: 2 } });
    expect(error).toBeInstanceOf(SoapRuntimeError);
    expect(String((error as Error).message)).toContain('more than 2 levels deep');
    expect(() => createSoapClient(schema, service, { maxResponseBytes: 0 })).toThrow(ClientUsageError);
  });
});
