import { ConfigError } from '../../base/errors.js';
import { REDACTED } from '../http/redact.js';

const PLACEHOLDER = /\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** A parsed target file with ${env:…} substituted, the same file as reports may show it, and the values substituted. */
export interface Substituted {
  value: unknown;
  /** Each substituted value replaced by [REDACTED]: what reports, logs and errors show. */
  shown: unknown;
  secrets: string[];
}

/**
 * Replaces each ${env:NAME} in the string values of a parsed target file with that
 * environment variable; a variable that is not set is a configuration error. It works on
 * the parsed YAML, not its text, so a value holding `"`, `:` or a newline cannot change the
 * file's structure. The substituted values are secrets, for the reports to redact; `shown`
 * is the file with each of them replaced where it was put (structure, not a search).
 */
export function substituteEnv(parsed: unknown, env = process.env): Substituted {
  const secrets: string[] = [];
  const walk = (v: unknown): { value: unknown; shown: unknown } => {
    if (typeof v === 'string') {
      const fill = (by: (value: string) => string) =>
        v.replace(PLACEHOLDER, (_m, name: string) => {
          const value = env[name];
          if (value === undefined) throw new ConfigError(`target file names \${env:${name}}, which is not set`);
          return by(value);
        });
      const value = fill((x) => (secrets.push(x), x));
      return { value, shown: fill(() => REDACTED) };
    }
    if (Array.isArray(v)) {
      const items = v.map(walk);
      return { value: items.map((i) => i.value), shown: items.map((i) => i.shown) };
    }
    if (v !== null && typeof v === 'object') {
      const value: Record<string, unknown> = {};
      const shown: Record<string, unknown> = {};
      for (const [k, member] of Object.entries(v as Record<string, unknown>)) {
        const w = walk(member);
        value[k] = w.value;
        shown[k] = w.shown;
      }
      return { value, shown };
    }
    return { value: v, shown: v };
  };
  return { ...walk(parsed), secrets };
}
