/** A suite case as YAML text, for tests that write small suites of their own. */
export function caseYaml(c: {
  id: string;
  title?: string;
  level?: string;
  ref?: string;
  quote?: string;
  tags?: string;
  requires?: string;
  mutation?: string;
  steps: string[];
  expect?: string;
}): string {
  return [
    `  - id: ${c.id}`,
    `    title: ${c.title ?? c.id}`,
    `    level: ${c.level ?? 'MUST'}`,
    `    ref: ${c.ref ?? 'RFC 9449 §7.1'}`,
    `    quote: ${c.quote ?? 'The resource server MUST NOT grant access to the resource unless all checks are successful'}`,
    `    tags: ${c.tags ?? '[positive]'}`,
    ...(c.requires ? [`    requires: ${c.requires}`] : []),
    ...(c.mutation ? [`    mutation: ${c.mutation}`] : []),
    '    steps:',
    ...c.steps.map((s) => `      - ${s}`),
    ...(c.expect ? [`    expect: ${c.expect}`] : []),
    '',
  ].join('\n');
}
