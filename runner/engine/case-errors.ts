import { ToolError } from '../../base/errors.js';

/*
 * Errors that end one case, not the run: runCase turns each into the case's result, so
 * none reaches the CLI (if one did, that would be a bug: ToolError's EXIT.INTERNAL).
 * The step's template error is TemplateError (template.ts); an unreachable target is
 * TransportError (runner/http/send.ts).
 */

/** A case that cannot be run as written (a missing capture, say): the case is `error`. */
export class CaseSetupError extends ToolError {
  static override code = 'ERR_CASE_SETUP';
  override code = 'ERR_CASE_SETUP';
}

/** The target's earlier answer makes the next step impossible (no usable SK, say): the case fails. */
export class TargetFailure extends ToolError {
  static override code = 'ERR_TARGET_FAILURE';
  override code = 'ERR_TARGET_FAILURE';
}
