import type { Case, Suite } from './types.js';
import { UsageError } from '../../base/errors.js';
import { nearestName, suggestion } from '../../base/nearest-name.js';

export interface Selection {
  suites?: string[];
  ids?: string[];
  tags?: string[];
  levels?: string[];
  /** Section prefixes: "RFC 9449 §4.3", or "§7.1" for that section of any spec (h2spec style). */
  refs?: string[];
}

/**
 * Whether a case's ref lies in the section a --ref names: a prefix ending at a section
 * boundary ("§4.3" takes "RFC 9449 §4.3 check 5" and "§4.3.1", not "§4.30"); a prefix that
 * starts with § is matched against the section part of the ref.
 */
export function refMatches(ref: string, prefix: string): boolean {
  const p = prefix.trim();
  const text = p.startsWith('§') ? ref.slice(Math.max(0, ref.indexOf('§'))) : ref;
  return text.startsWith(p) && (text.length === p.length || /[ .]/.test(text[p.length]) || /[ .]$/.test(p));
}

/** The cases a run selects: by suite name, id (or id prefix ending in *), tag, level, ref section; all given filters must hold. */
export function selectCases(suites: Suite[], s: Selection): Case[] {
  const known = new Set(suites.map((x) => x.suite));
  for (const name of s.suites ?? [])
    if (!known.has(name))
      throw new UsageError(`no suite named ${JSON.stringify(name)} (have: ${[...known].join(', ')})`);
  for (const l of s.levels ?? [])
    if (!['MUST', 'SHOULD', 'MAY'].includes(l.toUpperCase()))
      throw new UsageError(`--level takes MUST, SHOULD or MAY, not ${JSON.stringify(l)}`);
  const matches = (id: string, p: string) => (p.endsWith('*') ? id.startsWith(p.slice(0, -1)) : id === p);
  const ids = suites.flatMap((x) => x.cases.map((c) => c.id));
  for (const p of s.ids ?? [])
    if (!ids.some((id) => matches(id, p))) {
      const stem = p.replace(/\*$/, '');
      const near = ids.find((id) => id.toLowerCase() === stem.toLowerCase()) ?? nearestName(stem.toUpperCase(), ids);
      const prefixed = !p.endsWith('*') && ids.some((id) => id.startsWith(p));
      throw new UsageError(
        `no case has the id ${JSON.stringify(p)}${near ? ` (did you mean ${near}?)` : ''}${prefixed ? `; for every id that starts with it: ${p}*` : ''}`,
      );
    }
  const tags = new Set(suites.flatMap((x) => x.cases.flatMap((c) => c.tags)));
  for (const t of s.tags ?? [])
    if (!tags.has(t))
      throw new UsageError(
        `no case has the tag ${JSON.stringify(t)}${suggestion(t, tags)} (dpop-conformance list shows every case's tags)`,
      );
  const idMatch = (id: string) => !s.ids?.length || s.ids.some((p) => matches(id, p));
  return suites
    .filter((x) => !s.suites?.length || s.suites.includes(x.suite))
    .flatMap((x) => x.cases)
    .filter((c) => idMatch(c.id))
    .filter((c) => !s.tags?.length || s.tags.some((t) => c.tags.includes(t)))
    .filter((c) => !s.levels?.length || s.levels.map((l) => l.toUpperCase()).includes(c.level))
    .filter((c) => !s.refs?.length || s.refs.some((r) => refMatches(c.ref, r)));
}
