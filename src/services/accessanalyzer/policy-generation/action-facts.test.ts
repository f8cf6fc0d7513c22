// ARN formats as patterns: an ARN fits a resource type's format, and only that type's.

import { describe, expect, it } from 'vitest';
import { arnHasFormat } from './action-facts.js';
import { prefixOf } from './read-activity.js';

describe('arnHasFormat', () => {
  const USER = 'arn:${Partition}:iam::${Account}:user/${UserNameWithPath}';
  const ROLE = 'arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}';
  const RULE = 'arn:${Partition}:events:${Region}:${Account}:rule/${RuleName}';

  it('matches ARNs of the type, with paths, and not others', () => {
    expect(arnHasFormat('arn:aws:iam::111122223333:user/alice', USER)).toBe(true);
    expect(arnHasFormat('arn:aws:iam::111122223333:user/eng/alice', USER)).toBe(true);
    expect(arnHasFormat('arn:aws:iam::111122223333:role/app/worker', USER)).toBe(false);
    expect(arnHasFormat('arn:aws:iam::aws:policy/ReadOnlyAccess', ROLE)).toBe(false);
    expect(arnHasFormat('arn:aws:iam::111122223333:user/alice', ROLE)).toBe(false);
    expect(arnHasFormat('arn:aws:events:us-east-1:111122223333:rule/r', RULE)).toBe(true);
    expect(arnHasFormat('arn:aws:iam::111122223333:rule/r', RULE)).toBe(false);
  });

  it('reads the action prefix of event sources, AWS and platform services alike', () => {
    expect(prefixOf('iam.amazonaws.com')).toBe('iam');
    expect(prefixOf('access-analyzer.amazonaws.com')).toBe('access-analyzer');
    expect(prefixOf('notes.keyward')).toBe('notes');
  });
});
