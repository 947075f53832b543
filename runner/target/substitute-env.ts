import { ConfigError } from '../../base/errors.js';

/**
 * Replaces each ${env:NAME} in a target file's text with that environment variable; a
 * variable that is not set is a configuration error. The substituted values are
 * returned as secrets, for the reports to redact.
 */
export function substituteEnv(text: string, env = process.env): { text: string; secrets: string[] } {
  const secrets: string[] = [];
  const out = text.replace(/\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g, (_m, name: string) => {
    const v = env[name];
    if (v === undefined) throw new ConfigError(`target file names \${env:${name}}, which is not set`);
    secrets.push(v);
    return v;
  });
  return { text: out, secrets };
}
