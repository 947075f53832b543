import { readFileSync } from 'node:fs';
import type { JWK } from 'jose';
import type { SharedSecret } from '../protocol/shared-secret.js';
import { fromRoot } from './package-root.js';

/** The names of the fixed client keys (vectors/inputs.json `client_keys`). */
export type ClientKeyName =
  | 'client-p256'
  | 'client-p256-other'
  | 'client-p384'
  | 'client-rsa2048'
  | 'client-ed25519'
  | 'client-p256-leading-zero'
  | 'client-p521';

/** The key a proof is made with when a case names none. */
export const DEFAULT_CLIENT_KEY: ClientKeyName = 'client-p256';

/** The fixed test inputs (vectors/inputs.json, a copy of the pinned profile inputs, DPoP-SK §7). */
export interface TestInputs {
  as_signing_key: JWK & { kid: string };
  client_keys: Record<ClientKeyName, JWK>;
  shared_secrets: SharedSecret[];
  unknown_version: string;
  sk_info: string;
  audience: string;
  clients: {
    confidential: { client_id: string; client_secret: string; token_endpoint_auth_methods: string[] };
    public: { client_id: string; token_endpoint_auth_method: string };
    /** Registered with dpop_bound_access_tokens: true, so that RFC 9449 §5.2 applies to it. */
    bound: {
      client_id: string;
      client_secret: string;
      token_endpoint_auth_methods: string[];
      dpop_bound_access_tokens: true;
    };
  };
  sample_r: string[];
}

let cached: TestInputs | undefined;

/**
 * Reads vectors/inputs.json once (the protocol core never reads files: its callers pass these in),
 * with the suite's own extra client keys (vectors/data/extra-client-keys.json: client-p521, and client-p256-leading-zero,
 * a P-256 key whose x coordinate starts with a zero byte) added to client_keys; inputs.json itself
 * stays the profile's copy.
 */
export function loadInputs(): TestInputs {
  if (!cached) {
    const inputs = JSON.parse(readFileSync(fromRoot('vectors', 'inputs.json'), 'utf8')) as TestInputs;
    const extra = JSON.parse(readFileSync(fromRoot('vectors', 'data', 'extra-client-keys.json'), 'utf8')) as {
      client_keys: Partial<Record<ClientKeyName, JWK>>;
    };
    cached = { ...inputs, client_keys: { ...inputs.client_keys, ...extra.client_keys } };
  }
  return cached;
}

/** A fixed client key by name. */
export function clientKey(name: ClientKeyName): JWK {
  return loadInputs().client_keys[name];
}
