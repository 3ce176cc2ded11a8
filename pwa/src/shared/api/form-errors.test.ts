import { describe, expect, it } from 'vitest';

import { ApiError } from './api-error';
import { applyApiFieldErrors } from './form-errors';

describe('applyApiFieldErrors', () => {
  it('sets each detail on its field (by the last part of a dotted path) and leaves no form message', () => {
    const set: [string, string][] = [];
    const error = new ApiError({
      status: 400,
      code: 'INVALID_INPUT',
      message: 'Some fields are not valid.',
      details: [
        { field: 'username', message: 'String should match pattern' },
        { field: 'body.parent_email', message: 'not a valid email' },
      ],
    });
    const result = applyApiFieldErrors(error, ['username', 'parent_email', 'full_name'], (f, e) => set.push([f, e.message]));
    expect(set).toEqual([
      ['username', 'String should match pattern'],
      ['parent_email', 'not a valid email'],
    ]);
    expect(result).toEqual({ message: null, network: false });
  });

  it('turns an error without field details (a conflict) into one form message', () => {
    const set: string[] = [];
    const error = new ApiError({ status: 409, code: 'CONFLICT', message: 'An account with this email already exists.' });
    expect(applyApiFieldErrors(error, ['email'], (f) => set.push(f))).toEqual({
      message: 'An account with this email already exists.',
      network: false,
    });
    expect(set).toEqual([]);
  });

  it('keeps details about unknown fields in the form message and reports network failures', () => {
    const error = new ApiError({
      status: 400,
      code: 'INVALID_INPUT',
      message: 'Some fields are not valid.',
      details: [{ field: null, message: 'These fields cannot be empty: full_name.' }],
    });
    expect(applyApiFieldErrors(error, ['email'], () => undefined).message).toBe(
      'Some fields are not valid. These fields cannot be empty: full_name.',
    );
    expect(applyApiFieldErrors(new TypeError('Failed to fetch'), ['email'], () => undefined)).toEqual({
      message: null,
      network: true,
    });
  });
});
