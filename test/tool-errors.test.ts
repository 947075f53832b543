import { expect } from 'chai';
import { parseArgs } from 'node:util';
import { ConfigError, EXIT, SuiteError, ToolError, UnknownFault, UsageError } from '../base/errors.js';
import { exitForError } from '../runner/cli/failure.js';
import { TOOL_VERSION } from '../base/tool-version.js';
import { CaseSetupError, TargetFailure } from '../runner/engine/case-errors.js';
import { TemplateError } from '../runner/engine/template.js';
import { TRANSPORT_ERROR_CODES, TransportError } from '../runner/http/send.js';

/** The exit code and stderr text of a command that threw `e`. */
function ended(e: unknown): { code: number; text: string } {
  let text = '';
  const code = exitForError(e, (t) => {
    text += t;
  });
  return { code, text };
}

type ToolErrorClass = (new (message: string) => ToolError) & { code: string };

describe('tool errors: one home, a stable code, the exit code each maps to', () => {
  const classes: [ToolErrorClass, string, number][] = [
    [UsageError, 'ERR_USAGE', EXIT.USAGE],
    [ConfigError, 'ERR_CONFIG', EXIT.USAGE],
    [CaseSetupError, 'ERR_CASE_SETUP', EXIT.INTERNAL],
    [TargetFailure, 'ERR_TARGET_FAILURE', EXIT.INTERNAL],
    [TemplateError, 'ERR_TEMPLATE', EXIT.INTERNAL],
  ];
  for (const [Cls, code, exit] of classes) {
    it(`${Cls.name}: ${code}, exit ${exit}`, () => {
      const e = new Cls('x');
      expect(e).to.be.instanceOf(ToolError);
      expect([e.code, Cls.code, e.exitCode, e.name]).to.deep.equal([code, code, exit, Cls.name]);
    });
  }

  it('SuiteError, UnknownFault and TransportError carry their codes', () => {
    expect(new SuiteError(['a'])).to.include({ code: 'ERR_SUITE_INVALID', exitCode: EXIT.USAGE });
    expect(new UnknownFault('f')).to.include({ code: 'ERR_UNKNOWN_FAULT', exitCode: EXIT.USAGE });
    for (const code of TRANSPORT_ERROR_CODES) {
      expect(new TransportError(code, 'm')).to.be.instanceOf(ToolError).and.include({ code, exitCode: EXIT.INTERNAL });
    }
  });

  it('the CLI maps each to its exit code and prints what the user needs', () => {
    const usage = ended(new UsageError('bad flag'));
    expect(usage).to.deep.equal({ code: 2, text: 'dpop-conformance: bad flag (see dpop-conformance --help)\n' });
    expect(
      exitForError(new ConfigError('x'), () => undefined, { command: 'run' }),
      'a configuration error is exit 2 too',
    ).to.equal(2);
    expect(ended(new SuiteError(['a.yaml:1:1: x', 'a.yaml:2:1: y']))).to.deep.equal({
      code: 2,
      text: 'dpop-conformance: invalid suite file; nothing ran:\n  a.yaml:1:1: x\n  a.yaml:2:1: y\n',
    });
    expect(ended(new ConfigError('target file names ${env:X}, which is not set')).code).to.equal(2);
    const escaped = ended(new TransportError('ERR_TARGET_TIMEOUT', 'GET u: slow'));
    expect(escaped.code).to.equal(70);
    expect(escaped.text).to.match(
      /^dpop-conformance \S+: internal error \(ERR_TARGET_TIMEOUT: GET u: slow\); this is a bug/,
    );
  });

  it('node parseArgs mistakes and a fault name the mocks do not know are usage errors (exit 2)', () => {
    let thrown: unknown;
    try {
      parseArgs({ args: ['--nope'], options: {} });
    } catch (e) {
      thrown = e;
    }
    expect(ended(thrown).code).to.equal(2);
    expect(ended(thrown).text).to.equal("dpop-conformance: Unknown option '--nope' (see dpop-conformance --help)\n");
    expect(ended(Object.assign(new Error('unknown fault "f"'), { code: 'ERR_UNKNOWN_FAULT' })).code).to.equal(2);
  });

  it('anything else is a bug in the tool: exit 70, one line asking for a report with the version; the stack only under --debug', () => {
    const r = ended(new TypeError('x is undefined'));
    expect(r.code).to.equal(EXIT.INTERNAL);
    expect(r.text).to.equal(
      `dpop-conformance ${TOOL_VERSION}: internal error (TypeError: x is undefined); this is a bug in the tool, please report it with this line and the command you ran (rerun with --debug for the stack)\n`,
    );
    let debug = '';
    expect(exitForError(new TypeError('x is undefined'), (t) => (debug += t), { debug: true })).to.equal(70);
    const [line, ...stack] = debug.trimEnd().split('\n');
    expect(line).to.match(/internal error \(TypeError: x is undefined\)/);
    expect(stack[0]).to.equal('TypeError: x is undefined');
    expect(stack[1]).to.match(/^\s+at /);
  });
});
