// The remaining account-level IAM actions through the real AWS SDK: STS token preferences,
// outbound web identity federation, and the Organizations-only and partner-only actions, which
// are authorized first and then answered as AWS answers a standalone account.

import { describe, expect, it } from 'vitest';
import {
  AcceptDelegationRequestCommand,
  AssociateDelegationRequestCommand,
  CreateDelegationRequestCommand,
  DisableOrganizationsRootCredentialsManagementCommand,
  DisableOrganizationsRootSessionsCommand,
  DisableOutboundWebIdentityFederationCommand,
  EnableOrganizationsRootCredentialsManagementCommand,
  EnableOrganizationsRootSessionsCommand,
  EnableOutboundWebIdentityFederationCommand,
  GenerateOrganizationsAccessReportCommand,
  GetAccountSummaryCommand,
  GetDelegationRequestCommand,
  GetHumanReadableSummaryCommand,
  GetOrganizationsAccessReportCommand,
  GetOutboundWebIdentityFederationInfoCommand,
  ListDelegationRequestsCommand,
  ListOrganizationsFeaturesCommand,
  RejectDelegationRequestCommand,
  SendDelegationTokenCommand,
  SetSecurityTokenServicePreferencesCommand,
  UpdateDelegationRequestCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { userWithPolicy } from '../support/credential-fixtures.js';
import { ACCOUNT_ID, useTestServer } from '../support/server.js';

const t = useTestServer();

const NO_ORGANIZATION = 'The request was rejected because no organization is associated with your account.';
const REQUEST_ID = 'dr-0123456789abcdef';

describe('STS preferences', () => {
  it('stores GlobalEndpointTokenVersion in the account settings', async () => {
    const iam = t.iam();
    const before = await iam.send(new GetAccountSummaryCommand({}));
    expect(before.SummaryMap?.['GlobalEndpointTokenVersion']).toBe(1);
    await iam.send(new SetSecurityTokenServicePreferencesCommand({ GlobalEndpointTokenVersion: 'v2Token' }));
    expect((await iam.send(new GetAccountSummaryCommand({}))).SummaryMap?.['GlobalEndpointTokenVersion']).toBe(2);
    await iam.send(new SetSecurityTokenServicePreferencesCommand({ GlobalEndpointTokenVersion: 'v1Token' }));
    expect((await iam.send(new GetAccountSummaryCommand({}))).SummaryMap?.['GlobalEndpointTokenVersion']).toBe(1);
  });
});

describe('outbound web identity federation', () => {
  // A server of its own: the enforcement test below enables the feature on the file's server.
  const own = useTestServer();
  it('is disabled until enabled, keeps its issuer URL across disable and enable', async () => {
    const iam = own.iam();
    await expect(iam.send(new GetOutboundWebIdentityFederationInfoCommand({}))).rejects.toMatchObject({
      name: 'FeatureDisabledException',
      $metadata: { httpStatusCode: 404 },
    });
    await expect(iam.send(new DisableOutboundWebIdentityFederationCommand({}))).rejects.toMatchObject({ name: 'FeatureDisabledException' });
    const enabled = await iam.send(new EnableOutboundWebIdentityFederationCommand({}));
    // The issuer is served by Keyward itself, on the host the client reached (src/services/sts/outbound-issuer.ts).
    expect(enabled.IssuerIdentifier).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/outbound-federation\/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    await expect(iam.send(new EnableOutboundWebIdentityFederationCommand({}))).rejects.toMatchObject({
      name: 'FeatureEnabledException',
      $metadata: { httpStatusCode: 409 },
    });
    expect(await iam.send(new GetOutboundWebIdentityFederationInfoCommand({}))).toMatchObject({
      IssuerIdentifier: enabled.IssuerIdentifier,
      JwtVendingEnabled: true,
    });
    await iam.send(new DisableOutboundWebIdentityFederationCommand({}));
    expect(await iam.send(new GetOutboundWebIdentityFederationInfoCommand({}))).toMatchObject({ JwtVendingEnabled: false });
    const again = await iam.send(new EnableOutboundWebIdentityFederationCommand({}));
    expect(again.IssuerIdentifier).toBe(enabled.IssuerIdentifier);
  });
});

/** Each Organizations-only or partner-only action with the error a standalone account gets. */
const standalone: [string, (iam: IAMClient) => Promise<unknown>, { name: string; message?: string; status: number }][] = [
  ['EnableOrganizationsRootCredentialsManagement', (iam) => iam.send(new EnableOrganizationsRootCredentialsManagementCommand({})), { name: 'OrganizationNotFoundException', message: NO_ORGANIZATION, status: 400 }],
  ['DisableOrganizationsRootCredentialsManagement', (iam) => iam.send(new DisableOrganizationsRootCredentialsManagementCommand({})), { name: 'OrganizationNotFoundException', message: NO_ORGANIZATION, status: 400 }],
  ['EnableOrganizationsRootSessions', (iam) => iam.send(new EnableOrganizationsRootSessionsCommand({})), { name: 'OrganizationNotFoundException', message: NO_ORGANIZATION, status: 400 }],
  ['DisableOrganizationsRootSessions', (iam) => iam.send(new DisableOrganizationsRootSessionsCommand({})), { name: 'OrganizationNotFoundException', message: NO_ORGANIZATION, status: 400 }],
  ['ListOrganizationsFeatures', (iam) => iam.send(new ListOrganizationsFeaturesCommand({})), { name: 'OrganizationNotFoundException', message: NO_ORGANIZATION, status: 400 }],
  [
    'GenerateOrganizationsAccessReport',
    (iam) => iam.send(new GenerateOrganizationsAccessReportCommand({ EntityPath: 'o-a1b2c3d4e5/r-f6g7' })),
    { name: 'OrganizationNotFoundException', message: NO_ORGANIZATION, status: 400 },
  ],
  [
    'GetOrganizationsAccessReport',
    (iam) => iam.send(new GetOrganizationsAccessReportCommand({ JobId: '00000000-0000-4000-8000-000000000000' })),
    { name: 'NoSuchEntityException', status: 404 },
  ],
  [
    'CreateDelegationRequest',
    (iam) =>
      iam.send(
        new CreateDelegationRequestCommand({
          Description: 'd',
          Permissions: { PolicyTemplateArn: 'arn:aws:iam::aws:policy-template/Example' },
          RequestorWorkflowId: 'workflow-1',
          NotificationChannel: 'arn:aws:sns:us-east-1:123456789012:topic',
          SessionDuration: 3600,
        }),
      ),
    { name: 'AccessDenied', status: 403 },
  ],
  ['GetDelegationRequest', (iam) => iam.send(new GetDelegationRequestCommand({ DelegationRequestId: REQUEST_ID })), { name: 'NoSuchEntityException', message: `The delegation request with id ${REQUEST_ID} cannot be found.`, status: 404 }],
  ['AssociateDelegationRequest', (iam) => iam.send(new AssociateDelegationRequestCommand({ DelegationRequestId: REQUEST_ID })), { name: 'NoSuchEntityException', status: 404 }],
  ['AcceptDelegationRequest', (iam) => iam.send(new AcceptDelegationRequestCommand({ DelegationRequestId: REQUEST_ID })), { name: 'NoSuchEntityException', status: 404 }],
  ['RejectDelegationRequest', (iam) => iam.send(new RejectDelegationRequestCommand({ DelegationRequestId: REQUEST_ID })), { name: 'NoSuchEntityException', status: 404 }],
  ['UpdateDelegationRequest', (iam) => iam.send(new UpdateDelegationRequestCommand({ DelegationRequestId: REQUEST_ID, Notes: 'n' })), { name: 'NoSuchEntityException', status: 404 }],
  ['SendDelegationToken', (iam) => iam.send(new SendDelegationTokenCommand({ DelegationRequestId: REQUEST_ID })), { name: 'NoSuchEntityException', status: 404 }],
  [
    'GetHumanReadableSummary',
    (iam) => iam.send(new GetHumanReadableSummaryCommand({ EntityArn: `arn:aws:iam::${ACCOUNT_ID}:delegation-request/${REQUEST_ID}` })),
    { name: 'NoSuchEntityException', status: 404 },
  ],
];

describe('actions a standalone account cannot use', () => {
  it.each(standalone)('%s answers AWS error for an account outside an organization', async (_action, call, expected) => {
    await expect(call(t.iam())).rejects.toMatchObject({
      name: expected.name,
      ...(expected.message !== undefined && { message: expected.message }),
      $metadata: { httpStatusCode: expected.status },
    });
  });

  it('lists no delegation requests', async () => {
    const listed = await t.iam().send(new ListDelegationRequestsCommand({}));
    expect(listed.DelegationRequests).toEqual([]);
    expect(listed.isTruncated).toBe(false);
  });

  it('authorizes each action first: a user without permission gets AccessDenied, not the standalone answer', async () => {
    const creds = await userWithPolicy(t, 'nobody-special');
    const asUser = t.iam(creds);
    for (const [action, call] of standalone) {
      await expect(call(asUser), action).rejects.toMatchObject({
        name: 'AccessDenied',
        message: expect.stringContaining(`is not authorized to perform: iam:${action} on resource`),
        $metadata: { httpStatusCode: 403 },
      });
    }
    await expect(asUser.send(new ListDelegationRequestsCommand({}))).rejects.toMatchObject({ name: 'AccessDenied' });
  });

  it('authorizes a delegation request by its ARN in the account', async () => {
    const denied = t.iam(await userWithPolicy(t, 'outsider', [{ Effect: 'Allow', Action: 'iam:GetDelegationRequest', Resource: 'arn:aws:iam::999999999999:*' }]));
    await expect(denied.send(new GetDelegationRequestCommand({ DelegationRequestId: REQUEST_ID }))).rejects.toMatchObject({
      name: 'AccessDenied',
      message: `User: arn:aws:iam::${ACCOUNT_ID}:user/outsider is not authorized to perform: iam:GetDelegationRequest on resource: arn:aws:iam::${ACCOUNT_ID}:delegation-request/${REQUEST_ID} because no identity-based policy allows the iam:GetDelegationRequest action`,
    });
    // The policy validator does not yet know the delegation-request/ resource path, so the grant is account-wide.
    const approver = t.iam(await userWithPolicy(t, 'approver', [{ Effect: 'Allow', Action: 'iam:GetDelegationRequest', Resource: `arn:aws:iam::${ACCOUNT_ID}:*` }]));
    await expect(approver.send(new GetDelegationRequestCommand({ DelegationRequestId: REQUEST_ID }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
    });
  });
});

describe('outbound federation and STS preferences enforcement', () => {
  it('needs iam:EnableOutboundWebIdentityFederation and iam:SetSecurityTokenServicePreferences', async () => {
    await t.iam().send(new EnableOutboundWebIdentityFederationCommand({}));
    const creds = await userWithPolicy(t, 'reader', [{ Effect: 'Allow', Action: 'iam:GetOutboundWebIdentityFederationInfo', Resource: '*' }]);
    const asReader = t.iam(creds);
    expect((await asReader.send(new GetOutboundWebIdentityFederationInfoCommand({}))).IssuerIdentifier).toMatch(/^http:\/\//);
    await expect(asReader.send(new DisableOutboundWebIdentityFederationCommand({}))).rejects.toMatchObject({ name: 'AccessDenied' });
    await expect(asReader.send(new SetSecurityTokenServicePreferencesCommand({ GlobalEndpointTokenVersion: 'v2Token' }))).rejects.toMatchObject({
      name: 'AccessDenied',
      message: `User: arn:aws:iam::${ACCOUNT_ID}:user/reader is not authorized to perform: iam:SetSecurityTokenServicePreferences on resource: * because no identity-based policy allows the iam:SetSecurityTokenServicePreferences action`,
    });
  });
});
