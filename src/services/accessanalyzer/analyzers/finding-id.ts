// Finding ids derived from what a finding is about (the analyzer, the finding type, the
// resource and, where one resource has several, the access key or principal), shaped as
// AWS's UUIDs. Every node's scan of the same state therefore writes the same ids.

import { createHash } from 'node:crypto';

export function findingId(analyzerArn: string, findingType: string, resource: string, detail = ''): string {
  const h = createHash('sha256').update(`${analyzerArn}\n${findingType}\n${resource}\n${detail}`).digest('hex');
  // Version 5 (name-based) and the RFC 4122 variant, as a name-derived UUID carries.
  const variant = ((parseInt(h.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
