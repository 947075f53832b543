/** The usage text: printed by --help, and after a usage or configuration error (exit 2). */
export const USAGE = `dpop-conformance — conformance tests for OAuth 2.0 DPoP (RFC 9449) and DPoP-SK

Usage:
  dpop-conformance run [options]                  run the suites (no target: against the bundled mocks)
      --as URL                 the AS under test (issuer; metadata is discovered)
      --rs URL                 the RS under test (a protected resource URL)
      --target FILE            a target file (YAML; \${env:NAME} for secrets), see docs/targets.md
      --suite NAME, --id ID (ID* for a prefix), --tag TAG, --level MUST|SHOULD|MAY   (repeatable)
      --ref SECTION            cases whose ref is in that section: 'RFC 9449 §4.3', or '§7.1' in any spec (repeatable)
      --concurrency N (4), --timeout MS per request (10000), --out DIR (reports-out)
      --mock-fault NAME        run against the bundled mocks with this fault on (repeatable)
      --fail-on must|should|any   which levels fail the run (default must)
      --baseline FILE          expected failures (YAML: expected_failures: [{id, reason}])
      --strict-baseline        a baselined case that now passes fails the run
      --write-baseline FILE    write this run's failures as a baseline
  dpop-conformance report REPORT.json [--html FILE] [--junit FILE] [--json FILE]   re-render reports
  dpop-conformance list [--suite …] [--tag …] [--level …] [--ref …] [--json]   the case catalogue
  dpop-conformance selftest [--matrix FILE] [--write-expectations]
                                                  every suite against the mocks, clean and per fault
  dpop-conformance mock [as|rs|all] [options]      run the reference mock AS and/or RS
      --as-port N, --rs-port N (default 9440, 9441), --port N (with as or rs), --host H
      --issuer URL, --nonce, --fault NAME (repeatable), --clock-offset S,
      --iat-window S, --token-ttl S, --sk-ttl S, --audience AUD,
      --client-secret-env NAME (the confidential client's secret, read from $NAME)
  dpop-conformance mock --list-faults             list the fault switches
  dpop-conformance vectors verify [--dir DIR]     check every fixed test vector
  dpop-conformance vectors generate [--out DIR]   rebuild the vector files
  dpop-conformance --help | --version

Exit codes: 0 success, 1 a gated case failed or errored (or a vector mismatched),
2 usage or configuration error (an invalid suite file: nothing runs), 3 no case ran,
70 an internal error (a bug in dpop-conformance).`;
