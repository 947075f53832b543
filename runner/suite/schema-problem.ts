import type { ErrorObject } from 'ajv';
import { suggestion } from '../../base/nearest-name.js';

/** At most this many allowed names are listed in one message. */
const MAX_LISTED = 30;

const list = (names: unknown[]) =>
  names.length > MAX_LISTED ? `${names.slice(0, MAX_LISTED).join(', ')}, … (${names.length} in all)` : names.join(', ');

const shown = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v.slice(0, 80)) : JSON.stringify(v));

/** The key an "unknown key" error names (ajv's instancePath names the mapping that holds it). */
export function unknownKeyOf(e: ErrorObject): string | undefined {
  return e.keyword === 'additionalProperties'
    ? (e.params as { additionalProperty: string }).additionalProperty
    : undefined;
}

/**
 * One JSON Schema error (ajv, compiled with `verbose: true`) as a sentence a user can act
 * on: the offending key or value named, the allowed names listed, and the nearest one
 * suggested. `at` is where it is (a JSON pointer, or `file:line:col` from the caller).
 */
export function schemaProblem(e: ErrorObject): string {
  const at = e.instancePath || '(top level)';
  if (e.keyword === 'additionalProperties') {
    const key = (e.params as { additionalProperty: string }).additionalProperty;
    const allowed = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
    return `${at}: unknown key "${key}"${allowed.length ? ` (allowed: ${list(allowed)})` : ''}${suggestion(key, allowed)}`;
  }
  if (e.keyword === 'enum') {
    const allowed = (e.params as { allowedValues: unknown[] }).allowedValues;
    const near = typeof e.data === 'string' ? suggestion(e.data, allowed.map(String)) : '';
    return `${at}: ${shown(e.data)} is not one of the allowed values (${list(allowed)})${near}`;
  }
  if (e.keyword === 'required')
    return `${at}: missing the required key "${(e.params as { missingProperty: string }).missingProperty}"`;
  // The value itself is not shown: it may hold a substituted ${env:…} secret.
  if (e.keyword === 'format') return `${at}: not a valid ${(e.params as { format: string }).format}`;
  return `${at}: ${e.message ?? e.keyword}`;
}
