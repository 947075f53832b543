import type { NamedCheck } from './types.js';

/**
 * Where RFC 9449 says the AS MUST reject a request but names no error code, any error
 * response of RFC 6749 §5.2 is conforming: 400 with an `error` member, or 401 with
 * `invalid_client` (client authentication failed).
 */
export const tokenErrorResponse: NamedCheck = {
  name: 'token-error-response',
  ref: 'RFC 6749 §5.2',
  requirement:
    'the refusal is an RFC 6749 §5.2 error response: 400 with an error code (any: the text names none), or 401 with invalid_client',
  run({ response, body }) {
    return Promise.resolve(verdict(response.status, body.error));
  },
};

function verdict(status: number, error: unknown): string | undefined {
  if (typeof error !== 'string' || error === '')
    return `${status} without an error member in a JSON body (RFC 6749 §5.2)`;
  if (status === 400) return undefined;
  if (status === 401 && error === 'invalid_client') return undefined;
  return `${status} with error ${JSON.stringify(error)}`;
}
