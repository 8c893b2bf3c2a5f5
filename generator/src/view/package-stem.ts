import { decodeXmlName } from '../model/core.js';

/**
 * The folder and npm name stem of a service's packages: `_xHHHH_` escapes decoded, anything but
 * letters and digits a single `-`, lower case (`ECGridOS_x0020_API_x0020_v4` -> `ecgridos-api-v4`).
 * The TypeScript package and the docs pages of one WSDL share it.
 */
export function packageStem(serviceName: string): string {
  return (
    decodeXmlName(serviceName)
      .replace(/[^A-Za-z0-9_$]+/g, '_')
      .toLowerCase()
      .replace(/_+/g, '-')
      .replace(/^-|-$/g, '') || 'service'
  );
}
