import { readFileSync } from 'node:fs';
import { loadInputs } from '../base/fixed-inputs.js';
import { readVectorFile, vectorPath } from './lib/io.js';
import { TOPICS } from './lib/registry.js';
import { describeErrors, schemaFor } from './lib/schemas.js';

export interface FileSummary {
  name: string;
  valid: number;
  invalid: number;
  mismatches: string[];
}

/**
 * Checks every vector file: against its JSON Schema, then each test with the same
 * verification code the mocks and runner use. An invalid test passes only when it
 * is rejected for the reason it states.
 */
export async function verifyVectors(dir?: string): Promise<FileSummary[]> {
  const inputsCheck = schemaFor('inputs.schema.json');
  if (!inputsCheck(loadInputs())) throw new Error(`vectors/inputs.json: ${describeErrors(inputsCheck).join('; ')}`);
  const out: FileSummary[] = [];
  for (const topic of TOPICS) {
    const file = readVectorFile(topic.name, dir);
    const summary: FileSummary = { name: topic.name, valid: 0, invalid: 0, mismatches: [] };
    out.push(summary);
    if (!file) {
      summary.mismatches.push(`${vectorPath(topic.name, dir)} is missing`);
      continue;
    }
    const validate = schemaFor(`${topic.name}.schema.json`);
    if (!validate(JSON.parse(readFileSync(vectorPath(topic.name, dir), 'utf8')))) {
      summary.mismatches.push(...describeErrors(validate).map((e) => `schema: ${e}`));
      continue;
    }
    let count = 0;
    for (const group of file.testGroups) {
      for (const test of group.tests) {
        count++;
        summary[test.result]++;
        const verdict = await topic.evaluate(group, test);
        const got = verdict.result === 'valid' ? 'valid' : `invalid (${verdict.reason})`;
        const want = test.result === 'valid' ? 'valid' : `invalid (${test.reason})`;
        if (got !== want)
          summary.mismatches.push(
            `tcId ${test.tcId} "${test.comment}": expected ${want}, got ${got}${verdict.result === 'invalid' && verdict.detail ? `: ${verdict.detail}` : ''}`,
          );
      }
    }
    if (count !== file.numberOfTests)
      summary.mismatches.push(`numberOfTests is ${file.numberOfTests}, file holds ${count}`);
  }
  return out;
}
