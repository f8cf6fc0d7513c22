// DecodeAuthorizationMessage: opens the encoded message an AccessDenied carried in its
// x-keyward-encoded-authorization-message header (authz-message-seal.ts) and returns its JSON.

import { IamError } from '../../protocol/errors.js';
import { str } from '../input.js';
import type { OperationTable } from '../operation.js';
import { openMessageText } from './authz-message-seal.js';

/** Keyward's wording: AWS documents the error, not its message (docs/authorization-messages.md). */
export const invalidAuthorizationMessage = (): IamError =>
  new IamError('InvalidAuthorizationMessageException', 'The encoded authorization message is not valid.');

export const decodeAuthorizationMessageOperations: OperationTable = {
  DecodeAuthorizationMessage: {
    // sts:DecodeAuthorizationMessage has no resource type: `*` only.
    checks: () => [{ resource: '*' }],
    async run(input, ctx) {
      const text = openMessageText(ctx.secrets, ctx.accountId, str(input, 'EncodedMessage'));
      if (text === undefined) throw invalidAuthorizationMessage();
      return { DecodedMessage: text };
    },
  },
};
