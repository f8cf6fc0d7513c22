// Renders docs/actions.md: every IAM and STS action of the service models with what Keyward does
// with it, read from the operation registry and the standalone-account table, never by hand.
// Run: npx tsx scripts/action-status.ts > docs/actions.md   (or KEYWARD_UPDATE_DOCS=1 npx vitest run test/action-status.test.ts)
import { pathToFileURL } from 'node:url';
import { loadServiceModel, type ServiceName } from '../src/protocol/model/service-model.js';
import { STANDALONE_ANSWERS } from '../src/services/iam/organizations/standalone.js';
import { implementedOperations } from '../src/services/registry.js';

export type ActionStatus = 'implemented' | 'standalone' | 'not implemented';

export interface ActionRow {
  readonly service: ServiceName;
  readonly action: string;
  readonly status: ActionStatus;
  readonly note: string;
}

const SERVICES: readonly ServiceName[] = ['iam', 'sts'];

export function actionRows(): ActionRow[] {
  const rows: ActionRow[] = [];
  for (const service of SERVICES) {
    const implemented = new Set(implementedOperations(service));
    for (const action of Object.keys(loadServiceModel(service).operations).sort()) {
      const standalone = service === 'iam' && Object.hasOwn(STANDALONE_ANSWERS, action) ? STANDALONE_ANSWERS[action] : undefined;
      if (standalone !== undefined && implemented.has(action)) {
        const answer = standalone.error === undefined ? '' : `\`${standalone.error}\`: `;
        rows.push({ service, action, status: 'standalone', note: `${answer}${standalone.note}` });
      } else {
        rows.push({ service, action, status: implemented.has(action) ? 'implemented' : 'not implemented', note: '' });
      }
    }
  }
  return rows;
}

/** Choices where AWS documents the behaviour but not the exact answer. */
const NOTES: readonly string[] = [
  '## Notes on answers AWS does not document word for word',
  '',
  '- Taken from real AWS answers: `The Server Certificate with name X cannot be found.` / `already exists.`,',
  '  `Unable to parse certificate. Please ensure the certificate is in PEM format.`, the chain-order message',
  '  with `The index within the chain of the invalid certificate is: N` (-1 is the body), and',
  '  `Cannot exceed quota for <Quota>: N`.',
  '- Keyward\'s wording, codes and statuses as AWS: the KeyPairMismatch, private-key and chain parse',
  '  messages, DuplicateCertificate, the SSH key errors, NotSupportedService, the delegation-request and',
  '  Organizations access report NoSuchEntity messages, and OrganizationNotFoundException (the model\'s',
  '  description of the error). CreateDelegationRequest answers AccessDenied: AWS lets only onboarded',
  '  partners call it and does not document what others get.',
  '- Signing certificates outside their validity period are refused with MalformedCertificate (AWS:',
  '  "malformed or expired"); duplicates are found by identical PEM text.',
  '- SSH keys: only `ssh-rsa` of 2048 bits or more (OpenSSH, RFC 4716, SPKI or PKCS#1 PEM); stored in',
  '  OpenSSH form, `Encoding=PEM` answers SubjectPublicKeyInfo PEM; the fingerprint is the MD5 of the key blob.',
  '- Service-specific credentials: CodeCommit and Keyspaces get `<user>-at-<account>` and a 44-character',
  '  password; Bedrock and CloudWatch Logs API keys get the alias `<user>+1-<yyyymmddhhmmss>-at-<account>`',
  '  and a secret `ABSK` + base64(`<alias>:<random>`), layouts AWS does not publish.',
  '- Outbound web identity federation keeps an AWS-shaped issuer URL per account',
  '  (`https://<uuid>.tokens.sts.global.api.aws`); Keyward does not serve discovery documents at it.',
];

function count(rows: readonly ActionRow[], status: ActionStatus): number {
  return rows.filter((r) => r.status === status).length;
}

export function renderActionStatus(): string {
  const rows = actionRows();
  const summary = SERVICES.map((service) => {
    const of = rows.filter((r) => r.service === service);
    return `| ${service.toUpperCase()} | ${of.length} | ${count(of, 'implemented')} | ${count(of, 'standalone')} | ${count(of, 'not implemented')} |`;
  });
  return [
    '# Action status',
    '',
    'Every action in the IAM (2010-05-08) and STS (2011-06-15) service models and what Keyward',
    'does with it. Generated from the code by `scripts/action-status.ts` (the operation registry',
    'and the standalone-account table in `src/services/iam/organizations/standalone.ts`); a test fails when',
    'this file differs. Regenerate with `KEYWARD_UPDATE_DOCS=1 npx vitest run test/action-status.test.ts`.',
    '',
    '- **implemented**: real behaviour behind the action.',
    '- **standalone**: authorized like any action, then answered as AWS answers an account that is',
    '  not in an AWS Organization and not an onboarded AWS partner, which every Keyward account is.',
    '- **not implemented**: answers `NotImplemented` (501).',
    '',
    '| Service | Actions | Implemented | Standalone | Not implemented |',
    '| --- | --- | --- | --- | --- |',
    ...summary,
    '',
    '| Service | Action | Status | Notes |',
    '| --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.service} | ${r.action} | ${r.status} | ${r.note} |`),
    '',
    ...NOTES,
    '',
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.stdout.write(renderActionStatus());
