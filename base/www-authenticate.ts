/** Parsing WWW-Authenticate and Proxy-Authenticate challenges (RFC 9110 §11.6.1, §11.7.1): HTTP syntax, no I/O, used by the runner's layers alike. */
/** A parsed challenge: scheme (lower-cased) and its auth-params (RFC 9110 §11.6.1). */
export interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

const TOKEN = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+/;

/** Splits on commas outside quoted strings. */
function splitTopLevel(value: string): string[] {
  const parts: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (ch === '"' && value[i - 1] !== '\\') quoted = !quoted;
    if (ch === ',' && !quoted) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  return parts.map((p) => p.trim()).filter(Boolean);
}

function addParam(c: Challenge, text: string): void {
  const m = /^([A-Za-z0-9!#$%&'*+.^_`|~-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|(\S*))$/s.exec(text.trim());
  if (m) c.params[m[1].toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3];
}

/**
 * Every challenge of a WWW-Authenticate value, in order: `Bearer error="x", DPoP algs="y"`
 * is two challenges. A comma-separated item that is not `name=value` starts a new one.
 */
export function parseChallenges(value: string | undefined): Challenge[] {
  const out: Challenge[] = [];
  for (const item of splitTopLevel(value ?? '')) {
    const isParam = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+\s*=/.test(item);
    if (isParam && out.length) {
      addParam(out[out.length - 1], item);
      continue;
    }
    const scheme = TOKEN.exec(item)?.[0];
    if (!scheme) continue;
    const c: Challenge = { scheme: scheme.toLowerCase(), params: {} };
    const rest = item.slice(scheme.length).trim();
    if (rest) addParam(c, rest);
    out.push(c);
  }
  return out;
}

/** The DPoP challenge of a WWW-Authenticate value if there is one, else its first challenge. */
export function parseChallenge(value: string | undefined): Challenge | undefined {
  const all = parseChallenges(value);
  return all.find((c) => c.scheme === 'dpop') ?? all[0];
}
