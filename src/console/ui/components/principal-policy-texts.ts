// The text of a principal's policies as SimulatePrincipalPolicy names them in SourcePolicyId
// (an inline policy as `<kind>_<owner>_<name>`, a managed one by its name, the boundary by its
// name), read with the API calls the aws CLI would make, as the signed-in principal. The text is
// the stored text exactly (only URL-decoded), since the simulator's positions point into it.
import { callApi } from '../api.js';

type Kind = 'User' | 'Group' | 'Role';

/** The kind and name of a user, group or role ARN (the path ignored, as the simulator ignores it). */
export function principalOf(arn: string): { kind: Kind; name: string } | undefined {
  const m = /^arn:aws[a-z-]*:iam::\d{12}:(user|group|role)\/(?:[^]*\/)?([^/]+)$/.exec(arn.trim());
  if (m === null) return undefined;
  const kind = ({ user: 'User', group: 'Group', role: 'Role' } as const)[m[1] as 'user' | 'group' | 'role'];
  return { kind, name: m[2]! };
}

/** A policy document as IAM returns it (URL-encoded), back to the bytes that were stored. */
export function exactText(doc: unknown): string {
  if (typeof doc !== 'string') return '';
  if (doc.trimStart().startsWith('{')) return doc;
  try {
    return decodeURIComponent(doc);
  } catch {
    return doc;
  }
}

async function allPages<T>(action: string, input: Record<string, unknown>, key: string): Promise<T[]> {
  const out: T[] = [];
  let marker: string | undefined;
  for (let page = 0; page < 1000; page += 1) {
    const answer = await callApi<Record<string, unknown>>('iam', action, { ...input, ...(marker === undefined ? {} : { Marker: marker }) });
    out.push(...((answer[key] as T[] | undefined) ?? []));
    if (answer.IsTruncated !== true || typeof answer.Marker !== 'string') break;
    marker = answer.Marker;
  }
  return out;
}

async function managedText(policyArn: string): Promise<string> {
  const { Policy } = await callApi<{ Policy: { DefaultVersionId?: string } }>('iam', 'GetPolicy', { PolicyArn: policyArn });
  const { PolicyVersion } = await callApi<{ PolicyVersion: { Document?: string } }>('iam', 'GetPolicyVersion', { PolicyArn: policyArn, VersionId: Policy.DefaultVersionId });
  return exactText(PolicyVersion.Document);
}

/** The texts of the `wanted` source policy ids of the principal `sourceArn`; ids it does not find are absent. */
export async function principalPolicyTexts(sourceArn: string, wanted: ReadonlySet<string>): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  const principal = principalOf(sourceArn);
  if (principal === undefined || wanted.size === 0) return found;
  const done = (): boolean => found.size === wanted.size;
  const owners: { kind: Kind; name: string }[] = [principal];
  if (principal.kind === 'User') {
    const groups = await allPages<{ GroupName: string }>('ListGroupsForUser', { UserName: principal.name }, 'Groups');
    owners.push(...groups.map((g) => ({ kind: 'Group' as const, name: g.GroupName })));
  }
  for (const owner of owners) {
    const key = { [`${owner.kind}Name`]: owner.name };
    const inline = await allPages<string>(`List${owner.kind}Policies`, key, 'PolicyNames');
    for (const policyName of inline) {
      const id = `${owner.kind.toLowerCase()}_${owner.name}_${policyName}`;
      if (!wanted.has(id) || found.has(id)) continue;
      const out = await callApi<{ PolicyDocument?: string }>('iam', `Get${owner.kind}Policy`, { ...key, PolicyName: policyName });
      found.set(id, exactText(out.PolicyDocument));
    }
    if (done()) return found;
    const attached = await allPages<{ PolicyName: string; PolicyArn: string }>(`ListAttached${owner.kind}Policies`, key, 'AttachedPolicies');
    for (const p of attached) {
      if (wanted.has(p.PolicyName) && !found.has(p.PolicyName)) found.set(p.PolicyName, await managedText(p.PolicyArn));
    }
    if (done()) return found;
  }
  if (principal.kind !== 'Group') {
    const out = await callApi<Record<string, { PermissionsBoundary?: { PermissionsBoundaryArn?: string } }>>('iam', `Get${principal.kind}`, { [`${principal.kind}Name`]: principal.name });
    const boundaryArn = out[principal.kind]?.PermissionsBoundary?.PermissionsBoundaryArn;
    const name = boundaryArn?.slice(boundaryArn.lastIndexOf('/') + 1);
    if (boundaryArn !== undefined && name !== undefined && wanted.has(name) && !found.has(name)) found.set(name, await managedText(boundaryArn));
  }
  return found;
}
