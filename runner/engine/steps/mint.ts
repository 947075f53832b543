import { base64url } from 'jose';
import { DEFAULT_CLIENT_KEY } from '../../../base/fixed-inputs.js';
import { nowSeconds } from '../../../protocol/sign.js';
import { mintTestToken } from '../../tokens/mint-test-token.js';
import type { MintStep } from '../../suite/types.js';
import type { CaseContext } from '../case-state.js';
import type { StepOutcome } from './outcome.js';

/** Mints a token with the fixed test AS key, as the AS a vendor RS trusts (no HTTP). */
export async function mintStep(ctx: CaseContext, step: MintStep): Promise<StepOutcome> {
  const { save_as, ...spec } = step;
  const minted = await mintTestToken(spec, {
    issuer: ctx.env.mintIssuer,
    audience: ctx.env.audience,
    now: nowSeconds(ctx.env.clockSkew ?? 0),
  });
  if (minted.sk) ctx.redactor.add(base64url.encode(minted.sk));
  ctx.current = { token: minted.token, sk: minted.sk, key: spec.key ?? DEFAULT_CLIENT_KEY };
  if (save_as) ctx.saved[save_as] = { ...ctx.current };
  return {};
}
