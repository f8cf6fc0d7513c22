// The keyward command in-process: simulate and lint read files and print decisions.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from './main.js';
import { fakeIo } from './fake-io.case.js';

const HOME = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Sid: 'Home', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/${aws:username}/*', Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } },
    { Sid: 'NoDelete', Effect: 'Deny', Action: 's3:Delete*', Resource: '*' },
  ],
});

describe('keyward simulate', () => {
  it('allows with the deciding statement and exit code 0', async () => {
    const io = fakeIo({ 'p.json': HOME });
    const code = await main(
      ['simulate', '--policy', 'p.json', '--action', 's3:GetObject', '--resource', 'arn:aws:s3:::bucket/alice/x',
        '--principal', 'arn:aws:iam::123456789012:user/alice', '--context', 'aws:SourceIp=10.2.3.4'],
      io,
    );
    expect(code).toBe(0);
    expect(io.stdout.join('\n')).toContain('decision: Allow');
    expect(io.stdout.join('\n')).toContain('decided by: identity p.json statement 0 (Home) Allow');
  });

  it('explains an implicit deny with the failed condition and exit code 3', async () => {
    const io = fakeIo({ 'p.json': HOME });
    const code = await main(['simulate', '--policy', 'p.json', '--action', 's3:GetObject', '--resource', 'arn:aws:s3:::bucket/simulated/x'], io);
    expect(code).toBe(3);
    const out = io.stdout.join('\n');
    expect(out).toContain('decision: ImplicitDeny (identity policy)');
    expect(out).toContain('condition IpAddress aws:SourceIp ["10.0.0.0/8"] not met (request: missing)');
  });

  it('reports an explicit deny as JSON with the boundary and matched statements', async () => {
    const io = fakeIo({ 'p.json': HOME });
    const code = await main(['simulate', '--policy', 'p.json', '--action', 's3:DeleteObject', '--resource', 'arn:aws:s3:::bucket/x', '--json'], io);
    expect(code).toBe(3);
    const result = JSON.parse(io.stdout.join('\n')) as { decision: string; matched: { sid: string }[] };
    expect(result.decision).toBe('ExplicitDeny');
    expect(result.matched.map((m) => m.sid)).toEqual(['NoDelete']);
  });

  it('refuses a malformed policy with its JSON path', async () => {
    const io = fakeIo({ 'bad.json': '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3","Resource":"*"}}' });
    const code = await main(['simulate', '--policy', 'bad.json', '--action', 's3:GetObject'], io);
    expect(code).toBe(2);
    expect(io.stderr.join('\n')).toContain('bad.json: Statement.Action:');
  });
});

describe('keyward lint', () => {
  const OK = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/${aws:username}/*' }] });
  const BAD = '{\n  "Statement": [\n    {"Effect": "Allow", "Action": "s3:GetObjekt", "Resource": "*"}\n  ]\n}\n';

  it('prints ok with the size for a clean policy and Access Analyzer findings with line, column and path for a bad one', async () => {
    const io = fakeIo({ 'ok.json': OK, 'bad.json': BAD });
    expect(await main(['lint', 'ok.json'], io)).toBe(0);
    expect(io.stdout[0]).toMatch(/^ok\.json: ok \(\d+ characters\)$/);
    expect(await main(['lint', 'bad.json'], io)).toBe(1);
    const out = io.stdout.slice(1);
    expect(out).toContain('bad.json:1:1: WARNING MISSING_VERSION: We recommend that you specify the Version element to help you with debugging permission issues. ($)');
    expect(out).toContain('bad.json:3:35: ERROR INVALID_ACTION: The action s3:GetObjekt does not exist. (Statement[0].Action)');
  });

  it('keeps --json and --kind: the findings per file, a trust policy checked as AWS::IAM::AssumeRolePolicyDocument', async () => {
    const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole', Resource: '*' }] });
    const io = fakeIo({ 't.json': trust });
    expect(await main(['lint', '--kind', 'trust', '--json', 't.json'], io)).toBe(1);
    const report = JSON.parse(io.stdout.join('\n')) as { file: string; findings: { issueCode: string; locations: { path: unknown[] }[] }[] }[];
    expect(report[0]?.file).toBe('t.json');
    expect(report[0]?.findings.map((f) => f.issueCode)).toEqual(['ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE']);
    expect(report[0]?.findings[0]?.locations[0]?.path).toEqual([{ value: 'Statement' }, { index: 0 }, { value: 'Resource' }]);
  });

  it('writes SARIF 2.1.0 with a rule per code and regions from the spans; suggestions alone exit 0', async () => {
    const io = fakeIo({ 'p.json': JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: '', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] }) });
    expect(await main(['lint', '--policy-type', 'IDENTITY_POLICY', '--format', 'sarif', 'p.json'], io)).toBe(0);
    const sarif = JSON.parse(io.stdout.join('\n')) as {
      version: string;
      runs: { tool: { driver: { rules: { id: string; helpUri: string }[] } }; results: { ruleId: string; level: string; locations: { physicalLocation: { region: { startLine: number; startColumn: number; charOffset: number; charLength: number } } }[] }[] }[];
    };
    expect(sarif.version).toBe('2.1.0');
    const run = sarif.runs[0];
    expect(run?.tool.driver.rules.map((r) => r.id)).toEqual(['EMPTY_SID_VALUE']);
    expect(run?.tool.driver.rules[0]?.helpUri).toContain('#access-analyzer-reference-policy-checks-suggestion-empty-sid-value');
    expect(run?.results[0]?.level).toBe('note');
    expect(run?.results[0]?.locations[0]?.physicalLocation.region).toMatchObject({ startLine: 1, startColumn: 45, charOffset: 44, charLength: 2 });
  });

  it("--services DIR checks the platform's own services like AWS's: actions, condition keys and their types", async () => {
    const services = fileURLToPath(new URL('../../examples/notes-service/', import.meta.url));
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['notes:Get*', 'notes:Fooo'],
          Resource: 'arn:aws:notes::111122223333:note/alice/*',
          Condition: { NumericLessThan: { 'notes:Visibility': '10' }, StringEquals: { 'notes:Colour': 'red' } },
        },
      ],
    });
    const io = fakeIo({ 'p.json': policy });
    expect(await main(['lint', '--services', services, '--format', 'json', 'p.json'], io)).toBe(1);
    const findings = (JSON.parse(io.stdout.join('\n')) as { findings: { issueCode: string; findingDetails: string }[] }[])[0]?.findings ?? [];
    expect(findings.map((f) => f.issueCode)).toEqual(['INVALID_ACTION', 'TYPE_MISMATCH', 'INVALID_SERVICE_CONDITION_KEY']);
    expect(findings[0]?.findingDetails).toBe('The action notes:Fooo does not exist.');

    // Without the definitions, notes is no service at all; a clean policy on it passes with them.
    const without = fakeIo({ 'p.json': policy });
    expect(await main(['lint', '--format', 'json', 'p.json'], without)).toBe(1);
    expect((JSON.parse(without.stdout.join('\n')) as { findings: { issueCode: string }[] }[])[0]?.findings.map((f) => f.issueCode)).toContain('INVALID_SERVICE_IN_ACTION');
    const clean = fakeIo({ 'ok.json': JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'notes:Get*', Resource: 'arn:aws:notes::111122223333:note/alice/*' }] }) });
    expect(await main(['lint', '--services', services, 'ok.json'], clean)).toBe(0);
  });

  it('--services refuses a directory with an invalid definition, naming the file and JSON path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keyward-lint-services-'));
    try {
      writeFileSync(join(dir, 'queue.json'), JSON.stringify({ Name: 's3' }));
      const io = fakeIo({ 'p.json': OK });
      expect(await main(['lint', '--services', dir, 'p.json'], io)).toBe(2);
      expect(io.stderr.join('\n')).toContain(`${join(dir, 'queue.json')}: $.Name:`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses an unknown format or policy type with usage and exit code 2', async () => {
    const io = fakeIo({ 'p.json': OK });
    expect(await main(['lint', '--format', 'xml', 'p.json'], io)).toBe(2);
    expect(await main(['lint', '--policy-type', 'TRUST', 'p.json'], io)).toBe(2);
    expect(io.stderr.join('\n')).toContain('--format FORMAT');
  });

  it('lists the commands with --help', async () => {
    const io = fakeIo({});
    expect(await main(['--help'], io)).toBe(0);
    expect(io.stdout.join('\n')).toMatch(/simulate[\s\S]*lint[\s\S]*serve|serve[\s\S]*simulate/);
  });
});
