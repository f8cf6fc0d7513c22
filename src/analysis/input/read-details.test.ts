import { describe, expect, it } from 'vitest';
import { formatProblem } from './details-types.js';
import { readDetails } from './read-details.js';

describe('readDetails', () => {
  it('reads the lists and keeps documents as given', () => {
    const r = readDetails('a.json', {
      UserDetailList: [{ UserName: 'u', UserId: 'AIDA1', Arn: 'arn:aws:iam::111111111111:user/u', UserPolicyList: [{ PolicyName: 'p', PolicyDocument: '%7B%7D' }] }],
      RoleDetailList: [],
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.details.UserDetailList[0]!.UserPolicyList[0]!.PolicyDocument).toBe('%7B%7D');
    expect(r.details.GroupDetailList).toEqual([]);
    expect(r.details.Policies).toEqual([]);
  });

  it('names the file and JSON path of every problem', () => {
    const r = readDetails('acct.json', {
      UserDetailList: [{ UserName: 'u', UserId: 'AIDA1', Arn: 'arn:aws:iam::111111111111:user/u' }, { UserName: 7, UserId: 'x', Arn: 'a', GroupList: 'g' }],
      RoleDetailList: [{ RoleName: 'r', RoleId: 'AROA1', Arn: 'arn:aws:iam::111111111111:role/r' }],
      Policies: [{ PolicyName: 'p', Arn: 'arn:aws:iam::111111111111:policy/p', DefaultVersionId: 'v2', PolicyVersionList: [{ VersionId: 'v1', IsDefaultVersion: true, Document: {} }] }],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map(formatProblem)).toEqual([
      'acct.json: $.UserDetailList[1].UserName: expected a string, found a number',
      'acct.json: $.UserDetailList[1].GroupList: expected an array, found a string',
      'acct.json: $.RoleDetailList[0].AssumeRolePolicyDocument: missing',
      'acct.json: $.Policies[0].PolicyVersionList: no version "v2" (the DefaultVersionId)',
    ]);
  });

  it('reads last-use dates and rejects ones that are not dates', () => {
    const role = { RoleName: 'r', RoleId: 'AROA1', Arn: 'arn:aws:iam::111111111111:role/r', AssumeRolePolicyDocument: '%7B%7D', CreateDate: '2024-01-01T00:00:00Z' };
    const ok = readDetails('a.json', { RoleDetailList: [{ ...role, RoleLastUsed: { LastUsedDate: '2025-02-03T04:05:06+00:00', Region: 'us-east-1' } }, { ...role, RoleLastUsed: {} }] });
    expect(ok.ok && ok.details.RoleDetailList.map((r) => r.RoleLastUsed)).toEqual([{ LastUsedDate: '2025-02-03T04:05:06+00:00' }, {}]);
    const bad = readDetails('b.json', { RoleDetailList: [{ ...role, RoleLastUsed: { LastUsedDate: 'yesterday' } }], UserDetailList: [{ UserName: 'u', UserId: 'AIDA1', Arn: 'arn:aws:iam::111111111111:user/u', PasswordLastUsed: 5 }] });
    expect(bad.ok ? [] : bad.problems.map(formatProblem)).toEqual([
      'b.json: $.UserDetailList[0].PasswordLastUsed: expected a date, found a number',
      'b.json: $.RoleDetailList[0].RoleLastUsed.LastUsedDate: expected a date, found "yesterday"',
    ]);
  });

  it('rejects JSON that is not authorization details', () => {
    const r = readDetails('x.json', { Users: [] });
    expect(r.ok ? [] : r.problems.map(formatProblem)).toEqual(['x.json: $: not get-account-authorization-details output: none of UserDetailList, GroupDetailList, RoleDetailList, Policies']);
    const arr = readDetails('y.json', []);
    expect(arr.ok ? [] : arr.problems.map(formatProblem)).toEqual(['y.json: $: expected an object, found an array']);
  });
});
