import { basicCredentials } from '../../http/basic-auth.js';
import type { HttpRequest } from '../../http/send.js';
import type { CaseContext } from '../case-state.js';

/** What a request adds to authenticate a confidential client, and where its secret sits for the transcript. */
export interface ClientAuthentication {
  /** Form fields to add (client_secret_post). */
  formFields: Record<string, string>;
  /** Header fields to add (client_secret_basic). */
  headers: [string, string][];
  sensitive: NonNullable<HttpRequest['sensitive']>;
}

/**
 * RFC 6749 §2.3.1 client authentication on a form-encoded request to the AS (token,
 * introspection, PAR endpoints): client_id and client_secret in the body for `post`, else
 * HTTP Basic. The builder knows where the secret goes, so it marks that place for the
 * transcript, and the Basic credentials are added to the case's redactor.
 */
export function clientAuthentication(
  ctx: CaseContext,
  clientId: string,
  secret: string,
  auth: 'basic' | 'post' | undefined,
): ClientAuthentication {
  if (auth === 'post')
    return {
      formFields: { client_id: clientId, client_secret: secret },
      headers: [],
      sensitive: { formFields: ['client_secret'] },
    };
  const credentials = basicCredentials(clientId, secret);
  ctx.redactor.add(credentials);
  return {
    formFields: {},
    headers: [['authorization', `Basic ${credentials}`]],
    sensitive: { headers: ['authorization'] },
  };
}
