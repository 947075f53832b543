import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { ConfigError } from '../base/errors.js';
import { fromRoot } from '../base/package-root.js';
import type { JsonReport } from './json-report.js';
import { printable } from './printable.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/** report.json files larger than this are refused unread. */
export const MAX_REPORT_BYTES = 256 * 1024 * 1024;

let validator: ValidateFunction | undefined;
function validateReport(): ValidateFunction {
  if (!validator) {
    const schema: unknown = JSON.parse(readFileSync(fromRoot('reports', 'schema', 'report.schema.json'), 'utf8'));
    validator = addFormats(new Ajv({ allErrors: true, strict: false })).compile(schema as object);
  }
  return validator;
}

function readBounded(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size > MAX_REPORT_BYTES) throw new ConfigError(`${printable(path)} is larger than ${MAX_REPORT_BYTES} bytes`);
    const buf = Buffer.alloc(size);
    let at = 0;
    while (at < size) {
      const n = readSync(fd, buf, at, size - at, at);
      if (n === 0) break;
      at += n;
    }
    return buf.subarray(0, at).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

const describe = (e: ErrorObject) =>
  `${e.instancePath || '/'} ${e.message ?? 'is invalid'}${e.keyword === 'additionalProperties' ? ` (${String((e.params as { additionalProperty?: unknown }).additionalProperty)})` : ''}`;

/**
 * A saved report.json, read with a size bound and checked against reports/schema/report.schema.json:
 * a report that does not match is refused (ConfigError, exit 2) before anything is rendered from it.
 */
export function readReport(path: string): JsonReport {
  let value: unknown;
  try {
    value = JSON.parse(readBounded(path));
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    throw new ConfigError(`cannot read ${printable(path)}: ${printable(e instanceof Error ? e.message : e)}`);
  }
  const validate = validateReport();
  if (!validate(value)) {
    const problems = (validate.errors ?? []).slice(0, 5).map((e) => printable(describe(e), 200));
    throw new ConfigError(
      `${printable(path)} is not a valid dpop-conformance report.json (reports/schema/report.schema.json): ${problems.join('; ')}`,
    );
  }
  return value as JsonReport;
}
