import { describe, expect, it } from 'vitest';
import {
  decodeElement,
  decodeEnvelope,
  encodeBodyElement,
  encodeEnvelope,
  EnvelopeError,
  serializeElement,
  SoapFaultError,
  XmlParseError,
  type EnvelopeErrorCode,
  type SchemaDescriptor,
} from '@ecgrid/soap-runtime';

const TNS = 'https://os.ecgrid.io/';
const S11 = 'http://schemas.xmlsoap.org/soap/envelope/';
const S12 = 'http://www.w3.org/2003/05/soap-envelope';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const XSD = 'http://www.w3.org/2001/XMLSchema';
const xs = (local: string): string => `{${XSD}}${local}`;

const SCHEMA: SchemaDescriptor = {
  types: {
    [`{${TNS}}KeyVisibility`]: {
      kind: 'enum',
      name: 'KeyVisibility',
      base: xs('string'),
      values: ['Private', 'Shared', 'Public', 'Session'],
    },
    [`{${TNS}}KeySet~type`]: {
      kind: 'complex',
      name: 'KeySet',
      content: [
        { kind: 'element', name: 'SessionID', ns: TNS, type: xs('string'), min: 0, max: 1, nillable: true },
        { kind: 'element', name: 'UserID', ns: TNS, type: xs('int'), min: 1, max: 1, nillable: false },
        {
          kind: 'element',
          name: 'Visibility',
          ns: TNS,
          type: `{${TNS}}KeyVisibility`,
          min: 1,
          max: 1,
          nillable: false,
        },
      ],
    },
  },
  elements: {
    [`{${TNS}}KeySet`]: { name: 'KeySet', ns: TNS, type: `{${TNS}}KeySet~type`, nillable: false },
  },
};
const KEYSET = `{${TNS}}KeySet`;
const VALUE = { SessionID: 'a3f1c2d4-7e8b-4c5a-9d0f-1b2c3d4e5f60', UserID: 5001, Visibility: 'Shared' };

/** The request as an ASMX service documents it (wsdl/examples/KeySet.soap11.request.xml). */
const REQUEST_11 = `<?xml version="1.0" encoding="utf-8"?>
<soap:Envelope xmlns:soap="${S11}" xmlns:xsi="${XSI}" xmlns:xsd="${XSD}">
  <soap:Body>
    <KeySet xmlns="${TNS}">
      <SessionID>a3f1c2d4-7e8b-4c5a-9d0f-1b2c3d4e5f60</SessionID>
      <UserID>5001</UserID>
      <Visibility>Shared</Visibility>
    </KeySet>
  </soap:Body>
</soap:Envelope>`;

describe('encodeEnvelope', () => {
  it('writes a compact SOAP 1.1 envelope like ASMX', () => {
    expect(encodeEnvelope({ version: '1.1', body: '<X/>' })).toBe(
      `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${S11}" xmlns:xsi="${XSI}" xmlns:xsd="${XSD}"><soap:Body><X/></soap:Body></soap:Envelope>`,
    );
  });

  it('uses the soap prefix for SOAP 1.2 too, and writes a Header when given', () => {
    const text = encodeEnvelope({ version: '1.2', body: '<X/>', header: '<H/>' });
    expect(text).toBe(
      `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${S12}" xmlns:xsi="${XSI}" xmlns:xsd="${XSD}"><soap:Header><H/></soap:Header><soap:Body><X/></soap:Body></soap:Envelope>`,
    );
    expect(text).not.toContain('soap12');
  });

  it('pretty prints the whole envelope consistently with the body fragment', () => {
    const body = encodeBodyElement(SCHEMA, KEYSET, VALUE, { version: '1.1', indent: '  ' });
    expect(encodeEnvelope({ version: '1.1', body }, { indent: '  ' })).toBe(REQUEST_11);
    const body12 = encodeBodyElement(SCHEMA, KEYSET, VALUE, { version: '1.2', indent: '  ' });
    expect(encodeEnvelope({ version: '1.2', body: body12 }, { indent: '  ' })).toBe(REQUEST_11.replace(S11, S12));
  });

  it('does not redeclare xsi in the body', () => {
    const body = encodeBodyElement(SCHEMA, KEYSET, { ...VALUE, SessionID: null }, { version: '1.1' });
    expect(body).toBe(
      `<KeySet xmlns="${TNS}"><SessionID xsi:nil="true"/><UserID>5001</UserID><Visibility>Shared</Visibility></KeySet>`,
    );
    const text = encodeEnvelope({ version: '1.1', body });
    const decoded = decodeEnvelope(text);
    expect(decodeElement(SCHEMA, KEYSET, decoded.body)).toEqual({ ...VALUE, SessionID: null });
  });
});

describe('decodeEnvelope', () => {
  it('returns the version and the first element of the Body', () => {
    const decoded = decodeEnvelope(REQUEST_11);
    expect(decoded.version).toBe('1.1');
    expect(decoded.body.local).toBe('KeySet');
    expect(decoded.header).toBeUndefined();
    expect(decodeElement(SCHEMA, KEYSET, decoded.body)).toEqual(VALUE);
    expect(decoded.document.positionOf(decoded.body.offset)).toEqual({ line: 4, column: 5 });
  });

  it('reads SOAP 1.2 and a Header', () => {
    const text = encodeEnvelope({ version: '1.2', header: '<Auth xmlns="urn:h">t</Auth>', body: '<R xmlns="urn:r"/>' });
    const decoded = decodeEnvelope(text);
    expect(decoded.version).toBe('1.2');
    expect(decoded.header?.local).toBe('Header');
    expect(serializeElement(decoded.header!.children[0] as never)).toBe('<Auth xmlns="urn:h">t</Auth>');
    expect(decoded.body.ns).toBe('urn:r');
  });

  it('turns a SOAP 1.1 fault into SoapFaultError', () => {
    const text = `<soap:Envelope xmlns:soap="${S11}"><soap:Body><soap:Fault>
      <faultcode>soap:Client</faultcode>
      <faultstring>Session is not valid or has expired.</faultstring>
      <faultactor>https://os.ecgrid.io/</faultactor>
      <detail><ErrorInfo xmlns="${TNS}"><ErrorCode>SessionInvalid</ErrorCode></ErrorInfo></detail>
    </soap:Fault></soap:Body></soap:Envelope>`;
    let fault: SoapFaultError | undefined;
    try {
      decodeEnvelope(text);
    } catch (error) {
      fault = error as SoapFaultError;
    }
    expect(fault).toBeInstanceOf(SoapFaultError);
    expect(fault).toMatchObject({
      version: '1.1',
      code: 'soap:Client',
      codeNs: S11,
      codeLocal: 'Client',
      reason: 'Session is not valid or has expired.',
      actor: 'https://os.ecgrid.io/',
      subcodes: undefined,
    });
    expect(fault?.message).toBe('SOAP fault soap:Client: Session is not valid or has expired.');
    expect(fault?.detail?.local).toBe('detail');
    const info = fault?.detail?.children.find((c) => c.kind === 'element');
    expect(info && serializeElement(info as never)).toBe(
      `<ErrorInfo xmlns="${TNS}"><ErrorCode>SessionInvalid</ErrorCode></ErrorInfo>`,
    );
  });

  it('turns a SOAP 1.2 fault with subcodes into SoapFaultError', () => {
    const text = `<?xml version="1.0"?><env:Envelope xmlns:env="${S12}" xmlns:e="urn:errors"><env:Body><env:Fault>
      <env:Code><env:Value>env:Sender</env:Value>
        <env:Subcode><env:Value>e:Session</env:Value><env:Subcode><env:Value>e:Expired</env:Value></env:Subcode></env:Subcode>
      </env:Code>
      <env:Reason><env:Text xml:lang="en">Session expired</env:Text><env:Text xml:lang="de">Sitzung abgelaufen</env:Text></env:Reason>
      <env:Node>https://node</env:Node>
      <env:Role>https://role</env:Role>
      <env:Detail><x/></env:Detail>
    </env:Fault></env:Body></env:Envelope>`;
    let fault: SoapFaultError | undefined;
    try {
      decodeEnvelope(text);
    } catch (error) {
      fault = error as SoapFaultError;
    }
    expect(fault).toBeInstanceOf(SoapFaultError);
    expect(fault).toMatchObject({
      version: '1.2',
      code: 'env:Sender',
      codeNs: S12,
      codeLocal: 'Sender',
      reason: 'Session expired',
      node: 'https://node',
      actor: 'https://role',
      subcodes: [
        { code: 'e:Session', ns: 'urn:errors', local: 'Session' },
        { code: 'e:Expired', ns: 'urn:errors', local: 'Expired' },
      ],
    });
    expect(fault?.detail?.local).toBe('Detail');
  });

  it('refuses documents that are not usable envelopes', () => {
    const cases: [string, EnvelopeErrorCode, { version?: '1.1' | '1.2' }?][] = [
      ['<KeySet/>', 'not-an-envelope'],
      ['<Envelope><Body><X/></Body></Envelope>', 'version-mismatch'],
      [`<soap:Envelope xmlns:soap="urn:soap-0.9"><soap:Body><X/></soap:Body></soap:Envelope>`, 'version-mismatch'],
      [REQUEST_11, 'version-mismatch', { version: '1.2' }],
      [`<soap:Envelope xmlns:soap="${S11}"><soap:Header/></soap:Envelope>`, 'missing-body'],
      [`<soap:Envelope xmlns:soap="${S11}"><Body><X/></Body></soap:Envelope>`, 'missing-body'],
      [`<soap:Envelope xmlns:soap="${S11}"><soap:Body> </soap:Body></soap:Envelope>`, 'empty-body'],
    ];
    for (const [text, code, options] of cases) {
      let caught: unknown;
      try {
        decodeEnvelope(text, options);
      } catch (error) {
        caught = error;
      }
      expect(caught, text).toBeInstanceOf(EnvelopeError);
      expect((caught as EnvelopeError).code, text).toBe(code);
    }
  });

  it('lets XML errors through as XmlParseError', () => {
    expect(() => decodeEnvelope('<!DOCTYPE x []><x/>')).toThrow(XmlParseError);
    expect(() => decodeEnvelope('<a><b></a>')).toThrow(XmlParseError);
  });
});
