// Marker / MaxItems / IsTruncated for every paged operation, driven by the service models and
// the operation registry: each implemented operation whose input has MaxItems and Marker gets
// more items than one page holds, and walking its pages must return each item exactly once.

import * as iam from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idpMetadata } from '../../src/auth/saml/saml-test-idp.case.js';
import { LEAF_CERT, LEAF_KEY, SIGNER_1_CERT, SIGNER_2_CERT } from '../../src/services/iam/certificates/fixtures.case.js';
import { loadServiceModel, type ServiceName, type StructureShape } from '../../src/protocol/model/service-model.js';
import { implementedOperations } from '../../src/services/registry.js';
import { rsaPublicKey } from '../support/credential-fixtures.js';
import { createDevice, enableDevice } from '../support/mfa-fixtures.js';
import { ACCOUNT_ID } from '../support/server.js';
import { startStsNode, type StsNode } from '../support/sts-fixtures.js';

type Input = Record<string, unknown>;
type Output = Record<string, unknown>;

/** Sets up more items than one page of MaxItems=1 holds and returns the operation's input. */
type Fixture = (t: StsNode) => Promise<Input>;

const arn = (resource: string): string => `arn:aws:iam::${ACCOUNT_ID}:${resource}`;
const doc = (...actions: string[]): string => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] });
const TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: arn('root') }, Action: 'sts:AssumeRole' }] });
const tags = (n: number): iam.Tag[] => Array.from({ length: n }, (_, i) => ({ Key: `key${i}`, Value: `value${i}` }));
const THREE = [1, 2, 3] as const;

type CommandClass = new (input: Input) => Parameters<iam.IAMClient['send']>[0];

/** Calls `action` through the SDK's own command class, as any SDK user would. */
async function send(t: StsNode, action: string, input: Input): Promise<Output> {
  const Command = (iam as unknown as Record<string, CommandClass | undefined>)[`${action}Command`];
  if (Command === undefined) throw new Error(`the IAM SDK has no ${action}Command`);
  return (await t.iam().send(new Command(input))) as unknown as Output;
}

async function user(t: StsNode, name: string, path?: string): Promise<void> {
  await t.iam().send(new iam.CreateUserCommand({ UserName: name, ...(path !== undefined && { Path: path }) }));
}

async function managedPolicy(t: StsNode, name: string, path = '/'): Promise<string> {
  const out = await t.iam().send(new iam.CreatePolicyCommand({ PolicyName: name, Path: path, PolicyDocument: doc('s3:GetObject') }));
  return out.Policy!.Arn!;
}

const FIXTURES: Readonly<Record<string, Fixture>> = {
  async GetAccountAuthorizationDetails(t) {
    for (const n of THREE) await t.iam().send(new iam.CreateGroupCommand({ GroupName: `aad-group-${n}` }));
    for (const n of THREE) await user(t, `aad-user-${n}`);
    return { Filter: ['User', 'Group'] };
  },
  async GetGroup(t) {
    await t.iam().send(new iam.CreateGroupCommand({ GroupName: 'gg-group' }));
    for (const n of THREE) {
      await user(t, `gg-user-${n}`);
      await t.iam().send(new iam.AddUserToGroupCommand({ GroupName: 'gg-group', UserName: `gg-user-${n}` }));
    }
    return { GroupName: 'gg-group' };
  },
  async GetServiceLastAccessedDetails(t) {
    await user(t, 'sla-user');
    await t.iam().send(new iam.PutUserPolicyCommand({ UserName: 'sla-user', PolicyName: 'p', PolicyDocument: doc('s3:GetObject', 'ec2:DescribeInstances', 'sqs:SendMessage') }));
    const job = await t.iam().send(new iam.GenerateServiceLastAccessedDetailsCommand({ Arn: arn('user/sla-user') }));
    return { JobId: job.JobId };
  },
  async GetServiceLastAccessedDetailsWithEntities(t) {
    const policyArn = await managedPolicy(t, 'slae-policy');
    for (const n of THREE) {
      await user(t, `slae-user-${n}`);
      await t.iam().send(new iam.AttachUserPolicyCommand({ UserName: `slae-user-${n}`, PolicyArn: policyArn }));
    }
    const job = await t.iam().send(new iam.GenerateServiceLastAccessedDetailsCommand({ Arn: policyArn }));
    return { JobId: job.JobId, ServiceNamespace: 's3' };
  },
  async ListAccessKeys(t) {
    await user(t, 'ak-user');
    for (let i = 0; i < 2; i++) await t.iam().send(new iam.CreateAccessKeyCommand({ UserName: 'ak-user' }));
    return { UserName: 'ak-user' };
  },
  async ListAttachedGroupPolicies(t) {
    await t.iam().send(new iam.CreateGroupCommand({ GroupName: 'agp-group' }));
    for (const n of THREE) await t.iam().send(new iam.AttachGroupPolicyCommand({ GroupName: 'agp-group', PolicyArn: await managedPolicy(t, `agp-${n}`) }));
    return { GroupName: 'agp-group' };
  },
  async ListAttachedRolePolicies(t) {
    await t.iam().send(new iam.CreateRoleCommand({ RoleName: 'arp-role', AssumeRolePolicyDocument: TRUST }));
    for (const n of THREE) await t.iam().send(new iam.AttachRolePolicyCommand({ RoleName: 'arp-role', PolicyArn: await managedPolicy(t, `arp-${n}`) }));
    return { RoleName: 'arp-role' };
  },
  async ListAttachedUserPolicies(t) {
    await user(t, 'aup-user');
    for (const n of THREE) await t.iam().send(new iam.AttachUserPolicyCommand({ UserName: 'aup-user', PolicyArn: await managedPolicy(t, `aup-${n}`) }));
    return { UserName: 'aup-user' };
  },
  async ListEntitiesForPolicy(t) {
    const policyArn = await managedPolicy(t, 'efp-policy');
    for (const n of [1, 2]) {
      await user(t, `efp-user-${n}`);
      await t.iam().send(new iam.AttachUserPolicyCommand({ UserName: `efp-user-${n}`, PolicyArn: policyArn }));
      await t.iam().send(new iam.CreateGroupCommand({ GroupName: `efp-group-${n}` }));
      await t.iam().send(new iam.AttachGroupPolicyCommand({ GroupName: `efp-group-${n}`, PolicyArn: policyArn }));
      await t.iam().send(new iam.CreateRoleCommand({ RoleName: `efp-role-${n}`, AssumeRolePolicyDocument: TRUST }));
      await t.iam().send(new iam.AttachRolePolicyCommand({ RoleName: `efp-role-${n}`, PolicyArn: policyArn }));
    }
    return { PolicyArn: policyArn };
  },
  async ListGroupPolicies(t) {
    await t.iam().send(new iam.CreateGroupCommand({ GroupName: 'gp-group' }));
    for (const n of THREE) await t.iam().send(new iam.PutGroupPolicyCommand({ GroupName: 'gp-group', PolicyName: `p${n}`, PolicyDocument: doc('s3:GetObject') }));
    return { GroupName: 'gp-group' };
  },
  async ListGroups(t) {
    for (const n of THREE) await t.iam().send(new iam.CreateGroupCommand({ GroupName: `lg-group-${n}`, Path: '/lg/' }));
    return { PathPrefix: '/lg/' };
  },
  async ListGroupsForUser(t) {
    await user(t, 'gfu-user');
    for (const n of THREE) {
      await t.iam().send(new iam.CreateGroupCommand({ GroupName: `gfu-group-${n}` }));
      await t.iam().send(new iam.AddUserToGroupCommand({ GroupName: `gfu-group-${n}`, UserName: 'gfu-user' }));
    }
    return { UserName: 'gfu-user' };
  },
  async ListInstanceProfileTags(t) {
    await t.iam().send(new iam.CreateInstanceProfileCommand({ InstanceProfileName: 'ipt-profile', Tags: tags(3) }));
    return { InstanceProfileName: 'ipt-profile' };
  },
  async ListInstanceProfiles(t) {
    for (const n of THREE) await t.iam().send(new iam.CreateInstanceProfileCommand({ InstanceProfileName: `lip-${n}`, Path: '/lip/' }));
    return { PathPrefix: '/lip/' };
  },
  async ListInstanceProfilesForRole(t) {
    await t.iam().send(new iam.CreateRoleCommand({ RoleName: 'ipr-role', AssumeRolePolicyDocument: TRUST }));
    for (const n of THREE) {
      await t.iam().send(new iam.CreateInstanceProfileCommand({ InstanceProfileName: `ipr-${n}` }));
      await t.iam().send(new iam.AddRoleToInstanceProfileCommand({ InstanceProfileName: `ipr-${n}`, RoleName: 'ipr-role' }));
    }
    return { RoleName: 'ipr-role' };
  },
  async ListMFADeviceTags(t) {
    const out = await t.iam().send(new iam.CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'mfat-device', Tags: tags(3) }));
    return { SerialNumber: out.VirtualMFADevice!.SerialNumber };
  },
  async ListMFADevices(t) {
    await user(t, 'mfa-user');
    for (const n of THREE) await enableDevice(t, 'mfa-user', await createDevice(t, `mfa-device-${n}`));
    return { UserName: 'mfa-user' };
  },
  async ListOpenIDConnectProviderTags(t) {
    const out = await t.iam().send(
      new iam.CreateOpenIDConnectProviderCommand({ Url: 'https://paging.example.com', ClientIDList: ['c'], ThumbprintList: ['9e99a48a9960b14926bb7f3b02e22da2b0ab7280'], Tags: tags(3) }),
    );
    return { OpenIDConnectProviderArn: out.OpenIDConnectProviderArn };
  },
  async ListPolicies(t) {
    for (const n of THREE) await managedPolicy(t, `lp-${n}`, '/lp/');
    return { Scope: 'Local', PathPrefix: '/lp/' };
  },
  async ListPolicyTags(t) {
    const out = await t.iam().send(new iam.CreatePolicyCommand({ PolicyName: 'pt-policy', PolicyDocument: doc('s3:GetObject'), Tags: tags(3) }));
    return { PolicyArn: out.Policy!.Arn };
  },
  async ListPolicyVersions(t) {
    const policyArn = await managedPolicy(t, 'pv-policy');
    for (const n of [1, 2]) await t.iam().send(new iam.CreatePolicyVersionCommand({ PolicyArn: policyArn, PolicyDocument: doc(`s3:GetObject${n}`) }));
    return { PolicyArn: policyArn };
  },
  async ListRolePolicies(t) {
    await t.iam().send(new iam.CreateRoleCommand({ RoleName: 'rp-role', AssumeRolePolicyDocument: TRUST }));
    for (const n of THREE) await t.iam().send(new iam.PutRolePolicyCommand({ RoleName: 'rp-role', PolicyName: `p${n}`, PolicyDocument: doc('s3:GetObject') }));
    return { RoleName: 'rp-role' };
  },
  async ListRoleTags(t) {
    await t.iam().send(new iam.CreateRoleCommand({ RoleName: 'rt-role', AssumeRolePolicyDocument: TRUST, Tags: tags(3) }));
    return { RoleName: 'rt-role' };
  },
  async ListRoles(t) {
    for (const n of THREE) await t.iam().send(new iam.CreateRoleCommand({ RoleName: `lr-${n}`, Path: '/lr/', AssumeRolePolicyDocument: TRUST }));
    return { PathPrefix: '/lr/' };
  },
  async ListSAMLProviderTags(t) {
    const out = await t.iam().send(new iam.CreateSAMLProviderCommand({ Name: 'paging-idp', SAMLMetadataDocument: idpMetadata(), Tags: tags(3) }));
    return { SAMLProviderArn: out.SAMLProviderArn };
  },
  async ListSSHPublicKeys(t) {
    await user(t, 'ssh-user');
    for (const _ of THREE) await t.iam().send(new iam.UploadSSHPublicKeyCommand({ UserName: 'ssh-user', SSHPublicKeyBody: (await rsaPublicKey()).openSsh }));
    return { UserName: 'ssh-user' };
  },
  async ListServerCertificateTags(t) {
    await t.iam().send(new iam.UploadServerCertificateCommand({ ServerCertificateName: 'sct-cert', CertificateBody: LEAF_CERT, PrivateKey: LEAF_KEY, Tags: tags(3) }));
    return { ServerCertificateName: 'sct-cert' };
  },
  async ListServerCertificates(t) {
    for (const n of THREE) {
      await t.iam().send(new iam.UploadServerCertificateCommand({ ServerCertificateName: `lsc-${n}`, Path: '/lsc/', CertificateBody: LEAF_CERT, PrivateKey: LEAF_KEY }));
    }
    return { PathPrefix: '/lsc/' };
  },
  async ListServiceSpecificCredentials(t) {
    await user(t, 'ssc-user');
    for (const service of ['codecommit.amazonaws.com', 'cassandra.amazonaws.com', 'cassandra.amazonaws.com']) {
      await t.iam().send(new iam.CreateServiceSpecificCredentialCommand({ UserName: 'ssc-user', ServiceName: service }));
    }
    return { UserName: 'ssc-user' };
  },
  async ListSigningCertificates(t) {
    await user(t, 'sc-user');
    for (const body of [SIGNER_1_CERT, SIGNER_2_CERT]) await t.iam().send(new iam.UploadSigningCertificateCommand({ UserName: 'sc-user', CertificateBody: body }));
    return { UserName: 'sc-user' };
  },
  async ListUserPolicies(t) {
    await user(t, 'up-user');
    for (const n of THREE) await t.iam().send(new iam.PutUserPolicyCommand({ UserName: 'up-user', PolicyName: `p${n}`, PolicyDocument: doc('s3:GetObject') }));
    return { UserName: 'up-user' };
  },
  async ListUserTags(t) {
    await t.iam().send(new iam.CreateUserCommand({ UserName: 'ut-user', Tags: tags(3) }));
    return { UserName: 'ut-user' };
  },
  async ListUsers(t) {
    for (const n of THREE) await user(t, `lu-${n}`, '/lu/');
    return { PathPrefix: '/lu/' };
  },
  async ListVirtualMFADevices(t) {
    for (const n of THREE) await t.iam().send(new iam.CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: `lv-${n}` }));
    return { AssignmentStatus: 'Unassigned' };
  },
  async SimulateCustomPolicy() {
    return { PolicyInputList: [doc('s3:GetObject')], ActionNames: ['s3:GetObject', 's3:PutObject', 'ec2:RunInstances'] };
  },
  async SimulatePrincipalPolicy(t) {
    await user(t, 'sim-user');
    await t.iam().send(new iam.PutUserPolicyCommand({ UserName: 'sim-user', PolicyName: 'p', PolicyDocument: doc('s3:GetObject') }));
    return { PolicySourceArn: arn('user/sim-user'), ActionNames: ['s3:GetObject', 's3:PutObject', 'ec2:RunInstances'] };
  },
};

/** Paged operations this test cannot give more than one item, each with the reason. */
const CANNOT_SET_UP: Readonly<Record<string, string>> = {
  // An account has at most one alias, so no list ever holds two.
  ListAccountAliases: 'at most one account alias exists',
  // Only an onboarded AWS partner creates delegation requests; a standalone account has none.
  ListDelegationRequests: 'no delegation request can exist',
  // Keyward runs no AWS Organizations, so GenerateOrganizationsAccessReport always refuses.
  GetOrganizationsAccessReport: 'no Organizations access report can be generated',
};

/** Implemented operations whose model input has both MaxItems and Marker. */
function pagedOperations(service: ServiceName): string[] {
  const model = loadServiceModel(service);
  return implementedOperations(service).filter((action) => {
    const input = model.operations[action]?.input;
    const shape = input === undefined ? undefined : model.shapes[input];
    return shape?.type === 'structure' && 'MaxItems' in shape.members && 'Marker' in shape.members;
  });
}

/** The output members that are lists: what a page holds. */
function listMembers(action: string): string[] {
  const model = loadServiceModel('iam');
  const output = model.operations[action]?.output;
  const shape = output === undefined ? undefined : (model.shapes[output] as StructureShape | undefined);
  return Object.entries(shape?.members ?? {})
    .filter(([, ref]) => model.shapes[ref.shape]?.type === 'list')
    .map(([name]) => name);
}

function itemsOf(action: string, out: Output): string[] {
  return listMembers(action).flatMap((member) => {
    const list = out[member];
    return Array.isArray(list) ? list.map((item: unknown) => `${member}:${JSON.stringify(item)}`) : [];
  });
}

let t: StsNode;
beforeAll(async () => {
  t = await startStsNode();
});
afterAll(async () => {
  await t.stop();
});

describe('paging', () => {
  it('no STS operation takes MaxItems and Marker (the table below covers IAM)', () => {
    expect(pagedOperations('sts')).toEqual([]);
  });

  it('every paged IAM operation has a fixture or a stated reason why not', () => {
    const paged = pagedOperations('iam');
    expect(paged.length).toBeGreaterThan(30);
    const uncovered = paged.filter((action) => !Object.hasOwn(FIXTURES, action) && !Object.hasOwn(CANNOT_SET_UP, action));
    expect(uncovered, 'add a fixture to FIXTURES in test/e2e/paging.test.ts').toEqual([]);
    const stale = [...Object.keys(FIXTURES), ...Object.keys(CANNOT_SET_UP)].filter((action) => !paged.includes(action));
    expect(stale).toEqual([]);
  });

  for (const action of pagedOperations('iam').filter((a) => Object.hasOwn(FIXTURES, a))) {
    it(`${action} walks every item exactly once with MaxItems and Marker`, async () => {
      const input = await FIXTURES[action]!(t);
      const whole = await send(t, action, { ...input, MaxItems: 1000 });
      expect(whole['IsTruncated']).toBe(false);
      expect(whole['Marker']).toBeUndefined();
      const all = itemsOf(action, whole);
      expect(all.length).toBeGreaterThan(1);
      expect(new Set(all).size).toBe(all.length);

      for (const size of [1, 2]) {
        const seen: string[] = [];
        let marker: unknown;
        for (let pages = 0; pages <= all.length; pages++) {
          const page = await send(t, action, { ...input, MaxItems: size, ...(marker !== undefined && { Marker: marker }) });
          const items = itemsOf(action, page);
          const count = Math.min(size, all.length - seen.length);
          const more = seen.length + count < all.length;
          expect({ size, count: items.length, truncated: page['IsTruncated'], marker: typeof page['Marker'] }).toEqual({
            size,
            count,
            truncated: more,
            marker: more ? 'string' : 'undefined',
          });
          seen.push(...items);
          if (!more) break;
          marker = page['Marker'];
        }
        // Every item exactly once, in the same order; operations with several lists
        // (ListEntitiesForPolicy) may page through them in another order than one answer lists them.
        if (listMembers(action).length === 1) expect(seen).toEqual(all);
        else expect([...seen].sort()).toEqual([...all].sort());
      }
    });
  }
});
