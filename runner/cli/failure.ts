import { EXIT, SuiteError, ToolError, UnknownFault, UsageError, isToolError } from '../../base/errors.js';
import { TOOL_VERSION } from '../../base/tool-version.js';
import { printable } from './terminal-text.js';

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
  if (e instanceof Error && isForeignUsageMistake(foreignCode))
    return new UsageError(e.message.replace(/\. To specify a positional argument[\s\S]*$/, ''), { cause: e });
  return undefined;
}

/** What the command that failed was, for the pointer to its help, and whether --debug was given. */
export interface FailureContext {
  /** The command (run, mock, …); undefined before one was recognised. */
  command?: string;
  /** --debug: print the stack of an internal error. */
  debug?: boolean;
}

const helpPointer = (command: string | undefined) => `(see dpop-conformance ${command ? `${command} ` : ''}--help)`;

/**
 * What the CLI prints on stderr for a user's mistake (exit 2): one line naming the
 * problem and pointing at the command's --help; no usage dump, no stack. An invalid
 * suite file lists each problem with file:line:column.
 */
export function failureText(e: ToolError, context: FailureContext = {}): string {
  if (e instanceof SuiteError) {
    return `dpop-conformance: invalid suite file; nothing ran:\n${e.problems.map((p) => `  ${printable(p)}`).join('\n')}\n`;
  }
  if (e.exitCode === EXIT.USAGE) return `dpop-conformance: ${printable(e.message)} ${helpPointer(context.command)}\n`;
  return internalErrorText(e, context);
}

/**
 * What the CLI prints for a bug in the tool (exit EXIT.INTERNAL): one line asking for a
 * report, with the tool version; the stack only under --debug.
 */
export function internalErrorText(e: unknown, context: FailureContext = {}): string {
  const what =
    e instanceof ToolError
      ? `${e.code}: ${e.message}`
      : e instanceof Error
        ? `${e.name}: ${e.message}`
        : `thrown ${typeof e}`;
  const line = `dpop-conformance ${TOOL_VERSION}: internal error (${printable(what)}); this is a bug in the tool, please report it with this line and the command you ran${context.debug ? '' : ' (rerun with --debug for the stack)'}\n`;
  if (!context.debug) return line;
  const stack = e instanceof Error ? (e.stack ?? '') : String(e);
  return `${line}${printable(stack, true)}\n`;
}

/**
 * The exit code of a command that threw `e`, after printing why with `write`: the
 * error's own `exitCode`, or EXIT.INTERNAL for anything that is not a ToolError.
 */
export function exitForError(e: unknown, write: (text: string) => void, context: FailureContext = {}): number {
  const err = asToolError(e);
  if (!err) {
    write(internalErrorText(e, context));
    return EXIT.INTERNAL;
  }
  write(failureText(err, context));
  return err.exitCode;
}
