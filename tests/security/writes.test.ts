// Nothing is written outside the data folder and the workspace. A representative session of
// commands runs with HOME, the XDG folders, TMPDIR, the working folder, the data folder, the
// workspace and the lesson pack each in a folder of its own; every folder is snapshotted (names,
// sizes, times and content hashes, links not followed) before and after. Only the data folder,
// the workspace and the two files the learner names (an export, a new pack from `init`) may
// differ; TMPDIR, where the checkers put reference solutions for a moment, must be empty again;
// the pack must be exactly as it was.
import * as pty from '@lydell/node-pty';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bin, removeTempDirs, root, runCli, stripAnsi, tempDir } from '../cli/pty-helpers.js';

afterAll(removeTempDirs);

const verifyPack = path.join(root, 'tests', 'fixtures', 'verify-pack');

/** path (relative to the folder) → what it is: "dir", "link → target", or "file size mtime sha1". */
function snapshot(dir: string): Map<string, string> {
  const entries = new Map<string, string>();
  const walk = (relative: string) => {
    for (const name of readdirSync(path.join(dir, relative))) {
      const inner = path.join(relative, name);
      const full = path.join(dir, inner);
      const stats = lstatSync(full);
      if (stats.isDirectory()) {
        entries.set(inner, 'dir');
        walk(inner);
      } else if (stats.isSymbolicLink()) entries.set(inner, 'link');
      else entries.set(inner, `file ${stats.size} ${stats.mtimeMs} ${createHash('sha1').update(readFileSync(full)).digest('hex')}`);
    }
  };
  walk('');
  return entries;
}

/** The paths added, removed or changed between two snapshots, sorted. */
function changes(before: Map<string, string>, after: Map<string, string>): string[] {
  const changed = new Set<string>();
  for (const [name, what] of before) if (after.get(name) !== what) changed.add(name);
  for (const name of after.keys()) if (!before.has(name)) changed.add(name);
  return [...changed].sort();
}

/** Every folder of the session, each created empty (but the pack, a copy of the verify pack). */
function folders() {
  const base = tempDir('bi-writes-');
  const make = (name: string) => {
    const dir = path.join(base, name);
    mkdirSync(dir, { recursive: true });
    return dir;
  };
  const pack = path.join(base, 'pack');
  cpSync(verifyPack, pack, { recursive: true });
  return {
    home: make('home'),
    xdgData: make('xdg-data'),
    xdgConfig: make('xdg-config'),
    xdgCache: make('xdg-cache'),
    xdgState: make('xdg-state'),
    tmp: make('tmp'),
    cwd: make('cwd'),
    data: make('data'),
    workspace: make('workspace'),
    targets: make('targets'),
    pack,
  };
}
type Folders = ReturnType<typeof folders>;

function environment(f: Folders, withDataAndWorkspace: boolean): Record<string, string | undefined> {
  return {
    HOME: f.home,
    XDG_DATA_HOME: f.xdgData,
    XDG_CONFIG_HOME: f.xdgConfig,
    XDG_CACHE_HOME: f.xdgCache,
    XDG_STATE_HOME: f.xdgState,
    TMPDIR: f.tmp,
    BACKEND_INTRO_HOME: withDataAndWorkspace ? f.data : undefined,
    BACKEND_INTRO_WORKSPACE: withDataAndWorkspace ? f.workspace : undefined,
    EDITOR: undefined,
    VISUAL: undefined,
  };
}

/** A plain run (no terminal) in the session's working folder; fails the test on an unexpected exit code. */
function run(f: Folders, args: string[], expected: number, input?: string, withDataAndWorkspace = true): string {
  const result = runCli(args, { home: f.data, lessons: f.pack, cwd: f.cwd, env: environment(f, withDataAndWorkspace), timeoutMs: 60_000, ...(input === undefined ? {} : { input }) });
  expect(result.status, `${args.join(' ')} exited ${result.status}:\n${result.stderr}`).toBe(expected);
  return result.stdout;
}

/** `exercise 2.1` (a js exercise) in a real terminal: the starter is written, replaced by a right answer, checked. */
async function exerciseInTerminal(f: Folders): Promise<void> {
  const env = Object.fromEntries(
    Object.entries({ PATH: process.env.PATH, LANG: 'C.UTF-8', TERM: 'xterm-256color', BACKEND_INTRO_LESSONS: f.pack, ...environment(f, true) }).filter(
      (entry): entry is [string, string] => entry[1] !== undefined,
    ),
  );
  const term = pty.spawn(process.execPath, [bin, 'exercise', '2.1'], { cols: 100, rows: 30, cwd: f.cwd, env });
  let output = '';
  term.onData((data) => (output += data));
  const exit = new Promise<number>((resolve) => term.onExit(({ exitCode }) => resolve(exitCode)));
  const waitFor = async (text: string) => {
    const deadline = Date.now() + 20_000;
    while (!stripAnsi(output).includes(text)) {
      if (Date.now() > deadline) throw new Error(`the exercise never showed "${text}":\n${stripAnsi(output).slice(-1500)}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    output = stripAnsi(output).slice(stripAnsi(output).indexOf(text) + text.length);
  };
  try {
    await waitFor('1. Check my answer');
    const file = path.join(f.workspace, 'code', 'double.mjs');
    expect(readFileSync(file, 'utf8')).toContain('return n;'); // the starter
    writeFileSync(file, 'export function double(n) {\n  return n * 2;\n}\n');
    term.write('1\r');
    await waitFor('passed');
    expect(await exit).toBe(0);
  } finally {
    try {
      term.kill('SIGKILL');
    } catch {
      // already ended
    }
  }
}

describe('nothing is written outside the data folder and the workspace', () => {
  it('in a session of every kind of command', async () => {
    const f = folders();
    const watched = { home: f.home, xdgData: f.xdgData, xdgConfig: f.xdgConfig, xdgCache: f.xdgCache, xdgState: f.xdgState, tmp: f.tmp, cwd: f.cwd, pack: f.pack, targets: f.targets };
    const before = Object.fromEntries(Object.entries(watched).map(([name, dir]) => [name, snapshot(dir)]));

    run(f, ['list'], 0);
    run(f, ['lesson', '1', '--print'], 0);
    run(f, ['hint', '1.1'], 0);
    run(f, ['hint', '2.2'], 0);
    // Answers where verify looks by default: the workspace.
    mkdirSync(path.join(f.workspace, 'queries'), { recursive: true });
    writeFileSync(path.join(f.workspace, 'queries', 'city-customers.sql'), 'SELECT name, city FROM customers WHERE city IS NOT NULL;\n');
    run(f, ['verify', '1.1'], 0);
    await exerciseInTerminal(f);
    writeFileSync(path.join(f.workspace, 'code', 'hello-route.mjs'), "export default function (app) {\n  app.get('/hello', (req, res) => res.json({ message: 'hello' }));\n}\n");
    run(f, ['verify', '2.2', '--json'], 0);
    run(f, ['verify', '2.1'], 0);
    // A wrong answer too (the failure path writes nothing either), which shows what is in TMPDIR
    // while a check runs: the reference solution's temporary file, so TMPDIR is the one in use.
    writeFileSync(
      path.join(f.workspace, 'code', 'hello-route.mjs'),
      "import { readdirSync } from 'node:fs';\nimport os from 'node:os';\nexport default function (app) {\n  app.get('/hello', (req, res) => res.json({ message: readdirSync(os.tmpdir()).join(',') }));\n}\n",
    );
    const wrong = JSON.parse(run(f, ['verify', '2.2', '--json'], 1)) as { checks: { actual?: unknown; message: string }[] };
    expect(JSON.stringify(wrong.checks)).toMatch(/In the body, message is \\"backend-intro-solution-\w+\\"/);
    run(f, ['progress'], 0);
    run(f, ['progress', '--export', path.join(f.targets, 'progress.json')], 0);
    run(f, ['report', '--markdown'], 0);
    run(f, ['reset', '--yes'], 0);
    run(f, ['progress', '--import', path.join(f.targets, 'progress.json')], 0);
    run(f, ['sql'], 0, 'SELECT count(*) FROM customers;\nINSERT INTO customers (name, city) VALUES (\'Zed\', NULL);\nSELECT count(*) FROM customers;\n');
    run(f, ['validate'], 0);
    run(f, ['init', path.join(f.targets, 'new-pack')], 0);

    const after = Object.fromEntries(Object.entries(watched).map(([name, dir]) => [name, snapshot(dir)]));
    const changed = Object.fromEntries(Object.keys(watched).map((name) => [name, changes(before[name]!, after[name]!)]));
    expect(changed).toEqual({
      home: [],
      xdgData: [],
      xdgConfig: [],
      xdgCache: [],
      xdgState: [],
      tmp: [],
      cwd: [],
      pack: [],
      // Only what the learner named: the export file and the new pack.
      targets: changed.targets!.filter((name) => name === 'progress.json' || name === 'new-pack' || name.startsWith(`new-pack${path.sep}`)),
    });
    expect(changed.targets).toContain('progress.json');
    expect(changed.targets).toContain(path.join('new-pack', 'course.yaml'));
    // The session did its work where it should: progress in the data folder, files in the workspace.
    expect(existsSync(path.join(f.data, 'progress.db'))).toBe(true);
    expect(existsSync(path.join(f.workspace, 'code', 'double.mjs'))).toBe(true);
    // TMPDIR was empty before and is empty again: every temporary solution file was removed.
    expect(readdirSync(f.tmp)).toEqual([]);
  });

  it('with the default data folder and workspace: only $XDG_DATA_HOME/backend-intro and ./backend-intro-work change', async () => {
    const f = folders();
    const watched = { home: f.home, xdgData: f.xdgData, xdgConfig: f.xdgConfig, xdgCache: f.xdgCache, xdgState: f.xdgState, tmp: f.tmp, cwd: f.cwd, pack: f.pack };
    const before = Object.fromEntries(Object.entries(watched).map(([name, dir]) => [name, snapshot(dir)]));
    run(f, ['list'], 0, undefined, false);
    run(f, ['hint', '2.1'], 0, undefined, false);
    mkdirSync(path.join(f.cwd, 'backend-intro-work', 'code'), { recursive: true });
    writeFileSync(path.join(f.cwd, 'backend-intro-work', 'code', 'double.mjs'), 'export function double(n) { return n * 2; }\n');
    const cwdBefore = snapshot(f.cwd);
    run(f, ['verify', '2.1'], 0, undefined, false);
    const after = Object.fromEntries(Object.entries(watched).map(([name, dir]) => [name, snapshot(dir)]));

    const changed = Object.fromEntries(Object.keys(watched).map((name) => [name, changes(before[name]!, after[name]!)]));
    expect(changed.xdgData!.length).toBeGreaterThan(0);
    expect(changed.xdgData!.every((name) => name === 'backend-intro' || name.startsWith(`backend-intro${path.sep}`))).toBe(true);
    expect(changes(cwdBefore, snapshot(f.cwd))).toEqual([]); // verify only read the workspace file
    expect({ ...changed, xdgData: [], cwd: changed.cwd!.filter((name) => !name.startsWith('backend-intro-work')) }).toEqual({
      home: [],
      xdgData: [],
      xdgConfig: [],
      xdgCache: [],
      xdgState: [],
      tmp: [],
      cwd: [],
      pack: [],
    });
    expect(readdirSync(f.tmp)).toEqual([]);
  });
});
