import { parseFlags } from './parse-flags.js';
import { generateVectors } from '../../vectors/generate.js';
import { verifyVectors } from '../../vectors/verify.js';
import { EXIT, UsageError } from '../../base/errors.js';

/** `dpop-conformance vectors verify|generate`. */
export async function vectorsCommand(args: string[], out: (line: string) => void): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'verify') {
    const { values } = parseFlags({ args: rest, options: { dir: { type: 'string' } } });
    const files = await verifyVectors(values.dir);
    let total = 0,
      bad = 0,
      invalid = 0;
    out('file                valid  invalid  mismatches');
    for (const f of files) {
      out(
        `${f.name.padEnd(18)} ${String(f.valid).padStart(6)} ${String(f.invalid).padStart(8)} ${String(f.mismatches.length).padStart(11)}`,
      );
      for (const m of f.mismatches) out(`  MISMATCH ${f.name}: ${m}`);
      total += f.valid + f.invalid;
      invalid += f.invalid;
      bad += f.mismatches.length;
    }
    out(
      `${total} vectors (${invalid} invalid, ${total ? Math.round((100 * invalid) / total) : 0}%), ${bad} mismatches`,
    );
    return bad === 0 && total > 0 ? EXIT.OK : EXIT.FAILED;
  }
  if (sub === 'generate') {
    const { values } = parseFlags({ args: rest, options: { out: { type: 'string' } } });
    for (const f of await generateVectors(values.out)) out(`wrote ${f.name}.json (${f.tests} tests)`);
    return EXIT.OK;
  }
  throw new UsageError(`unknown vectors command ${JSON.stringify(sub ?? '')}: use verify or generate`);
}
