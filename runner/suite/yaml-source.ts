import { createRequire } from 'node:module';
import type { Document, LineCounter } from 'yaml';

/**
 * The yaml package, loaded on first use: `list` and `run` take the bundled suites from the
 * build's catalogue (load.ts) and never parse YAML, so they do not pay for loading it.
 */
export const yaml = (): typeof import('yaml') => createRequire(import.meta.url)('yaml') as typeof import('yaml');

/**
 * Aliases a YAML document may expand before it is refused: a handful is plenty for a
 * hand-written file, and a bound stops a "billion laughs" document (nested aliases
 * expanding exponentially) from exhausting memory (yaml's `maxAliasCount`).
 */
export const MAX_YAML_ALIASES = 100;

/** A parsed YAML file: its data, and where a JSON pointer's node is (`file:line:col`). */
export interface YamlSource {
  data: unknown;
  at(pointer: string, key?: string): string;
}

/**
 * The position of the YAML node at a JSON pointer (or its nearest existing parent); with
 * `key`, that key's own place in the mapping at the pointer (an unknown key, say).
 */
export function positionOf(
  doc: Document,
  lines: LineCounter,
  pointer: string,
  key?: string,
): { line: number; col: number } {
  const path = pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  if (key !== undefined) {
    const map = doc.getIn(path, true);
    if (yaml().isMap(map)) {
      const pair = map.items.find((i) => yaml().isScalar(i.key) && i.key.value === key);
      const at = pair && yaml().isNode(pair.key) ? pair.key.range : undefined;
      if (at) return lines.linePos(at[0]);
    }
  }
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true);
    if (yaml().isNode(node) && node.range) return lines.linePos(node.range[0]);
  }
  return { line: 1, col: 1 };
}

/**
 * Parses YAML text from the file shown as `name`: its data, or every problem as
 * `name:line:col: YAML: …` (syntax errors; an alias bomb).
 */
export function parseYamlSource(text: string, name: string): YamlSource | { problems: string[] } {
  const { LineCounter, parseDocument } = yaml();
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length) {
    return {
      problems: doc.errors.map((e) => {
        const p = lines.linePos(e.pos[0]);
        return `${name}:${p.line}:${p.col}: YAML: ${e.message.split('\n')[0]}`;
      }),
    };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (e) {
    if (!(e instanceof ReferenceError)) throw e;
    return {
      problems: [
        `${name}: YAML: its aliases expand beyond ${MAX_YAML_ALIASES} nodes (${e.message}); refused as a possible alias bomb`,
      ],
    };
  }
  return {
    data,
    at: (pointer, key) => {
      const p = positionOf(doc, lines, pointer, key);
      return `${name}:${p.line}:${p.col}`;
    },
  };
}
