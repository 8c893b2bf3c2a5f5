import { SOAP11_ENVELOPE_NS, SOAP12_ENVELOPE_NS, escapeText, type SoapEnvelopeVersion } from '@ecgrid/soap-runtime';

/** Who caused a fault: the request (Client/Sender) or the server (Server/Receiver). */
export type FaultSide = 'client' | 'server';

/**
 * A SOAP Fault envelope in the version of the request, with a reason that says what is wrong and,
 * when given, a detail: the XML of its element, written as is.
 */
export function faultEnvelope(version: SoapEnvelopeVersion, side: FaultSide, reason: string, detail?: string): string {
  const text = escapeText(reason);
  if (version === '1.1') {
    const code = side === 'client' ? 'soap:Client' : 'soap:Server';
    return [
      '<?xml version="1.0" encoding="utf-8"?>',
      `<soap:Envelope xmlns:soap="${SOAP11_ENVELOPE_NS}">`,
      '  <soap:Body>',
      '    <soap:Fault>',
      `      <faultcode>${code}</faultcode>`,
      `      <faultstring>${text}</faultstring>`,
      ...(detail === undefined ? [] : [`      <detail>${detail}</detail>`]),
      '    </soap:Fault>',
      '  </soap:Body>',
      '</soap:Envelope>',
      '',
    ].join('\n');
  }
  const code = side === 'client' ? 'soap:Sender' : 'soap:Receiver';
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<soap:Envelope xmlns:soap="${SOAP12_ENVELOPE_NS}">`,
    '  <soap:Body>',
    '    <soap:Fault>',
    `      <soap:Code><soap:Value>${code}</soap:Value></soap:Code>`,
    `      <soap:Reason><soap:Text xml:lang="en">${text}</soap:Text></soap:Reason>`,
    '    </soap:Fault>',
    '  </soap:Body>',
    '</soap:Envelope>',
    '',
  ].join('\n');
}

/** HTTP status of a fault: 500 in SOAP 1.1; 400 for Sender and 500 for Receiver in SOAP 1.2. */
export function faultStatus(version: SoapEnvelopeVersion, side: FaultSide): number {
  return version === '1.2' && side === 'client' ? 400 : 500;
}

/** The media type of a SOAP version's messages. */
export function soapContentType(version: SoapEnvelopeVersion): string {
  return version === '1.1' ? 'text/xml; charset=utf-8' : 'application/soap+xml; charset=utf-8';
}
