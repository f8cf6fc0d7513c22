import { describe, it, expect } from 'vitest';
import { itemPath, memberPath, ROOT_PATH } from './paths.js';

describe('paths', () => {
  it('joins plain names with dots and brackets names that would be ambiguous', () => {
    expect(memberPath(ROOT_PATH, 'Statement')).toBe('Statement');
    expect(itemPath(memberPath(itemPath('Statement', 1), 'Action'), 0)).toBe('Statement[1].Action[0]');
    expect(memberPath('Statement.Condition.StringEquals', 'aws:PrincipalTag/Team')).toBe(
      'Statement.Condition.StringEquals.aws:PrincipalTag/Team',
    );
    expect(memberPath('C', 'accounts.google.com:aud')).toBe('C["accounts.google.com:aud"]');
    expect(memberPath(ROOT_PATH, 'Extra field')).toBe('$["Extra field"]');
  });
});
