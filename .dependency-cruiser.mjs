// @ts-check
/**
 * dependency-cruiser: which module may import which, run by `npm run lint:deps` (part of `npm run lint` and `npm test`).
 * Type-only imports count (`tsPreCompilationDeps`): a type cycle is a tangle too. Layers, bottom to top:
 *   lib/cometchat (CometChat's vocabulary and client), the page protocol (lib/page/reports.ts)
 *   → lib/protocol.ts (types and constants only) → the small helpers at lib/*.ts, lib/transport
 *   → lib/store, lib/page (the page wing: how a page is reached, the functions run in it, the agent), lib/session-client.ts → lib/background → components/ → entrypoints/.
 * Imports point down, never up; emulator/ and test/ sit beside the product, and the product never imports them.
 */

/** Product code: what ends up in the extension. */
const PRODUCT = '^(lib|components|entrypoints)/';
/** The modules at the top of lib/: the protocol, the views' session client and the small helpers. */
const TOP_OF_LIB = '^lib/[^/]+[.]tsx?$';
/** The page agent runs in the app's own page (MAIN world): it takes nothing of the extension but its protocol. */
const PAGE_AGENT = '^(lib/page/agent/|entrypoints/page-agent[.]ts$)';

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'no-cycle',
      comment: 'An import cycle, type-only imports included: move what both sides share into a module of its own.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'product-not-to-tests-or-emulator',
      comment: 'Nothing test-only or emulator-only may end up in a build: test helpers import product code, never the reverse.',
      severity: 'error',
      from: { path: PRODUCT },
      to: { path: '^(test|emulator)/' },
    },
    {
      name: 'emulator-not-to-tests',
      comment: 'The emulator (its launcher included) runs in `npm start` and `npm run emulator`, without the tests.',
      severity: 'error',
      from: { path: '^emulator/' },
      to: { path: '^test/' },
    },
    {
      name: 'lib-not-to-views',
      comment: 'lib/ is below the views and the entrypoints that wire them.',
      severity: 'error',
      from: { path: '^lib/' },
      to: { path: '^(components|entrypoints)/' },
    },
    {
      name: 'components-not-to-entrypoints',
      comment: 'Entrypoints wire components; components never reach back into an entrypoint.',
      severity: 'error',
      from: { path: '^components/' },
      to: { path: '^entrypoints/' },
    },
    {
      name: 'views-not-to-background-or-store',
      comment:
        'Views talk to the background through the protocol, and only the background touches IndexedDB. Views name error ' +
        'codes through lib/cometchat/error-code-names.ts: the registry with every message would weigh on the popup.',
      severity: 'error',
      from: { path: '^(components/|entrypoints/(popup|devtools|devtools-panel)/)' },
      to: { path: '^lib/(background|store)/|^lib/cometchat/(error-codes|client)[.]ts$' },
    },
    {
      name: 'page-agent-stays-in-its-folder',
      comment:
        'The page agent runs inside the app under test: it imports its own folder and the page protocol ' +
        '(lib/page/reports.ts) only. The one exception is the list of error-code names, a module that imports nothing.',
      severity: 'error',
      from: { path: PAGE_AGENT },
      to: { pathNot: `${PAGE_AGENT}|^lib/page/reports[.]ts$|^lib/cometchat/error-code-names[.]ts$` },
    },
    {
      name: 'page-protocol-is-a-leaf',
      comment: 'The page protocol is shared by the agent, the relay and the background: it imports nothing.',
      severity: 'error',
      from: { path: '^lib/page/reports[.]ts$|^lib/cometchat/error-code-names[.]ts$' },
      to: {},
    },
    {
      name: 'nothing-up-to-background',
      comment: 'lib/background is the top of lib: it uses the store, the page wing, the transport, never the reverse.',
      severity: 'error',
      from: { path: '^lib/', pathNot: '^lib/background/' },
      to: { path: '^lib/background/' },
    },
    {
      name: 'protocol-imports-types-only',
      comment:
        'lib/protocol.ts and its parts (lib/protocol/) are types and constants shared by the views and the background: ' +
        'they import vocabulary ' +
        '(lib/cometchat, the page protocol, lib/page/page-types.ts), never an implementation module.',
      severity: 'error',
      from: { path: '^lib/protocol([.]ts$|/)' },
      to: {
        path: '^lib/',
        pathNot: '^lib/cometchat/(exception|user|session-health|error-code-names)[.]ts$|^lib/page/(reports|page-types)[.]ts$|^lib/protocol/',
      },
    },
    {
      name: 'store-not-up',
      comment: 'The store sits under the background and the protocol: its records are its own types, not the wire types.',
      severity: 'error',
      from: { path: '^lib/store/' },
      to: { path: '^lib/(page|transport|protocol)/|^lib/(protocol|session-client)[.]ts$', pathNot: '^lib/page/reports[.]ts$' },
    },
    {
      name: 'page-not-up',
      comment: 'The page wing (reaching a page, the functions run in it, the agent) sits under the background and beside the store.',
      severity: 'error',
      from: { path: '^lib/page/' },
      to: { path: '^lib/(store|transport)/|^lib/session-client[.]ts$' },
    },
    {
      name: 'transport-not-up',
      comment: 'A port is a port: the transport knows nothing of what travels over it.',
      severity: 'error',
      from: { path: '^lib/transport/' },
      to: { path: '^lib/', pathNot: '^lib/transport/' },
    },
    {
      name: 'cometchat-not-up',
      comment: "lib/cometchat is CometChat's vocabulary and its client: the bottom of lib.",
      severity: 'error',
      from: { path: '^lib/cometchat/' },
      to: { path: '^lib/', pathNot: '^lib/cometchat/' },
    },
    {
      name: 'helpers-not-up',
      comment:
        'The small helpers at lib/*.ts (masking, sites, badge, display, …) sit under the store, the page wing and ' +
        "the views' session client; they may read the protocol's types.",
      severity: 'error',
      from: { path: TOP_OF_LIB, pathNot: '^lib/(protocol|session-client)[.]ts$' },
      to: { path: '^lib/(store|page|transport)/|^lib/session-client[.]ts$', pathNot: '^lib/page/(reports|page-types)[.]ts$' },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that resolves to nothing is a typo or a missing dependency.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|[.]output|[.]wxt|test-results)/' },
    // Type-only imports are dependencies too (a cycle over a type is still a cycle).
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    skipAnalysisNotInRules: true,
  },
};
