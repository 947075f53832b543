import { cnfJktIsProofKey } from './cnf-jkt-is-proof-key.js';
import { cnfSkExpWithinToken } from './cnf-sk-exp-within-token.js';
import { dpopNonceHeader } from './dpop-nonce-header.js';
import { dpopSkForProofKeyOnly } from './dpop-sk-for-proof-key-only.js';
import { dpopSkIsHkdf } from './dpop-sk-is-hkdf.js';
import { freshROnRefresh } from './fresh-r-on-refresh.js';
import { missingProofConforming } from './missing-proof-conforming.js';
import { negotiatedSkForProofKeyOnly } from './negotiated-sk-for-proof-key-only.js';
import { noDpopSk } from './no-dpop-sk.js';
import { skVersionRotated } from './sk-version-rotated.js';
import { tokenErrorResponse } from './token-error-response.js';
import { tokenTypeDpop } from './token-type-dpop.js';
import { introspectionCnfJkt } from './introspection-cnf-jkt.js';
import { metadataIssuer } from './metadata-issuer.js';
import { noDpopProxyAuthenticate } from './no-dpop-proxy-authenticate.js';
import type { NamedCheck } from './types.js';

/** Every named check a suite may list under expect.checks. */
export const CHECKS: Readonly<Record<string, NamedCheck>> = Object.fromEntries(
  [
    tokenTypeDpop,
    cnfJktIsProofKey,
    dpopSkForProofKeyOnly,
    dpopSkIsHkdf,
    cnfSkExpWithinToken,
    noDpopSk,
    freshROnRefresh,
    dpopNonceHeader,
    missingProofConforming,
    negotiatedSkForProofKeyOnly,
    tokenErrorResponse,
    skVersionRotated,
    introspectionCnfJkt,
    metadataIssuer,
    noDpopProxyAuthenticate,
  ].map((c) => [c.name, c]),
);
