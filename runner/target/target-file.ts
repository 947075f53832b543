/** A target file (docs/targets.md) after ${env:…} substitution: generated from suites/target.schema.json. */
export type { TargetFile } from './target-schema.generated.js';
