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
  async run({ response, body }) {
    const error = body.error;
    if (typeof error !== 'string' || error === '')
      return `${response.status} without an error member in a JSON body (RFC 6749 §5.2)`;
    if (response.status === 400) return undefined;
    if (response.status === 401 && error === 'invalid_client') return undefined;
    return `${response.status} with error ${JSON.stringify(error)}`;
  },
};
