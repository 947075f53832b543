import { PRIVATE_MEMBERS } from '../../protocol/jwk.js';
import { loadInputs } from '../../base/fixed-inputs.js';
import { boundJson, type JsonBounds } from './bound-json.js';
import { spellingsOf } from './spellings.js';

/** What a secret is replaced by. */
export const REDACTED = '[REDACTED]';

/**
 * The shortest secret searched for everywhere in free text (a server echoing it, a URL that
 * embeds it), inside words and base64url runs too. Shorter secrets are hidden by structure
 * where the runner places them (the Authorization header, the client_secret form field, the
 * target's URLs: HttpRequest.sensitive), and wherever else they stand apart — see
 * MIN_TOKEN_SECRET: replacing every "abc" inside other words would mangle every transcript.
 */
export const MIN_SEARCHED_SECRET = 8;

/**
 * Secrets of MIN_TOKEN_SECRET to MIN_SEARCHED_SECRET - 1 characters are replaced where one
 * of their spellings stands as a token: neither neighbour is a letter, digit, combining
 * mark or one of `-._~+/%` (characters that continue a word, a path, a percent-encoding or
 * base64), so `"abc"`, `'abc'`, `secret=abc&`, `abc: wrong`, a header value `abc` are
 * replaced and `abcdef`, `/abc/`, `x-abc` are not. Secrets of 1 or 2 characters only where
 * they stand as a whole value: a whole string (a header value, a decoded claim), a quoted
 * string (`"ab"`, `'ab'`, so a JSON string in a body), or a parameter value (`=ab` before
 * `&`, `;`, `,`, white space or the end).
 */
export const MIN_TOKEN_SECRET = 3;

/** How a secret shorter than MIN_SEARCHED_SECRET is recognised in text. */
type EchoRule = 'token' | 'value';

/** Characters that continue a token: a short secret next to one of these is part of something else. */
const TOKEN_CHAR = /^[\p{L}\p{N}\p{M}_.~+/%-]$/u;

/** The character (code point) just before index i, or '' at the start. */
function charBefore(text: string, i: number): string {
  if (i === 0) return '';
  const low = text.charCodeAt(i - 1);
  if (low >= 0xdc00 && low <= 0xdfff && i >= 2) return text.slice(i - 2, i);
  return text[i - 1];
}

/** The character (code point) at index j, or '' at the end. */
const charAt = (text: string, j: number): string =>
  j >= text.length ? '' : String.fromCodePoint(text.codePointAt(j)!);

/** Whether text[i, j) stands apart by `rule` (MIN_TOKEN_SECRET). */
function standsApart(text: string, i: number, j: number, rule: EchoRule): boolean {
  const before = charBefore(text, i);
  const after = charAt(text, j);
  if (rule === 'token') return !TOKEN_CHAR.test(before) && !TOKEN_CHAR.test(after);
  if (before === '' && after === '') return true;
  if ((before === '"' || before === "'") && after === before) return true;
  return before === '=' && (after === '' || /^[&;,\s]$/.test(after));
}

/** `text` with each occurrence of `spelling` that stands apart by `rule` replaced: one pass of indexOf. */
function replaceApart(text: string, spelling: string, rule: EchoRule): string {
  let out = '';
  let from = 0;
  for (let i = text.indexOf(spelling); i >= 0;) {
    const j = i + spelling.length;
    if (standsApart(text, i, j, rule)) {
      out += text.slice(from, i) + REDACTED;
      from = j;
      i = text.indexOf(spelling, j);
    } else i = text.indexOf(spelling, i + 1);
  }
  return from === 0 ? text : out + text.slice(from);
}

/** How many characters of a token issued by a vendor's AS stay visible (without --show-tokens). */
export const TOKEN_PREFIX_LENGTH = 12;

/** A token as the reports show it: a recognisable prefix and its length, never the whole. */
export const shownToken = (token: string): string =>
  `${token.slice(0, TOKEN_PREFIX_LENGTH)}…[token, ${token.length} characters]`;

/** Runs of the characters a compact JWS/JWE is made of; a plain class, so one linear pass. */
const COMPACT_RUN = /[A-Za-z0-9_.-]+/g;

/**
 * Removes secrets from anything headed for a report or a log. Structure first: request
 * builders mark the header fields and form fields that carry credentials, the target
 * file's reader gives the shown form of each value it substituted, so the secret is
 * replaced where it was put. Then, as a backstop, every registered value of at least
 * MIN_SEARCHED_SECRET characters is replaced wherever it still occurs, in each spelling
 * it can take on the wire (spellings.ts), and a compact JWS segment whose decoded JSON
 * holds one is replaced whole (a private JWK in a proof header, say).
 *
 * Linear: each replacement is one split/join over the text, the JWS scan is one pass of a
 * regular expression without backtracking, and the number of replacements is bounded
 * (fixed secrets, a target file's, and per case what the case learns: child()).
 */
export class Redactor {
  /** Text to search for → what replaces it. */
  private readonly replacements: Map<string, string>;
  /** Every spelling of every searched secret (for the JWS segment check). */
  private readonly secretSpellings: Set<string>;
  /** Each spelling of each secret shorter than MIN_SEARCHED_SECRET, and how it is recognised. */
  private readonly echoes: Map<string, EchoRule>;
  private orderedEchoes: [string, EchoRule][] | undefined;
  private ordered: [string, string][] | undefined;
  /** Whether tokens in token responses are shortened to shownToken() (a vendor's AS, without --show-tokens). */
  readonly hidesIssuedTokens: boolean;

  constructor(parent?: Redactor, o: { hideIssuedTokens?: boolean } = {}) {
    this.replacements = new Map(parent?.replacements);
    this.secretSpellings = new Set(parent?.secretSpellings);
    this.echoes = new Map(parent?.echoes);
    this.hidesIssuedTokens = o.hideIssuedTokens ?? false;
    if (parent) return;
    const inputs = loadInputs();
    this.add(inputs.clients.confidential.client_secret);
    for (const s of inputs.shared_secrets) this.add(s.secret);
    for (const jwk of [inputs.as_signing_key, ...Object.values(inputs.client_keys)]) {
      for (const m of PRIVATE_MEMBERS) {
        const v = (jwk as Record<string, unknown>)[m];
        if (typeof v === 'string') this.add(v);
      }
    }
  }

  /** A redactor for one case: this one's replacements, plus what the case adds, dropped with it. */
  child(o: { hideIssuedTokens?: boolean } = {}): Redactor {
    return new Redactor(this, o);
  }

  /**
   * A secret: replaced by REDACTED in every spelling — anywhere when it has at least
   * MIN_SEARCHED_SECRET characters, else where it stands apart (MIN_TOKEN_SECRET).
   */
  add(secret: string | undefined): void {
    if (!secret) return;
    if (secret.length < MIN_SEARCHED_SECRET) {
      const rule: EchoRule = [...secret].length >= MIN_TOKEN_SECRET ? 'token' : 'value';
      for (const spelling of spellingsOf(secret)) this.echoes.set(spelling, rule);
      this.orderedEchoes = undefined;
      return;
    }
    for (const spelling of spellingsOf(secret)) this.secretSpellings.add(spelling);
    this.replace(secret, REDACTED);
  }

  /** A token a vendor's AS issued: shown as its prefix, when tokens are hidden. */
  addToken(token: string | undefined): void {
    if (!this.hidesIssuedTokens || !token || token.length <= TOKEN_PREFIX_LENGTH) return;
    this.replace(token, shownToken(token));
  }

  /** A configured value (a URL, say) with a secret substituted into it, and the form reports show instead. */
  addShown(real: string, shown: string): void {
    // a value that is a secret as a whole (a client secret, a ${env:…} value) is a secret like any other
    if (shown === REDACTED) return this.add(real);
    if (real !== shown && real.length > 0) this.replacements.set(real, shown);
    this.ordered = undefined;
  }

  private replace(value: string, by: string): void {
    for (const spelling of spellingsOf(value)) this.replacements.set(spelling, by);
    this.ordered = undefined;
  }

  /** Longest first, so a value is replaced before any shorter value inside it. */
  private order(): [string, string][] {
    this.ordered ??= [...this.replacements].sort(([a], [b]) => b.length - a.length);
    return this.ordered;
  }

  text(s: string): string {
    let out = s;
    for (const [from, to] of this.order()) if (out.includes(from)) out = out.split(from).join(to);
    // short secrets after the long values, so a long secret holding a short one goes whole
    this.orderedEchoes ??= [...this.echoes].sort(([a], [b]) => b.length - a.length);
    for (const [spelling, rule] of this.orderedEchoes)
      if (out.includes(spelling)) out = replaceApart(out, spelling, rule);
    return this.secretSpellings.size ? out.replace(COMPACT_RUN, (run) => this.compactRun(run)) : out;
  }

  /** A run of JWS characters: each JSON segment (eyJ…) whose decoded text holds a secret is replaced. */
  private compactRun(run: string): string {
    if (!run.includes('.')) return run;
    const segments = run.split('.');
    if (segments.length < 3 || segments.length > 5) return run;
    let changed = false;
    const out = segments.map((seg) => {
      if (!seg.startsWith('eyJ')) return seg;
      const decoded = Buffer.from(seg, 'base64url').toString('utf8');
      for (const spelling of this.secretSpellings)
        if (decoded.includes(spelling)) {
          changed = true;
          return REDACTED;
        }
      return seg;
    });
    return changed ? out.join('.') : run;
  }

  /**
   * A copy of a decoded JSON value fit for a report: every string (and member name)
   * redacted, then cut to the bounds (bound-json.ts), so a hostile value nested thousands
   * deep or megabytes wide yields a small report and no RangeError.
   */
  value<T>(v: T, bounds?: Partial<JsonBounds>): T {
    return boundJson(v, (s) => this.text(s), bounds) as T;
  }
}
