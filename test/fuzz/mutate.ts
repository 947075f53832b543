/**
 * The fuzzer's mutation language: plain data that fast-check generates and shrinks, and
 * that the fuzzer turns into compact JWS/JWE text at send time. A counterexample prints
 * as this data, so a failure can be read and replayed (FC_SEED).
 */
import { createHmac, createPrivateKey, sign, type KeyObject } from 'node:crypto';
import fc from 'fast-check';
import type { JWK } from 'jose';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** One change to a JSON object: a member deleted or set, at a path of member names. */
export type JsonOp = { del: string[] } | { set: string[]; to: Json };

/** How a JSON segment is serialised before base64url. */
export type TextForm = 'json' | 'array' | 'dup-alg' | 'bom' | 'trailing' | 'latin1' | 'not-json';
/** How a segment's bytes become text. */
export type SegmentForm = 'b64url' | 'padded' | 'base64' | 'bad-char' | 'empty';
/** What goes in the signature (or MAC) position. */
export type SigForm = 'sign' | 'keep' | 'random' | 'empty' | 'flip' | 'truncate';
/** How many dot-separated parts. */
export type Shape = 'three' | 'two' | 'four' | 'five' | 'trailing-dot';

export interface JwsMutation {
  header: JsonOp[];
  payload: JsonOp[];
  headerText: TextForm;
  payloadText: TextForm;
  headerSegment: SegmentForm;
  payloadSegment: SegmentForm;
  sig: SigForm;
  shape: Shape;
  /** Random text for `not-json` and `random`. */
  noise: string;
}

export const NO_MUTATION: JwsMutation = {
  header: [],
  payload: [],
  headerText: 'json',
  payloadText: 'json',
  headerSegment: 'b64url',
  payloadSegment: 'b64url',
  sig: 'sign',
  shape: 'three',
  noise: '',
};

const sizes = [0, 1, 255, 256, 257, 1000, 6000] as const;
const depths = [2, 64, 1000, 2000] as const;

/**
 * Huge and deeply nested values are generated as short placeholders, expanded in the
 * JSON text only: the specs stay small to print, and no recursive clone or stringify of
 * a 2,000-deep value is needed on the fuzzer's side.
 */
export const deep = (depth: number, kind: 'array' | 'object') => `\u0000deep:${kind}:${depth}\u0000`;
export const big = (n: number) => `\u0000big:${n}\u0000`;

/** JSON.stringify, with the placeholders expanded. */
export function stringify(v: unknown): string {
  return JSON.stringify(v).replace(
    /"\\u0000(deep|big):(?:(array|object):)?(\d+)\\u0000"/g,
    (_m, what: string, kind: string, n: string) => {
      const size = Number(n);
      if (what === 'big') return `"${'x'.repeat(size)}"`;
      return kind === 'array'
        ? `${'['.repeat(size)}1${']'.repeat(size)}`
        : `${'{"a":'.repeat(size)}1${'}'.repeat(size)}`;
    },
  );
}

/** Values of the wrong type, of awkward size or shape, and a few near-miss strings. */
export function weirdValue(nearMiss: readonly string[] = []): fc.Arbitrary<Json> {
  return fc.oneof(
    fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
    fc.constantFrom<Json>(
      null,
      true,
      false,
      0,
      -1,
      1.5,
      1e308,
      -1e308,
      2 ** 53 + 2,
      '',
      ' ',
      '\u0000',
      '\u202e',
      '😀',
      'none',
      'NONE',
      'HS256',
      'RS256',
      'ES256',
      'EdDSA',
      'dpop+jwt',
      'DPOP+JWT',
      'dpop-sk+jwt',
      'at+jwt',
      'JWT',
      'GET',
      'POST',
      'get',
      [],
      {},
      ...nearMiss,
    ),
    fc.constantFrom(...sizes).map(big),
    fc
      .tuple(fc.constantFrom(...depths), fc.constantFrom('array' as const, 'object' as const))
      .map(([d, k]) => deep(d, k)),
  );
}

/** A path into a JSON object: a known member (or a member of one), or a random name. */
function pathArb(known: readonly string[][]): fc.Arbitrary<string[]> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...known) },
    { weight: 1, arbitrary: fc.string({ maxLength: 8 }).map((k) => [k]) },
    {
      weight: 1,
      arbitrary: fc.constantFrom<string[]>(['__proto__'], ['constructor'], ['toString'], ['__proto__', 'x']),
    },
  );
}

export function jsonOpsArb(
  known: readonly string[][],
  values: fc.Arbitrary<Json>,
  maxLength = 3,
): fc.Arbitrary<JsonOp[]> {
  return fc.array(
    fc.oneof(
      pathArb(known).map((p): JsonOp => ({ del: p })),
      fc.record({ set: pathArb(known), to: values }),
    ),
    { maxLength },
  );
}

export interface JwsMutationOptions {
  headerPaths: readonly string[][];
  payloadPaths: readonly string[][];
  headerValues: fc.Arbitrary<Json>;
  payloadValues: fc.Arbitrary<Json>;
}

/** Structural mutations of a compact JWS: JSON first, then its text, segments, signature and shape. */
export function jwsMutationArb(o: JwsMutationOptions): fc.Arbitrary<JwsMutation> {
  const text = fc.oneof(
    { weight: 12, arbitrary: fc.constant<TextForm>('json') },
    { weight: 1, arbitrary: fc.constantFrom<TextForm>('array', 'dup-alg', 'bom', 'trailing', 'latin1', 'not-json') },
  );
  const segment = fc.oneof(
    { weight: 12, arbitrary: fc.constant<SegmentForm>('b64url') },
    { weight: 1, arbitrary: fc.constantFrom<SegmentForm>('padded', 'base64', 'bad-char', 'empty') },
  );
  return fc.record({
    header: jsonOpsArb(o.headerPaths, o.headerValues),
    payload: jsonOpsArb(o.payloadPaths, o.payloadValues),
    headerText: text,
    payloadText: text,
    headerSegment: segment,
    payloadSegment: segment,
    sig: fc.oneof(
      { weight: 10, arbitrary: fc.constant<SigForm>('sign') },
      { weight: 1, arbitrary: fc.constantFrom<SigForm>('keep', 'random', 'empty', 'flip', 'truncate') },
    ),
    shape: fc.oneof(
      { weight: 15, arbitrary: fc.constant<Shape>('three') },
      { weight: 1, arbitrary: fc.constantFrom<Shape>('two', 'four', 'five', 'trailing-dot') },
    ),
    noise: fc.string({ maxLength: 40, unit: 'binary' }),
  });
}

/** A copy of `obj` with the ops applied (paths through non-objects replace them with objects). */
export function applyOps(obj: Record<string, Json>, ops: readonly JsonOp[]): Record<string, Json> {
  const out = structuredClone(obj);
  for (const op of ops) {
    const path = 'del' in op ? op.del : op.set;
    let at: Record<string, Json> = out;
    for (const k of path.slice(0, -1)) {
      const next = Object.prototype.hasOwnProperty.call(at, k) ? at[k] : undefined;
      if (typeof next !== 'object' || next === null || Array.isArray(next)) {
        const fresh: Record<string, Json> = {};
        Object.defineProperty(at, k, { value: fresh, enumerable: true, writable: true, configurable: true });
        at = fresh;
      } else at = next;
    }
    const last = path[path.length - 1];
    if ('del' in op) delete at[last];
    // A copy: a later op may write into the value, which can be a shared constant (a fixed key).
    else
      Object.defineProperty(at, last, {
        value: structuredClone(op.to),
        enumerable: true,
        writable: true,
        configurable: true,
      });
  }
  return out;
}

export const b64u = (b: Buffer | string) => Buffer.from(b).toString('base64url');

function text(obj: Record<string, Json>, form: TextForm, noise: string): Buffer {
  const json = stringify(obj);
  switch (form) {
    case 'json':
      return Buffer.from(json);
    case 'array':
      return Buffer.from(`[${json}]`);
    case 'dup-alg':
      return Buffer.from(json.replace(/^\{/, '{"alg":"none","typ":"JWT",'));
    case 'bom':
      return Buffer.from(`\uFEFF${json}`);
    case 'trailing':
      return Buffer.from(`${json} x`);
    case 'latin1':
      return Buffer.concat([Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(json)]);
    case 'not-json':
      return Buffer.from(noise || '{');
  }
}

function segment(bytes: Buffer, form: SegmentForm): string {
  switch (form) {
    case 'b64url':
      return b64u(bytes);
    case 'padded':
      return bytes.toString('base64').replace(/\+/g, '-').replace(/\//g, '_') + '==';
    case 'base64':
      return bytes.toString('base64');
    case 'bad-char': {
      const s = b64u(bytes);
      return `${s.slice(0, 3)}!*${s.slice(3)}`;
    }
    case 'empty':
      return '';
  }
}

/** Signs (or MACs) JWS signing input: asymmetric keys by their JOSE alg, or HS256 with raw key bytes. */
export type Signer = (input: Buffer) => Buffer;

export function signerFor(jwk: JWK): Signer {
  const key: KeyObject = createPrivateKey({ key: jwk as never, format: 'jwk' });
  if (jwk.kty === 'OKP') return (input) => sign(null, input, key);
  if (jwk.kty === 'RSA') return (input) => sign('sha256', input, key);
  const hash = jwk.crv === 'P-384' ? 'sha384' : 'sha256';
  return (input) => sign(hash, input, { key, dsaEncoding: 'ieee-p1363' });
}

export const hmacSigner =
  (sk: Uint8Array): Signer =>
  (input) =>
    createHmac('sha256', sk).update(input).digest();

/**
 * A compact JWS of `header` and `payload` with the mutation applied. `sign` signs the
 * mutated signing input; `keep` keeps the signature of the unmutated one.
 */
export function buildJws(
  header: Record<string, Json>,
  payload: Record<string, Json>,
  m: JwsMutation,
  signer: Signer,
): string {
  const h = segment(text(applyOps(header, m.header), m.headerText, m.noise), m.headerSegment);
  const p = segment(text(applyOps(payload, m.payload), m.payloadText, m.noise), m.payloadSegment);
  const input = `${h}.${p}`;
  const good = () => b64u(signer(Buffer.from(input)));
  let sig: string;
  switch (m.sig) {
    case 'sign':
      sig = good();
      break;
    case 'keep':
      sig = b64u(signer(Buffer.from(`${b64u(stringify(header))}.${b64u(stringify(payload))}`)));
      break;
    case 'random':
      sig = b64u(Buffer.from(m.noise, 'latin1'));
      break;
    case 'empty':
      sig = '';
      break;
    case 'flip': {
      const s = good();
      sig = (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
      break;
    }
    case 'truncate':
      sig = good().slice(0, 20);
      break;
  }
  switch (m.shape) {
    case 'three':
      return `${input}.${sig}`;
    case 'two':
      return input;
    case 'four':
      return `${input}.${sig}.${sig}`;
    case 'five':
      return `${input}.${sig}.AAAA.${sig}`;
    case 'trailing-dot':
      return `${input}.${sig}.`;
  }
}

/** A header value an HTTP client can send: printable ASCII, tab, and obs-text (no CR, LF or NUL). */
export function headerSafe(s: string): string {
  return s.replace(/[^\t\x20-\x7e\x80-\xff]/g, '?');
}
