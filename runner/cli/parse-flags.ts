import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../../base/errors.js';
import { suggestion } from '../../base/nearest-name.js';

/** The option a parseArgs "Unknown option '--x'" message names, as typed. */
const unknownOptionOf = (message: string): string | undefined => /^Unknown option '([^']{1,200})'/.exec(message)?.[1];

/**
 * node:util's parseArgs, with a "did you mean" for a mistyped option: an unknown option
 * becomes a UsageError naming the nearest option the command knows. Other parse mistakes
 * pass through (main turns every ERR_PARSE_ARGS_* into a usage error).
 */
export function parseFlags<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    const typed =
      code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && e instanceof Error ? unknownOptionOf(e.message) : undefined;
    if (typed === undefined) throw e;
    const known = Object.entries(config.options ?? {}).flatMap(([name, o]) => [
      `--${name}`,
      ...(o.short ? [`-${o.short}`] : []),
    ]);
    throw new UsageError(`unknown option ${typed}${suggestion(typed, known)}`, { cause: e });
  }
}
