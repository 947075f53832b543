import { resolve } from 'node:path';
import { EXIT, UsageError } from '../../base/errors.js';
import type { JsonReport } from '../../reports/json-report.js';
import { gradedReport } from '../../reports/graded-report.js';
import { runSettings } from '../../reports/run-settings.js';
import { parseStances, type Stances } from '../suite/stances.js';
import { defaultPaths, writeReports } from '../../reports/write-reports.js';
import { runCases } from '../engine/run.js';
import type { CaseResult } from '../engine/run-case.js';
import { readBaseline } from '../gating/baseline.js';
import { FAIL_ON, type FailOn } from '../gating/gate.js';
import { DEFAULT_SEND } from '../http/send.js';
import { loadSuites as loadSuiteFolder } from '../suite/load.js';
import { selectCases } from '../suite/select.js';
import type { Case, Suite } from '../suite/types.js';
import type { ClockSkewOption } from '../target/clock-skew.js';
import { planRun } from '../target/plan-run.js';
import {
  DEFAULT_PROFILE_WAIT,
  measureProfile,
  profileBundledMocks,
  profilePlan,
  type Profiled,
} from '../profile/run-profile.js';
import { detectFeatures } from '../detect/detect.js';
import { parseFeatureList } from '../suite/features.js';
import type { TargetFile } from '../target/target-file.js';

/** One value or several. */
export type OneOrMore<T> = T | readonly T[];

/**
 * Which cases to run: the `run` and `list` command's selection flags, by the same names.
 * Every given filter must hold; within one filter any value may match.
 */
export interface CaseSelection {
  /** Suite names (rfc9449-as, rfc9449-rs, dpop-sk-a-as, …). */
  suite?: OneOrMore<string>;
  /** Case ids, or id prefixes ending in `*` ("RS-SK-A-*"). */
  id?: OneOrMore<string>;
  tag?: OneOrMore<string>;
  /** MUST, SHOULD or MAY. */
  level?: OneOrMore<string>;
  /** Spec section prefixes: "RFC 9449 §4.3", or "§7.1" for that section of any spec. */
  ref?: OneOrMore<string>;
}

export interface CatalogueOptions {
  /** A folder of suite files instead of the bundled suites (`--suites-dir`). */
  suitesDir?: string;
}

/** What `runConformance` runs against and how; every option has the `run` command's default. */
export interface RunConformanceOptions extends CaseSelection, CatalogueOptions {
  /**
   * The server under test: a target in the target-file format (docs/targets.md) as an
   * object, or the path of a target file. Neither this nor `as`/`rs`: the bundled mocks.
   */
  target?: TargetFile | string;
  /** An AS issuer URL (`--as`); with `target`, it replaces the target's as.issuer. */
  as?: string;
  /** An RS resource URL (`--rs`); with `target`, it replaces the target's rs.resource. */
  rs?: string;
  /** Mock faults to switch on (`--mock-fault`): the bundled mocks only, a self-test. */
  mockFaults?: readonly string[];
  /** Cases run at once (1–256, default 4). */
  concurrency?: number;
  /** Each exchange's timeout in milliseconds (default 10000). */
  timeoutMs?: number;
  /** The whole run's limit in seconds: cases not run by then `error`. */
  deadlineSeconds?: number;
  /** Which levels fail the gate (`report.gating.passed`): must (default), should or any. */
  failOn?: FailOn;
  /** Readings to require where readings of the RFC differ (`--stance`), e.g. { 'htu-query': 'reject' }. */
  stances?: Stances;
  /** A baseline file of expected failures (`--baseline`). */
  baseline?: string;
  /** A baselined case that now passes fails the gate (`--strict-baseline`). */
  strictBaseline?: boolean;
  /** Keep the tokens a vendor AS issues whole in transcripts (`--show-tokens`). */
  showTokens?: boolean;
  /** `auto` or whole seconds (`--clock-skew`): a vendor target only. */
  clockSkew?: ClockSkewOption;
  /** Features the target supports (`--features`), added to the target's own: a vendor target only. */
  features?: readonly string[];
  /** Probe the target for its features first (`--detect`): a vendor target only. */
  detect?: boolean;
  /** PEM files of CAs to trust besides the system's (`--ca`): a vendor target only. */
  ca?: readonly string[];
  /** Do not check TLS certificates (`--insecure`; a lab only): a vendor target only. */
  insecure?: boolean;
  /** A folder to write report.json, report.html and junit.xml to; none: nothing is written. */
  out?: string;
  /** junit.xml lists every failed assertion of a case, not only the first (`--junit-all-failures`). */
  junitAllFailures?: boolean;
  /** Called as each case ends, in the order they end. */
  onResult?: (result: CaseResult) => void;
  /**
   * Lines the `run` command would print before the cases (a clock-skew or TLS warning, the
   * detected features), and the server profile's after them.
   */
  onNote?: (line: string) => void;
  /**
   * Measure the server profile (docs/server-profile.md) into report.profile: `true`, or the
   * seconds its time probes may wait against a vendor target (default 10). Off by default
   * (the `run` command measures the bundled mocks' unless --no-profile); it grades nothing.
   */
  profile?: boolean | { waitSeconds?: number };
}

const list = (v: OneOrMore<string> | undefined): string[] | undefined =>
  v === undefined ? undefined : typeof v === 'string' ? [v] : [...v];

function whole(name: string, v: number | undefined, min: number, max: number): number | undefined {
  if (v !== undefined && !(Number.isSafeInteger(v) && v >= min && v <= max))
    throw new UsageError(`${name} takes a whole number from ${min} to ${max}, not ${String(v)}`);
  return v;
}

/** The selection as the `run` command's flags (for runSettings and the report's `run.selection`). */
function flagsOf(o: CaseSelection & { mockFaults?: readonly string[] }) {
  return {
    suite: list(o.suite),
    id: list(o.id),
    tag: list(o.tag),
    level: list(o.level),
    ref: list(o.ref),
    'mock-fault': o.mockFaults ? [...o.mockFaults] : undefined,
  };
}

/** The bundled catalogue (or a folder's): every suite, validated. A broken suite file is a SuiteError. */
export function loadSuites(o: CatalogueOptions = {}): Suite[] {
  return loadSuiteFolder(o.suitesDir);
}

function listCasesOf(suites: Suite[], f: ReturnType<typeof flagsOf>): Case[] {
  return selectCases(suites, { suites: f.suite, ids: f.id, tags: f.tag, levels: f.level, refs: f.ref });
}

/** The cases a selection picks, in catalogue order; an unknown suite or level is a UsageError. */
export function listCases(o: CaseSelection & CatalogueOptions = {}): Case[] {
  return listCasesOf(loadSuiteFolder(o.suitesDir), flagsOf(o));
}

/**
 * Runs the selected cases, as `dpop-conformance run` does, and returns report.json's
 * content (`report.cases` are the results; `report.gating.passed` is the gate). Nothing
 * is printed; with `out`, the three reports are written. A mistake in the options, the
 * target or a suite throws the ToolError subclass the command would exit with
 * (UsageError, ConfigError, SuiteError, UnknownFault, TargetUnreachable), before any case
 * runs. A failing case is a result, not an exception.
 */
export async function runConformance(o: RunConformanceOptions = {}): Promise<JsonReport> {
  const concurrency = whole('concurrency', o.concurrency, 1, 256) ?? 4;
  const timeoutMs = whole('timeoutMs', o.timeoutMs, 1, 2 ** 31 - 1) ?? DEFAULT_SEND.timeoutMs;
  const deadlineSeconds = whole('deadlineSeconds', o.deadlineSeconds, 1, Math.floor((2 ** 31 - 1) / 1000));
  const failOn = o.failOn ?? 'must';
  if (!FAIL_ON.includes(failOn)) throw new UsageError(`failOn takes must, should or any, not ${String(failOn)}`);
  const vendor = o.target !== undefined || o.as !== undefined || o.rs !== undefined;
  if (vendor && o.mockFaults?.length) throw new UsageError('mockFaults applies to the bundled mocks only');
  if (!vendor && o.clockSkew !== undefined) throw new UsageError('clockSkew applies to a vendor target only');
  for (const [name, given] of [
    ['features', o.features !== undefined],
    ['detect', !!o.detect],
    ['ca', o.ca !== undefined],
    ['insecure', !!o.insecure],
  ] as const)
    if (!vendor && given)
      throw new UsageError(`${name} applies to a vendor target only; the bundled mocks declare their own`);
  const features = o.features ? parseFeatureList('features', o.features) : undefined;
  const stances = parseStances(Object.entries(o.stances ?? {}).map(([k, v]) => `${k}=${String(v)}`));
  const flags = flagsOf(o);
  const suites = loadSuiteFolder(o.suitesDir);
  const baseline = o.baseline
    ? readBaseline(o.baseline, new Set(suites.flatMap((s) => s.cases.map((c) => c.id))))
    : undefined;
  const cases = listCasesOf(suites, flags);

  const waitSeconds =
    typeof o.profile === 'object' ? whole('profile.waitSeconds', o.profile.waitSeconds, 0, 3600) : undefined;
  const deadline = deadlineSeconds ? AbortSignal.timeout(deadlineSeconds * 1000) : undefined;
  const say = (line: string) => o.onNote?.(line);
  const planned = await planRun({
    vendor: vendor
      ? {
          as: o.as,
          rs: o.rs,
          ...(typeof o.target === 'string' ? { targetFile: o.target } : { targetValue: o.target }),
          showTokens: o.showTokens,
          clockSkew: o.clockSkew,
          features,
        }
      : undefined,
    mockFaults: flags['mock-fault'],
    cases,
    timeoutMs,
    stop: deadline,
    tls: { caFiles: o.ca ? [...o.ca] : undefined, insecure: o.insecure, caName: 'ca' },
    say,
  });
  let plan = planned.plan;
  const send = planned.send;
  for (const note of plan.notes ?? []) say(note);
  const started = new Date();
  let raw: CaseResult[];
  let profiled: Profiled | undefined;
  try {
    if (o.detect) {
      const detected = await detectFeatures(plan);
      plan = detected.plan;
      for (const line of detected.lines) o.onNote?.(line);
    }
    raw = await runCases(cases, plan, {
      concurrency,
      stances,
      ...(deadline ? { deadline: { signal: deadline, seconds: deadlineSeconds! } } : {}),
      onResult: (r) => o.onResult?.(r),
    });
    if (o.profile)
      profiled = await measureProfile(() =>
        vendor
          ? profilePlan(plan, send, waitSeconds ?? DEFAULT_PROFILE_WAIT)
          : profileBundledMocks(send, { faults: flags['mock-fault'] }),
      );
  } finally {
    await plan.close();
  }
  for (const line of profiled?.lines ?? []) o.onNote?.(line);
  const { report } = gradedReport(raw, {
    started,
    target: plan.summary,
    failOn,
    ...(o.baseline && baseline ? { baseline: { path: o.baseline, entries: baseline } } : {}),
    strictBaseline: !!o.strictBaseline,
    run: runSettings(flags, cases.length, stances),
    ...(profiled?.profile ? { profile: profiled.profile } : {}),
  });
  if (o.out) writeReports(report, defaultPaths(resolve(o.out)), { allFailures: o.junitAllFailures });
  return report;
}

/**
 * The exit code `dpop-conformance run` would end with for this report: 0 gate passed,
 * 1 gate failed, 3 no case ran (everything filtered out or skipped).
 */
export function exitCodeOf(report: JsonReport): number {
  if (report.gating.noCaseRan) return EXIT.NOTHING_RAN;
  return report.gating.passed ? EXIT.OK : EXIT.FAILED;
}
