/**
 * The import rules between folders (npm run lint runs depcruise, part of npm test). See docs/architecture.md.
 *   src/core      the engine: imports no door, no Node built-in; its folders follow the flow
 *                 basics → plan → intake → consolidate → report → extract (a folder imports only those before it)
 *   src/sample    the embedded sample: core only
 *   src/cli       the Node door: core and sample, nothing of the pane
 *   src/excel     the Office.js door: core only
 *   src/taskpane  the page: core, sample and the Excel door (the page drives the workbook through it), never the CLI
 */
const STAGES = ['basics', 'plan', 'intake', 'consolidate', 'history', 'report', 'extract'];

const stageRules = STAGES.slice(0, -1).map((stage, i) => ({
  name: `core-${stage}-not-later-stages`,
  comment: `src/core/${stage} may import only the stages before it (${STAGES.slice(0, i).join(', ') || 'none'})`,
  severity: 'error',
  from: { path: `^src/core/${stage}/` },
  to: { path: `^src/core/(${STAGES.slice(i + 1).join('|')})/` },
}));

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'core-imports-no-door',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '^src/(cli|excel|taskpane|sample)/' },
    },
    {
      name: 'core-imports-no-node-builtin',
      comment: 'the engine runs in the task pane too: no fs, path, worker_threads …',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'sample-imports-core-only',
      severity: 'error',
      from: { path: '^src/sample/' },
      to: { path: '^src/(cli|excel|taskpane)/' },
    },
    {
      name: 'sample-imports-no-node-builtin',
      severity: 'error',
      from: { path: '^src/sample/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'cli-not-pane',
      severity: 'error',
      from: { path: '^src/cli/' },
      to: { path: '^src/(excel|taskpane)/' },
    },
    {
      name: 'excel-door-not-other-doors',
      severity: 'error',
      from: { path: '^src/excel/' },
      to: { path: '^src/(cli|taskpane)/' },
    },
    {
      name: 'pane-not-cli',
      severity: 'error',
      from: { path: '^src/taskpane/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'pane-and-excel-no-node-builtin',
      severity: 'error',
      from: { path: '^src/(taskpane|excel)/' },
      to: { dependencyTypes: ['core'] },
    },
    ...stageRules,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '\\.d\\.ts$' },
  },
};
