import type { JWSHeaderParameters } from 'jose';

/** What every proof vector case says: its comment, flags, expected reason, and how it bends header and claims. */
export interface ProofCaseBase {
  comment: string;
  flags?: string[];
  reason?: string;
  header?: (h: JWSHeaderParameters) => JWSHeaderParameters;
  claims?: (c: Record<string, unknown>) => Record<string, unknown>;
}

export const setClaim = (name: string, v: unknown) => (c: Record<string, unknown>) => ({ ...c, [name]: v });
export const dropClaim = (name: string) => (c: Record<string, unknown>) => { const { [name]: _, ...rest } = c; return rest; };
