import { listCommand } from './list-command.js';
import { mockCommand } from './mock-command.js';
import { reportCommand } from './report-command.js';
import { runCommand } from './run-command.js';
import { selftestCommand } from './selftest-command.js';
import { SuiteError } from '../suite/load.js';
import { USAGE, UsageError } from './usage.js';
import { vectorsCommand } from './vectors-command.js';
import { TOOL_VERSION } from './version.js';

const out = (line: string) => process.stdout.write(line + '\n');

/** The CLI: returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        out(USAGE);
        return command === undefined ? 2 : 0;
      case '--version':
      case '-v':
        out(TOOL_VERSION);
        return 0;
      case 'run':
        return await runCommand(rest, out);
      case 'report':
        return await reportCommand(rest, out);
      case 'list':
        return await listCommand(rest, out);
      case 'selftest':
        return await selftestCommand(rest, out);
      case 'mock':
        return await mockCommand(rest, out);
      case 'vectors':
        return await vectorsCommand(rest, out);
      default:
        throw new UsageError(`unknown command ${JSON.stringify(command)}`);
    }
  } catch (e) {
    if (e instanceof SuiteError) {
      process.stderr.write(`dpop-conformance: invalid suite file; nothing ran:\n${e.problems.map((p) => `  ${p}`).join('\n')}\n`);
      return 2;
    }
    if (e instanceof UsageError || (e as { code?: string }).code === 'ERR_UNKNOWN_FAULT' || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`dpop-conformance: ${(e as Error).message}\n\n${USAGE}\n`);
      return 2;
    }
    throw e;
  }
}
