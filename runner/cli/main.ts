import { EXIT, UsageError } from '../../base/errors.js';
import { TOOL_VERSION } from '../../base/tool-version.js';
import { exitForError } from './failure.js';
import { COMMAND_HELP, commandHelp, USAGE } from './usage.js';
import { suggestion } from '../../base/nearest-name.js';
import { removeEmptyCreatedFolders } from './check-outputs.js';

const out = (line: string) => process.stdout.write(line + '\n');

/**
 * A reader that goes away (`| head`) is not an error of the tool: EPIPE on stdout or
 * stderr is ignored instead of crashing with an unhandled 'error' event.
 */
function ignoreClosedPipes(): void {
  for (const stream of [process.stdout, process.stderr]) {
    if (stream.listenerCount('error') > 0) continue;
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') throw e;
    });
  }
}

type Command = (args: string[], out: (line: string) => void) => Promise<number>;

/**
 * A command whose module (and everything it pulls in: fastify, jose, ajv, the suites) is
 * imported only when that command runs, so that `--help`, `--version` and each command
 * load no more than they need (start-up figures: `npm run bench -- cli`).
 */
const lazy =
  (load: () => Promise<Command>): Command =>
  async (args, out) =>
    (await load())(args, out);

const COMMANDS: Record<string, Command> = {
  run: lazy(async () => (await import('./run-command.js')).runCommand),
  report: lazy(async () => (await import('./report-command.js')).reportCommand),
  compare: lazy(async () => (await import('./compare-command.js')).compareCommand),
  list: lazy(async () => (await import('./list-command.js')).listCommand),
  selftest: lazy(async () => (await import('./selftest-command.js')).selftestCommand),
  mock: lazy(async () => (await import('./mock-command.js')).mockCommand),
  vectors: lazy(async () => (await import('./vectors-command.js')).vectorsCommand),
  init: lazy(async () => (await import('./init-command.js')).initCommand),
  profile: lazy(async () => (await import('./profile-command.js')).profileCommand),
  bench: lazy(async () => (await import('./bench-command.js')).benchCommand),
};

/**
 * The CLI: returns the process exit code. The top floor: nothing else in the product
 * imports runner/cli/. Every error that ends a command becomes its exit code in one
 * place, exitForError (failure.ts), through the error's `exitCode`: a user's mistake is
 * one line and exit 2, a bug one line and exit 70 (the stack only under --debug, a flag
 * every command takes).
 */
export async function main(argv: string[]): Promise<number> {
  ignoreClosedPipes();
  const debug = argv.includes('--debug');
  const [command, ...rest] = argv.filter((a) => a !== '--debug');
  const known = command !== undefined && command in COMMANDS;
  try {
    switch (command) {
      case undefined:
        process.stderr.write(`dpop-conformance: no command given (see dpop-conformance --help)\n`);
        return EXIT.USAGE;
      case '--help':
      case '-h':
      case 'help':
        out(rest[0] && rest[0] in COMMAND_HELP ? commandHelp(rest[0]) : USAGE);
        return EXIT.OK;
      case '--version':
      case '-v':
        out(TOOL_VERSION);
        return EXIT.OK;
    }
    if (!known)
      throw new UsageError(
        `unknown command ${JSON.stringify(command)}; the commands are ${Object.keys(COMMANDS).join(', ')}${suggestion(command, Object.keys(COMMANDS))}`,
      );
    if (rest.includes('--help') || rest.includes('-h')) {
      out(commandHelp(command));
      return EXIT.OK;
    }
    return await COMMANDS[command](rest, out);
  } catch (e) {
    removeEmptyCreatedFolders();
    return exitForError(e, (text) => process.stderr.write(text), { command: known ? command : undefined, debug });
  }
}
