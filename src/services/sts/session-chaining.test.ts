import { describe, expect, it } from 'vitest';
import type { SessionClaims } from '../../auth/session-claims.js';
import { chainedSourceIdentity, chainedTags } from './session-chaining.js';
import { readSessionRequest } from './session-request.js';

const caller: SessionClaims = {
  kind: 'AssumedRole',
  accountId: '111122223333',
  accessKeyId: 'ASIAEXAMPLEEXAMPLE12',
  secretAccessKey: 's',
  issuedAt: 0,
  expiresAt: 3600,
  role: { id: 'AROAEXAMPLE', name: 'r', path: '/', arn: 'arn:aws:iam::111122223333:role/r' },
  sessionName: 's',
  sourceIdentity: 'alice',
  tags: [
    { key: 'Project', value: 'x' },
    { key: 'Cost', value: '1' },
  ],
  transitiveTagKeys: ['Project'],
  policyArns: [],
};

describe('role chaining', () => {
  it('passes transitive tags on and keeps them transitive; other session tags stay behind', () => {
    const chained = chainedTags(readSessionRequest({ Tags: [{ Key: 'Env', Value: 'dev' }] }), caller);
    expect(chained.tags).toEqual([
      { key: 'Project', value: 'x' },
      { key: 'Env', value: 'dev' },
    ]);
    expect(chained.transitiveTagKeys).toEqual(['Project']);
  });

  it('refuses a tag that would override an inherited transitive tag', () => {
    expect(() => chainedTags(readSessionRequest({ Tags: [{ Key: 'project', Value: 'y' }] }), caller)).toThrow(
      "One of the specified transitive tag keys can't be set because it conflicts with a transitive tag key from the calling session.",
    );
  });

  it('inherits the source identity and refuses to change it', () => {
    expect(chainedSourceIdentity({}, caller)).toBe('alice');
    expect(chainedSourceIdentity({ SourceIdentity: 'alice' }, caller)).toBe('alice');
    expect(() => chainedSourceIdentity({ SourceIdentity: 'bob' }, caller)).toThrow(expect.objectContaining({ code: 'InvalidParameterValue' }));
    expect(chainedSourceIdentity({ SourceIdentity: 'bob' }, undefined)).toBe('bob');
  });
});
