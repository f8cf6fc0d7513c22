// Managed policies and their versions in AWS's response shapes. Which members appear
// depends on the action, as in AWS (ListPolicies has no Description or Tags, ...).

import type { ManagedPolicy, PolicyVersion } from '../../../domain/entities.js';
import type { WireObject } from '../../../protocol/wire-value.js';
import { wireTags } from '../../input.js';
import { encodePolicyDocument } from './document-encoding.js';

export interface PolicyUsage {
  readonly attachmentCount: number;
  readonly boundaryUsageCount: number;
}

export interface WirePolicyOptions {
  /** GetPolicy only: "included in the response to the GetPolicy operation". */
  readonly description?: boolean;
  /**
   * `always` for GetPolicy (an empty `Tags` list when untagged, as AWS answers), `when-tagged`
   * for CreatePolicy; resource-listing actions leave tags out.
   */
  readonly tags?: 'always' | 'when-tagged';
}

export function wirePolicy(policy: ManagedPolicy, usage: PolicyUsage, options: WirePolicyOptions = {}): WireObject {
  return {
    PolicyName: policy.name,
    PolicyId: policy.id,
    Arn: policy.arn,
    Path: policy.path,
    DefaultVersionId: policy.defaultVersionId,
    AttachmentCount: usage.attachmentCount,
    PermissionsBoundaryUsageCount: usage.boundaryUsageCount,
    IsAttachable: policy.isAttachable,
    ...(options.description === true && policy.description !== undefined && { Description: policy.description }),
    CreateDate: policy.createDate,
    UpdateDate: policy.updateDate,
    ...((options.tags === 'always' || (options.tags === 'when-tagged' && policy.tags.length > 0)) && { Tags: wireTags(policy.tags) }),
  };
}

/** GetPolicyVersion carries the document; CreatePolicyVersion and ListPolicyVersions do not. */
export function wirePolicyVersion(version: PolicyVersion, options: { readonly document?: boolean } = {}): WireObject {
  return {
    ...(options.document === true && { Document: encodePolicyDocument(version.document) }),
    VersionId: version.versionId,
    IsDefaultVersion: version.isDefault,
    CreateDate: version.createDate,
  };
}
