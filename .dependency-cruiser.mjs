// The layering of src/ (README "How it works"), enforced by `npm run lint`: a module imports only
// from its own layer's folder or from layers below it, type imports included. Lowest first.
const LAYERS = [
  ['base', '^src/(config|errors|logger|printable)\\.ts$'],
  ['domain', '^src/domain/'],
  ['notes', '^src/notes/'],
  ['store', '^src/store/'],
  ['queue', '^src/queue/'],
  ['llm', '^src/llm/'],
  ['search', '^src/search/'],
  ['runtime', '^src/runtime\\.ts$'],
  ['ingest', '^src/ingest/'],
  ['recap', '^src/recap/'],
  ['schedule', '^src/schedule/'],
  ['reports', '^src/reports/'],
  ['jobs', '^src/jobs/'],
  ['chat', '^src/chat/'],
  ['adapters', '^src/adapters/'],
  ['mcp', '^src/mcp/'],
  ['web', '^src/web/'],
  ['app', '^src/app/'],
  ['cli', '^src/(cli/|cli\\.ts$)'],
  ['workers', '^workers/'],
];

const upward = LAYERS.slice(0, -1).map(([name, path], rank) => ({
  name: `layer-${name}`,
  comment: `${name} is below ${LAYERS.slice(rank + 1).map(([above]) => above).join(', ')}: it must not import them`,
  severity: 'error',
  from: { path },
  to: { path: LAYERS.slice(rank + 1).map(([, above]) => above) },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    ...upward,
    {
      name: 'one-adapter',
      comment: 'a chat platform adapter does not import another one',
      severity: 'error',
      from: { path: '^src/adapters/([^/]+)/' },
      to: { path: '^src/adapters/', pathNot: '^src/adapters/$1/' },
    },
    {
      name: 'slack-sdk-in-its-adapter',
      comment: 'only src/adapters/slack imports the Slack SDK',
      severity: 'error',
      from: { pathNot: '^src/adapters/slack/' },
      to: { path: '(^|/)node_modules/@slack/' },
    },
    {
      name: 'discord-sdk-in-its-adapter',
      comment: 'only src/adapters/discord imports discord.js',
      severity: 'error',
      from: { pathNot: '^src/adapters/discord/' },
      to: { path: '(^|/)node_modules/(discord\\.js|@discordjs)/' },
    },
    {
      name: 'mcp-sdk-in-its-folder',
      comment: 'only src/mcp imports the MCP SDK',
      severity: 'error',
      from: { pathNot: '^src/mcp/' },
      to: { path: '(^|/)node_modules/@modelcontextprotocol/' },
    },
    {
      name: 'no-circular',
      comment: 'modules do not depend on each other in a circle',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    combinedDependencies: false,
    exclude: { path: '^src/search/data/' },
  },
};
