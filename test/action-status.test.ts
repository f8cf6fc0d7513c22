// docs/actions.md is generated from the code: this test regenerates it and fails when the file
// differs, and checks the standalone-account table against the registry and the IAM model.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { actionRows, renderActionStatus } from '../scripts/action-status.js';
import { isErrorCode } from '../src/protocol/errors.js';
import { loadServiceModel } from '../src/protocol/model/service-model.js';
import { STANDALONE_ANSWERS } from '../src/services/iam/organizations/standalone.js';
import { findOperation, implementedOperations } from '../src/services/registry.js';

const docsPath = join(dirname(fileURLToPath(import.meta.url)), '../docs/actions.md');

describe('the action status table', () => {
  it('is docs/actions.md, generated from the registry and the models', () => {
    const rendered = renderActionStatus();
    if (process.env['KEYWARD_UPDATE_DOCS'] === '1') writeFileSync(docsPath, rendered);
    expect(existsSync(docsPath)).toBe(true);
    expect(readFileSync(docsPath, 'utf8')).toBe(rendered);
  });

  it('has one row per model operation, each status agreeing with the registry', () => {
    const rows = actionRows();
    for (const service of ['iam', 'sts'] as const) {
      const model = Object.keys(loadServiceModel(service).operations);
      const of = rows.filter((r) => r.service === service);
      expect(of.map((r) => r.action).sort()).toEqual([...model].sort());
      for (const row of of) expect(row.status === 'not implemented', row.action).toBe(findOperation(service, row.action) === undefined);
    }
    expect(rows.filter((r) => r.service === 'iam')).toHaveLength(Object.keys(loadServiceModel('iam').operations).length);
  });

  it('lists as standalone only registered IAM actions of the model, with catalogued errors', () => {
    const model = loadServiceModel('iam').operations;
    const implemented = new Set(implementedOperations('iam'));
    for (const [action, answer] of Object.entries(STANDALONE_ANSWERS)) {
      expect(Object.hasOwn(model, action), action).toBe(true);
      expect(implemented.has(action), action).toBe(true);
      if (answer.error !== undefined) expect(isErrorCode(answer.error), answer.error).toBe(true);
    }
    const standalone = actionRows().filter((r) => r.status === 'standalone').map((r) => r.action);
    expect(standalone.sort()).toEqual(Object.keys(STANDALONE_ANSWERS).sort());
  });

  it('implements every action this family owns', () => {
    const owned = [
      'UploadServerCertificate', 'GetServerCertificate', 'UpdateServerCertificate', 'DeleteServerCertificate', 'ListServerCertificates',
      'TagServerCertificate', 'UntagServerCertificate', 'ListServerCertificateTags',
      'UploadSigningCertificate', 'UpdateSigningCertificate', 'DeleteSigningCertificate', 'ListSigningCertificates',
      'UploadSSHPublicKey', 'GetSSHPublicKey', 'UpdateSSHPublicKey', 'DeleteSSHPublicKey', 'ListSSHPublicKeys',
      'CreateServiceSpecificCredential', 'ResetServiceSpecificCredential', 'UpdateServiceSpecificCredential',
      'DeleteServiceSpecificCredential', 'ListServiceSpecificCredentials',
      'SetSecurityTokenServicePreferences', 'EnableOutboundWebIdentityFederation', 'DisableOutboundWebIdentityFederation',
      'GetOutboundWebIdentityFederationInfo',
    ];
    const rows = new Map(actionRows().map((r) => [`${r.service}:${r.action}`, r.status]));
    for (const action of owned) expect(rows.get(`iam:${action}`), action).toBe('implemented');
  });
});
