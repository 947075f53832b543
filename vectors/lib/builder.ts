import type { VectorGroup } from './types.js';

type NewTest = {
  comment: string;
  result: 'valid' | 'invalid';
  reason?: string;
  flags?: string[];
  [field: string]: unknown;
};

/** Numbers tests 1..N across a file in generation order. */
export class FileBuilder {
  readonly groups: VectorGroup[] = [];
  private next = 1;

  group(
    type: string,
    fields: Record<string, unknown> = {},
  ): { index: number; add: (t: NewTest) => number; nextId: () => number } {
    const g: VectorGroup = { type, ...fields, tests: [] };
    const index = this.groups.push(g) - 1;
    return {
      index,
      nextId: () => this.next,
      add: (t) => {
        const tcId = this.next++;
        const { comment, result, reason, flags, ...rest } = t;
        g.tests.push({
          tcId,
          comment,
          flags: flags ?? [],
          result,
          ...(reason ? { reason } : {}),
          ...rest,
        });
        return tcId;
      },
    };
  }
}

/** A test's verdict fields from its case: invalid exactly when the case names the reason it is refused for. */
export function verdictFields(c: { comment: string; flags?: string[]; reason?: string }): {
  comment: string;
  flags: string[];
  result: 'valid' | 'invalid';
  reason?: string;
} {
  return {
    comment: c.comment,
    flags: c.flags ?? [],
    result: c.reason ? 'invalid' : 'valid',
    ...(c.reason ? { reason: c.reason } : {}),
  };
}
