import {
  isMeasured,
  type AlgorithmProfile,
  type Bound,
  type NonceProfile,
  type NotMeasured,
  type ReplayProfile,
  type ServerProfile,
  type SideProfile,
  type SkProfile,
} from './types.js';

/** A bound in words: "60–62 s", or "at least 30 s (why the probe stopped)". */
export function boundText(b: Bound, unit: string): string {
  if (b.max === undefined && b.stoppedBy?.startsWith('not measured')) return b.stoppedBy;
  if (b.max === undefined) return `at least ${b.min} ${unit}${b.stoppedBy ? ` (${b.stoppedBy})` : ''}`;
  return `${b.min}–${b.max} ${unit}${b.stoppedBy ? ` (${b.stoppedBy})` : ''}`;
}

function measured<T extends object>(v: T | NotMeasured | undefined, text: (v: T) => string): string {
  if (v === undefined) return 'not probed';
  return isMeasured(v) ? text(v) : `not measured: ${v.notMeasured}`;
}

const list = (xs: string[] | undefined) => (xs?.length ? xs.join(' ') : '—');
const yesNo = (v: boolean | undefined) => (v === undefined ? 'not seen' : v ? 'yes' : 'no');

function replayText(r: ReplayProfile): string {
  const scope: Record<ReplayProfile['scope'], string> = {
    server: 'a jti is remembered across the server',
    uri: 'per URI (accepted again on another path)',
    'uri-method': 'per URI and method',
    request: 'per request, query included',
    none: 'an exact replay was ACCEPTED',
    unclear: 'scope unclear',
  };
  const parts = `other query ${r.otherQuery}, other method ${r.otherMethod}, other path ${r.otherPath}`;
  const memory = r.memory ? `; jti memory ${measured(r.memory, (b) => boundText(b, 's'))}` : '';
  return `exact replay ${r.exact}; ${scope[r.scope]} (${parts})${memory}`;
}

function nonceText(n: NonceProfile): string {
  if (!n.issued) return 'none handed out';
  return [
    n.newPerAnswer ? 'a new nonce in every answer' : 'the same nonce across answers (per period)',
    `accepted ${measured(n.lifetime, (b) => boundText(b, 's'))} after first seen`,
    `the previous one still accepted after a new one: ${yesNo(n.previousAccepted)}`,
    `repeats: ${yesNo(n.repeated)} (${n.distinct ?? 0} distinct)`,
  ].join('; ');
}

function algText(a: AlgorithmProfile): string {
  const notAdvertised = a.advertised ? a.accepted.filter((x) => !a.advertised!.includes(x)) : [];
  const advertisedRefused = a.advertised ? a.refused.filter((x) => a.advertised!.includes(x)) : [];
  return [
    `accepted ${list(a.accepted)}`,
    `refused ${list(a.refused)}`,
    `advertised ${a.advertised ? list(a.advertised) : '(nothing)'}`,
    ...(notAdvertised.length ? [`accepted but not advertised: ${list(notAdvertised)}`] : []),
    ...(advertisedRefused.length ? [`advertised but refused: ${list(advertisedRefused)}`] : []),
  ].join('; ');
}

function skText(s: SkProfile): string {
  const parts: string[] = [];
  if (s.keyOutlivesToken !== undefined)
    parts.push(
      `key ${s.keyLifetime} s, token ${s.tokenLifetime} s: ${s.keyOutlivesToken > 0 ? `the key OUTLIVES its token by ${s.keyOutlivesToken} s` : `the key ends ${-s.keyOutlivesToken} s before its token`}`,
    );
  if (s.retiredAccepted !== undefined)
    parts.push(
      `retired secret version ${s.retiredAccepted ? `accepted, for ${measured(s.retiredFor, (b) => boundText(b, 's'))} after the token's iat` : 'refused'}`,
    );
  return [...parts, ...(s.notes ?? [])].join('; ') || 'nothing measured';
}

/** A side's label and URL once each, without the side's name again (a vendor env's label is "RS <url>"). */
function sideLabel(s: SideProfile): string {
  const label = s.label.replace(new RegExp(`^${s.side.toUpperCase()} `), '');
  return label.includes(s.url) ? label : `${label} ${s.url}`;
}

/** One side's items as [label, value] pairs, for the console and report.html alike. */
export function profileItems(s: SideProfile): [string, string][] {
  if (s.notMeasured) return [['profile', `not measured: ${s.notMeasured}`]];
  const items: [string, string][] = [
    [
      'clock skew',
      typeof s.clockSkew === 'number'
        ? `${s.clockSkew} s (${s.clockSkew === 0 ? 'in step with this machine' : `the server's clock ${s.clockSkew > 0 ? 'ahead' : 'behind'}`}, from its Date header)`
        : measured(s.clockSkew, () => ''),
    ],
    [
      'iat window',
      measured(
        s.iatWindow,
        (w) =>
          `${measured(w.past, (b) => boundText(b, 's'))} in the past, ${measured(w.future, (b) => boundText(b, 's'))} in the future`,
      ),
    ],
    ['replay', measured(s.replay, replayText)],
    ['nonces', measured(s.nonce, nonceText)],
    ['algorithms', measured(s.algorithms, algText)],
    ['largest proof', measured(s.proofSize, (b) => boundText(b, 'characters'))],
  ];
  if (s.dpopSk) items.push(['DPoP-SK', measured(s.dpopSk, skText)]);
  return items;
}

export const sideTitle = (s: SideProfile) =>
  `${s.side.toUpperCase()} ${sideLabel(s)} — ${s.requests} requests, ${s.ms} ms`;

/** The console's lines (to be printed sanitised: they quote URLs). */
export function profileLines(p: ServerProfile): string[] {
  const lines = [
    `server profile (measured, not graded; time probes ${p.time === 'mock-clock' ? "moved the mocks' clock" : `waited at most ${p.waitBudget} s`}):`,
  ];
  for (const s of p.sides) {
    lines.push(`  ${sideTitle(s)}`);
    for (const [label, value] of profileItems(s)) lines.push(`    ${label}: ${value}`);
  }
  if (!p.sides.length) lines.push('  no side under test');
  return lines;
}
