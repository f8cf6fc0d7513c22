// The Status a caller may set on a signing certificate, SSH key or service-specific credential:
// the model's enum also has Expired, which only AWS sets (Bedrock API keys that ran out).

import type { CredentialStatus } from '../../../domain/credentials.js';
import { IamError } from '../../../protocol/errors.js';
import type { WireObject } from '../../../protocol/wire-value.js';
import { str } from '../../input.js';

export function settableStatus(input: WireObject): CredentialStatus {
  const status = str(input, 'Status');
  if (status === 'Active' || status === 'Inactive') return status;
  throw new IamError(
    'ValidationError',
    `1 validation error detected: Value '${status}' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive]`,
  );
}
