import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { fromRoot } from '../base/package-root.js';
import { EXIT, UnknownFault } from '../base/errors.js';
import { FAULT_INFO, FAULTS, parseFaults, type FaultName } from '../mocks/faults.js';
import { CHECK_LISTS, type ListId } from '../mocks/faults/check-lists.js';
import { checksFor } from '../mocks/faults/checks-for.js';

const NAMES = Object.keys(FAULTS) as FaultName[];
const LIST_IDS = Object.keys(CHECK_LISTS) as ListId[];
/** The lists each mock server runs: the AS verifies asymmetric proofs only. */
const SIDE_LISTS: Record<'as' | 'rs', readonly ListId[]> = { as: ['asymmetric-proof'], rs: LIST_IDS };

const namesOf = (checks: readonly { name: string }[]) => checks.map((c) => c.name);

describe('the fault table: each verification fault removes or replaces one named check', () => {
  for (const fault of NAMES) {
    const info = FAULT_INFO[fault];
    if (!('lists' in info)) continue;
    const check = 'removes' in info ? info.removes : info.replaces;

    it(`${fault} names ${check}, a check of every list it modifies (${info.lists.join(', ')})`, () => {
      expect(fault.startsWith(`${info.side}-`), 'named for its side').to.equal(true);
      expect(info.lists.length).to.be.greaterThan(0);
      for (const list of info.lists) {
        expect(SIDE_LISTS[info.side], `${info.side} runs ${list}`).to.include(list);
        expect(namesOf(CHECK_LISTS[list]), list).to.include(check);
      }
    });

    it(`${fault} changes that one check of the ${info.side.toUpperCase()} lists and nothing else`, () => {
      for (const list of LIST_IDS) {
        const base = CHECK_LISTS[list] as readonly { name: string }[];
        const faulty = checksFor(list, info.side, [fault]);
        const other = checksFor(list, info.side === 'as' ? 'rs' : 'as', [fault]);
        expect(other, `the other side's ${list}`).to.deep.equal(base);
        if (!info.lists.includes(list)) {
          expect(faulty, `${list}, which it does not name`).to.deep.equal(base);
        } else if ('removes' in info) {
          expect(namesOf(faulty), list).to.deep.equal(namesOf(base).filter((n) => n !== check));
        } else {
          expect(namesOf(faulty), list).to.deep.equal(namesOf(base));
          faulty.forEach((c, i) => expect(c === base[i], `${list} ${c.name} kept`).to.equal(c.name !== check));
          expect(faulty.find((c) => c.name === check)).to.equal(info.with);
        }
      }
    });
  }

  it('without faults the mocks run the protocol lists themselves', () => {
    for (const list of LIST_IDS) expect(checksFor(list, 'rs', [])).to.equal(CHECK_LISTS[list]);
  });

  it('docs/mocks.md maps each verification fault to its check as the table does', () => {
    const doc = readFileSync(fromRoot('docs', 'mocks.md'), 'utf8');
    const rows = [...doc.matchAll(/^\| `([a-z0-9-]+)` \| (removes|replaces) `([a-z-]+)` \| ([a-z, -]+) \|/gm)];
    const documented = rows.map(([, fault, verb, check, lists]) => `${fault} ${verb} ${check} in ${lists.trim()}`);
    const table = NAMES.flatMap((fault) => {
      const info = FAULT_INFO[fault];
      if (!('lists' in info)) return [];
      const [verb, check] = 'removes' in info ? ['removes', info.removes] : ['replaces', info.replaces];
      return [`${fault} ${verb} ${check} in ${info.lists.join(', ')}`];
    });
    expect(documented).to.deep.equal(table);
  });

  it('an unknown fault name is a usage error (exit 2) naming the fault', () => {
    expect(() => parseFaults(['rs-skip-htu', 'rs-skip-hut'])).to.throw(UnknownFault, 'rs-skip-hut');
    expect(new UnknownFault('x').exitCode).to.equal(EXIT.USAGE);
    expect(() => parseFaults(['toString'])).to.throw(UnknownFault);
    expect([...parseFaults(['as-skip-typ', 'as-skip-typ'])]).to.deep.equal(['as-skip-typ']);
  });
});
