// The IAM actions that only make sense inside AWS Organizations or for onboarded AWS partners,
// and what AWS answers a standalone account (which every Keyward account is) after authorizing.
// docs/actions.md is generated partly from this table (scripts/action-status.ts).

import { IamError, type ErrorCode } from '../../../protocol/errors.js';
import { isWireObject, type WireObject } from '../../../protocol/wire-value.js';
import { optInt, optStr, str } from '../../input.js';
import type { AuthCheck, Operation, OperationTable, ServiceContext } from '../../operation.js';

export interface StandaloneAnswer {
  /** The error every call gets once authorized; absent when the answer is an empty result. */
  readonly error?: ErrorCode;
  readonly note: string;
}

const NO_ORGANIZATION: StandaloneAnswer = { error: 'OrganizationNotFoundException', note: 'needs AWS Organizations' };
const NO_DELEGATION_REQUEST: StandaloneAnswer = { error: 'NoSuchEntity', note: 'no delegation request exists without an onboarded partner' };

export const STANDALONE_ANSWERS: Readonly<Record<string, StandaloneAnswer>> = {
  EnableOrganizationsRootCredentialsManagement: NO_ORGANIZATION,
  DisableOrganizationsRootCredentialsManagement: NO_ORGANIZATION,
  EnableOrganizationsRootSessions: NO_ORGANIZATION,
  DisableOrganizationsRootSessions: NO_ORGANIZATION,
  ListOrganizationsFeatures: NO_ORGANIZATION,
  GenerateOrganizationsAccessReport: NO_ORGANIZATION,
  GetOrganizationsAccessReport: { error: 'NoSuchEntity', note: 'no Organizations access report can be generated' },
  CreateDelegationRequest: { error: 'AccessDenied', note: 'only onboarded AWS partners create delegation requests' },
  GetDelegationRequest: NO_DELEGATION_REQUEST,
  AssociateDelegationRequest: NO_DELEGATION_REQUEST,
  AcceptDelegationRequest: NO_DELEGATION_REQUEST,
  RejectDelegationRequest: NO_DELEGATION_REQUEST,
  UpdateDelegationRequest: NO_DELEGATION_REQUEST,
  SendDelegationToken: NO_DELEGATION_REQUEST,
  GetHumanReadableSummary: NO_DELEGATION_REQUEST,
  ListDelegationRequests: { note: 'always an empty list: no delegation request exists without an onboarded partner' },
};

const NO_ORGANIZATION_MESSAGE = 'The request was rejected because no organization is associated with your account.';

const delegationArn = (ctx: ServiceContext, id: string): string => `arn:aws:iam::${ctx.accountId}:delegation-request/${id}`;
const noSuchDelegationRequest = (id: string): IamError =>
  new IamError('NoSuchEntity', `The delegation request with id ${id} cannot be found.`);

/** An action that is authorized as AWS authorizes it, then refused as AWS refuses a standalone account. */
function refused(checks: Operation['checks'], error: (input: WireObject, ctx: ServiceContext) => IamError): Operation {
  return {
    checks,
    run: async (input, ctx) => {
      throw error(input, ctx);
    },
  };
}

const everything = (): AuthCheck[] => [{ resource: '*' }];
const noOrganization = refused(everything, () => new IamError('OrganizationNotFoundException', NO_ORGANIZATION_MESSAGE));
const delegationRequest = refused(
  (input, ctx) => [{ resource: delegationArn(ctx, str(input, 'DelegationRequestId')) }],
  (input) => noSuchDelegationRequest(str(input, 'DelegationRequestId')),
);

export const standaloneOperations: OperationTable = {
  EnableOrganizationsRootCredentialsManagement: noOrganization,
  DisableOrganizationsRootCredentialsManagement: noOrganization,
  EnableOrganizationsRootSessions: noOrganization,
  DisableOrganizationsRootSessions: noOrganization,
  ListOrganizationsFeatures: noOrganization,

  GenerateOrganizationsAccessReport: refused(
    (input, ctx) => {
      const policyId = optStr(input, 'OrganizationsPolicyId');
      return [
        {
          resource: `arn:aws:iam::${ctx.accountId}:access-report/${str(input, 'EntityPath')}`,
          ...(policyId !== undefined && { keys: { 'iam:OrganizationsPolicyId': policyId } }),
        },
      ];
    },
    () => new IamError('OrganizationNotFoundException', NO_ORGANIZATION_MESSAGE),
  ),
  GetOrganizationsAccessReport: refused(everything, (input) =>
    new IamError('NoSuchEntity', `The Organizations access report with job id ${str(input, 'JobId')} cannot be found.`),
  ),

  CreateDelegationRequest: refused(
    (input, ctx) => {
      const permissions = input['Permissions'];
      const template = isWireObject(permissions) ? optStr(permissions, 'PolicyTemplateArn') : undefined;
      const duration = optInt(input, 'SessionDuration');
      return [
        {
          resource: delegationArn(ctx, '*'),
          keys: {
            'iam:NotificationChannel': str(input, 'NotificationChannel'),
            ...(duration !== undefined && { 'iam:DelegationDuration': String(duration) }),
            ...(template !== undefined && { 'iam:TemplateArn': template }),
          },
        },
      ];
    },
    (_input, ctx) =>
      new IamError(
        'AccessDenied',
        `User: ${ctx.caller.principal.arn} is not authorized to perform: iam:CreateDelegationRequest because the account is not onboarded as an AWS partner for temporary delegation`,
      ),
  ),
  GetDelegationRequest: delegationRequest,
  AssociateDelegationRequest: delegationRequest,
  AcceptDelegationRequest: delegationRequest,
  RejectDelegationRequest: delegationRequest,
  UpdateDelegationRequest: delegationRequest,
  SendDelegationToken: delegationRequest,
  GetHumanReadableSummary: refused(
    (input) => [{ resource: str(input, 'EntityArn') }],
    (input) => {
      const id = /^arn:aws:iam::\d{12}:delegation-request\/([\w-]+)$/.exec(str(input, 'EntityArn'))?.[1];
      if (id === undefined) return new IamError('InvalidInput', 'EntityArn must be the ARN of a delegation request.');
      return noSuchDelegationRequest(id);
    },
  ),
  ListDelegationRequests: {
    checks(input) {
      const owner = optStr(input, 'OwnerId');
      return [{ resource: '*', ...(owner !== undefined && { keys: { 'iam:DelegationRequestOwner': owner } }) }];
    },
    // Lower-case `isTruncated` is the model's member name for this action.
    run: async () => ({ DelegationRequests: [], isTruncated: false }),
  },
};
