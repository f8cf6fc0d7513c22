// The https://aws.amazon.com/SAML/Attributes/Role values: each a comma-separated pair of a
// role ARN and a SAML provider ARN, in either order (IdPs write both orders and AWS takes both).

export interface SamlRole {
  readonly roleArn: string;
  readonly principalArn: string;
}

// Role names may contain commas; SAML provider names may not ([\w._-]+), which is what lets a
// value be split unambiguously.
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;
const PROVIDER_ARN = /^arn:aws[a-z-]*:iam::\d{12}:saml-provider\/[\w.-]+$/;

/** Reads one attribute value; undefined when it is not a role/provider pair. */
export function parseRoleAttributeValue(value: string): SamlRole | undefined {
  for (let comma = value.indexOf(','); comma !== -1; comma = value.indexOf(',', comma + 1)) {
    const left = value.slice(0, comma).trim();
    const right = value.slice(comma + 1).trim();
    if (ROLE_ARN.test(left) && PROVIDER_ARN.test(right)) return { roleArn: left, principalArn: right };
    if (PROVIDER_ARN.test(left) && ROLE_ARN.test(right)) return { roleArn: right, principalArn: left };
  }
  return undefined;
}

/** The pairs among `values` that name `providerArn`, without duplicates, in attribute order. */
export function rolesForProvider(values: readonly string[], providerArn: string): SamlRole[] {
  const roles: SamlRole[] = [];
  for (const value of values) {
    const role = parseRoleAttributeValue(value);
    if (role === undefined || role.principalArn !== providerArn) continue;
    if (!roles.some((known) => known.roleArn === role.roleArn)) roles.push(role);
  }
  return roles;
}
