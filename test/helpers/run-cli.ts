import { main } from '../../runner/cli/main.js';

/** Runs the CLI in-process, capturing what it prints: stdout as `output`, stderr as `errors`. */
export async function cli(args: string[]): Promise<{ code: number; output: string; errors: string }> {
  const lines: string[] = [];
  const errors: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  const writeErr = process.stderr.write.bind(process.stderr);
  process.stdout.write = (s: string) => {
    lines.push(String(s));
    return true;
  };
  process.stderr.write = (s: string) => {
    errors.push(String(s));
    return true;
  };
  try {
    const code = await main(args);
    return { code, output: lines.join(''), errors: errors.join('') };
  } finally {
    process.stdout.write = write;
    process.stderr.write = writeErr;
  }
}
