import { nowSeconds } from '../../protocol/sign.js';
import type { HttpRequest, SendOptions } from '../http/send.js';
import { buildProof } from '../proof/build.js';
import type { Feature } from '../suite/types.js';
import { mintTestToken } from '../tokens/mint-test-token.js';
import type { Finding } from '../target/detected.js';
import type { RunEnv } from '../target/env.js';
import { answerText, probeExchange, type ProbeAnswer } from './probe-exchange.js';
import { htuOf } from '../../protocol/htu.js';

/** A resource request with a freshly minted token (fixed test AS key) and a valid proof for it. */
function resourceRequest(env: RunEnv, method: 'GET' | 'POST', extra: [string, string][] = []) {
  const url = env.rs.resource;
  const htu = htuOf(url);
  return async (nonce: string | undefined): Promise<HttpRequest> => {
    const now = nowSeconds(env.clockSkew ?? 0);
    const { token } = await mintTestToken({}, { issuer: env.mintIssuer, audience: env.audience, now });
    const proof = await buildProof({ htm: method, htu, accessToken: token, nonce, iat: now });
    return {
      method,
      url,
      headers: [['authorization', `DPoP ${token}`], ['dpop', proof], ...extra],
      ...(method === 'POST' ? { body: '' } : {}),
    };
  };
}

const ok = (a: ProbeAnswer) => a.res !== undefined && a.res.status >= 200 && a.res.status < 300;
const said = (a: ProbeAnswer) => (a.failed ? `no answer: ${a.failed}` : answerText(a.res!));

/**
 * Probes an RS under test with at most three requests, each sent once more if the RS
 * demands a nonce: a GET with a valid token and proof (nonce demand), then — when that is
 * accepted — a POST, and a GET asking for a DPoP-SK Model B key (`DPoP-SK-Request: HS256`).
 * Model A at the RS is not probed.
 */
export async function probeRs(env: RunEnv, o: SendOptions): Promise<{ findings: Finding[]; supported: Set<Feature> }> {
  const findings: Finding[] = [];
  const supported = new Set<Feature>();
  const get = await probeExchange(resourceRequest(env, 'GET'), o);
  if (get.nonceDemanded) supported.add('nonce');
  findings.push({
    probe: 'nonce demand (GET with a valid token and proof)',
    found: get.nonceDemanded
      ? `yes: use_dpop_nonce with a DPoP-Nonce header; then ${said(get)}`
      : ok(get)
        ? `no: ${said(get)} without a nonce`
        : `unknown: ${said(get)}`,
  });
  if (!ok(get)) {
    findings.push({
      probe: 'POST, DPoP-SK-Request',
      found: 'not probed: the RS did not accept a valid GET (is it configured to trust the test AS key?)',
    });
    return { findings, supported };
  }
  const post = await probeExchange(resourceRequest(env, 'POST'), o, get.nonce);
  if (ok(post)) supported.add('post');
  findings.push({
    probe: 'POST on the resource',
    found: ok(post) ? `accepted: ${said(post)}` : `not accepted: ${said(post)}`,
  });
  const negotiate = await probeExchange(
    resourceRequest(env, 'GET', [['dpop-sk-request', 'HS256']]),
    o,
    post.nonce ?? get.nonce,
  );
  const key = ok(negotiate) && !!negotiate.res?.headers['dpop-sk'];
  if (key) supported.add('dpop-sk-b');
  findings.push({
    probe: 'DPoP-SK-Request: HS256',
    found: key
      ? 'answered: a DPoP-SK header (DPoP-SK Model B)'
      : `not answered: ${ok(negotiate) ? 'no DPoP-SK header' : said(negotiate)}`,
  });
  findings.push({
    probe: 'dpop-sk (Model A at the RS)',
    found: 'not probed: declare it if your RS verifies cnf.sk proofs',
  });
  return { findings, supported };
}
