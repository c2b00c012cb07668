import type { ErrorBody } from '../../shared/api-schema.js';

/** Every error answer: a code for programs, a message for a person. */
export function apiError(code: string, message: string, extra: Omit<ErrorBody['error'], 'code' | 'message'> = {}): ErrorBody {
  return { error: { code, message, ...extra } };
}
