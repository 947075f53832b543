import { FAULT_INFO, type FaultInfo, type FaultName, type Side } from '../faults.js';
import { CHECK_LISTS, type ListCheck, type ListId } from './check-lists.js';

/** The check lists one mock server runs, with the faults of its side applied. */
export type CheckLists = { readonly [L in ListId]: readonly ListCheck<L>[] };

function edits(info: FaultInfo, side: Side, list: ListId): boolean {
  return info.side === side && 'lists' in info && info.lists.includes(list);
}

/** List `list` as a server of `side` runs it under `faults`: each fault removes or replaces one named check. */
export function checksFor<L extends ListId>(list: L, side: Side, faults: Iterable<FaultName>): readonly ListCheck<L>[] {
  let checks = CHECK_LISTS[list] as readonly ListCheck<L>[];
  for (const name of faults) {
    const info = FAULT_INFO[name];
    if (!edits(info, side, list)) continue;
    if ('removes' in info) checks = checks.filter((c) => c.name !== info.removes);
    if ('replaces' in info) checks = checks.map((c) => (c.name === info.replaces ? (info.with as ListCheck<L>) : c));
  }
  return checks;
}

/** Every list as a server of `side` runs it under `faults`. */
export function checkListsFor(side: Side, faults: Iterable<FaultName>): CheckLists {
  const names = [...faults];
  const lists = {} as Record<ListId, unknown>;
  for (const list of Object.keys(CHECK_LISTS) as ListId[]) lists[list] = checksFor(list, side, names);
  return lists as CheckLists;
}
