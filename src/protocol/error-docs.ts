// Renders the error catalogue as the docs/errors.md table, so the document
// cannot drift from the codes Keyward actually emits (a test compares them).
import { ERROR_CATALOGUE, type ErrorSource } from './errors.js';

const SOURCE_LABEL: Record<ErrorSource, string> = {
  iam: 'IAM model',
  sts: 'STS model',
  common: 'AWS common',
  keyward: 'Keyward',
};

export function renderErrorsMarkdown(): string {
  const rows = Object.entries(ERROR_CATALOGUE)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, spec]) => `| \`${code}\` | ${spec.status} | ${spec.type} | ${SOURCE_LABEL[spec.source]} | ${spec.description} |`);
  return [
    '# Error codes',
    '',
    'Every error code Keyward returns, with its HTTP status and fault side. The',
    'table is generated from `src/protocol/errors.ts` (`renderErrorsMarkdown`); a',
    'test fails when the two differ. Regenerate with',
    '`KEYWARD_UPDATE_DOCS=1 npx vitest run src/protocol/errors.test.ts`.',
    '',
    'Errors are returned as AWS Query XML:',
    '`<ErrorResponse><Error><Type>Sender|Receiver</Type><Code>..</Code><Message>..</Message></Error><RequestId>..</RequestId></ErrorResponse>`.',
    '',
    '| Code | HTTP | Type | Source | Meaning |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
    '## Notes on choices AWS does not document',
    '',
    '- `MalformedInput`: AWS answers it (400) when a number cannot be read, for',
    '  example `DurationSeconds=abc`, `900.0`, or a value outside the 32-bit range;',
    '  for an empty value its message is `missing value for decimal type`. The',
    '  wording for other malformed values is Keyward\'s own.',
    '- `MissingAction`: AWS STS redirects a request without `Action` to a web page;',
    '  Keyward answers `MissingAction` instead, as AWS\'s common errors list it.',
    '- IAM reports an invalid name, `path` or `pathPrefix` with its own sentence',
    '  (`The specified value for userName is invalid. It must contain only',
    '  alphanumeric characters and/or the following: +=,.@_-`) in place of the',
    '  generic pattern violation; STS uses the generic form.',
    '- `NotImplemented` (501) marks an action AWS has and Keyward does not.',
    '',
  ].join('\n');
}
