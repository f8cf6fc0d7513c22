// `keyward audit verify`: checks every partition's chain and digests (audit/chain/verify.ts),
// reading events in pages, prints the report and exits 1 naming the first broken link. With
// --public-key FILE it needs no master key: digests are checked, links only for continuity.

import { createPublicKey } from 'node:crypto';
import { deriveAuditKeys } from '../audit/chain/audit-keys.js';
import type { ChainedEvent } from '../audit/chain/chain.js';
import { verifyTrail, type VerifyKeys, type VerifyReport } from '../audit/chain/verify.js';
import type { Store } from '../storage/ports.js';
import { partitionEvents } from './audit-store.js';

export async function verifyStoredTrail(store: Store, keys: VerifyKeys): Promise<VerifyReport> {
  const heads = await store.read((tx) => tx.audit.partitions());
  const digests = await store.read((tx) => tx.audit.digests());
  async function* all(): AsyncGenerator<ChainedEvent> {
    for (const head of heads) yield* partitionEvents(store, head.partition);
  }
  return verifyTrail(keys, all(), digests);
}

export function verifyKeysFrom(source: { readonly masterKey: Uint8Array } | { readonly publicKeyPem: string }): VerifyKeys {
  if ('masterKey' in source) {
    const keys = deriveAuditKeys(source.masterKey);
    return { chainKey: keys.chainKey, verifyKey: keys.verifyKey };
  }
  return { verifyKey: createPublicKey(source.publicKeyPem) };
}

export function formatReport(report: VerifyReport, options: { readonly linksRecomputed: boolean }): string {
  const lines = report.partitions.map(
    (p) =>
      `partition ${p.partition}: ${p.events} events` +
      (p.firstSeq !== undefined ? ` (seq ${p.firstSeq}-${p.lastSeq ?? p.firstSeq})` : '') +
      `, ${p.digests} digests, ${p.unsignedTail} unsigned`,
  );
  if (report.partitions.length === 0) lines.push('no events');
  if (!options.linksRecomputed) lines.push('links checked for continuity only (no master key: --public-key)');
  const broken = report.broken;
  lines.push(
    broken === undefined
      ? 'trail verified: OK'
      : `BROKEN at partition ${broken.partition} seq ${broken.seq}${broken.eventId !== undefined ? ` (event ${broken.eventId})` : ''}: ${broken.reason}`,
  );
  return lines.join('\n');
}
