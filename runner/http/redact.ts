import { PRIVATE_MEMBERS } from '../../protocol/jwk.js';
import { loadInputs } from '../../base/fixed-inputs.js';
import { boundJson, type JsonBounds } from './bound-json.js';
import { spellingsOf } from './spellings.js';

/** What a secret is replaced by. */
export const REDACTED = '[REDACTED]';

/**
 * The shortest secret also searched for in free text (a server echoing it, a URL that
 * embeds it). Shorter secrets are hidden where the runner itself places them (the
 * Authorization header, the client_secret form field, the target's URLs), which the
 * request builders mark (HttpRequest.sensitive): searching for "abc" would mangle text.
 */
export const MIN_SEARCHED_SECRET = 8;

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
  private ordered: [string, string][] | undefined;
  /** Whether tokens in token responses are shortened to shownToken() (a vendor's AS, without --show-tokens). */
  readonly hidesIssuedTokens: boolean;

  constructor(parent?: Redactor, o: { hideIssuedTokens?: boolean } = {}) {
    this.replacements = new Map(parent?.replacements);
    this.secretSpellings = new Set(parent?.secretSpellings);
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

  /** A secret: replaced by REDACTED in every spelling, when long enough to search for. */
  add(secret: string | undefined): void {
    if (!secret || secret.length < MIN_SEARCHED_SECRET) return;
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
