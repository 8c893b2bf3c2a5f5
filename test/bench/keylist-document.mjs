// Builds the benchmark documents from the real v4.1 WSDL: a KeyListResponse envelope of 10,000
// KeyValue items (about 3.8 MB, a nil item every 1,000) and the KeySet request value.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const wsdlPath = join(root, '..', 'shared', 'corpus', 'ECGridOS-v4.1.wsdl');
export const TNS = 'https://os.ecgrid.io/';
export const KEYLIST_RESPONSE = `{${TNS}}KeyListResponse`;
export const KEYSET = `{${TNS}}KeySet`;

export async function loadBenchSetup() {
  const generator = await import(join(root, 'generator', 'dist', 'index.js'));
  const runtime = await import(join(root, 'packages', 'runtime', 'dist', 'index.js'));
  const loaded = generator.loadCore('ECGridOS-v4.1.wsdl', readFileSync(wsdlPath, 'utf8'));
  if (!loaded.ok) throw new Error('cannot load the v4.1 WSDL');
  const schema = generator.buildSchemaDescriptor(loaded.core);
  const service = generator.buildServiceDescriptor(loaded.core.services[0]);
  return { runtime, schema, service };
}

const pad = (n) => String(n).padStart(2, '0');

/** The KeyList response value: 10,000 items with distinct values. */
export function keyListValue(count = 10_000) {
  const items = [];
  for (let i = 0; i < count; i++) {
    if (i % 1000 === 999) {
      items.push(null);
      continue;
    }
    items.push({
      Key: `partner-config/${i}/as2-endpoint`,
      Value: `https://edi.example.com/as2/inbound/${i}?mailbox=${100000 + i}&r=3`,
      Meta: `owner=user${i % 97};note=rotation ${i % 13} & review`,
      Created: `2026-${pad((i % 12) + 1)}-${pad((i % 28) + 1)}T${pad(i % 24)}:${pad(i % 60)}:${pad((i * 7) % 60)}.${String(i % 1000).padStart(3, '0')}`,
      Expires: `2027-${pad((i % 12) + 1)}-${pad((i % 28) + 1)}T00:00:00Z`,
      Visibility: ['Private', 'Shared', 'Public', 'Session'][i % 4],
      NetworkID: 1000 + (i % 50),
      MailboxID: 200000 + i,
      UserID: 500000 + i,
    });
  }
  return { KeyListResult: { KeyValue: items } };
}

export function keyListDocument(runtime, schema, count) {
  const body = runtime.encodeBodyElement(schema, KEYLIST_RESPONSE, keyListValue(count), { version: '1.1' });
  return runtime.encodeEnvelope({ version: '1.1', body });
}

export const KEYSET_INPUT = {
  SessionID: 'a3f1c2d4-7e8b-4c5a-9d0f-1b2c3d4e5f60',
  Key: 'partner-config/42/as2-endpoint',
  SystemObject: 'Mailbox',
  ObjectID: 9007199254740993n,
  Visibility: 'Shared',
  Value: 'https://edi.example.com/as2/inbound/42?mailbox=100042&retry=3',
  Meta: 'owner=user42;note=rotation 3 & review',
  DaysToLive: 365,
};
