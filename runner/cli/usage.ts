/** A command-line mistake: printed with the usage, exit code 2. */
export class UsageError extends Error {
  readonly exitCode = 2;
}

export const USAGE = `dpop-conformance — conformance tests for OAuth 2.0 DPoP (RFC 9449) and DPoP-SK

Usage:
  dpop-conformance vectors verify [--dir DIR]     check every fixed test vector
  dpop-conformance vectors generate [--out DIR]   rebuild the vector files
  dpop-conformance --help | --version

Exit codes: 0 success, 1 a check failed, 2 usage or configuration error.`;
