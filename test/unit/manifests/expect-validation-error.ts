import { expect } from 'vitest';
import { ValidationError } from '../../../src/index.js';

/** Awaits `promise`, asserts it rejects with a ValidationError, and returns it. */
export async function expectValidationError(promise: Promise<unknown>): Promise<ValidationError> {
  let caught: unknown;
  try {
    await promise;
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(ValidationError);
  return caught as ValidationError;
}
