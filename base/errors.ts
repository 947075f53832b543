/**
 * The tool's error home. Like jose's JOSEError, every error the tool raises on purpose
 * is a ToolError subclass with a stable `code`; each also says which process exit code
 * it maps to, so the CLI (the only place that exits) never guesses. Protocol check
 * failures are protocol/errors.ts's DpopError: they are verdicts, not tool errors.
 */

/** Process exit codes (README "Exit codes"). */
export const EXIT = {
  /** Every gated case passed (or a command succeeded). */
  OK: 0,
  /** A gated case failed or errored, or a vector mismatched. */
  FAILED: 1,
  /** Usage or configuration error: nothing ran. */
  USAGE: 2,
  /** No case ran: every case was filtered out or skipped. */
  NOTHING_RAN: 3,
  /** A bug in the tool itself (EX_SOFTWARE, sysexits.h). */
  INTERNAL: 70,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export class ToolError extends Error {
  static code = 'ERR_TOOL';
  code = 'ERR_TOOL';
  /** The exit code of a CLI run that ends with this error. */
  readonly exitCode: ExitCode = EXIT.INTERNAL;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = this.constructor.name;
  }
}

/** A command-line mistake (unknown option, bad value): exit 2. */
export class UsageError extends ToolError {
  static override code = 'ERR_USAGE';
  override code = 'ERR_USAGE';
  override readonly exitCode = EXIT.USAGE;
}

/** A target file, flag combination or environment that cannot be used: exit 2. */
export class ConfigError extends ToolError {
  static override code = 'ERR_CONFIG';
  override code = 'ERR_CONFIG';
  override readonly exitCode = EXIT.USAGE;
}

/** A port a mock server was asked to listen on is taken (EADDRINUSE): exit 2. */
export class PortInUse extends ConfigError {
  static override code = 'ERR_PORT_IN_USE';
  override code = 'ERR_PORT_IN_USE';

  constructor(
    readonly port: number,
    host: string,
  ) {
    super(`port ${port} on ${host} is already in use; stop what listens there or choose another port`);
  }
}

/**
 * The target does not answer (refused, reset, timed out, not HTTP) when checked before
 * the cases: nothing runs, exit 2. Mid-run the same finding stops the run instead: the
 * cases not yet run `error` with "target unreachable".
 */
export class TargetUnreachable extends ConfigError {
  static override code = 'ERR_TARGET_UNREACHABLE';
  override code = 'ERR_TARGET_UNREACHABLE';
}

/** A suite file that cannot be used: every problem with file:line:column. Nothing runs: exit 2. */
export class SuiteError extends ToolError {
  static override code = 'ERR_SUITE_INVALID';
  override code = 'ERR_SUITE_INVALID';
  override readonly exitCode = EXIT.USAGE;

  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

/** A fault name the mocks do not know: exit 2. */
export class UnknownFault extends ToolError {
  static override code = 'ERR_UNKNOWN_FAULT';
  override code = 'ERR_UNKNOWN_FAULT';
  override readonly exitCode = EXIT.USAGE;

  constructor(name: string) {
    super(`unknown fault ${JSON.stringify(name)}; see dpop-conformance mock --list-faults`);
  }
}

export function isToolError(e: unknown): e is ToolError {
  return e instanceof ToolError;
}
