// Store failures that reach the request pipeline, answered as AWS would: a race lost
// to another writer is a conflict the client can retry, never an internal error.

import { IamError } from '../protocol/errors.js';
import { ConstraintViolationError, EntityAlreadyExistsError, TransactionConflictError } from '../storage/errors.js';

/** The AWS error for a store failure, or undefined for anything else. */
export function storeFailure(error: unknown): IamError | undefined {
  if (error instanceof EntityAlreadyExistsError) {
    // The services check first; reaching here means another request created it in between.
    return new IamError('EntityAlreadyExists', `${error.entity} ${error.key} already exists.`);
  }
  if (error instanceof ConstraintViolationError) {
    return new IamError('ConcurrentModification', 'The entity was changed by another request. Please try again.');
  }
  if (error instanceof TransactionConflictError) {
    return new IamError('ConcurrentModification', 'The request was rejected because multiple requests to change this object were submitted simultaneously. Wait a few minutes and submit your request again.');
  }
  return undefined;
}
