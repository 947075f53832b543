import { CHECKS } from '../../runner/checks/registry.js';
import {
  annotation,
  caseSchema,
  definition,
  deref,
  refChain,
  type SchemaNode,
} from '../../runner/suite/case-schema.js';
import { mutationRule } from '../../runner/suite/mutation-count.js';

/** The block's markers; text after `BEGIN` up to `-->` is a note to readers. */
const BEGIN = '<!-- cases-reference:begin';
const END = '<!-- cases-reference:end -->';
const NOTE =
  ' (written by npm run cases-doc from suites/case.schema.json and runner/checks/registry.ts:' +
  ' edit those, not this block) -->';

/** A section of the reference: the properties of one object of the schema. */
interface Section {
  heading: string;
  /** The schema node whose properties it lists. */
  node: () => SchemaNode;
  /** Whether it has a column saying which properties are a change to a valid request. */
  changes: boolean;
}

/** The sections that list properties, in order; a `$ref` to one of their nodes links to it. */
const SECTIONS: Section[] = [
  { heading: 'Suite file', node: caseSchema, changes: false },
  { heading: 'Case', node: () => definition('case'), changes: false },
  { heading: '`token` step', node: () => definition('tokenStep'), changes: true },
  { heading: '`mint_token` step', node: () => definition('mintStep'), changes: true },
  { heading: '`request` step', node: () => definition('requestStep'), changes: true },
  { heading: '`rotate` step', node: () => definition('rotateStep'), changes: true },
  { heading: '`metadata` step', node: () => definition('metadataStep'), changes: false },
  { heading: '`wait` step', node: () => definition('waitStep'), changes: true },
  { heading: '`introspect` step', node: () => definition('introspectStep'), changes: false },
  { heading: '`par` step', node: () => definition('parStep'), changes: true },
  { heading: 'Proof', node: () => definition('proof'), changes: true },
  { heading: 'Proof mutation', node: () => definition('mutation'), changes: false },
  { heading: 'Expectation', node: () => definition('expect'), changes: false },
];

/** Enumerations with more values than fit a table cell get a row under "Value sets". */
const INLINE_ENUM_MAX = 3;

/** GitHub's anchor for a heading. */
const anchor = (heading: string) =>
  `#${heading
    .toLowerCase()
    .replace(/[^a-z0-9 _-]/g, '')
    .replace(/ /g, '-')}`;

/** Text made safe for one table cell. */
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** A value as inline code. */
const code = (v: unknown) => `\`${typeof v === 'string' ? v : JSON.stringify(v)}\``;

/** The definition a node names with its first `$ref` to `#/definitions/NAME`, if any. */
function definitionNamed(node: SchemaNode): string | undefined {
  for (const n of refChain(node)) {
    const name = n.$ref && /^#\/definitions\/([\w-]+)$/.exec(n.$ref)?.[1];
    if (name) return name;
  }
  return undefined;
}

/** The enumerations listed under "Value sets": named definitions too long to list inline. */
function valueSets(): [string, SchemaNode][] {
  return Object.entries(caseSchema().definitions ?? {}).filter(([, n]) => (n.enum?.length ?? 0) > INLINE_ENUM_MAX);
}

/** A link to the section that lists a node's properties (or, for a step, its kinds), if one does. */
function linkTo(node: SchemaNode): string | undefined {
  if (deref(node) === definition('step')) return `[step](${anchor('Steps')})`;
  const section = SECTIONS.find((s) => deref(node) === s.node());
  return section && `[${section.heading.replace(/`/g, '')}](${anchor(section.heading)})`;
}

/** What a property takes, in a few words. */
function valueOf(node: SchemaNode): string {
  const link = linkTo(node);
  if (link) return link;
  const named = definitionNamed(node);
  if (named && valueSets().some(([name]) => name === named)) return `[${code(named)}](${anchor('Value sets')})`;
  const n = deref(node);
  if (n.const !== undefined) return code(n.const);
  if (n.enum) return n.enum.map(code).join(', ');
  if (n.oneOf) return n.oneOf.map(valueOf).join(', or ');
  const types = [n.type ?? []].flat();
  if (types.includes('array')) return `list of ${n.items ? valueOf(n.items) : 'values'}`;
  if (types.includes('object')) {
    return typeof n.additionalProperties === 'object' ? `map to ${valueOf(n.additionalProperties)}` : 'mapping';
  }
  return types.map((t) => ({ string: 'text', integer: 'integer', boolean: 'boolean' })[t] ?? t).join(' or ');
}

/** Whether a node is an object with properties of its own that no section lists (a minted token's `sk`). */
const isNested = (node: SchemaNode) => !!deref(node).properties && !linkTo(node);

/** The rows for an object's properties, a nested object's own following it as `parent.property`. */
function propertyRows(node: SchemaNode, changes: boolean, prefix = ''): string[] {
  return Object.entries(deref(node).properties ?? {}).flatMap(([name, p]) => {
    const meaning = cell(annotation(p, 'description') ?? '');
    const change = changes ? ` ${mutationRule(p)?.says ?? ''} |` : '';
    const row = `| ${code(prefix + name)} | ${isNested(p) ? 'mapping' : cell(valueOf(p))} |${change} ${meaning} |`;
    return [row, ...(isNested(p) ? propertyRows(p, changes, `${prefix}${name}.`) : [])];
  });
}

/** The table of one section's properties. */
function propertyTable(section: Section): string[] {
  const header = section.changes
    ? ['| property | value | a change? | meaning |', '|---|---|---|---|']
    : ['| property | value | meaning |', '|---|---|---|'];
  return [...header, ...propertyRows(section.node(), section.changes)];
}

/** One "### heading" section: the node's description, then its properties. */
function renderSection(section: Section): string[] {
  const about = section.node().description;
  return [`### ${section.heading}`, '', ...(about ? [about, ''] : []), ...propertyTable(section), ''];
}

/** The "Steps" section: each kind a step may take, linked to its properties. */
function stepKinds(): string[] {
  const kinds = Object.entries(definition('step').properties ?? {}).map(([kind, p]) => {
    const section = SECTIONS.find((s) => deref(p) === s.node());
    const link = section ? `[${code(kind)}](${anchor(section.heading)})` : code(kind);
    return `| ${link} | ${cell(annotation(p, 'description') ?? '')} |`;
  });
  const about = definition('step').description ?? '';
  return ['### Steps', '', about, '', '| step | what it does |', '|---|---|', ...kinds, ''];
}

/** The "Value sets" section: the enumerations too long for a table cell. */
function valueSetTable(): string[] {
  const rows = valueSets().map(
    ([name, n]) => `| ${code(name)} | ${cell(n.description ?? '')} | ${n.enum!.map(code).join(', ')} |`,
  );
  return ['### Value sets', '', '| name | meaning | values |', '|---|---|---|', ...rows, ''];
}

/** The "Named checks" section, from runner/checks/registry.ts. */
function namedChecks(): string[] {
  const rows = Object.values(CHECKS).map((c) => `| ${code(c.name)} | ${c.ref} | ${cell(c.requirement)} |`);
  return [
    '### Named checks',
    '',
    'What YAML cannot say lives in `runner/checks/`, one module each, with the section it enforces;',
    'a case lists them under `expect.checks`.',
    '',
    '| check | ref | holds when |',
    '|---|---|---|',
    ...rows,
    '',
  ];
}

/** The generated reference block of docs/cases.md, markers included. */
function renderCasesReference(): string {
  const [suite, kase, ...rest] = SECTIONS;
  const lines = [
    BEGIN + NOTE,
    '',
    '## Reference',
    '',
    'A **change** is one departure from a valid request (`x-mutation` in the schema): a negative',
    'case makes exactly one, a positive case at most one.',
    '',
    ...renderSection(suite),
    ...renderSection(kase),
    ...stepKinds(),
    ...rest.flatMap(renderSection),
    ...valueSetTable(),
    ...namedChecks(),
    END,
  ];
  return lines.join('\n');
}

/** A docs/cases.md text with its reference block replaced by a fresh one. */
export function withReference(doc: string): string {
  const start = doc.indexOf(BEGIN);
  const end = doc.indexOf(END);
  if (start < 0 || end < start) throw new Error('docs/cases.md lacks the cases-reference markers');
  return doc.slice(0, start) + renderCasesReference() + doc.slice(end + END.length);
}
