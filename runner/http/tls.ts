import { readFileSync, statSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import { rootCertificates } from 'node:tls';
import { Agent, type Dispatcher } from 'undici';
import { ConfigError } from '../../base/errors.js';

/** A CA file is a few certificates (a system bundle some hundred KB); anything larger is refused before it is read. */
export const MAX_CA_FILE_BYTES = 4 * 1024 * 1024;

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\s]*?-----END CERTIFICATE-----/g;

/** How the runner checks a vendor's TLS certificates, as report.json records it (target.tls). */
export interface TlsSettings {
  /** --ca files, as given: trusted in addition to the system's CAs. */
  caFiles: string[];
  /** The target's tls.ca files, resolved against its folder: trusted in addition to the system's CAs. */
  targetCaFiles?: string[];
  /** NODE_EXTRA_CA_CERTS, when set: trusted as Node trusts it. */
  extraCaCerts?: string;
  /** --insecure: certificates not checked at all. */
  insecure: boolean;
}

/** The PEM certificates of a CA file; a ConfigError naming `what` and the file when it has none or cannot be read. */
export function readCaFile(what: string, path: string): string[] {
  let text: string;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new ConfigError(`${what} ${path} is not a file`);
    if (stat.size > MAX_CA_FILE_BYTES)
      throw new ConfigError(`${what} ${path} is ${stat.size} bytes; a CA file is at most ${MAX_CA_FILE_BYTES}`);
    text = readFileSync(path, 'latin1');
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    throw new ConfigError(`${what} ${path}: cannot read it (${(e as { code?: string }).code ?? 'error'})`);
  }
  const pems = text.match(PEM_CERTIFICATE) ?? [];
  if (!pems.length) throw new ConfigError(`${what} ${path} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`);
  pems.forEach((pem, i) => {
    try {
      new X509Certificate(pem);
    } catch {
      throw new ConfigError(`${what} ${path}: certificate ${i + 1} does not parse as X.509`);
    }
  });
  return pems;
}

/**
 * The TLS choices of a run against a vendor target: with --ca, the target's tls.ca,
 * NODE_EXTRA_CA_CERTS or --insecure, an undici dispatcher trusting the system's CAs plus those files (or, with
 * --insecure, checking nothing), and what report.json records; with none of them, Node's
 * defaults and nothing to record. An unreadable NODE_EXTRA_CA_CERTS is a warning, as in Node.
 */
export function tlsChoices(
  o: {
    caFiles?: string[];
    insecure?: boolean;
    /** The target's own CA files (its tls.ca, resolved), named `name` in a problem with one. */
    targetCa?: { files: string[]; name: string };
  },
  env: NodeJS.ProcessEnv = process.env,
  caName = '--ca',
): { settings?: TlsSettings; dispatcher?: Dispatcher; warnings: string[] } {
  const targetCa = o.targetCa?.files ?? [];
  const caFiles = o.caFiles ?? [];
  const extra = env.NODE_EXTRA_CA_CERTS || undefined;
  const insecure = !!o.insecure;
  const warnings: string[] = [];
  if (!caFiles.length && !targetCa.length && !extra && !insecure) return { warnings };
  const fromFiles = [
    ...caFiles.flatMap((f) => readCaFile(caName, f)),
    ...targetCa.flatMap((f) => readCaFile(o.targetCa!.name, f)),
  ];
  let fromEnv: string[] = [];
  if (extra)
    try {
      fromEnv = readCaFile('NODE_EXTRA_CA_CERTS', extra);
    } catch (e) {
      warnings.push(`WARNING: ${(e as Error).message}; ignored`);
    }
  if (insecure)
    warnings.push(
      'WARNING: --insecure: TLS certificates are not checked, so anyone on the path can read and change what is sent (the client secret and tokens of a run); use it in a lab only',
    );
  const settings: TlsSettings = {
    caFiles,
    ...(targetCa.length ? { targetCaFiles: targetCa } : {}),
    ...(extra ? { extraCaCerts: extra } : {}),
    insecure,
  };
  // NODE_EXTRA_CA_CERTS alone and unreadable: Node's own trust store (with what Node loaded at start) stays
  if (!fromFiles.length && !insecure && !fromEnv.length) return { settings, warnings };
  const dispatcher = new Agent({
    connect: { ca: [...rootCertificates, ...fromEnv, ...fromFiles], rejectUnauthorized: !insecure },
  });
  return { settings, dispatcher, warnings };
}
