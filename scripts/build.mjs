// Bundles src/ into dist/ with esbuild. Bundling is what keeps start-up fast: Node resolves and
// compiles one file per chunk instead of hundreds of small modules, and each command stays a
// separate chunk loaded only when it runs (code splitting on dynamic import()).
import { build } from 'esbuild';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// Build beside dist/ and swap it in at the end, so a CLI running from dist/ meanwhile keeps working.
const staging = `${root}/dist.building-${process.pid}`;
rmSync(staging, { recursive: true, force: true });

// marked-terminal imports cli-highlight (all of highlight.js plus an HTML parser, ~150 ms to
// load) and node-emoji (a 200 KB table we never use, emoji are off). Swap both for small local
// modules with the same functions, so rendering a lesson stays quick to start.
const substitutes = { 'cli-highlight': 'src/ui/code-highlight.ts', 'node-emoji': 'src/ui/no-emoji.ts' };
// chalk asks node:tty whether stdout is a terminal as it loads, and node:tty loads node:net:
// about 4 ms at every start-up, for an answer the tutorial overrides anyway (src/ui/terminal.ts,
// applyColor). Give chalk a check that loads node:tty only for character devices.
const substitute = {
  name: 'substitute-heavy-dependencies',
  setup(b) {
    b.onResolve({ filter: /^(cli-highlight|node-emoji)$/ }, (args) => ({ path: `${root}/${substitutes[args.path]}` }));
    b.onResolve({ filter: /^node:tty$/ }, (args) =>
      /node_modules\/chalk\//.test(args.importer) ? { path: `${root}/src/io/is-terminal.ts` } : undefined,
    );
  },
};

const version = JSON.parse(readFileSync(`${root}/package.json`, 'utf8')).version;
// One id for every file of this build: caches written by one part (say the full `list`) are
// read by another (the quick path), and never by a different build (src/io/cache-files.ts).
const buildId = `${version}-${Date.now().toString(36)}-${process.pid}`;
const shared = {
  absWorkingDir: root,
  outdir: staging,
  bundle: true,
  platform: 'node',
  target: 'node20',
  // better-sqlite3's JavaScript is bundled (its dozen small files cost more to load one by one);
  // its compiled addon is loaded from node_modules at run time (src/io/native-binding.ts).
  external: ['*.node', '@lydell/node-pty'],
  plugins: [substitute],
  minifySyntax: true,
  minifyWhitespace: true,
  sourcemap: 'linked',
  legalComments: 'none',
  metafile: true,
  define: { __VERSION__: JSON.stringify(version), __BUILD_ID__: JSON.stringify(buildId) },
  logLevel: 'warning',
};

// The full command line, as ES modules split by command.
const modules = await build({
  ...shared,
  entryPoints: { cli: 'src/cli.ts' },
  splitting: true,
  format: 'esm',
  // CommonJS dependencies call require(); give the ESM bundle a real one.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
});

// The entry point and the quick path, as CommonJS: Node starts those sooner (src/main.ts).
// main.cjs reaches the ES-module part only through import() of dist/cli.js.
const leaveEsModulesOut = {
  name: 'leave-es-modules-out',
  setup(b) {
    b.onResolve({ filter: /^\.\/cli\.js$/ }, (args) => (args.importer.endsWith('src/main.ts') ? { path: './cli.js', external: true } : undefined));
  },
};
const commonJs = await build({
  ...shared,
  // The workers too: one starts at every check, on the path to the verdict. (The code worker
  // loads the learner's ES modules with import(), which works from CommonJS as well.)
  entryPoints: { main: 'src/main.ts', quick: 'src/quick.ts', 'quick-verify': 'src/quick-verify.ts', 'sql-worker': 'src/sql-worker.ts', 'code-worker': 'src/code-worker.ts' },
  format: 'cjs',
  outExtension: { '.js': '.cjs' },
  plugins: [substitute, leaveEsModulesOut],
  // import.meta.url (where the lessons and the native addon are found from) in CommonJS terms.
  banner: { js: 'const __importMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
  define: { ...shared.define, 'import.meta.url': '__importMetaUrl' },
});
const result = { metafile: { inputs: { ...modules.metafile.inputs, ...commonJs.metafile.inputs } } };

// The bundle contains other projects' code: ship their licence texts beside it.
const packages = new Set();
for (const input of Object.keys(result.metafile.inputs)) {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
  if (match) packages.add(match[1]);
}
const notices = [...packages].sort().map((name) => {
  const dir = `${root}/node_modules/${name}`;
  const { version, license } = JSON.parse(readFileSync(`${dir}/package.json`, 'utf8'));
  const file = existsSync(dir) ? readdirSync(dir).find((entry) => /^(licen[cs]e|copying)/i.test(entry)) : undefined;
  const text = file ? readFileSync(`${dir}/${file}`, 'utf8').trim() : `License: ${license}`;
  return `${name}@${version} (${license})\n\n${text}\n`;
});
writeFileSync(`${staging}/THIRD-PARTY-LICENSES.txt`, `backend-intro bundles the following packages.\n\n${notices.join('\n' + '-'.repeat(72) + '\n\n')}`);

rmSync(`${root}/dist`, { recursive: true, force: true });
renameSync(staging, `${root}/dist`);
