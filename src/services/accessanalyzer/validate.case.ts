// Test helper: validates a document (text, or an object written as pretty JSON) with the real
// action catalogue, as the API and `keyward lint` do.

import { validatePolicy } from '../../policy/validate/validate-policy.js';
import type { ValidatePolicyFinding, ValidatePolicyResourceType, ValidatePolicyType } from '../../policy/validate/types.js';
import { prepareCatalog } from './iam-data-catalog.js';

export async function validateCase(
  document: string | object,
  policyType: ValidatePolicyType = 'IDENTITY_POLICY',
  resourceType?: ValidatePolicyResourceType,
): Promise<readonly ValidatePolicyFinding[]> {
  const text = typeof document === 'string' ? document : JSON.stringify(document, null, 2);
  const catalog = await prepareCatalog(text);
  return validatePolicy(text, { policyType, ...(resourceType !== undefined && { resourceType }), catalog });
}
