import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { schemaProblem, unknownKeyOf } from './schema-problem.js';
import { MAX_YAML_ALIASES, positionOf, yaml } from './yaml-source.js';
import { CHECKS } from '../checks/registry.js';
import { SuiteError } from '../../base/errors.js';
import { fromRoot } from '../../base/package-root.js';
import { caseSchemaText, contentHash, GENERATED, validateCase } from './case-validator.js';
import { neededFeatures } from './derive-requires.js';
import { mutationCount } from './mutation-count.js';
import type { Case, Suite } from './types.js';

/** Parses and validates one suite file. */
export function loadSuiteFile(file: string, text = readFileSync(file, 'utf8')): Suite {
  const { LineCounter, parseDocument } = yaml();
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const name = basename(file);
  if (doc.errors.length) {
    throw new SuiteError(
      doc.errors.map((e) => {
        const p = lines.linePos(e.pos[0]);
        return `${name}:${p.line}:${p.col}: YAML: ${e.message.split('\n')[0]}`;
      }),
    );
  }
  let data: Record<string, unknown>;
  try {
    data = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES }) as Record<string, unknown>;
  } catch (e) {
    if (!(e instanceof ReferenceError)) throw e;
    throw new SuiteError([
      `${name}: YAML: its aliases expand beyond ${MAX_YAML_ALIASES} nodes; refused as a possible alias bomb`,
    ]);
  }
  const problems = validateCase(data).map((e) => {
    const p = positionOf(doc, lines, e.instancePath, unknownKeyOf(e));
    return `${name}:${p.line}:${p.col}: ${schemaProblem(e)}`;
  });
  if (problems.length) throw new SuiteError(problems);
  const raw = data as unknown as Omit<Suite, 'file' | 'cases'> & {
    cases: (Omit<Case, 'suite' | 'file' | 'line' | 'target' | 'profile' | 'requires'> & Partial<Case>)[];
  };
  const cases: Case[] = raw.cases.map((c, i) => ({
    ...c,
    target: c.target ?? raw.target,
    profile: c.profile ?? raw.profile,
    requires: c.requires ?? [],
    suite: raw.suite,
    file: name,
    line: positionOf(doc, lines, `/cases/${i}`).line,
  }));
  for (const [i, c] of cases.entries()) {
    const at = (sub: string) => {
      const p = positionOf(doc, lines, `/cases/${i}${sub}`);
      return `${name}:${p.line}:${p.col}`;
    };
    const n = mutationCount(c.steps);
    if (c.tags.includes('negative') && n !== 1)
      problems.push(
        `${at('/steps')}: negative case ${c.id} makes ${n} changes to a valid request; it must make exactly one`,
      );
    if (c.tags.includes('negative') && !c.mutation)
      problems.push(`${at('')}: negative case ${c.id} has no "mutation" saying what it changes`);
    if (c.tags.includes('positive') && n > 1)
      problems.push(`${at('/steps')}: positive case ${c.id} makes ${n} variations of a valid request; at most one`);
    const checks = c.steps
      .flatMap((s) => (Object.values(s)[0] as { expect?: { checks?: string[] } }).expect?.checks ?? [])
      .concat(c.expect?.checks ?? []);
    for (const name of checks)
      if (!(name in CHECKS))
        problems.push(
          `${at('')}: case ${c.id} names the unknown check "${name}" (known: ${Object.keys(CHECKS).join(', ')})`,
        );
    if (c.stance && (c.expect || c.exhibited || c.optional_alg))
      problems.push(
        `${at('/stance')}: case ${c.id} has a stance: its readings judge the last step, so it takes no expect, exhibited or optional_alg`,
      );
    if (c.exhibited && c.level === 'MUST')
      problems.push(
        `${at('/exhibited')}: case ${c.id} is MUST: a required behaviour the server does not show is a failure, not "not exhibited"`,
      );
    const reported = new Set<string>();
    for (const n of neededFeatures(c))
      if (!c.requires.includes(n.feature) && !reported.has(n.feature)) {
        reported.add(n.feature);
        const where = n.step === undefined ? '' : `/steps/${n.step}`;
        const which = n.step === undefined ? '' : `step ${n.step + 1} `;
        problems.push(
          `${at(where)}: case ${c.id} ${which}needs the feature ${n.feature} (${n.why}) but its requires does not list it`,
        );
      }
    if (!c.tags.includes('negative') && !c.tags.includes('positive'))
      problems.push(`${at('/tags')}: case ${c.id} is tagged neither positive nor negative`);
    for (const [j, s] of c.steps.entries())
      if (
        'token' in s &&
        s.token.pushed &&
        (s.token.grant !== 'authorization_code' || !('par' in (c.steps[j - 1] ?? {})))
      )
        problems.push(
          `${at(`/steps/${j}`)}: case ${c.id} step ${j + 1} has pushed: true, which needs grant authorization_code right after a par step`,
        );
  }
  if (problems.length) throw new SuiteError(problems);
  return {
    suite: raw.suite,
    title: raw.title,
    description: raw.description,
    target: raw.target,
    profile: raw.profile,
    file: name,
    cases,
  };
}

/**
 * The build's catalogue of the bundled suites (scripts/build-catalogue.mjs): each file parsed and
 * validated, keyed by the SHA-256 of its text and of suites/case.schema.json.
 */
export interface Catalogue {
  schema: string;
  files: Record<string, { sha256: string; suite: Suite }>;
}

/** The catalogue as built for the current case schema, or undefined (not built, or built from another schema). */
function readCatalogue(): Catalogue | undefined {
  let text: string;
  try {
    text = readFileSync(new URL(GENERATED.catalogue, import.meta.url), 'utf8');
  } catch {
    return undefined;
  }
  const catalogue = JSON.parse(text) as Catalogue;
  return catalogue.schema === contentHash(caseSchemaText()) ? catalogue : undefined;
}

/**
 * Every suite under a folder (default suites/); case ids must be unique across them. A file
 * whose name and content hash match the build's catalogue is taken from it; any other file
 * (edited, or from --suites-dir) is parsed and validated.
 */
export function loadSuites(dir = fromRoot('suites'), o: { catalogue?: boolean } = {}): Suite[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort();
  const suites: Suite[] = [];
  const problems: string[] = [];
  const catalogue = o.catalogue === false ? undefined : readCatalogue();
  for (const f of files) {
    try {
      const text = readFileSync(join(dir, f), 'utf8');
      const cached = catalogue && Object.hasOwn(catalogue.files, f) ? catalogue.files[f] : undefined;
      suites.push(cached && cached.sha256 === contentHash(text) ? cached.suite : loadSuiteFile(join(dir, f), text));
    } catch (e) {
      if (e instanceof SuiteError) problems.push(...e.problems);
      else throw e;
    }
  }
  const seen = new Map<string, string>();
  for (const s of suites)
    for (const c of s.cases) {
      const first = seen.get(c.id);
      if (first) problems.push(`${c.file}:${c.line}:1: case id ${c.id} is already used at ${first}`);
      else seen.set(c.id, `${c.file}:${c.line}`);
    }
  if (problems.length) throw new SuiteError(problems);
  return suites;
}
