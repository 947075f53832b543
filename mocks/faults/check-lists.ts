import { ACCESS_TOKEN_CHECKS, type AccessTokenSubject } from '../../protocol/access-token-checks.js';
import { ASYMMETRIC_PROOF_CHECKS, type AsymmetricProofSubject } from '../../protocol/asymmetric-proof-checks.js';
import type { Check, SyncCheck } from '../../protocol/check.js';
import { CNF_SK_CHECKS, type CnfSkSubject } from '../../protocol/cnf-sk-checks.js';
import { SYMMETRIC_PROOF_CHECKS, type SymmetricProofSubject } from '../../protocol/symmetric-proof-checks.js';
import { TICKET_CHECKS, type TicketSubject } from '../../protocol/ticket-checks.js';

/** The verifications the mocks run, each an ordered list of named checks from protocol/, by the id a fault names. */
export const CHECK_LISTS = {
  'asymmetric-proof': ASYMMETRIC_PROOF_CHECKS,
  'symmetric-proof': SYMMETRIC_PROOF_CHECKS,
  'access-token': ACCESS_TOKEN_CHECKS,
  'cnf-sk': CNF_SK_CHECKS,
  ticket: TICKET_CHECKS,
} as const;

export type ListId = keyof typeof CHECK_LISTS;

/** What the checks of each list read. */
export interface Subjects {
  'asymmetric-proof': AsymmetricProofSubject;
  'symmetric-proof': SymmetricProofSubject;
  'access-token': AccessTokenSubject;
  'cnf-sk': CnfSkSubject;
  ticket: TicketSubject;
}

/** A check that fits list L (cnf.sk is resolved synchronously). */
export type ListCheck<L extends ListId> = 'cnf-sk' extends L ? SyncCheck<Subjects[L]> : Check<Subjects[L]>;

/** The names of the checks of list L. */
export type CheckNameIn<L extends ListId> = (typeof CHECK_LISTS)[L][number]['name'];

/** The names that every list of the union L has: what a fault modifying all of them may name. */
export type CommonCheckName<L extends ListId> = (L extends unknown ? (names: CheckNameIn<L>) => void : never) extends (
  names: infer N,
) => void
  ? N & string
  : never;
