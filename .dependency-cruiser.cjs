/**
 * Architecture boundaries, checked in CI (`npm run check:boundaries`, run by `npm test`'s pretest).
 * The pure core (detect, ingest, diagnose, render, conversation) knows nothing of Slack, storage or the clock; only the
 * storage engines in db/ know a database driver; commands/ are
 * surface-neutral and never reach into the Slack edge; nothing imports in a circle.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import cycle: two modules that cannot be understood (or loaded) one without the other.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'detect-is-self-contained',
      severity: 'error',
      comment: 'src/detect (rules, scanner, result codes) imports nothing of ours outside itself but the list of languages.',
      from: { path: '^src/detect/' },
      to: { path: '^(src|commands|db)/', pathNot: '^src/(detect/|lang\\.ts$)' },
    },
    {
      name: 'the-languages-are-a-leaf',
      severity: 'error',
      comment: 'src/lang.ts (the one list of languages) imports nothing of ours, so that every layer, the pure core included, may import it.',
      from: { path: '^src/lang\\.ts$' },
      to: { path: '^(src|commands|db)/' },
    },
    {
      name: 'ingest-is-self-contained',
      severity: 'error',
      comment: 'src/ingest (bytes to text) imports nothing of ours outside itself.',
      from: { path: '^src/ingest/' },
      to: { path: '^(src|commands|db)/', pathNot: '^src/ingest/' },
    },
    {
      name: 'scan-thread-is-pure-core',
      severity: 'error',
      comment: 'src/scan (the scan thread and its runner) runs bytes → ingest → scan: src/detect and src/ingest only.',
      from: { path: '^src/scan/' },
      to: { path: '^(src|commands|db)/', pathNot: '^src/(scan|detect|ingest)/' },
    },
    {
      name: 'diagnose-sees-only-detect-and-the-kb-facts',
      severity: 'error',
      comment: 'src/diagnose builds on the rules, the KB954960 facts and the list of languages only.',
      from: { path: '^src/diagnose/' },
      to: { path: '^(src|commands|db)/', pathNot: '^src/(diagnose/|detect/|kb954960\\.ts$|lang\\.ts$)' },
    },
    {
      name: 'fleet-core-is-pure',
      severity: 'error',
      comment:
        'src/fleet (report schema, signature, client health, alert decisions) builds on detect, diagnose and the list of languages only: no store, no Slack, no clock (time is passed in).',
      from: { path: '^src/fleet/' },
      to: { path: '^(src|commands|db)/', pathNot: '^src/(fleet/|detect/|diagnose/|kb954960\\.ts$|lang\\.ts$)' },
    },
    {
      name: 'conversation-is-pure',
      severity: 'error',
      comment: 'src/conversation (what a message asks, what the bot says to it) decides from plain data: no store, no Slack, no commands, no clock.',
      from: { path: '^src/conversation/' },
      to: { path: '^(db/|commands/|src/slack/|src/status/|src/clock\\.ts$)' },
    },
    {
      name: 'core-knows-no-store-or-slack',
      severity: 'error',
      comment: 'The pure core and the renderers never import the store (SQL) or the Slack edge.',
      from: { path: '^src/(detect|ingest|diagnose|render)/' },
      to: { path: '^(db/|src/slack/|src/status/scheduler)' },
    },
    {
      name: 'commands-do-not-know-slack',
      severity: 'error',
      comment: 'commands/ serve the CLI and Slack alike: they never import the Slack edge.',
      from: { path: '^commands/' },
      to: { path: '^src/slack/' },
    },
    {
      name: 'only-engines-know-a-driver',
      severity: 'error',
      comment: 'Only the storage engines (db/sqlite, db/postgres) load a database driver; the app speaks to its data through the port (src/store/port.ts).',
      from: { path: '^(src|commands)/' },
      to: { path: 'node_modules/(better-sqlite3|pg|pg-[a-z-]+)/' },
    },
    {
      name: 'the-app-sees-the-port-not-an-engine',
      severity: 'error',
      comment:
        'src/ and commands/ use the storage port (src/store/port.ts), passed in from the top; only the one factory (src/open-storage.ts) picks an engine in db/.',
      from: { path: '^(src|commands)/', pathNot: '^src/open-storage\\.ts$' },
      to: { path: '^db/' },
    },
    {
      name: 'engines-load-on-demand',
      severity: 'error',
      comment:
        'The factory loads an engine only when it is chosen (import()): the CLI on SQLite never loads the PostgreSQL client, and `scan --no-save` no driver.',
      from: { path: '^src/open-storage\\.ts$' },
      to: { path: '^db/', dynamic: false },
    },
    {
      name: 'the-port-is-types',
      severity: 'error',
      comment: 'src/store/port.ts is the contract: row types and interfaces, no engine, no Slack, no commands.',
      from: { path: '^src/store/port\\.ts$' },
      to: { path: '^(db/|commands/|src/slack/|src/open-storage)' },
    },
    {
      name: 'engines-do-not-know-each-other',
      severity: 'error',
      comment: 'Each engine stands alone behind the port: db/sqlite and db/postgres never import one another.',
      from: { path: '^db/([^/]+)/' },
      to: { path: '^db/([^/]+)/', pathNot: '^db/$1/' },
    },
    {
      name: 'no-test-code-in-product',
      severity: 'error',
      from: { path: '^(src|commands|db)/' },
      to: { path: '^(test|bench)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
