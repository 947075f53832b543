import { expect } from 'chai';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fromRoot } from '../base/package-root.js';

/** Every product source file (not tests, benches or generated output), relative to the package root. */
function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(fromRoot(dir))) {
    const rel = join(dir, name);
    if (statSync(fromRoot(rel)).isDirectory()) out.push(...sources(rel));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(rel);
  }
  return out;
}

interface Import {
  from: string;
  spec: string;
  /** The imported file relative to the root, for a relative import. */
  target?: string;
}

function importsOf(file: string): Import[] {
  const text = readFileSync(fromRoot(file), 'utf8');
  const out: Import[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/g)) {
    const spec = m[1] ?? m[2];
    const target = spec.startsWith('.')
      ? relative(fromRoot(), resolve(dirname(fromRoot(file)), spec)).replace(/\.js$/, '.ts')
      : undefined;
    out.push({ from: file, spec, target });
  }
  return out;
}

const PRODUCT = ['protocol', 'base', 'mocks', 'vectors', 'runner', 'reports'];
const all = PRODUCT.flatMap(sources);
const imports = all.flatMap(importsOf);

/**
 * The layers of the product, lowest first (docs/architecture.md reuses this table). A
 * module imports only from its own directory or from a lower layer; directories on one
 * layer are peers and do not import each other. runner/cli and runner/api are the top floor.
 *
 *   1  protocol                        DPoP / DPoP-SK primitives (jose and node: only)
 *   2  base                            errors and exit codes, constants, tool version, fixed inputs
 *   3  runner/http, runner/checks,     HTTP client and redaction, named checks;
 *      mocks                           the reference mock AS and RS
 *   4  vectors                         fixed test vectors
 *   5  runner/suite                    the case format (schema, generated types), suite files into cases
 *   6  runner/proof, runner/tokens     a case's proof and test-token specs into protocol calls
 *   7  runner/target                   what a run is against: the mocks or a vendor target
 *   8  runner/engine, runner/detect    runs a case against a target environment; run --detect's probes
 *   9  runner/gating, runner/selftest, baselines and the gate; the fault matrix;
 *      runner/profile                  the server profile's bounded probes (measured, not graded)
 *  10  reports                         report.json, HTML, JUnit
 *  11  runner/cli, runner/api          the commands; the programmatic API and test-runner
 *                                      adapters (package exports); nothing imports either
 *
 * A module that moves down (the proof builder into protocol/, say) keeps the order; a
 * directory listed here that no longer exists is simply empty.
 */
const LAYERS: readonly (readonly string[])[] = [
  ['protocol'],
  ['base'],
  ['runner/http', 'runner/checks', 'mocks'],
  ['vectors'],
  ['runner/suite'],
  ['runner/proof', 'runner/tokens'],
  ['runner/target'],
  ['runner/engine', 'runner/detect'],
  ['runner/gating', 'runner/selftest', 'runner/profile'],
  ['reports'],
  ['runner/cli', 'runner/api'],
];

/** The unit the layer rules speak of: a top-level directory, or a directory under runner/. */
function unitOf(file: string): string {
  const [top, sub, ...rest] = file.split('/');
  return top === 'runner' && rest.length ? `${top}/${sub}` : top;
}

const layerOf = (unit: string): number | undefined => {
  const i = LAYERS.findIndex((layer) => layer.includes(unit));
  return i < 0 ? undefined : i;
};

/** An import from unit `from` to unit `to` is allowed within a unit or down the layers. */
function allowed(from: string, to: string): boolean {
  if (from === to) return true;
  const [a, b] = [layerOf(from), layerOf(to)];
  return a !== undefined && b !== undefined && b < a;
}

/** Which units each unit imports from (itself left out). */
const unitGraph = new Map<string, Set<string>>();
for (const i of imports) {
  if (!i.target) continue;
  const [from, to] = [unitOf(i.from), unitOf(i.target)];
  if (!unitGraph.has(from)) unitGraph.set(from, new Set());
  if (from !== to) unitGraph.get(from)!.add(to);
}

/** A cycle of `graph` as the path of its nodes, first node repeated at the end; undefined for none. */
function findCycle(graph: ReadonlyMap<string, ReadonlySet<string>>): string[] | undefined {
  const done = new Set<string>();
  const path: string[] = [];
  const visit = (node: string): string[] | undefined => {
    const open = path.indexOf(node);
    if (open >= 0) return [...path.slice(open), node];
    if (done.has(node)) return undefined;
    path.push(node);
    for (const next of [...(graph.get(node) ?? [])].sort()) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    done.add(node);
    return undefined;
  };
  for (const node of [...graph.keys()].sort()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return undefined;
}

/** A cycle's path, each step with one import that makes it. */
function describeCycle(cycle: string[]): string {
  const steps = cycle.slice(1).map((to, k) => {
    const from = cycle[k];
    const example = imports.find((i) => i.target && unitOf(i.from) === from && unitOf(i.target) === to);
    return `${from} → ${to} (${example?.from} imports ${example?.spec})`;
  });
  return `${cycle.join(' → ')}:\n  ${steps.join('\n  ')}`;
}

describe('architecture: the layers of docs/architecture.md', () => {
  it('finds the product sources and their imports', () => {
    expect(all.length).to.be.greaterThan(100);
    expect(imports.filter((i) => i.target).length).to.be.greaterThan(200);
  });

  it('protocol/ imports nothing of the project: only jose, node: built-ins and itself', () => {
    const bad = imports.filter(
      (i) =>
        i.from.startsWith('protocol/') &&
        !(i.spec === 'jose' || i.spec.startsWith('node:') || i.target?.startsWith('protocol/')),
    );
    expect(bad.map((i) => `${i.from} imports ${i.spec}`)).to.deep.equal([]);
  });

  for (const top of ['runner/cli/', 'runner/api/'])
    it(`${top} is the top floor: no product module outside it imports it`, () => {
      const bad = imports.filter((i) => i.target?.startsWith(top) && !i.from.startsWith(top));
      expect(bad.map((i) => `${i.from} imports ${i.spec}`)).to.deep.equal([]);
    });

  it('the directory-level import graph has no cycle', () => {
    const cycle = findCycle(unitGraph);
    if (cycle) expect.fail(`an import cycle between directories: ${describeCycle(cycle)}`);
  });

  it('every import respects the layer order (LAYERS): down, never up or sideways', () => {
    const units = new Set(imports.flatMap((i) => [unitOf(i.from), ...(i.target ? [unitOf(i.target)] : [])]));
    const unplaced = [...units].filter((u) => layerOf(u) === undefined);
    expect(unplaced, 'directories in no layer: add them to LAYERS').to.deep.equal([]);
    const bad = imports.filter((i) => i.target && !allowed(unitOf(i.from), unitOf(i.target)));
    expect(bad.map((i) => `${i.from} (${unitOf(i.from)}) imports ${i.spec} (${unitOf(i.target!)})`)).to.deep.equal([]);
  });

  it('the cycle finder finds a cycle and prints its path (so the test above can fail usefully)', () => {
    const graph = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['c'])],
      ['c', new Set(['a', 'd'])],
      ['d', new Set<string>()],
    ]);
    expect(findCycle(graph)).to.deep.equal(['a', 'b', 'c', 'a']);
    expect(
      findCycle(
        new Map([
          ['a', new Set(['b'])],
          ['b', new Set<string>()],
        ]),
      ),
    ).to.equal(undefined);
  });

  it('protocol/ reads no files and takes no fault switch', () => {
    const offenders: string[] = [];
    for (const f of sources('protocol')) {
      const text = readFileSync(fromRoot(f), 'utf8').replace(/\/\*\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      for (const word of ['node:fs', 'readFileSync', 'process.env', 'fault', 'lax', 'ignoreExp', 'skip', 'Overrides']) {
        if (new RegExp(`\\b${word}`, 'i').test(text)) offenders.push(`${f}: ${word}`);
      }
    }
    expect(offenders).to.deep.equal([]);
  });
});
