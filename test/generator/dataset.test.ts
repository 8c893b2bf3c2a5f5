import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeElement, encodeElement, parseXml } from '@ecgrid/soap-runtime';
import type { XmlElement } from '@ecgrid/soap-runtime';
import { buildSchemaDescriptor } from '../../generator/src/descriptor/build-descriptor.js';
import { loadCore } from '../../generator/src/pipeline.js';
import { CORPUS } from '../support/paths.js';

const TNS = 'https://os.ecgrid.io/';

/** A .NET DataSet answer as ASMX sends it: an inline schema, then the data as a diffgram. */
const DATASET_RESPONSE =
  `<ReportMonthlyResponse xmlns="${TNS}"><ReportMonthlyResult>` +
  '<xs:schema id="NewDataSet" xmlns="" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:msdata="urn:schemas-microsoft-com:xml-msdata">' +
  '<xs:element name="NewDataSet" msdata:IsDataSet="true"><xs:complexType><xs:choice minOccurs="0" maxOccurs="unbounded"><xs:element name="Table"><xs:complexType><xs:sequence>' +
  '<xs:element name="Month" type="xs:dateTime" minOccurs="0"/><xs:element name="Parcels" type="xs:long" minOccurs="0"/>' +
  '</xs:sequence></xs:complexType></xs:element></xs:choice></xs:complexType></xs:element></xs:schema>' +
  '<diffgr:diffgram xmlns:msdata="urn:schemas-microsoft-com:xml-msdata" xmlns:diffgr="urn:schemas-microsoft-com:xml-diffgram-v1">' +
  '<NewDataSet xmlns=""><Table diffgr:id="Table1" msdata:rowOrder="0"><Month>2026-05-01T00:00:00-04:00</Month><Parcels>9223372036854775807</Parcels></Table>' +
  '<Table diffgr:id="Table2" msdata:rowOrder="1"><Month>2026-06-01T00:00:00-04:00</Month><Parcels>17</Parcels></Table></NewDataSet>' +
  '</diffgr:diffgram></ReportMonthlyResult></ReportMonthlyResponse>';

describe('the .NET DataSet pattern of the real v4.1 WSDL (element ref="s:schema" + s:any)', () => {
  const file = 'ECGridOS-v4.1.wsdl';
  const result = loadCore(`../shared/corpus/${file}`, readFileSync(join(CORPUS, file), 'utf8'));
  if (!result.ok) throw new Error('v4.1 does not load');
  const schema = buildSchemaDescriptor(result.core);
  const id = `{${TNS}}ReportMonthlyResponse`;

  it('keeps the inline schema and the diffgram as XML trees', () => {
    const value = decodeElement(schema, id, parseXml(DATASET_RESPONSE).root) as {
      ReportMonthlyResult: { schema: XmlElement[]; any: XmlElement[] };
    };
    expect(value.ReportMonthlyResult.schema.map((e) => `${e.ns} ${e.local}`)).toEqual([
      'http://www.w3.org/2001/XMLSchema schema',
    ]);
    expect(value.ReportMonthlyResult.any.map((e) => e.local)).toEqual(['diffgram']);
  });

  it('writes them back unchanged, byte for byte', () => {
    const value = decodeElement(schema, id, parseXml(DATASET_RESPONSE).root);
    expect(encodeElement(schema, id, value)).toBe(DATASET_RESPONSE);
  });
});
