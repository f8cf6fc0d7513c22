// IAM (not STS) answers a bad name or path with its own sentence instead of the
// generic "Member must satisfy regular expression pattern" violation, and that
// sentence alone is the whole ValidationError message, even when the same value
// also breaks a length limit (seen for userName, roleName, groupName, policyName,
// path and pathPrefix).

const NAME_MESSAGE = (member: string): string =>
  `The specified value for ${member} is invalid. It must contain only alphanumeric characters and/or the following: +=,.@_-`;
// Seen for ListPolicies --path-prefix /foo (policyPathType); used for the other prefix pattern too.
const PREFIX_MESSAGE = (member: string): string =>
  `The specified value for ${member} is invalid. It must begin with the / character and contain only alphanumeric characters and/or / characters.`;

/** Model pattern -> IAM's message for a value that fails it. */
export const IAM_PATTERN_MESSAGES: ReadonlyMap<string, (member: string) => string> = new Map([
  ['[\\w+=,.@-]+', NAME_MESSAGE],
  ['[\\w+=,.@-]*', NAME_MESSAGE],
  [
    '(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)',
    (member: string) =>
      `The specified value for ${member} is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.`,
  ],
  ['\\u002F[\\u0021-\\u007F]*', PREFIX_MESSAGE],
  ['((/[A-Za-z0-9\\.,\\+@=_-]+)*)/', PREFIX_MESSAGE],
  [
    '^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$',
    (member: string) =>
      `The specified value for ${member} is invalid. It must be a minimum length of 3 characters and maximum length of 63 characters, contain only digits, lowercase letters, and hyphens (-), but cannot begin or end with a hyphen.`,
  ],
]);
