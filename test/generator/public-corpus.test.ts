/**
 * The public corpus of real WSDLs (`../shared/corpus/public/`, read in place, never copied): every
 * entry generates TypeScript that type-checks under strict, and its codec compiles (a value of
 * every global element can be decoded from nothing but the schema, so a type the runtime refuses
 * shows here, not in a user's first call).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileSchema } from '@ecgrid/soap-runtime';
import { buildSchemaDescriptor } from '../../generator/src/descriptor/build-descriptor.js';
import { findLanguage } from '../../generator/src/languages.js';
import { loadCore, renderTree } from '../../generator/src/pipeline.js';
import { CORPUS, ROOT } from '../support/paths.js';

/** Each entry's main file (the corpus README's table). */
const ENTRIES: Readonly<Record<string, string>> = {
  'acton-marketing': 'ActonService2.wsdl',
  'cbr-dailyinfo': 'DailyInfo.asmx.xml',
  'confluence-v2-axis1': 'confluenceservice-v2.wsdl',
  'dhl-de-bcs-332': 'geschaeftskundenversand-api-3.3.2.wsdl',
  'eu-ccn2-ics2-riskanalysis': 'CCN2.Service.Customs.Default.ICS.RiskAnalysisOrchestrationBAS_1.0.0_CCN2_1.0.0.wsdl',
  'hpcc-wsworkunits': 'WsWorkunits.wsdl',
  'nhindirect-config-jaxws': 'ConfigurationServiceImplService.wsdl',
  'oasis-cmis11': 'CMISWS-Service.wsdl',
  'ode-pmapi-rpclit': 'pmapi.wsdl',
  'purolator-tracking': 'TrackingService.wsdl',
  'rivta-lab-outcome':
    'interactions/GetLaboratoryOrderOutcomeInteraction/GetLaboratoryOrderOutcomeInteraction_3.0_RIVTABP21.wsdl',
  'siri-producer-rpclit': 'siri_wsProducer.wsdl',
  'ssrs-reportservice2010': 'ReportService2010.wsdl',
  'wso2-serveradmin-axis2': 'ServerAdmin.wsdl',
  'zuora-a78': 'zuora.a.78.0.wsdl',
};

const PUBLIC = join(CORPUS, 'public');
const typescript = findLanguage('typescript');
const readFile = (path: string) => {
  try {
    return readFileSync(join(ROOT, path), 'utf8');
  } catch {
    return undefined;
  }
};

describe.skipIf(!existsSync(PUBLIC))('the public corpus through the TypeScript target', () => {
  it.each(Object.entries(ENTRIES))(
    '%s: generates, compiles its codec and type-checks under strict',
    async (name, main) => {
      const path = `../shared/corpus/public/${name}/${main}`;
      const result = loadCore(path, readFile(path) ?? '', { readFile });
      expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      if (!result.ok || !typescript?.typecheck) throw new Error('cannot load');
      expect(() => compileSchema(buildSchemaDescriptor(result.core))).not.toThrow();
      const files = renderTree(result.core, typescript);
      expect(await typescript.typecheck(files, join(ROOT, 'packages'))).toEqual([]);
    },
    180_000,
  );
});
