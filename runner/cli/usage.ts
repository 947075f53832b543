/** A command-line mistake: printed with the usage, exit code 2. */
export class UsageError extends Error {
  readonly exitCode = 2;
}

export const USAGE = `dpop-conformance — conformance tests for OAuth 2.0 DPoP (RFC 9449) and DPoP-SK

Usage:
  dpop-conformance mock [as|rs|all] [options]      run the reference mock AS and/or RS
      --as-port N, --rs-port N (default 9440, 9441), --port N (with as or rs), --host H
      --issuer URL, --nonce, --fault NAME (repeatable), --clock-offset S,
      --iat-window S, --token-ttl S, --sk-ttl S
  dpop-conformance mock --list-faults             list the fault switches
  dpop-conformance vectors verify [--dir DIR]     check every fixed test vector
  dpop-conformance vectors generate [--out DIR]   rebuild the vector files
  dpop-conformance --help | --version

Exit codes: 0 success, 1 a check failed, 2 usage or configuration error.`;
