// Store failures map onto AWS's conflict errors, never InternalFailure.

import { describe, expect, it } from 'vitest';
import { ConstraintViolationError, EntityAlreadyExistsError, TransactionConflictError } from '../storage/errors.js';
import { storeFailure } from './store-errors.js';

describe('storeFailure', () => {
  it('answers a lost creation race with EntityAlreadyExists 409', () => {
    const error = storeFailure(new EntityAlreadyExistsError('user', 'alice'));
    expect([error?.code, error?.status]).toEqual(['EntityAlreadyExists', 409]);
  });

  it('answers constraint and serialization conflicts with ConcurrentModification 409', () => {
    for (const e of [new ConstraintViolationError('foreign-key', 'x'), new TransactionConflictError(12)]) {
      const error = storeFailure(e);
      expect([error?.code, error?.status]).toEqual(['ConcurrentModification', 409]);
    }
  });

  it('leaves other errors alone', () => {
    expect(storeFailure(new Error('boom'))).toBeUndefined();
  });
});
