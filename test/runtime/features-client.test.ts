/**
 * The client's use of the operation descriptor's additions: SOAP headers (`headers`,
 * `CallOptions.soapHeaders`), declared faults (`faults` -> `faultName`/`detailValue`), one-way
 * operations (no `output`) and rpc/encoded operations (`encoded` -> `xsi:type`). The transport
 * is an injected `fetch` that records the request and answers with a canned response.
 */
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  ClientUsageError,
  createSoapClient,
  DecodeError,
  HttpError,
  SoapFaultError,
  XSD_NS,
  type ClientOptions,
  type SchemaDescriptor,
  type ServiceDescriptor,
} from '@ecgrid/soap-runtime';
import { elementsIn } from './support/descriptors.js';

const N = 'urn:svc';
const t = (local: string): string => `{${N}}${local}`;
const xs = (local: string): string => `{${XSD_NS}}${local}`;
const el = elementsIn(N, 1);
const SOAP11 = 'http://schemas.xmlsoap.org/soap/envelope/';
const SOAP12 = 'http://www.w3.org/2003/05/soap-envelope';
const SECRET = 'sess-5f0c1e2d-SECRET';

const SCHEMA: SchemaDescriptor = {
  types: {
    [t('Get')]: { kind: 'complex', name: 'Get', content: [el('id', xs('int'))] },
    [t('GetResponse')]: { kind: 'complex', name: 'GetResponse', content: [el('GetResult', xs('string'), { min: 0 })] },
    [t('Auth')]: { kind: 'complex', name: 'Auth', content: [el('SessionID', xs('string'))] },
    [t('Trace')]: {
      kind: 'complex',
      name: 'Trace',
      content: [el('id', xs('string'))],
      attributes: [{ name: 'level', ns: '', type: xs('int'), required: false }],
    },
    [t('KeyFault')]: {
      kind: 'complex',
      name: 'KeyFault',
      content: [el('KeyID', xs('int')), el('Note', xs('string'), { min: 0 })],
    },
    [t('QuotaFault')]: { kind: 'complex', name: 'QuotaFault', content: [el('Limit', xs('int'))] },
    [t('Ping')]: { kind: 'complex', name: 'Ping', content: [el('at', xs('dateTime'))] },
    [t('Add')]: {
      kind: 'complex',
      name: 'Add',
      content: [el('a', xs('int'), { ns: '' }), el('b', xs('int'), { ns: '' })],
    },
    [t('AddResponse')]: { kind: 'complex', name: 'AddResponse', content: [el('sum', xs('int'), { ns: '' })] },
  },
  elements: {
    [t('Get')]: { name: 'Get', ns: N, type: t('Get'), nillable: false },
    [t('GetResponse')]: { name: 'GetResponse', ns: N, type: t('GetResponse'), nillable: false },
    [t('Auth')]: { name: 'Auth', ns: N, type: t('Auth'), nillable: false },
    [t('Trace')]: { name: 'Trace', ns: N, type: t('Trace'), nillable: false },
    [t('KeyFault')]: { name: 'KeyFault', ns: N, type: t('KeyFault'), nillable: false },
    [t('QuotaFault')]: { name: 'QuotaFault', ns: N, type: t('QuotaFault'), nillable: false },
    [t('Ping')]: { name: 'Ping', ns: N, type: t('Ping'), nillable: false },
    [t('Add')]: { name: 'Add', ns: N, type: t('Add'), nillable: false },
    [t('AddResponse')]: { name: 'AddResponse', ns: N, type: t('AddResponse'), nillable: false },
  },
};

const SERVICE: ServiceDescriptor = {
  name: 'Svc',
  endpoints: { soap11: 'http://127.0.0.1:9/svc', soap12: 'http://127.0.0.1:9/svc' },
  operations: {
    Get: {
      name: 'Get',
      soapAction: 'urn:svc/Get',
      input: t('Get'),
      output: t('GetResponse'),
      wrapped: true,
      headers: [t('Auth'), t('Trace')],
      faults: [
        { name: 'KeyFault', element: t('KeyFault') },
        { name: 'QuotaFault', element: t('QuotaFault') },
      ],
    },
    Ping: { name: 'Ping', soapAction: 'urn:svc/Ping', input: t('Ping'), wrapped: false },
    Add: {
      name: 'Add',
      soapAction: 'urn:svc/Add',
      input: t('Add'),
      output: t('AddResponse'),
      wrapped: true,
      style: 'rpc',
      encoded: true,
    },
  },
};

interface Sent {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** A client whose transport records each request and answers `status`/`body`. */
function clientAnswering(
  status: number,
  body: string,
  options: ClientOptions = {},
): { client: ReturnType<typeof createSoapClient>; sent: Sent[] } {
  const sent: Sent[] = [];
  const fetch = (async (url: string | URL | Request, init?: RequestInit) => {
    sent.push({ url: String(url), headers: init?.headers as Record<string, string>, body: String(init?.body) });
    return new Response(body, { status, headers: { 'Content-Type': 'text/xml; charset=utf-8' } });
  }) as typeof globalThis.fetch;
  return { client: createSoapClient(SCHEMA, SERVICE, { pretty: false, ...options, fetch }), sent };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

const RESPONSE = `<soap:Envelope xmlns:soap="${SOAP11}"><soap:Body><GetResponse xmlns="${N}"><GetResult>ok</GetResult></GetResponse></soap:Body></soap:Envelope>`;

describe('SOAP headers', () => {
  it('writes the given header blocks into soap:Header in the order the operation declares them', async () => {
    const { client, sent } = clientAnswering(200, RESPONSE);
    const result = await client.call(
      'Get',
      { id: 1 },
      { soapHeaders: { Trace: { id: 'tr-1', level: 2 }, Auth: { SessionID: 's' } } },
    );
    expect(result).toBe('ok');
    expect(sent[0]!.body).toBe(
      `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${SOAP11}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="${XSD_NS}">` +
        `<soap:Header><Auth xmlns="${N}"><SessionID>s</SessionID></Auth><Trace xmlns="${N}" level="2"><id>tr-1</id></Trace></soap:Header>` +
        `<soap:Body><Get xmlns="${N}"><id>1</id></Get></soap:Body></soap:Envelope>`,
    );
  });

  it('pretty prints several header blocks like body content', async () => {
    const { client, sent } = clientAnswering(200, RESPONSE, { pretty: true, soapVersion: '1.2' });
    await client.call('Get', { id: 1 }, { soapHeaders: { Auth: { SessionID: 's' }, Trace: { id: 'x' } } });
    expect(sent[0]!.body).toContain(
      [
        '  <soap:Header>',
        `    <Auth xmlns="${N}">`,
        '      <SessionID>s</SessionID>',
        '    </Auth>',
        `    <Trace xmlns="${N}">`,
        '      <id>x</id>',
        '    </Trace>',
        '  </soap:Header>',
      ].join('\n'),
    );
  });

  it('writes no Header without soapHeaders, or when none of them has a value', async () => {
    const { client, sent } = clientAnswering(200, RESPONSE);
    await client.call('Get', { id: 1 });
    await client.call('Get', { id: 1 }, { soapHeaders: { Auth: undefined } });
    for (const s of sent) expect(s.body).not.toContain('Header');
  });

  it('refuses a header the operation does not declare, before sending', async () => {
    const { client, sent } = clientAnswering(200, RESPONSE);
    const error = await rejection(client.call('Get', { id: 1 }, { soapHeaders: { Other: {} } }));
    expect(error).toBeInstanceOf(ClientUsageError);
    expect((error as ClientUsageError).code).toBe('invalid-option');
    const ping = await rejection(
      client.call('Ping', { at: '2026-01-01T00:00:00' }, { soapHeaders: { Auth: { SessionID: 's' } } }),
    );
    expect(ping).toBeInstanceOf(ClientUsageError);
    expect(sent).toHaveLength(0);
  });

  it('keeps secret header fields out of errors', async () => {
    const fault = `<soap:Envelope xmlns:soap="${SOAP11}"><soap:Body><soap:Fault><faultcode>soap:Client</faultcode><faultstring>bad session ${SECRET}</faultstring></soap:Fault></soap:Body></soap:Envelope>`;
    const { client } = clientAnswering(500, fault);
    const error = await rejection(client.call('Get', { id: 1 }, { soapHeaders: { Auth: { SessionID: SECRET } } }));
    expect(error).toBeInstanceOf(SoapFaultError);
    expect(inspect(error, { depth: null, showHidden: true })).not.toContain(SECRET);
    const { client: c2 } = clientAnswering(200, RESPONSE);
    const encodeError = await rejection(
      c2.call('Get', { id: 1 }, { soapHeaders: { Auth: { SessionID: SECRET, Extra: SECRET } } }),
    );
    expect(inspect(encodeError, { depth: null, showHidden: true })).not.toContain(SECRET);
  });
});

describe('declared faults', () => {
  const fault11 = (detail: string): string =>
    `<soap:Envelope xmlns:soap="${SOAP11}"><soap:Body><soap:Fault><faultcode>soap:Server</faultcode><faultstring>failed</faultstring>` +
    `<detail>${detail}</detail></soap:Fault></soap:Body></soap:Envelope>`;

  it('decodes the detail element of a declared fault (SOAP 1.1)', async () => {
    const { client } = clientAnswering(
      500,
      fault11(`<!-- c --><KeyFault xmlns="${N}"><KeyID>5</KeyID><Note>n</Note></KeyFault>`),
    );
    const error = (await rejection(client.call('Get', { id: 1 }))) as SoapFaultError;
    expect(error).toBeInstanceOf(SoapFaultError);
    expect(error.faultName).toBe('KeyFault');
    expect(error.detailValue).toEqual({ KeyID: 5, Note: 'n' });
    expect(error.code).toBe('soap:Server');
    expect(error.reason).toBe('failed');
    expect(error.detail?.local).toBe('detail');
  });

  it('SOAP 1.2, the second declared fault, another element first', async () => {
    const body =
      `<env:Envelope xmlns:env="${SOAP12}"><env:Body><env:Fault><env:Code><env:Value>env:Receiver</env:Value></env:Code>` +
      `<env:Reason><env:Text xml:lang="en">over quota</env:Text></env:Reason><env:Detail><x:Other xmlns:x="urn:x"/><QuotaFault xmlns="${N}"><Limit>10</Limit></QuotaFault></env:Detail>` +
      `</env:Fault></env:Body></env:Envelope>`;
    const { client } = clientAnswering(500, body, { soapVersion: '1.2' });
    const error = (await rejection(client.call('Get', { id: 1 }))) as SoapFaultError;
    expect(error.faultName).toBe('QuotaFault');
    expect(error.detailValue).toEqual({ Limit: 10 });
    expect(error.version).toBe('1.2');
    expect(error.codeLocal).toBe('Receiver');
  });

  it('gives a detail no declared fault describes as plain values, with no fault name', async () => {
    const { client } = clientAnswering(
      500,
      fault11(
        `<KeyFault xmlns="urn:other" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" level="2"><KeyID>5</KeyID><Tag>a</Tag><Tag>b</Tag><Note unit="s">n</Note><Empty/><Gone xsi:nil="true"/></KeyFault>`,
      ),
    );
    const error = (await rejection(client.call('Get', { id: 1 }))) as SoapFaultError;
    expect(error).toBeInstanceOf(SoapFaultError);
    expect(error.faultName).toBeUndefined();
    expect(error.detailValue).toEqual({
      KeyFault: {
        KeyID: '5',
        Tag: ['a', 'b'],
        Note: { $attributes: { unit: 's' }, $value: 'n' },
        Empty: '',
        Gone: null,
        $attributes: { level: '2' },
      },
    });
    const { client: c2 } = clientAnswering(500, fault11(`<KeyFault xmlns="${N}"><KeyID>5</KeyID></KeyFault>`));
    // Ping declares no faults.
    const ping = (await rejection(c2.call('Ping', { at: '2026-01-01T00:00:00' }))) as SoapFaultError;
    expect(ping.faultName).toBeUndefined();
  });

  it('a declared element that does not decode: no faultName, the DecodeError as cause', async () => {
    const { client } = clientAnswering(500, fault11(`<KeyFault xmlns="${N}"><KeyID>five</KeyID></KeyFault>`));
    const error = (await rejection(client.call('Get', { id: 1 }))) as SoapFaultError;
    expect(error).toBeInstanceOf(SoapFaultError);
    expect(error.faultName).toBeUndefined();
    expect(error.cause).toBeInstanceOf(DecodeError);
    expect((error.cause as DecodeError).path).toBe('KeyFault.KeyID');
  });

  it('decodes the redacted detail: no secret in detailValue', async () => {
    const { client } = clientAnswering(
      500,
      fault11(`<KeyFault xmlns="${N}"><KeyID>5</KeyID><Note>${SECRET}</Note></KeyFault>`),
    );
    const error = (await rejection(
      client.call('Get', { id: 1 }, { soapHeaders: { Auth: { SessionID: SECRET } } }),
    )) as SoapFaultError;
    expect(error.faultName).toBe('KeyFault');
    expect(error.detailValue).toEqual({ KeyID: 5, Note: '***' });
    expect(inspect(error, { depth: null, showHidden: true })).not.toContain(SECRET);
  });
});

describe('one-way operations', () => {
  for (const status of [200, 202]) {
    it(`resolve to undefined on HTTP ${status} with an empty body`, async () => {
      const { client, sent } = clientAnswering(status, '');
      await expect(client.call('Ping', { at: '2026-05-07T10:00:00' })).resolves.toBeUndefined();
      expect(sent[0]!.body).toContain(`<Ping xmlns="${N}"><at>2026-05-07T10:00:00</at></Ping>`);
      const raw = await client.callRaw('Ping', { at: '2026-05-07T10:00:00' });
      expect(raw.result).toBeUndefined();
      expect(raw.response.status).toBe(status);
    });
  }

  it('an error status is still an error', async () => {
    const { client } = clientAnswering(500, '');
    expect(await rejection(client.call('Ping', { at: '2026-05-07T10:00:00' }))).toBeInstanceOf(HttpError);
  });
});

describe('rpc/encoded operations', () => {
  it('write xsi:type on simple-typed elements and read an encoded response', async () => {
    const response =
      `<soap:Envelope xmlns:soap="${SOAP11}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="${XSD_NS}">` +
      `<soap:Body><ns1:AddResponse xmlns:ns1="${N}"><sum xsi:type="xsd:int">5</sum></ns1:AddResponse></soap:Body></soap:Envelope>`;
    const { client, sent } = clientAnswering(200, response);
    expect(await client.call('Add', { a: 2, b: 3 })).toBe(5);
    expect(sent[0]!.body).toContain(
      `<soap:Body><Add xmlns="${N}"><a xmlns="" xsi:type="xsd:int">2</a><b xmlns="" xsi:type="xsd:int">3</b></Add></soap:Body>`,
    );
    // Document/literal operations do not.
    const { client: c2, sent: s2 } = clientAnswering(200, RESPONSE);
    await c2.call('Get', { id: 1 });
    expect(s2[0]!.body).not.toContain('xsi:type');
  });
});
