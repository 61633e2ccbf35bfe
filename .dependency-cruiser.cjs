// The layers of ARCHITECTURE.md as allow-lists (its table mirrors this file; its graph is
// `npm run architecture`), checked by dependency-cruiser (`npm run lint:layers`,
// part of `npm run lint` and `npm test`). Every import must match one rule of `allowed` (anything
// else is reported as `not-in-allowed`); the `forbidden` rules name the boundaries that matter most,
// so a violation says which one it crosses. test/unit/layers.test.ts proves each one fires.
//
// Folders (paths are relative to the repository root):
//   foundations  src/logging, src/resources, src/aws                       no vscode
//                src/l10n (translated wording, plural forms), src/timeDisplay (how times read),
//                src/money (how dollar amounts are rounded and read)
//   rules        src/lifecycle, src/readiness, src/cost, src/teardown      pure: no vscode, no SDK
//   features     src/<feature>/<logic folders>  vscode-free logic
//                src/<feature>/ui, src/<feature>/host, src/workbench      VS Code glue
//                src/playground/page                                      browser-only webview script
//                src/logs/page                                            browser-only webview script (the logs view)
//   packages     packages/emulator, packages/schedule-expressions, packages/instance-types
//                packages/service-models (AWS's models from botocore: the tests' oracle, never shipped)

const features = '(explorer|connection|playground|wizards|logs|diagnosis|regions|agentTools)';
const foundations = '^src/(logging|resources|aws|l10n|timeDisplay|money)/';
/** The wording foundations every vscode-free layer may use: translated strings with plural forms, how times and dollar amounts read. */
const wording = '^src/(l10n|timeDisplay|money)/';
const rules = '^src/(lifecycle|readiness|cost|teardown)/';
const prompts = '^src/prompts/';
const workbench = '^src/workbench/';
/** Folders that may use the VS Code API: a feature's ui/ or host/ folder and the shared workbench. */
const uiFolders = `^src/${features}/(ui|host)/|${workbench}`;
/** vscode resolves to its type declarations; unresolved it is the bare name. */
const vscode = '^vscode$|^node_modules/@types/vscode/';
/** The two dependency-free workspace packages, by their sources (what `@s2z/...` resolves to). */
const smallPackages = '^packages/(schedule-expressions|instance-types)/src/';
/** Their public entry points: the only file of theirs anything else reaches. */
const smallPackageApis = '^packages/(schedule-expressions|instance-types)/src/index\\.ts$';
/** A feature's vscode-free folders: everything in it but ui/, host/, page/ (and the webview protocol). */
const featureLogic = `^src/${features}/`;
const notFeatureLogic = `^src/${features}/(ui|host|page)/|^src/playground/protocol\\.ts$|^src/logs/protocol\\.ts$`;
/** Where the AWS SDK and its building blocks resolve. */
const awsSdk = '^node_modules/(@aws-sdk|@smithy)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycles, not even through type-only imports: every folder reads as a tree.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'Every import resolves (a typo would otherwise slip past the allow-list as a bare name).',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'vscode-only-in-ui',
      severity: 'error',
      comment: 'Only src/extension.ts, src/*/ui, src/*/host and src/workbench use the VS Code API; everything else runs in plain Node.',
      from: { path: '^(src|packages)/', pathNot: `^src/extension\\.ts$|${uiFolders}` },
      to: { path: vscode },
    },
    {
      name: 'logic-not-on-ui',
      severity: 'error',
      comment: 'Foundations, rules, prompts and the features\' vscode-free folders never reach up into VS Code glue.',
      from: { path: '^src/', pathNot: `^src/extension\\.ts$|${uiFolders}|^src/(playground|logs)/page/` },
      to: { path: `${uiFolders}|^src/extension\\.ts$|^src/(playground|logs)/page/` },
    },
    {
      name: 'foundations-below-rules',
      severity: 'error',
      comment: 'logging, resources and aws know nothing of the rules or the features above them.',
      from: { path: foundations },
      to: { path: '^src/', pathNot: foundations },
    },
    {
      name: 'rules-only-on-resources',
      severity: 'error',
      comment: 'The pure rules read the account model (src/resources) and nothing else of src: no AWS access, no features.',
      from: { path: rules },
      to: { path: '^src/', pathNot: `^src/resources/|^src/$1/|${wording}` },
    },
    {
      name: 'page-is-browser-only',
      severity: 'error',
      comment: 'The webview page runs in the browser: the protocol, its own files, lit and @vscode-elements/elements only.',
      from: { path: '^src/playground/page/' },
      to: { pathNot: '^src/playground/page/|^src/playground/protocol\\.ts$|^node_modules/(lit|@vscode-elements/elements)/' },
    },
    {
      name: 'logs-page-is-browser-only',
      severity: 'error',
      comment: 'The logs view\'s page runs in the browser: its protocol, its own files, lit and @vscode-elements/elements only.',
      from: { path: '^src/logs/page/' },
      to: { pathNot: '^src/logs/page/|^src/logs/protocol\\.ts$|^node_modules/(lit|@vscode-elements/elements)/' },
    },
    {
      name: 'logs-protocol-stands-alone',
      severity: 'error',
      comment: 'The logs protocol is bundled into the page and the host alike: it imports nothing.',
      from: { path: '^src/logs/protocol\\.ts$' },
      to: {},
    },
    {
      name: 'protocol-stands-alone',
      severity: 'error',
      comment:
        'The playground protocol is bundled into the page and the host alike: it imports only the cold-start phases it carries (the cold-start model owns them), and those import nothing.',
      from: { path: '^src/playground/protocol\\.ts$|^src/playground/coldStart/phases\\.ts$' },
      to: { pathNot: '^src/playground/coldStart/phases\\.ts$' },
    },
    {
      name: 'packages-stand-alone',
      severity: 'error',
      comment: 'A workspace package never imports the extension or its tests: the extension talks to the emulator over HTTP.',
      from: { path: '^packages/' },
      to: { path: '^(src|test)/' },
    },
    {
      name: 'small-packages-import-nothing',
      severity: 'error',
      comment: 'schedule-expressions and instance-types are dependency-free: their own files only.',
      from: { path: smallPackages },
      to: { pathNot: '^packages/$1/src/' },
    },
    {
      name: 'service-models-only-in-tests',
      severity: 'error',
      comment: 'AWS\'s models come from botocore on the machine: only tests read them, never the extension or the emulator they judge.',
      from: { path: '^(src|packages/[^/]+/src)/', pathNot: '^packages/service-models/' },
      to: { path: '^packages/service-models/' },
    },
    {
      name: 'packages-by-name',
      severity: 'error',
      comment: 'Code outside a package reaches it by its package name (@s2z/...), never by a relative path into packages/*/src.',
      from: { path: '^(src|test)/' },
      to: { path: '^packages/', dependencyTypesNot: ['aliased-workspace'] },
    },
    {
      name: 'packages-by-name-between-packages',
      severity: 'error',
      comment: 'One package reaches another by its package name (@s2z/...), never by a relative path.',
      from: { path: '^packages/([^/]+)/' },
      to: { path: '^packages/', pathNot: '^packages/$1/', dependencyTypes: ['local'] },
    },
    {
      name: 'emulator-only-from-connection',
      severity: 'error',
      comment: 'The extension only starts the emulator (src/connection/ui); nothing else of src reaches into it.',
      from: { path: '^src/', pathNot: '^src/connection/ui/' },
      to: { path: '^packages/emulator/' },
    },
    {
      name: 'sdk-only-in-lazy-bundle',
      severity: 'error',
      comment: 'Only src/aws/sdk.ts (dist/aws-sdk.js, loaded on the first AWS call) imports SDK values; everything else imports SDK types only, or the SDK would load at activation.',
      from: { path: '^src/', pathNot: '^src/aws/sdk\\.ts$' },
      to: { path: awsSdk, dependencyTypesNot: ['type-only'] },
    },
  ],

  allowedSeverity: 'error',
  allowed: [
    // --- composition root ---
    { comment: 'extension.ts wires everything in src', from: { path: '^src/extension\\.ts$' }, to: { path: `^src/|${vscode}` } },

    // --- VS Code glue: src/<feature>/ui, src/<feature>/host, src/workbench ---
    { comment: 'ui/host folders use VS Code', from: { path: uiFolders }, to: { path: vscode } },
    {
      comment: 'ui/host folders use their own feature (not the browser page)',
      from: { path: `^src/${features}/(ui|host)/` },
      to: { path: '^src/$1/', pathNot: '^src/$1/page/' },
    },
    { comment: 'workbench uses its own files', from: { path: workbench }, to: { path: workbench } },
    { comment: 'VS Code glue runs in the extension host: Node built-ins (e.g. node:crypto for the webview nonce)', from: { path: uiFolders }, to: { dependencyTypes: ['core'] } },
    { comment: 'VS Code glue builds on foundations, rules, prompts and the workbench', from: { path: uiFolders }, to: { path: `${foundations}|${rules}|${prompts}|${workbench}` } },
    {
      comment: 'Declared exception: the connection manager holds the one active connection every feature\'s UI acts on',
      from: { path: `^src/${features}/(ui|host)/` },
      to: { path: '^src/connection/ui/connectionManager\\.ts$' },
    },
    {
      comment: 'Declared exception: the connection manager keeps one explorer inventory per connection',
      from: { path: '^src/connection/ui/' },
      to: { path: '^src/explorer/inventory/' },
    },
    { comment: 'The extension starts the emulator (by its package name; only here)', from: { path: '^src/connection/ui/' }, to: { path: '^packages/emulator/src/index\\.ts$' } },

    // --- features' vscode-free logic: explorer/inventory, playground/{coldStart,session}, wizards/* ---
    {
      comment: 'feature logic uses its own feature\'s logic',
      from: { path: featureLogic, pathNot: notFeatureLogic },
      to: { path: '^src/$1/', pathNot: '^src/$1/(ui|host|page)/' },
    },
    {
      comment: 'feature logic builds on foundations, rules, prompts and the small packages',
      from: { path: featureLogic, pathNot: notFeatureLogic },
      to: { path: `${foundations}|${rules}|${prompts}|${smallPackageApis}` },
    },
    {
      comment: 'Failures explained and cold starts explained (src/diagnosis, vscode-free) are shown by the explorer\'s tree and the playground: their logic and UI may use it',
      from: { path: '^src/(explorer|playground)/', pathNot: '^src/playground/page/|^src/playground/protocol\\.ts$' },
      to: { path: '^src/diagnosis/', pathNot: '^src/diagnosis/(ui|host|page)/' },
    },
    {
      comment: 'Declared exception: the agent tools (src/agentTools, vscode-free) expose what the other features already know and do: the explorer\'s inventory, the wizards\' plan builders and plans, the explained cold starts',
      from: { path: '^src/agentTools/', pathNot: '^src/agentTools/ui/' },
      to: { path: '^src/(explorer|wizards|diagnosis)/', pathNot: '^src/(explorer|wizards|diagnosis)/(ui|host|page)/' },
    },
    {
      comment: 'Declared exception: an acting agent tool runs its plan through the wizards\' own environment and plan target (src/wizards/ui/wizardCommand.ts): one code path with the wizards',
      from: { path: '^src/agentTools/ui/' },
      to: { path: '^src/wizards/ui/wizardCommand\\.ts$|^src/wizards/plans/' },
    },
    { comment: 'feature logic may name SDK types (values come through src/aws)', from: { path: featureLogic, pathNot: notFeatureLogic }, to: { path: awsSdk, dependencyTypes: ['type-only'] } },

    // --- prompts: the vscode-free user-input interface ---
    { comment: 'prompts builds on its own files, foundations and rules', from: { path: prompts }, to: { path: `${prompts}|${foundations}|${rules}` } },

    // --- rules ---
    { comment: 'rules use their own folder, the account model, the wording and the small packages', from: { path: rules }, to: { path: `^src/$1/|^src/resources/|${wording}|${smallPackageApis}` } },

    // --- foundations ---
    { comment: 'resources: its own files and the schedule expressions', from: { path: '^src/resources/' }, to: { path: '^src/resources/|^packages/schedule-expressions/src/index\\.ts$' } },
    { comment: 'aws: its own files, the account model, the logger and the SDK', from: { path: '^src/aws/' }, to: { path: `^src/(aws|resources|logging)/|${awsSdk}` } },
    { comment: 'aws reads profiles and files from disk', from: { path: '^src/aws/' }, to: { dependencyTypes: ['core'] } },
    { comment: 'logging: its own files only', from: { path: '^src/logging/' }, to: { path: '^src/logging/' } },
    { comment: 'l10n: its own files and @vscode/l10n (vscode-free; the extension hands it VS Code\'s bundle)', from: { path: '^src/l10n/' }, to: { path: '^src/l10n/|^node_modules/@vscode/l10n/' } },
    { comment: 'timeDisplay: its own files only (Intl)', from: { path: '^src/timeDisplay/' }, to: { path: '^src/timeDisplay/' } },
    { comment: 'money: its own files only', from: { path: '^src/money/' }, to: { path: '^src/money/' } },

    // --- the webview protocol: the phases it carries ---
    { comment: 'protocol: the cold-start phases (which import nothing)', from: { path: '^src/playground/protocol\\.ts$' }, to: { path: '^src/playground/coldStart/phases\\.ts$' } },

    // --- the webview page (browser) ---
    {
      comment: 'page: the protocol, its own files, lit and @vscode-elements/elements',
      from: { path: '^src/playground/page/' },
      to: { path: '^src/playground/page/|^src/playground/protocol\\.ts$|^node_modules/(lit|@vscode-elements/elements)/', dependencyTypesNot: ['core'] },
    },

    {
      comment: 'logs page: its protocol, its own files, lit and @vscode-elements/elements',
      from: { path: '^src/logs/page/' },
      to: { path: '^src/logs/page/|^src/logs/protocol\\.ts$|^node_modules/(lit|@vscode-elements/elements)/', dependencyTypesNot: ['core'] },
    },

    // --- workspace packages ---
    { comment: 'emulator: its own files', from: { path: '^packages/emulator/src/' }, to: { path: '^packages/emulator/src/' } },
    { comment: 'emulator: Node built-ins', from: { path: '^packages/emulator/src/' }, to: { dependencyTypes: ['core'] } },
    { comment: 'emulator: the two small packages and the Smithy building blocks', from: { path: '^packages/emulator/src/' }, to: { path: `${smallPackageApis}|^node_modules/@smithy/` } },
    { comment: 'schedule-expressions, instance-types: their own files only', from: { path: smallPackages }, to: { path: '^packages/$1/src/' } },
    { comment: 'service-models: its own files and Node (files, zlib, python3 to find botocore)', from: { path: '^packages/service-models/src/' }, to: { path: '^packages/service-models/src/' } },
    { comment: 'service-models: Node built-ins', from: { path: '^packages/service-models/src/' }, to: { dependencyTypes: ['core'] } },

    // --- tests ---
    { comment: 'tests use anything in src, test, npm packages and Node', from: { path: '^test/' }, to: { pathNot: '^packages/' } },
    { comment: 'tests use the workspace packages by name', from: { path: '^test/' }, to: { path: '^packages/[^/]+/src/index\\.ts$', dependencyTypes: ['aliased-workspace'] } },
    { comment: 'a package\'s own tests use its sources, test helpers, npm packages and Node', from: { path: '^packages/([^/]+)/test/' }, to: { pathNot: '^(src|test)/|^packages/(?!$1/)' } },
    { comment: 'a package\'s own tests use the other packages by name', from: { path: '^packages/[^/]+/test/' }, to: { path: '^packages/[^/]+/src/index\\.ts$' } },
  ],

  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // The workspace packages resolve to their TypeScript sources, as in the extension's bundles.
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['source', 'types', 'import', 'require', 'node', 'default'],
      mainFields: ['module', 'main', 'types'],
      extensions: ['.ts', '.d.ts', '.js', '.mjs', '.cjs', '.json'],
    },
  },
};
