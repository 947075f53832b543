import { DEFAULT_SEND, type SendOptions } from '../http/send.js';
import { tlsChoices } from '../http/tls.js';
import type { Case } from '../suite/types.js';
import type { RunPlan } from './env.js';
import { planMocks } from './plan-mocks.js';
import { planVendor } from './plan-vendor.js';
import { readTarget } from './read-target-file.js';
import { targetCaFiles } from './target-ca.js';

/** What planVendor takes besides the HTTP settings planRun makes. */
export type VendorChoices = Omit<Parameters<typeof planVendor>[0], 'read' | 'send' | 'tls' | 'say'>;

/**
 * What a run is against, with the HTTP settings its requests use: for a vendor target the
 * TLS choices (--ca, the target's tls.ca, NODE_EXTRA_CA_CERTS, --insecure; their warnings go to `say` first) and
 * planVendor; without one, the bundled mocks (planMocks). The plan's close() also closes the
 * TLS dispatcher, and a failure to plan closes it before the error goes up. The run, the
 * profile command and runConformance all start this way.
 */
export async function planRun(o: {
  vendor?: VendorChoices;
  mockFaults?: string[];
  /** The cases the run selected: the bundled mocks start only the pairs these need. */
  cases?: readonly Case[];
  timeoutMs: number;
  /** Ends every exchange (the run's --deadline). */
  stop?: AbortSignal;
  tls?: { caFiles?: string[]; insecure?: boolean; caName?: string };
  say: (line: string) => void;
}): Promise<{ plan: RunPlan; send: SendOptions }> {
  // the target is read once, here: its tls.ca is needed before planVendor sends anything
  const read = o.vendor ? readTarget(o.vendor) : undefined;
  const fromFile = o.vendor?.targetValue === undefined ? o.vendor?.targetFile : undefined;
  const tls = o.vendor
    ? tlsChoices(
        { caFiles: o.tls?.caFiles, insecure: o.tls?.insecure, targetCa: targetCaFiles(read!.target, fromFile) },
        process.env,
        o.tls?.caName,
      )
    : { warnings: [] };
  for (const line of tls.warnings) o.say(line);
  const send: SendOptions = {
    ...DEFAULT_SEND,
    timeoutMs: o.timeoutMs,
    ...(o.stop ? { stop: o.stop } : {}),
    ...(tls.dispatcher ? { dispatcher: tls.dispatcher } : {}),
  };
  let plan: RunPlan;
  try {
    plan = o.vendor
      ? await planVendor({ ...o.vendor, read, send, tls: tls.settings, say: o.say })
      : await planMocks(send, o.mockFaults, o.cases);
  } catch (e) {
    await tls.dispatcher?.close();
    throw e;
  }
  const planned = plan;
  return {
    plan: {
      ...planned,
      close: async () => {
        await planned.close();
        await tls.dispatcher?.close();
      },
    },
    send,
  };
}
