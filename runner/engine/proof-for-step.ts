import { nowSeconds } from '../../protocol/sign.js';
import { buildProof } from '../proof/build.js';
import type { ClientKeyName } from '../../base/fixed-inputs.js';
import type { ProofStepSpec } from '../suite/types.js';
import { CaseSetupError, TargetFailure } from './case-errors.js';
import type { CaseContext } from './case-state.js';
import { fill } from './template.js';

/** Builds the proof a step describes, for the given request, carrying `nonce`. */
export async function proofForStep(
  ctx: CaseContext,
  spec: ProofStepSpec | undefined,
  req: { htm: string; htu: string; key: ClientKeyName; accessToken?: string },
  nonce: string | undefined,
): Promise<string> {
  const scope = ctx.scope();
  let symmetric: { sk: Uint8Array; kid?: string } | undefined;
  if (spec?.symmetric) {
    const from = spec.sk_from ? ctx.saved[spec.sk_from] : ctx.current;
    const sk = from?.sk;
    if (!sk && from?.skProblem) throw new TargetFailure(`no usable symmetric key: ${from.skProblem}`);
    if (!sk)
      throw new CaseSetupError(
        `a symmetric proof needs an SK, and ${spec.sk_from ? `step "${spec.sk_from}"` : 'no earlier step'} captured one`,
      );
    symmetric = { sk: sk, ...(from?.ticket !== undefined ? { kid: from.ticket } : {}) };
  }
  const mutation = spec?.mutation
    ? (JSON.parse(fill(JSON.stringify(spec.mutation), scope)) as typeof spec.mutation)
    : undefined;
  return buildProof({
    key: spec?.key ?? req.key,
    alg: spec?.alg,
    htm: spec?.htm ?? req.htm,
    htu: spec?.htu ? fill(spec.htu, scope) : req.htu,
    accessToken: req.accessToken,
    nonce,
    // The local clock moved by the estimated skew to the server (--clock-skew).
    iat: nowSeconds(ctx.env.clockSkew ?? 0),
    symmetric,
    mutation,
  });
}
