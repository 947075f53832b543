import { defineCheck } from '../../protocol/check.js';
import { ProofInvalid } from '../../protocol/errors.js';
import { htuCheck, type ClaimsSubject } from '../../protocol/proof-claims.js';

/**
 * The two readings of RFC 9449 for a proof whose own htu carries a query or fragment
 * (§4.3 check 9 "ignoring any query and fragment parts"; §4.2 htu "without query and
 * fragment parts"). The clean mocks take the accept reading (the OpenID Foundation suite's:
 * protocol/htu.ts cuts query and fragment off both URIs); the fault that puts this check in
 * takes the other, and the self-test runs it under --stance htu-query=accept
 * (mocks/faults.ts `stance`): neither reading is a defect by itself.
 */

const carriesQueryOrFragment = (htu: unknown) => typeof htu === 'string' && /[?#]/.test(htu);

/** The reject reading (the MCP conformance suite's): an htu with a query or fragment part is refused. */
export const htuQueryRefusedCheck = defineCheck('htu', 'one reading of RFC 9449 §4.3 check 9', (s: ClaimsSubject) => {
  htuCheck.run(s);
  if (carriesQueryOrFragment(s.claims.htu))
    throw new ProofInvalid('PROOF_HTU_MISMATCH', 'htu carries a query or fragment part');
});
