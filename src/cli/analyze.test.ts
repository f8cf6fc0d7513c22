// `keyward analyze` in-process on the hand-written test accounts: JSON out, the CI gate,
// and input errors that name the file and JSON path.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { fakeIo } from './fake-io.case.js';
import { main } from './main.js';

const ACCOUNTS = fileURLToPath(new URL('../../test/analysis/accounts/', import.meta.url));
const FILE_A = 'techniques-111111111111.json';
const FILE_B = 'cross-222222222222.json';

function analysisIo(extra: Record<string, string> = {}): ReturnType<typeof fakeIo> {
  return fakeIo({
    [FILE_A]: readFileSync(join(ACCOUNTS, FILE_A), 'utf8'),
    [FILE_B]: readFileSync(join(ACCOUNTS, FILE_B), 'utf8'),
    'scp.json': readFileSync(join(ACCOUNTS, 'scp-deny-access-keys.json'), 'utf8'),
    ...extra,
  });
}

interface ReportJson {
  schema: string;
  admins: string[];
  escalations: { source: string; target: string; steps: { technique: string; needsMfa: boolean }[] }[];
  findings: { rule: string; severity: string }[];
}

describe('keyward analyze', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('prints the report as JSON: admins and every path', async () => {
    const io = analysisIo();
    expect(await main(['analyze', FILE_A, FILE_B], io)).toBe(0);
    const report = JSON.parse(io.stdout.join('\n')) as ReportJson;
    expect(report.schema).toBe('keyward-analysis/1');
    expect(report.admins).toContain('arn:aws:iam::222222222222:role/cross-admin');
    expect(report.escalations).toHaveLength(38);
    const hop = report.escalations.find((p) => p.source === 'arn:aws:iam::111111111111:user/hop-user')!;
    expect(hop.steps.map((s) => s.technique)).toEqual(['assume-role', 'create-access-key']);
  });

  it('writes DIR/analysis.json with --out and prints a summary; --scp applies', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keyward-analyze-'));
    dirs.push(dir);
    const io = analysisIo();
    expect(await main(['analyze', FILE_A, FILE_B, '--scp', 'scp.json', '--out', dir, '--format', 'json,dot'], io)).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'analysis.json'), 'utf8')) as ReportJson;
    expect(report.escalations).toHaveLength(34);
    expect(io.stdout.join('\n')).toContain('principals that can become admin: 34 (34 paths)');
    const dot = readFileSync(join(dir, 'analysis.dot'), 'utf8');
    expect(dot).toContain('"arn:aws:iam::111111111111:user/att-mfa" -> "arn:aws:iam::111111111111:role/mfa-admin-role" [label="assume-role (MFA)", style=dashed];');
    expect(dot).toContain('"arn:aws:iam::222222222222:role/cross-admin" [label="role/cross-admin\\n222222222222", shape=doubleoctagon, color=red];');
  });

  it('prints findings as SARIF 2.1.0, located in the input file', async () => {
    const io = analysisIo();
    expect(await main(['analyze', FILE_A, FILE_B, '--format', 'sarif'], io)).toBe(0);
    const sarif = JSON.parse(io.stdout.join('\n')) as {
      version: string;
      runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; ruleIndex: number; level: string; locations: { physicalLocation: { artifactLocation: { uri: string } }; logicalLocations: { fullyQualifiedName: string }[] }[] }[] }[];
    };
    expect(sarif.version).toBe('2.1.0');
    const run = sarif.runs[0]!;
    const ec2 = run.results.find((r) => r.locations[0]!.logicalLocations[0]!.fullyQualifiedName === 'arn:aws:iam::111111111111:user/att-ec2')!;
    expect([ec2.ruleId, ec2.level, ec2.locations[0]!.physicalLocation.artifactLocation.uri]).toEqual(['privilege-escalation', 'error', FILE_A]);
    const vendor = run.results.find((r) => r.ruleId === 'role-assumable-by-other-account')!;
    expect([vendor.level, vendor.locations[0]!.physicalLocation.artifactLocation.uri]).toEqual(['warning', FILE_B]);
    for (const r of run.results) expect(run.tool.driver.rules[r.ruleIndex]!.id).toBe(r.ruleId);
    expect(run.results.filter((r) => /escalation|role-assumable|admin-without-mfa/.test(r.ruleId))).toHaveLength(38 + 2 + 6);
    // Least-privilege findings on a policy by itself are located by the policy.
    const policy = run.results.find((r) => r.ruleId === 'admin-policy')!;
    expect([policy.locations[0]!.logicalLocations[0]!.fullyQualifiedName, policy.locations[0]!.physicalLocation.artifactLocation.uri]).toEqual(['user/admin-two-keys/admin-two-keys-inline', FILE_A]);
  });

  it('prints text for a terminal, worst findings first, with least-privilege findings', async () => {
    const io = analysisIo();
    expect(await main(['analyze', FILE_A, '--format', 'text'], io)).toBe(0);
    const text = io.stdout.join('\n');
    expect(text).toContain('  arn:aws:iam::111111111111:user/hop-user\n    -> arn:aws:iam::111111111111:role/hop-role by assume-role (sts:AssumeRole)\n    -> arn:aws:iam::111111111111:user/admin-user by create-access-key (iam:CreateAccessKey)');
    // The decoy's inline policy by itself (its boundary blocks it for the user).
    expect(text).toContain('[high] credentials-exposure: policy user/decoy-boundary/decoy-boundary-inline may create or read credentials on any resource: iam:CreateAccessKey');
    const severities = [...text.matchAll(/^ {2}\[(\w+)\]/gm)].map((m) => m[1]);
    expect(severities.indexOf('critical')).toBe(0);
    expect(severities.lastIndexOf('critical')).toBeLessThan(severities.indexOf('high'));
  });

  it('--what-if reports what a change adds and removes; --fail-on looks at what it adds', async () => {
    const change = JSON.stringify({ Changes: [{ Action: 'DeleteUserPermissionsBoundary', UserName: 'decoy-boundary' }] });
    const io = analysisIo({ 'change.json': change, 'bad-change.json': JSON.stringify({ Action: 'DeleteUserPolicy', UserName: 'nobody', PolicyName: 'p' }) });
    expect(await main(['analyze', FILE_A, '--what-if', 'change.json', '--fail-on', 'critical'], io)).toBe(4);
    const r = JSON.parse(io.stdout.join('\n')) as { schema: string; findings: { added: { rule: string; principal: string }[] }; escalations: { removed: unknown[] } };
    expect(r.schema).toBe('keyward-what-if/1');
    expect(r.escalations.removed).toEqual([]);
    expect(r.findings.added.map((f) => [f.rule, f.principal])).toContainEqual(['privilege-escalation', 'arn:aws:iam::111111111111:user/decoy-boundary']);
    const text = analysisIo({ 'change.json': change });
    expect(await main(['analyze', FILE_A, '--what-if', 'change.json', '--format', 'text'], text)).toBe(0);
    expect(text.stdout.join('\n')).toContain('  + arn:aws:iam::111111111111:user/decoy-boundary -[create-access-key]-> arn:aws:iam::111111111111:user/admin-user\n');
    expect(await main(['analyze', FILE_A, '--what-if', 'bad-change.json'], io)).toBe(2);
    expect(io.stderr).toEqual(['keyward analyze: bad-change.json: $.UserName: no user "nobody" in account 111111111111']);
    expect(await main(['analyze', FILE_A, '--what-if', 'change.json', '--format', 'dot'], io)).toBe(2);
    expect(io.stderr[1]).toBe('keyward analyze: --what-if writes json or text, not dot');
  });

  it('takes resource policies and an exclusions file, and names the file and JSON path of their problems', async () => {
    const lp = 'least-privilege-333333333333.json';
    const io = analysisIo({
      [lp]: readFileSync(join(ACCOUNTS, lp), 'utf8'),
      'bucket.json': readFileSync(join(ACCOUNTS, 'bucket-policy-public.json'), 'utf8'),
      'ex.json': JSON.stringify({ KnownAccounts: ['12'] }),
      'ok-ex.json': JSON.stringify({ Principals: ['*'] }),
    });
    expect(await main(['analyze', lp, '--resource-policy', 'arn:aws:s3:::public-site=bucket.json', '--format', 'sarif'], io)).toBe(0);
    const sarif = JSON.parse(io.stdout.join('\n')) as { runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    const exposed = sarif.runs[0]!.results.find((r) => r.ruleId === 'resource-exposed-to-anyone')!;
    expect(exposed.locations[0]!.physicalLocation.artifactLocation.uri).toBe('bucket.json');
    expect(await main(['analyze', lp, '--resource-policy', 'bucket.json'], io)).toBe(2);
    expect(io.stderr.at(-1)).toBe('keyward analyze: --resource-policy "bucket.json": expected [ACCOUNT:]ARN=FILE');
    expect(await main(['analyze', lp, '--exclusions', 'ex.json'], io)).toBe(2);
    expect(io.stderr.at(-1)).toBe('keyward analyze: ex.json: $.KnownAccounts[0]: expected a 12-digit account id, found "12"');
    const quiet = analysisIo({ [lp]: readFileSync(join(ACCOUNTS, lp), 'utf8'), 'ok-ex.json': JSON.stringify({ Principals: ['*'] }) });
    expect(await main(['analyze', lp, '--exclusions', 'ok-ex.json', '--out', mkdtempSync(join(tmpdir(), 'keyward-analyze-'))], quiet)).toBe(0);
    // Every principal excluded: only findings on policies by themselves are left.
    expect(quiet.stdout.join('\n')).toContain('principals that can become admin: 0');
  });

  it('--rcp limits cross-account paths and is validated with the file and JSON path', async () => {
    const io = analysisIo({ 'rcp.json': readFileSync(join(ACCOUNTS, 'rcp-deny-outside-assume.json'), 'utf8') });
    expect(await main(['analyze', FILE_A, FILE_B, '--rcp', 'rcp.json'], io)).toBe(0);
    const report = JSON.parse(io.stdout.join('\n')) as ReportJson;
    expect(report.escalations.some((p) => p.source === 'arn:aws:iam::111111111111:user/cross-user')).toBe(false);
    const bad = analysisIo({ 'rcp.json': JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 's3:*', Resource: '*' }] }) });
    expect(await main(['analyze', FILE_A, '--rcp', 'rcp.json'], bad)).toBe(2);
    expect(bad.stderr[0]).toMatch(/^keyward analyze: rcp\.json: \$: invalid policy: .+ \(at Statement\[0\]/);
  });

  it('exits 4 when a finding reaches --fail-on, 0 when none does', async () => {
    expect(await main(['analyze', FILE_A, '--fail-on', 'critical', '--out', mkdtempSync(join(tmpdir(), 'keyward-analyze-'))], analysisIo())).toBe(4);
    const clean = JSON.stringify({ UserDetailList: [], GroupDetailList: [], RoleDetailList: [], Policies: [] });
    expect(await main(['analyze', 'clean.json', '--fail-on', 'low'], analysisIo({ 'clean.json': clean }))).toBe(0);
  });

  it('rejects bad options and bad input with the file and JSON path', async () => {
    const io = analysisIo({ 'bad.json': JSON.stringify({ UserDetailList: [{ UserName: 'x', UserId: 'AIDA', Arn: 'arn:aws:iam::111111111111:user/x', UserPolicyList: [{ PolicyName: 'p', PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 's3:GetObject' }] } }] }] }), 'text.json': 'not json' });
    expect(await main(['analyze', 'bad.json'], io)).toBe(2);
    expect(io.stderr[0]).toMatch(/^keyward analyze: bad\.json: \$\.UserDetailList\[0\]\.UserPolicyList\[0\]\.PolicyDocument: invalid policy: /);
    expect(await main(['analyze', 'text.json'], io)).toBe(2);
    expect(io.stderr[1]).toMatch(/^keyward analyze: text\.json: not JSON: /);
    expect(await main(['analyze', FILE_A, '--fail-on', 'severe'], io)).toBe(2);
    expect(io.stderr[2]).toBe('keyward analyze: --fail-on must be one of info, low, medium, high, critical, not "severe"');
    expect(await main(['analyze', FILE_A, '--format', 'pdf'], io)).toBe(2);
    expect(io.stderr[3]).toBe('keyward analyze: unsupported --format pdf (supported: json, html, text, dot, sarif)');
    expect(await main(['analyze', FILE_A, '--format', 'json,dot'], io)).toBe(2);
    expect(io.stderr[4]).toBe('keyward analyze: several formats need --out DIR');
    expect(await main(['analyze'], io)).toBe(2);
  });
});

describe('keyward query', () => {
  it('answers can ... do ... through escalation, showing how', async () => {
    const io = analysisIo();
    const code = await main(['query', 'can arn:aws:iam::111111111111:user/hop-user do s3:DeleteBucket on arn:aws:s3:::any', FILE_A], io);
    expect(code).toBe(0);
    expect(io.stdout).toEqual([
      [
        'yes: arn:aws:iam::111111111111:user/hop-user as arn:aws:iam::111111111111:user/admin-user',
        '  arn:aws:iam::111111111111:user/hop-user -> arn:aws:iam::111111111111:role/hop-role by assume-role (sts:AssumeRole)',
        '  arn:aws:iam::111111111111:role/hop-role -> arn:aws:iam::111111111111:user/admin-user by create-access-key (iam:CreateAccessKey)',
      ].join('\n'),
    ]);
  });

  it('connected PRINCIPAL lists what it can become, what can become it, and the edges', async () => {
    const io = analysisIo();
    expect(await main(['query', 'connected arn:aws:iam::111111111111:role/hop-role', FILE_A], io)).toBe(0);
    expect(io.stdout).toEqual([
      [
        'arn:aws:iam::111111111111:role/hop-role can become (1):',
        '  arn:aws:iam::111111111111:user/admin-user',
        'can become arn:aws:iam::111111111111:role/hop-role (1):',
        '  arn:aws:iam::111111111111:user/hop-user',
        'edges (2):',
        '  arn:aws:iam::111111111111:user/hop-user -> arn:aws:iam::111111111111:role/hop-role by assume-role (sts:AssumeRole)',
        '  arn:aws:iam::111111111111:role/hop-role -> arn:aws:iam::111111111111:user/admin-user by create-access-key (iam:CreateAccessKey)',
      ].join('\n'),
    ]);
    expect(await main(['query', 'connected arn:aws:iam::111111111111:user/decoy-readonly', FILE_A], analysisIo())).toBe(3);
  });

  it('--rcp applies to queries: an RCP keeps the other account out of its roles', async () => {
    const io = analysisIo({ 'rcp.json': readFileSync(join(ACCOUNTS, 'rcp-deny-outside-assume.json'), 'utf8') });
    const q = 'can arn:aws:iam::111111111111:user/cross-user do sts:AssumeRole on arn:aws:iam::222222222222:role/cross-admin';
    expect(await main(['query', q, FILE_A, FILE_B], io)).toBe(0);
    expect(await main(['query', q, FILE_A, FILE_B, '--rcp', 'rcp.json'], io)).toBe(3);
    expect(io.stdout.at(-1)).toBe('no');
  });

  it('says no, with exit 3, when no path leads to the action', async () => {
    const io = analysisIo();
    expect(await main(['query', 'can arn:aws:iam::111111111111:user/decoy-readonly do iam:CreateAccessKey on arn:aws:iam::111111111111:user/admin-user', FILE_A], io)).toBe(3);
    expect(io.stdout).toEqual(['no']);
  });

  it('lists who can do an action, directly or not, and never the decoys', async () => {
    const io = analysisIo();
    const q = 'who can do iam:PassRole on arn:aws:iam::111111111111:role/admin-role when iam:PassedToService=ec2.amazonaws.com';
    expect(await main(['query', q, FILE_A, '--json'], io)).toBe(0);
    const answer = JSON.parse(io.stdout.join('\n')) as { kind: string; principals: { principal: string; actingAs: string; steps: unknown[] }[] };
    const byName = new Map(answer.principals.map((a) => [a.principal.split('/').pop(), a]));
    expect(byName.get('att-ec2')!.steps).toEqual([]);
    expect(byName.get('att-ec2')!.actingAs).toBe('arn:aws:iam::111111111111:user/att-ec2');
    expect(byName.get('att-mfa')!.actingAs).toBe('arn:aws:iam::111111111111:role/mfa-admin-role');
    // Without the service it passes the role to, att-ec2's condition does not hold: it gets there only by escalating.
    const io2 = analysisIo();
    expect(await main(['query', 'who can do iam:PassRole on arn:aws:iam::111111111111:role/admin-role', FILE_A, '--json'], io2)).toBe(0);
    const plain = (JSON.parse(io2.stdout.join('\n')) as typeof answer).principals.find((a) => a.principal.endsWith('/att-ec2'))!;
    expect(plain.actingAs).toBe('arn:aws:iam::111111111111:role/admin-role');
    for (const decoy of ['decoy-deny', 'decoy-boundary', 'decoy-tag', 'decoy-readonly']) expect(byName.has(decoy), decoy).toBe(false);
  });

  it('rejects a query it cannot read', async () => {
    const io = analysisIo();
    expect(await main(['query', 'can somebody do', FILE_A], io)).toBe(2);
    expect(io.stderr[0]).toBe('keyward query: not an action: "" (expected service:Action)');
    expect(await main(['query', 'can arn:aws:iam::111111111111:user/nobody do s3:GetObject', FILE_A], io)).toBe(2);
    expect(io.stderr[1]).toBe('keyward query: no user or role arn:aws:iam::111111111111:user/nobody in the input');
  });
});
