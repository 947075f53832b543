import type { Feature } from '../suite/types.js';
import type { TargetFile } from './target-file.js';

/**
 * `run --features a,b`: the features added to what the target file declares, on each side
 * under test (a command-line declaration is a declaration: it is never overridden by --detect).
 */
export function declareFeatures(target: TargetFile, features: readonly Feature[]): void {
  if (!features.length) return;
  for (const side of [target.as, target.rs])
    if (side) side.features = [...new Set([...(side.features ?? []), ...features])];
}
