import type { RunSettings } from './json-report.js';
import type { Stances } from '../runner/suite/stances.js';

/** The flags of a run that the report records: selection mock faults and stances (as given; empty means all / none). */
export function runSettings(
  flags: { suite?: string[]; id?: string[]; tag?: string[]; level?: string[]; 'mock-fault'?: string[] },
  selected: number,
  stances: Stances = {},
): RunSettings {
  return {
    faults: flags['mock-fault'] ?? [],
    ...(Object.keys(stances).length ? { stances } : {}),
    selection: { suites: flags.suite ?? [], ids: flags.id ?? [], tags: flags.tag ?? [], levels: flags.level ?? [] },
    selected,
  };
}
