/**
 * Layering rules on folder paths (DESIGN.md, Layout). Run by `npm test` through
 * scripts/check-layers.mjs; test/fixtures/layering proves each rule can fail.
 */
export default {
  forbidden: [
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'src/domain imports only src/domain: no NestJS, no drivers, no node: modules.',
      from: { path: '^src/domain/' },
      to: { pathNot: '^src/domain/' },
    },
    {
      name: 'application-not-on-adapters',
      severity: 'error',
      comment: 'src/application speaks to the world through ports, never through adapters or read models.',
      from: { path: '^src/application/' },
      to: { path: '^src/(infrastructure|projections)/' },
    },
    {
      name: 'projections-not-on-adapters',
      severity: 'error',
      comment: 'Projections are pure folds and queries over ports; adapters run them.',
      from: { path: '^src/projections/' },
      to: { path: '^src/infrastructure/' },
    },
    {
      name: 'no-unresolvable-imports',
      severity: 'error',
      comment: 'An import that does not resolve would hide a layer crossing from the rules above.',
      from: { path: '^src/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
  },
};
