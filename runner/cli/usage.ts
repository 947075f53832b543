/**
 * The help texts: `dpop-conformance --help` prints USAGE (every command), and
 * `dpop-conformance <command> --help` prints that command's block (COMMAND_HELP).
 * An error never prints them: it prints one line and a pointer to `<command> --help`.
 */

const RUN = `  dpop-conformance run [options]                  run the suites (no target: against the bundled mocks)
      --as URL                 the AS under test (an http(s) issuer URL; metadata is discovered)
      --rs URL                 the RS under test (an http(s) protected resource URL)
      --target FILE            a target file (YAML; \${env:NAME} for secrets), see docs/targets.md
      --features a,b           declare features on the command line too (the target file's names; repeatable)
      --detect                 probe the target first (metadata, nonce demand, dpop_sk, DPoP-SK-Request, POST),
                               print and record what it found, and add the features found (declared ones stand)
      --suite NAME, --id ID (ID* for a prefix), --tag TAG, --level MUST|SHOULD|MAY   (repeatable)
      --ref SECTION            cases whose ref is in that section: 'RFC 9449 §4.3', or '§7.1' in any spec (repeatable)
      --concurrency N (4), --timeout MS per request (10000, at most 2147483647)
      --deadline SECONDS       bound the whole run: cases not finished by then error, reports are still written
      --out DIR (reports-out)  a folder (created if missing; checked before any case runs)
      --mock-fault NAME        run against the bundled mocks with this fault on (repeatable)
      --show-tokens            keep the tokens a vendor's AS issues whole in reports (default: a prefix)
      --clock-skew auto|S      add S seconds (auto: from the server's Date header) to proof iat and minted times
      --ca FILE                trust the CA certificates of this PEM file too (repeatable; NODE_EXTRA_CA_CERTS is honoured)
      --insecure               do not check TLS certificates (a lab only: printed as a warning, recorded in the report)
      --fail-on must|should|any   which levels fail the run (default must)
      --stance NAME=VALUE      where readings of the RFC differ, require one (repeatable; default: either passes):
                               htu-query=accept|reject  a proof whose htu carries a query or fragment (§4.3 check 9)
                               proxy-internal-htu=accept|reject  behind a proxy, a proof whose htu is the RS's internal URL
      --baseline FILE          expected failures (YAML: expected_failures: [{id, reason}])
      --strict-baseline        a baselined case that now passes fails the run
      --write-baseline FILE    write this run's failures as a baseline (its folder must exist)
      --junit-all-failures     junit.xml: non-gated failures as <failure> too (default: <skipped>)
      --summary-md FILE        also write a Markdown summary (gate, counts, failing cases) for a CI job summary or PR comment
      --summary-report-url URL where report.html is published: failing case ids in the summary link there
      --profile                measure the server profile of a vendor target too, after the cases (docs/server-profile.md;
                               about 130 requests; the bundled mocks' is measured unless --no-profile)
      --profile-wait S         the server profile's longest wait in all (default 10; 0: no time probes)
      --no-profile             do not measure the bundled mocks' server profile
      --show-na                list the cases for a side not under test (not applicable) too
      --debug                  on an internal error, print the stack`;

const REPORT = `  dpop-conformance report REPORT.json [--html FILE] [--junit FILE] [--json FILE] [--junit-all-failures]
                                   [--summary-md FILE [--summary-report-url URL]]
                                                  re-render reports (REPORT.json is schema-checked first)`;

const COMPARE = `  dpop-conformance compare OLD.json NEW.json [--markdown]
                                                  regressions, progressions, new and removed cases (exit 1 on a regression)`;

const LIST = `  dpop-conformance list [--suite …] [--id …] [--tag …] [--level …] [--json]   the case catalogue`;

const SELFTEST = `  dpop-conformance selftest [--matrix FILE] [--write-expectations] [--concurrency N] [--workers N]
                                                  every suite against the mocks, clean and per fault
      --workers N: worker threads sharing the faults (default one per core, at most 4; 1 to 8)`;

const MOCK = `  dpop-conformance mock [as|rs|all] [options]      run the reference mock AS and/or RS
      --as-port N, --rs-port N (default 9440, 9441; 0 picks a free port), --port N (with as or rs), --host H
      --issuer URL (what metadata and tokens name, e.g. http://host.docker.internal:9440 for a container),
      --nonce, --fault NAME (repeatable), --clock-offset S,
      --iat-window S, --token-ttl S, --sk-ttl S, --audience AUD,
      --client-secret-env NAME (the confidential client's secret, read from $NAME),
      --nodes N (the RS as N nodes sharing replay cache and ticket key: docs/deployment.md),
      --behind-proxy (the RS compares htu with the public URI of Forwarded / X-Forwarded-* headers),
      --public-url URL (behind a proxy: a fixed public base instead of those headers),
      --admin (POST /admin/rotate, loopback only), --rotation-grace S, --rotate-after S (key rotation),
      --nonce-rotate S (60), --jti-ttl S (twice the iat window), --replay-scope server|uri|uri-method|request,
      --max-proof-length N (8192), --algs ES256,EdDSA,… (what the servers accept and advertise)
      Stops on SIGINT, SIGTERM or SIGHUP, and when the process that started it goes away.
  dpop-conformance mock --list-faults             list the fault switches`;

const PROFILE = `  dpop-conformance profile [--as URL | --rs URL | --target FILE] [options]
                                                  measure what a server accepts (not graded; exit 0 unless the input is bad)
      --out DIR (reports-out)  writes DIR/profile.json; --timeout MS, --clock-skew auto|S, --ca FILE, --insecure as for run
      --profile-wait S         longest the time probes may wait, in all (jti memory, nonce lifetime; default 10)`;

const INIT = `  dpop-conformance init as|rs [--out FILE]        write a commented target file to start from (default target.yaml;
                                                  an existing file is never overwritten)`;

const VECTORS = `  dpop-conformance vectors verify [--dir DIR]     check every fixed test vector
  dpop-conformance vectors generate [--out DIR]   rebuild the vector files`;

const BENCH = `  dpop-conformance bench --rs URL | --target FILE [options]
                                                  your RS under a short load, per proof kind: RFC 9449 ES256 and EdDSA,
                                                  DPoP-SK Model A and B (when declared or detected), no proof; req/s,
                                                  latency p50/p99, the ratios c/a, d/a, c/e and Model B's negotiation
      --duration S (2, at most 30) seconds a kind; --connections N (2, at most 16); --kinds a,b,c,d,e
      --warm-up S (0, at most 10) un-timed seconds against each kind first, with proofs of their own
      --features a,b, --detect, --ca FILE, --insecure as for run (--ca and --insecure cover the bench's
                               requests before the load; the load itself never checks certificates)
      --out DIR                write report.json and report.html there
      exit 3 when every kind asked for was skipped (not declared)`;

const EXIT_CODES = `Exit codes: 0 success, 1 a gated case failed or errored (or a vector mismatched),
2 usage or configuration error, or an unreachable target (nothing ran), 3 no case ran,
70 an internal error (a bug in dpop-conformance).`;

const TITLE = 'dpop-conformance — conformance tests for OAuth 2.0 DPoP (RFC 9449) and DPoP-SK';

/** Each command's own help, printed by `dpop-conformance <command> --help`. */
export const COMMAND_HELP: Record<string, string> = {
  run: RUN,
  report: REPORT,
  compare: COMPARE,
  list: LIST,
  selftest: SELFTEST,
  mock: MOCK,
  profile: PROFILE,
  vectors: VECTORS,
  init: INIT,
  bench: BENCH,
};

/** The help of one command, as printed by `<command> --help`. */
export function commandHelp(command: string): string {
  return `${TITLE}\n\nUsage:\n${COMMAND_HELP[command]}\n\n${EXIT_CODES}`;
}

/** Every command's help: `dpop-conformance --help`. */
export const USAGE = `${TITLE}

Usage:
${Object.values(COMMAND_HELP).join('\n')}
  dpop-conformance <command> --help               one command's options
  dpop-conformance --help | --version

${EXIT_CODES}`;
