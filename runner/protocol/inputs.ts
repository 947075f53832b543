import { readFileSync } from 'node:fs';
import type { JWK } from 'jose';
import { fromRoot } from '../paths.js';

/** The fixed test inputs (vectors/inputs.json, a copy of the pinned profile inputs, DPoP-SK §7). */
export interface SharedSecret { version: string; status: 'active' | 'retired'; secret: string }
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
  };
  sample_r: string[];
}
export type ClientKeyName = 'client-p256' | 'client-p256-other' | 'client-p384' | 'client-rsa2048' | 'client-ed25519';
export const CLIENT_KEY_NAMES: ClientKeyName[] = ['client-p256', 'client-p256-other', 'client-p384', 'client-rsa2048', 'client-ed25519'];

let cached: TestInputs | undefined;
export function loadInputs(): TestInputs {
  cached ??= JSON.parse(readFileSync(fromRoot('vectors', 'inputs.json'), 'utf8')) as TestInputs;
  return cached;
}

/** The public part of a JWK (drops every private member). */
export function publicJwk(jwk: JWK): JWK {
  const { d, p, q, dp, dq, qi, k, oth, ...pub } = jwk as JWK & Record<string, unknown>;
  void d, p, q, dp, dq, qi, k, oth;
  return pub as JWK;
}

export const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'] as const;
export function hasPrivateMembers(jwk: object): boolean {
  return PRIVATE_MEMBERS.some((m) => m in jwk);
}
