import { main } from '../../runner/cli/main.js';

/** Runs the CLI in-process, capturing what it prints. */
export async function cli(args: string[]): Promise<{ code: number; output: string }> {
  const lines: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = (s: string) => {
    lines.push(String(s));
    return true;
  };
  try {
    return { code: await main(args), output: lines.join('') };
  } finally {
    process.stdout.write = write;
  }
}
