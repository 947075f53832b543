import { EXIT, SuiteError, ToolError, UnknownFault, UsageError, isToolError } from '../../base/errors.js';
import { USAGE } from './usage.js';

/**
 * Codes of errors raised outside the tool's own classes that are still the user's
 * mistake: node's parseArgs (ERR_PARSE_ARGS_*) and a fault name the mocks do not know
 * (while mocks/faults.ts keeps its own UnknownFault, not yet base's).
 */
const isForeignUsageMistake = (code: unknown): boolean =>
  typeof code === 'string' && (code.startsWith('ERR_PARSE_ARGS') || code === UnknownFault.code);

/** A thrown value as a ToolError; undefined for anything else, which is a bug in the tool. */
export function asToolError(e: unknown): ToolError | undefined {
  if (isToolError(e)) return e;
  const foreignCode = (e as { code?: unknown } | undefined)?.code;
  if (e instanceof Error && isForeignUsageMistake(foreignCode)) return new UsageError(e.message, { cause: e });
  return undefined;
}

/** What the CLI prints on stderr for an error that ends a command. */
export function failureText(e: ToolError): string {
  if (e instanceof SuiteError) {
    return `dpop-conformance: invalid suite file; nothing ran:\n${e.problems.map((p) => `  ${p}`).join('\n')}\n`;
  }
  if (e.exitCode === EXIT.USAGE) return `dpop-conformance: ${e.message}\n\n${USAGE}\n`;
  return `dpop-conformance: ${e.code}: ${e.message}\n`;
}

/** What the CLI prints for a value thrown by a bug in the tool (exit EXIT.INTERNAL). */
export function internalErrorText(e: unknown): string {
  const detail = e instanceof Error ? (e.stack ?? `${e.name}: ${e.message}`) : String(e);
  return `dpop-conformance: internal error (a bug in the tool; please report it):\n${detail}\n`;
}

/**
 * The exit code of a command that threw `e`, after printing why with `write`: the
 * error's own `exitCode`, or EXIT.INTERNAL for anything that is not a ToolError.
 */
export function exitForError(e: unknown, write: (text: string) => void): number {
  const err = asToolError(e);
  if (!err) {
    write(internalErrorText(e));
    return EXIT.INTERNAL;
  }
  write(failureText(err));
  return err.exitCode;
}
