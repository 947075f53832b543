import { featuresOfSide } from '../suite/feature-sides.js';
import type { Feature } from '../suite/types.js';
import type { TargetFile } from './target-file.js';

/**
 * `run --features a,b`: the features added to what the target file declares, each on the
 * sides under test it describes (runner/suite/feature-sides.ts; a command-line declaration is
 * a declaration: it is never overridden by --detect). Returns those that describe no side
 * under test (an AS feature on an RS-only run, say): they are not declared.
 */
export function declareFeatures(target: TargetFile, features: readonly Feature[]): Feature[] {
  const used = new Set<Feature>();
  for (const [name, side] of [
    ['as', target.as],
    ['rs', target.rs],
  ] as const) {
    if (!side) continue;
    const own = featuresOfSide(features, name);
    for (const f of own) used.add(f);
    if (own.length) side.features = [...new Set([...(side.features ?? []), ...own])];
  }
  return features.filter((f) => !used.has(f));
}
