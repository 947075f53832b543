import { importJWK } from 'jose';
import { publicJwk } from '../../protocol/jwk.js';
import { loadInputs, type ClientKeyName } from '../../base/fixed-inputs.js';

/** A fixed client key as a WebCrypto key pair, as third-party clients (oauth4webapi, dpop) want it. */
export async function cryptoKeyPair(name: ClientKeyName): Promise<CryptoKeyPair> {
  const jwk = loadInputs().client_keys[name];
  return {
    privateKey: (await importJWK(jwk, jwk.alg)) as CryptoKey,
    publicKey: (await importJWK(publicJwk(jwk), jwk.alg, { extractable: true })) as CryptoKey,
  };
}
