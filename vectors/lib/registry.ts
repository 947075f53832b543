import { accessTokens } from '../topics/access-tokens.js';
import { ath } from '../topics/ath.js';
import { dpopSkJwe } from '../topics/dpop-sk-jwe.js';
import { hkdf } from '../topics/hkdf.js';
import { proofs } from '../topics/proofs.js';
import { skProofs } from '../topics/sk-proofs.js';
import { thumbprints } from '../topics/thumbprints.js';
import { tickets } from '../topics/tickets.js';
import type { Topic } from './types.js';

/** Every vector topic, in file order (one JSON file under vectors/ each). */
export const TOPICS: Topic[] = [thumbprints, ath, hkdf, dpopSkJwe, proofs, skProofs, accessTokens, tickets];
