import { ToolError } from '../../base/errors.js';
import { asText } from '../../base/json-value.js';

/**
 * A `{a.b}` reference that names nothing: the case is broken or a capture is missing.
 * runCase makes the case `error` (see case-errors.ts).
 */
export class TemplateError extends ToolError {
  static override code = 'ERR_TEMPLATE';
  override code = 'ERR_TEMPLATE';
}

/** Replaces each `{path.to.value}` in a string with the value found in `scope`. */
export function fill(text: string, scope: Record<string, unknown>): string {
  return text.replace(/\{([a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)*)\}/gi, (_m, path: string) => {
    let v: unknown = scope;
    for (const part of path.split('.'))
      v = v && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined;
    if (v === undefined || v === null) throw new TemplateError(`{${path}} has no value at this step`);
    return asText(v);
  });
}
