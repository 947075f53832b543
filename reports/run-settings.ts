import type { RunSettings } from './json-report.js';

/** The flags of a run that the report records: selection and mock faults (as given; empty means all / none). */
export function runSettings(
  flags: { suite?: string[]; id?: string[]; tag?: string[]; level?: string[]; 'mock-fault'?: string[] },
  selected: number,
): RunSettings {
  return {
    faults: flags['mock-fault'] ?? [],
    selection: { suites: flags.suite ?? [], ids: flags.id ?? [], tags: flags.tag ?? [], levels: flags.level ?? [] },
    selected,
  };
}
