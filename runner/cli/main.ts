import { compareCommand } from './compare-command.js';
import { listCommand } from './list-command.js';
import { mockCommand } from './mock-command.js';
import { reportCommand } from './report-command.js';
import { runCommand } from './run-command.js';
import { selftestCommand } from './selftest-command.js';
import { EXIT, UsageError } from '../../base/errors.js';
import { TOOL_VERSION } from '../../base/tool-version.js';
import { exitForError } from './failure.js';
import { USAGE } from './usage.js';
import { vectorsCommand } from './vectors-command.js';

const out = (line: string) => process.stdout.write(line + '\n');

/**
 * The CLI: returns the process exit code. The top floor: nothing else in the product
 * imports runner/cli/. Every error that ends a command becomes its exit code in one
 * place, exitForError (failure.ts), through the error's `exitCode`.
 */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        out(USAGE);
        return command === undefined ? EXIT.USAGE : EXIT.OK;
      case '--version':
      case '-v':
        out(TOOL_VERSION);
        return EXIT.OK;
      case 'run':
        return await runCommand(rest, out);
      case 'report':
        return await reportCommand(rest, out);
      case 'compare':
        return await compareCommand(rest, out);
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
    return exitForError(e, (text) => process.stderr.write(text));
  }
}
