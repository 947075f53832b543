import { mkdirSync, writeFileSync } from 'node:fs';
import { fromRoot } from '../base/package-root.js';
import { readVectorFile, serialize, vectorPath } from './lib/io.js';
import { Keeper } from './lib/keeper.js';
import { TOPICS } from './lib/registry.js';
import type { VectorFile } from './lib/types.js';

/**
 * Rebuilds every vector file into `outDir` (default vectors/). Randomized values
 * are kept from the committed files (vectors/), so a rebuild is byte-identical;
 * `fresh` makes every value anew instead (the files then differ, but must still verify).
 */
export async function generateVectors(
  outDir = fromRoot('vectors'),
  o: { fresh?: boolean } = {},
): Promise<{ name: string; tests: number }[]> {
  mkdirSync(outDir, { recursive: true });
  const written = [];
  for (const topic of TOPICS) {
    const body = await topic.generate(new Keeper(o.fresh ? undefined : readVectorFile(topic.name)));
    const numberOfTests = body.testGroups.reduce((n, g) => n + g.tests.length, 0);
    const file: VectorFile = {
      topic: topic.name,
      description: body.description,
      specs: body.specs,
      schema: `schema/${topic.name}.schema.json`,
      numberOfTests,
      notes: body.notes,
      testGroups: body.testGroups,
    };
    writeFileSync(vectorPath(topic.name, outDir), serialize(file));
    written.push({ name: topic.name, tests: numberOfTests });
  }
  return written;
}
