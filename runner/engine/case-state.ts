import type { Redactor } from '../http/redact.js';
import type { HttpRequest, HttpResponse } from '../http/send.js';
import type { Case } from '../suite/types.js';
import type { RunEnv } from '../target/env.js';
import type { Captured } from './captured.js';
import { templateScope } from './template-scope.js';
import { transcriptEntry, type Exchange } from './transcript.js';

/**
 * The state of one running case: the current capture and the saved ones, the servers'
 * latest nonces, the step under way and the transcript so far. Template values come
 * from template-scope.ts, transcript entries from transcript.ts.
 */
export class CaseContext {
  /** The current token and friends. */
  current: Captured = {};
  readonly saved: Record<string, Captured> = {};
  readonly nonces: { as?: string; rs?: string } = {};
  /** The request_uri of the last par step, for the token step that completes its code flow (pushed: true). */
  pushed?: { requestUri: string; verifier: string; client: 'confidential' | 'public' | 'bound' };
  readonly transcript: Exchange[] = [];
  stepIndex = 0;

  constructor(
    readonly c: Case,
    readonly env: RunEnv,
    readonly redactor: Redactor,
  ) {}

  /** Values a `{…}` template may name at this step. */
  scope(): Record<string, unknown> {
    return templateScope(this.env, this.current, this.saved);
  }

  /** Records an exchange of this step, redacted, with its JWTs decoded. */
  record(kind: string, req: HttpRequest, res: HttpResponse | undefined, note?: string): void {
    this.transcript.push(transcriptEntry({ step: this.stepIndex + 1, kind }, req, res, this.redactor, note));
  }
}
