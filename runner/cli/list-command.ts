import { parseFlags } from './parse-flags.js';
import { EXIT } from '../../base/errors.js';
import { loadSuites } from '../suite/load.js';
import { selectCases } from '../suite/select.js';

/** `dpop-conformance list`: the catalogue, with ids, levels, refs and tags. */
export async function listCommand(args: string[], out: (line: string) => void): Promise<number> {
  const { values } = parseFlags({
    args,
    options: {
      suite: { type: 'string', multiple: true },
      id: { type: 'string', multiple: true },
      tag: { type: 'string', multiple: true },
      ref: { type: 'string', multiple: true },
      level: { type: 'string', multiple: true },
      'suites-dir': { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  const cases = selectCases(loadSuites(values['suites-dir']), {
    suites: values.suite,
    ids: values.id,
    tags: values.tag,
    refs: values.ref,
    levels: values.level,
  });
  if (values.json) {
    out(
      JSON.stringify(
        cases.map(({ steps: _s, expect: _e, ...c }) => c),
        null,
        2,
      ),
    );
    return EXIT.OK;
  }
  for (const c of cases)
    out(
      `${c.id.padEnd(16)} ${c.level.padEnd(6)} ${c.ref.padEnd(26)} ${c.title}  [${c.tags.join(', ')}]${c.requires.length ? ` requires ${c.requires.join(', ')}` : ''}`,
    );
  out(`${cases.length} cases`);
  return EXIT.OK;
}
