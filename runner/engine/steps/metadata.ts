import type { MetadataStep } from '../../suite/types.js';
import { send } from '../../http/send.js';
import type { CaseContext } from '../case-state.js';
import { CaseSetupError } from '../case-errors.js';
import type { StepOutcome } from './outcome.js';

/**
 * A GET of the AS metadata document the run discovered (RFC 8414 §3), for cases that judge
 * what it advertises (RFC 9449 §5.1). The request carries no credential.
 */
export async function metadataStep(ctx: CaseContext, _step: MetadataStep): Promise<StepOutcome> {
  const url = ctx.env.as.metadataUrl;
  if (!url) throw new CaseSetupError('the run has no AS metadata document (the target file bypasses discovery)');
  const req = { method: 'GET', url, headers: [['accept', 'application/json']] as [string, string][] };
  const res = await send(req, ctx.env.send);
  ctx.record('metadata', req, res);
  return { res, defaultExpect: { status: 200 } };
}
