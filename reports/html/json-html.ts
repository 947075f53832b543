import { toText } from '../to-text.js';
import { esc } from './escape.js';

/** Deeper structures than this, and more members than MAX_NODES, are cut ("…") in the page. */
const MAX_DEPTH = 24;
const MAX_NODES = 5000;
const MAX_STRING = 4096;

const str = (s: string) => esc(JSON.stringify(s.length > MAX_STRING ? `${s.slice(0, MAX_STRING)}…` : s));

/**
 * A JSON value pretty-printed as escaped HTML (two-space indent, like JSON.stringify), with
 * the member at `highlight` (a path of keys) wrapped in <mark class="mutated">.
 */
export function jsonHtml(value: unknown, highlight?: readonly string[]): string {
  let nodes = 0;
  const render = (v: unknown, indent: string, path: string[]): string => {
    if (++nodes > MAX_NODES) return '…';
    if (v === null || typeof v === 'number' || typeof v === 'boolean') return esc(JSON.stringify(v));
    if (typeof v === 'string') return str(v);
    if (typeof v !== 'object') return esc(JSON.stringify(toText(v)));
    if (path.length >= MAX_DEPTH) return '…';
    const inner = indent + '  ';
    if (Array.isArray(v)) {
      if (!v.length) return '[]';
      return `[\n${v.map((x, i) => inner + render(x, inner, [...path, String(i)])).join(',\n')}\n${indent}]`;
    }
    const entries = Object.entries(v as Record<string, unknown>);
    if (!entries.length) return '{}';
    const members = entries.map(([k, x]) => {
      const at = [...path, k];
      const line = `${str(k)}: ${render(x, inner, at)}`;
      const hit = highlight !== undefined && at.length === highlight.length && at.every((p, i) => p === highlight[i]);
      return inner + (hit ? `<mark class="mutated" title="changed by this case's mutation">${line}</mark>` : line);
    });
    return `{\n${members.join(',\n')}\n${indent}}`;
  };
  return render(value, '', []);
}

/** Whether `path` names a member of `value`. */
export function hasPath(value: unknown, path: readonly string[]): boolean {
  let at: unknown = value;
  for (const p of path) {
    if (at === null || typeof at !== 'object' || !Object.prototype.hasOwnProperty.call(at, p)) return false;
    at = (at as Record<string, unknown>)[p];
  }
  return path.length > 0;
}
