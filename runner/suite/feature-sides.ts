import type { Feature, Side } from './types.js';

/** The side(s) of a pair each feature describes (a report shows each side its own); typed so that none is missing. */
export const FEATURE_SIDES: Record<Feature, readonly Side[]> = {
  nonce: ['as', 'rs'],
  refresh: ['as'],
  'public-client': ['as'],
  'authorization-code': ['as'],
  'client-secret-post': ['as'],
  'jti-tracking': ['as'],
  'dpop-sk': ['as', 'rs'],
  'dpop-sk-b': ['rs'],
  post: ['rs'],
  'bound-client': ['as'],
  'rs-fleet': ['rs'],
  'behind-proxy': ['rs'],
  'proxy-x-forwarded': ['rs'],
  'proxy-forwarded': ['rs'],
  'key-rotation': ['as', 'rs'],
  introspection: ['as'],
  par: ['as'],
  'jwt-access-token': ['rs'],
  'client-credentials-refresh': ['as'],
};

/** The features of `features` that describe `side`, in their order. */
export const featuresOfSide = (features: readonly Feature[], side: Side): Feature[] =>
  features.filter((f) => FEATURE_SIDES[f].includes(side));
