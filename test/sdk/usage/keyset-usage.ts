// The documentation page's Node.js example, moved from node-soap to @ecgrid/ecgridos: only the
// lines that create the client changed. It must type-check under `strict` and run.
import { ECGridOSClient, KeyVisibility } from '@ecgrid/ecgridos';
import type { KeyIDInfo, SoapVersion, XsdDateTime } from '@ecgrid/ecgridos';

export async function keySetExample(endpoint: string, sessionId: string): Promise<KeyIDInfo[]> {
  const client = new ECGridOSClient({ endpoint });
  const [result] = await client.KeySetAsync({
    SessionID: sessionId,
    UserID: 5001,
    Visibility: KeyVisibility.Shared,
  });
  console.log(result);

  // The typed call: fields checked by the compiler, the result typed.
  const keyInfo = await client.KeySet({ SessionID: sessionId, UserID: 5001, Visibility: 'Shared' });
  const id: number = keyInfo.KeyID;
  const visibility: KeyVisibility = keyInfo.Visibility;
  // The SDK names the value types its models use, so users import nothing from the runtime.
  const created: XsdDateTime = keyInfo.Created;
  const version: SoapVersion = '1.2';
  void version;
  console.log(`Key ID: ${id}, Key: ${keyInfo.Key}, Visibility: ${visibility}, Created: ${created.slice(0, 10)}`);
  return [result, keyInfo];
}

export async function typeErrors(client: ECGridOSClient): Promise<void> {
  // @ts-expect-error: 'Shard' is not a KeyVisibility
  await client.KeySet({ SessionID: 's', UserID: 1, Visibility: 'Shard' });
  // @ts-expect-error: UserID is required
  await client.KeySet({ SessionID: 's', Visibility: KeyVisibility.Public });
  // @ts-expect-error: UserID is an xs:int, a number
  await client.KeySet({ SessionID: 's', UserID: '5001', Visibility: KeyVisibility.Public });
  const info = await client.KeySet({ UserID: 1, Visibility: KeyVisibility.Private });
  // @ts-expect-error: KeyID is a number, not a string
  const wrong: string = info.KeyID;
  void wrong;
}
