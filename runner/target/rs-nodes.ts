import { ConfigError } from '../../base/errors.js';
import { MAX_RS_NODES } from '../../mocks/rs/fleet.js';
import { fetchableUrl } from './check-urls.js';
import type { TargetFile } from './target-file.js';

type TargetRs = NonNullable<TargetFile['rs']>;

/**
 * rs.nodes: one RS served at several addresses (docs/deployment.md), checked before anything
 * is sent. Each node is an http(s) URL without user info (the runner sends tokens and proofs
 * to these addresses, and to no other), the resource's own path and query (the same resource
 * at another address), at its own origin; 2 to MAX_RS_NODES of them. The feature rs-fleet
 * follows from them: declared without them, it is a ConfigError. Returns the nodes, if any.
 */
export function rsNodes(rs: TargetRs, shown: TargetRs): string[] | undefined {
  const nodes = rs.nodes;
  if (!nodes) {
    if (rs.features?.includes('rs-fleet'))
      throw new ConfigError(
        'rs-fleet is declared but rs.nodes names no nodes: list their addresses (docs/deployment.md)',
      );
    return undefined;
  }
  if (nodes.length < 2 || nodes.length > MAX_RS_NODES)
    throw new ConfigError(`rs.nodes: ${nodes.length} nodes; name 2 to ${MAX_RS_NODES}`);
  const resource = new URL(rs.resource);
  const resourcePath = new URL(shown.resource).pathname + new URL(shown.resource).search;
  const origins = new Set<string>();
  nodes.forEach((node, i) => {
    const what = `rs.nodes[${i}]`;
    const url = fetchableUrl(what, node, shown.nodes?.[i]);
    if (url.username || url.password)
      throw new ConfigError(`${what}: a URL with user info; name each node by its address alone`);
    if (url.pathname !== resource.pathname || url.search !== resource.search || url.hash)
      throw new ConfigError(
        `${what}: not the resource's path ${JSON.stringify(resourcePath.slice(0, 200))}; a node is the same resource at another address`,
      );
    if (origins.has(url.origin)) throw new ConfigError(`${what}: a second node at ${url.origin}`);
    origins.add(url.origin);
  });
  return nodes;
}

/** Adds rs-fleet to the features of a target that names rs.nodes. */
export function declareFleet(rs: TargetRs | undefined): void {
  if (rs?.nodes) rs.features = [...new Set([...(rs.features ?? []), 'rs-fleet' as const])];
}
