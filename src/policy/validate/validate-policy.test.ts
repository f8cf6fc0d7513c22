import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateCase } from '../../services/accessanalyzer/validate.case.js';
import { prepareCatalog } from '../../services/accessanalyzer/iam-data-catalog.js';
import { validatePolicy } from './validate-policy.js';
import type { PathElement } from './types.js';

// AWS's published example (awscli examples/accessanalyzer/validate-policy.rst), byte for byte.
const COGNITO_TRUST = `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "",
            "Effect": "Allow",
            "Principal": {
                "Federated": "cognito-identity.amazonaws.com"
            },
            "Action": [
                "sts:AssumeRole",
                "sts:TagSession"
            ],
            "Condition": {
                "StringEquals": {
                    "cognito-identity.amazonaws.com:aud": "us-west-2_EXAMPLE"
                }
            }
        }
    ]
}
`;

describe('validatePolicy', () => {
  it("answers AWS's documented example with AWS's three findings, codes, wording, links and spans", async () => {
    const findings = await validateCase(COGNITO_TRUST, 'RESOURCE_POLICY');
    expect(findings.map((f) => [f.issueCode, f.findingType])).toEqual([
      ['EMPTY_SID_VALUE', 'SUGGESTION'],
      ['MISMATCHED_ACTION_FOR_PRINCIPAL', 'ERROR'],
      ['UNSUPPORTED_ACTION_FOR_CONDITION_KEY', 'ERROR'],
    ]);
    const [sid, mismatch, unsupported] = findings;
    expect(sid?.findingDetails).toBe('Add a value to the empty string in the Sid element.');
    expect(sid?.learnMoreLink).toBe('https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html#access-analyzer-reference-policy-checks-suggestion-empty-sid-value');
    expect(sid?.locations).toEqual([
      { path: [{ value: 'Statement' }, { index: 0 }, { value: 'Sid' }], span: { start: { line: 5, column: 19, offset: 79 }, end: { line: 5, column: 21, offset: 81 } } },
    ]);
    expect(mismatch?.findingDetails).toBe(
      'The sts:AssumeRole action is invalid with the following principal(s): cognito-identity.amazonaws.com. Use a SAML provider principal with the sts:AssumeRoleWithSAML action or use an OIDC provider principal with the sts:AssumeRoleWithWebIdentity action. Ensure the provider is Federated if you use either of the two options.',
    );
    expect(mismatch?.locations.map((l) => [l.path, l.span.start.offset, l.span.end.offset])).toEqual([
      [[{ value: 'Statement' }, { index: 0 }, { value: 'Action' }, { index: 0 }], 258, 274],
      [[{ value: 'Statement' }, { index: 0 }, { value: 'Principal' }, { value: 'Federated' }], 170, 202],
    ]);
    expect(mismatch?.locations[0]?.span.start).toEqual({ line: 11, column: 16, offset: 258 });
    expect(unsupported?.findingDetails).toBe(
      'The following actions: sts:TagSession are not supported by the condition key cognito-identity.amazonaws.com:aud. The condition will not be evaluated for these actions. We recommend that you move these actions to a different statement without this condition key.',
    );
    expect(unsupported?.locations.map((l) => l.span.start.offset)).toEqual([292, 443]);
  });

  it('reports a JSON syntax error where it is, and nothing else', async () => {
    const findings = await validateCase('{\n  "Version": "2012-10-17",\n  "Statement": [}\n', 'IDENTITY_POLICY');
    expect(findings).toHaveLength(1);
    expect(findings[0]?.issueCode).toBe('JSON_SYNTAX_ERROR');
    expect(findings[0]?.findingDetails).toBe('Fix the JSON syntax error at index 45 line 3 column 16.');
    expect(findings[0]?.locations[0]?.span.start).toEqual({ line: 3, column: 16, offset: 45 });
  });

  it('finds nothing in a clean policy of each type', async () => {
    const clean = { Version: '2012-10-17', Statement: [{ Sid: 'Read', Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: ['arn:aws:s3:::bucket', 'arn:aws:s3:::bucket/*'] }] };
    expect(await validateCase(clean)).toEqual([]);
    expect(await validateCase({ ...clean, Statement: [{ ...clean.Statement[0], Principal: { AWS: '111122223333' } }] }, 'RESOURCE_POLICY', 'AWS::S3::Bucket')).toEqual([]);
    expect(await validateCase({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 's3:*', Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': 'eu-west-1' } } }] }, 'SERVICE_CONTROL_POLICY')).toEqual([]);
  });
});

function resolve(root: unknown, path: readonly PathElement[]): unknown {
  let node: unknown = root;
  for (const step of path) {
    if ('index' in step) node = Array.isArray(node) ? node[step.index] : node;
    else if ('value' in step) node = (node as Record<string, unknown>)[step.value];
  }
  return node;
}

describe('validatePolicy on generated documents', () => {
  const scalar = fc.oneof(fc.constantFrom('*', 's3:GetObject', 's3:Get*', 'iam:PassRole', 'arn:aws:s3:::b/*', 'Allow', 'Deny', '', 'x:y'), fc.string({ maxLength: 8 }), fc.integer(), fc.boolean());
  const value = fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }));
  const condition = fc.dictionary(fc.constantFrom('StringEquals', 'Bool', 'IpAddress', 'NumericLessThan', 'Nope', 'ForAllValues:StringLike', 'NullIfExists'), fc.dictionary(fc.constantFrom('aws:username', 'aws:SourceIp', 's3:prefix', 'aws:TagKeys', 'bad'), value), { maxKeys: 2 });
  const statement = fc.record(
    { Sid: fc.string({ maxLength: 4 }), Effect: fc.constantFrom('Allow', 'Deny', 'Maybe'), Action: value, NotAction: value, Resource: value, Principal: fc.oneof(fc.constant('*'), fc.record({ AWS: value })), Condition: condition },
    { requiredKeys: [] },
  );
  const doc = fc.record({ Version: fc.constantFrom('2012-10-17', '2008-10-17', 'x'), Statement: fc.array(statement, { maxLength: 3 }) }, { requiredKeys: [] });

  it('never throws, and every location points at the text of the value its path names', async () => {
    const catalog = await prepareCatalog('"s3:" "iam:" "aws:"');
    fc.assert(
      fc.property(doc, fc.constantFrom('IDENTITY_POLICY', 'RESOURCE_POLICY', 'SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY') as fc.Arbitrary<'IDENTITY_POLICY'>, (d, policyType) => {
        const text = JSON.stringify(d, null, 2);
        const findings = validatePolicy(text, { policyType, catalog });
        for (const f of findings) {
          // An unfilled catalogue slot reads `{{...}}`; the document's own text may hold `{{` too.
          if (!text.includes('{{')) expect(f.findingDetails).not.toMatch(/\{\{/);
          for (const l of f.locations) {
            const target = resolve(d, l.path);
            expect(JSON.parse(text.slice(l.span.start.offset, l.span.end.offset))).toEqual(target);
            const before = text.slice(0, l.span.start.offset).split('\n');
            expect(l.span.start.line).toBe(before.length);
            expect(l.span.start.column).toBe(before[before.length - 1]?.length);
          }
        }
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 300) },
    );
  });
});
