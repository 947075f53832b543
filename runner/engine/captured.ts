import type { ClientKeyName } from '../../base/fixed-inputs.js';
import type { HttpResponse } from '../http/send.js';

/** What a token or mint step leaves behind for later steps and checks. */
export interface Captured {
  token?: string;
  refresh_token?: string;
  /** The raw dpop_sk JWE of a token response. */
  dpop_sk?: string;
  /** SK (from dpop_sk, or from minting); never written to a transcript. */
  sk?: Uint8Array;
  /** Why the target's answer gave no usable SK (a dpop_sk that does not open, or none at all). */
  skProblem?: string;
  /** Model B: the ticket, sent as the kid of symmetric proofs (DPoP-SK §6). */
  ticket?: string;
  /** The key the token is bound to. */
  key?: ClientKeyName;
  proof?: string;
  response?: HttpResponse;
  /** The client of the token step that captured this (a refresh uses the same one). */
  client?: 'confidential' | 'public' | 'bound';
  /** Claims of the previous access token, when a token step replaced it. */
  previous_claims?: Record<string, unknown>;
}
