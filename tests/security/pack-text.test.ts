// Pack text is never evaluated outside the sandbox. A hostile pack puts JavaScript everywhere:
// in the course title, the lesson's front matter and text, code blocks, HTML, links, exercise
// prompts, hints, explanations, starters, quiz questions, choices and explanations (one with a
// YAML !!js/function tag), and in the code the pack legitimately runs: solutions and tests.
// Every piece, if it ever ran, would write its own marker file and call process.exit(7).
// Reading, listing, printing, hints, progress and reports run none of it. Only checking
// (`verify`, `validate`) runs solutions and tests, and only in the code worker: its markers
// name dist/code-worker.cjs as the process, and the tutorial itself carries on to its own exit code.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { keys, killRunningPtys, removeTempDirs, root, runCli, spawnPty, tempDir, type PtySession } from '../cli/pty-helpers.js';

afterEach(killRunningPtys);
afterAll(removeTempDirs);

/** JavaScript that, if run, leaves a marker naming the process that ran it, then exits 7. */
const payload = (name: string) =>
  `process.getBuiltinModule('fs').writeFileSync(process.env.MARKER_DIR + '/${name}', String(process.argv[1])); process.exit(7);`;
/** The same in the CommonJS form, plus a shell command, for text that might reach other evaluators. */
const cjsPayload = (name: string) => `require('child_process').execSync('touch "' + process.env.MARKER_DIR + '/${name}"'); $(touch "$MARKER_DIR/${name}-shell")`;

/** Markers that only pack code meant to run (solutions, tests, the starter) can leave, and only in the worker. */
const runnable = ['js-solution', 'js-tests', 'js-starter', 'http-solution'];

function hostilePack(): string {
  const pack = path.join(tempDir('bi-hostile-'), 'pack');
  mkdirSync(path.join(pack, 'data'), { recursive: true });
  writeFileSync(path.join(pack, 'data', 'shop.sql'), 'CREATE TABLE t (x INTEGER);\nINSERT INTO t VALUES (1);\n');
  writeFileSync(path.join(pack, 'course.yaml'), `id: hostile\ntitle: ${JSON.stringify(`Hostile ${payload('course-title')}`)}\nformat: 1\ndescription: ${JSON.stringify(payload('course-description'))}\n`);
  const exercise = (fields: Record<string, unknown>) => ['```exercise', YAML.stringify(fields).trimEnd(), '```'].join('\n');
  const lesson = [
    '---',
    'id: hostile',
    `title: ${JSON.stringify(`Hostile \${${payload('title-template')}}`)}`,
    `summary: ${JSON.stringify(payload('summary'))}`,
    'database: shop',
    '---',
    '',
    `Intro \`\${${payload('intro-template')}}\` and ${cjsPayload('intro-cjs')} <script>${payload('intro-script')}</script>`,
    '',
    '## A page of code',
    '',
    '```js',
    payload('code-block'),
    '```',
    '',
    `<img src="x" onerror="${payload('img-onerror').replaceAll('"', '&quot;')}">`,
    '',
    `[a link](javascript:${encodeURIComponent(payload('link'))}) and {{ ${payload('mustache')} }}`,
    '',
    '## Exercises',
    '',
    exercise({
      id: 'sql-one',
      type: 'sql',
      prompt: `Select 1 as x. ${payload('sql-prompt')}`,
      solution: `SELECT 1 AS x; -- ${payload('sql-solution')}`,
      hints: [payload('sql-hint-1'), cjsPayload('sql-hint-2')],
      explain: payload('sql-explain'),
    }),
    '',
    exercise({
      id: 'js-one',
      type: 'js',
      prompt: `Export double(n). ${payload('js-prompt')}`,
      starter: `${payload('js-starter')}\nexport function double(n) {\n  return n;\n}\n`,
      solution: `${payload('js-solution')}\nexport function double(n) { return n * 2; }\n`,
      tests: `assert.equal(mod.double(2), 4);\n${payload('js-tests')}\n`,
      hints: [payload('js-hint-1'), payload('js-hint-2')],
      explain: payload('js-explain'),
    }),
    '',
    exercise({
      id: 'http-one',
      type: 'http',
      prompt: `Answer GET /. ${payload('http-prompt')}`,
      starter: "export default function (app) {\n}\n",
      solution: `${payload('http-solution')}\nexport default function (app) {\n  app.get('/', (req, res) => res.json({ ok: true }));\n}\n`,
      requests: ['GET /'],
      hints: [payload('http-hint-1'), payload('http-hint-2')],
      explain: payload('http-explain'),
    }),
    '',
    '## Quiz',
    '',
    '```quiz',
    'questions:',
    `  - ask: ${JSON.stringify(`Which? ${payload('quiz-ask')}`)}`,
    `    choices: [${JSON.stringify(payload('quiz-choice'))}, plain]`,
    '    answer: plain',
    `    explain: ${JSON.stringify(payload('quiz-explain'))}`,
    '  - ask: A tagged explanation?',
    '    answer: "yes"',
    `    explain: !!js/function ${JSON.stringify(`function () { ${payload('quiz-tagged')} }`)}`,
    '```',
    '',
  ].join('\n');
  writeFileSync(path.join(pack, '01-hostile.md'), lesson);
  return pack;
}

function setup() {
  const pack = hostilePack();
  const base = path.dirname(pack);
  const markers = path.join(base, 'markers');
  const home = path.join(base, 'home');
  const workspace = path.join(base, 'workspace');
  mkdirSync(markers);
  mkdirSync(home);
  return { pack, markers, home, workspace, env: { MARKER_DIR: markers, BACKEND_INTRO_WORKSPACE: workspace } };
}
type Setup = ReturnType<typeof setup>;

function run(s: Setup, args: string[]) {
  return runCli(args, { home: s.home, lessons: s.pack, env: s.env, timeoutMs: 60_000 });
}

function open(s: Setup, args: string[]): PtySession {
  return spawnPty(args, { home: s.home, lessons: s.pack, cols: 100, env: { ...s.env, EDITOR: undefined, VISUAL: undefined } });
}

describe('reading a pack never runs its text', () => {
  it('list, lesson --print, hint, progress and report: exit 0, every payload shown as text, no marker', () => {
    const s = setup();
    const lesson = run(s, ['lesson', '1', '--print']);
    expect(lesson.status, lesson.stderr).toBe(0);
    // Shown as the text it is (the proof that it was read, not skipped).
    for (const name of ['intro-script', 'code-block', 'sql-prompt', 'js-prompt', 'http-prompt', 'quiz-ask', 'quiz-choice']) {
      expect(lesson.stdout).toContain(`/${name}'`);
    }
    for (const args of [
      ['list'],
      ['list', '--json'],
      ['hint', '1.1'],
      ['hint', '1.1'],
      ['hint', '1.1'],
      ['hint', '1.2'],
      ['hint', '1.2'],
      ['hint', '1.3'],
      ['hint', '1.3'],
      ['progress'],
      ['progress', '--json'],
      ['report'],
      ['report', '--json'],
      ['report', '--markdown'],
    ]) {
      const result = run(s, args);
      expect(result.status, `${args.join(' ')}: ${result.stderr}`).toBe(0);
    }
    expect(run(s, ['hint', '1.2']).stdout).toContain("/js-hint-2'");
    expect(readdirSync(s.markers)).toEqual([]);
  });

  it('the reader, the quiz and an exercise in a terminal show it and run none of it', async () => {
    const s = setup();
    const reader = open(s, ['lesson', '1']);
    await reader.waitFor("/intro-script'");
    reader.write(keys.ctrlC);
    expect(await reader.waitForExit()).toBe(130);

    const quiz = open(s, ['quiz', '1']);
    await quiz.waitFor("/quiz-ask'");
    await quiz.waitFor('2. plain');
    quiz.write('1');
    quiz.write(keys.enter);
    await quiz.waitFor("/quiz-explain'"); // a wrong answer shows the explanation
    await quiz.waitFor('A tagged explanation?');
    quiz.write('yes');
    quiz.write(keys.enter);
    await quiz.waitFor("/quiz-tagged'"); // the !!js/function tag is plain text
    quiz.write(keys.ctrlC);
    expect(await quiz.waitForExit()).toBe(130);

    // The exercise writes the starter (code that would leave a marker) into the workspace, and
    // shows the prompt; writing a file is not running it.
    const exercise = open(s, ['exercise', '1.2']);
    await exercise.waitFor("/js-prompt'");
    await exercise.waitFor('1. Check my answer');
    expect(readFileSync(path.join(s.workspace, 'hostile', 'js-one.mjs'), 'utf8')).toContain("/js-starter'");
    exercise.write(keys.ctrlC);
    expect(await exercise.waitForExit()).toBe(130);

    expect(readdirSync(s.markers)).toEqual([]);
  });
});

describe('checking runs solutions and tests in the code worker only, and the tutorial survives their process.exit', () => {
  /** Each marker left, with the script of the process that left it. */
  function markersLeft(s: Setup): Record<string, string> {
    return Object.fromEntries(readdirSync(s.markers).map((name) => [name, path.relative(root, readFileSync(path.join(s.markers, name), 'utf8'))]));
  }
  const worker = path.join('dist', 'code-worker.cjs');

  it('verify of an sql exercise runs no JavaScript at all', () => {
    const s = setup();
    const answer = path.join(s.home, 'answer.sql');
    writeFileSync(answer, 'SELECT 1 AS x;');
    const result = run(s, ['verify', '1.1', answer]);
    expect(result.status, result.stderr).toBe(0);
    expect(markersLeft(s)).toEqual({});
  });

  it('verify of a js exercise runs the tests in the worker; their process.exit(7) is refused and reported', () => {
    const s = setup();
    const answer = path.join(s.home, 'answer.mjs');
    writeFileSync(answer, 'export function double(n) { return n * 2; }\n');
    const result = run(s, ['verify', '1.2', answer]);
    expect(result.status, result.stderr).toBe(1);
    expect(result.stdout).toContain('process.exit()');
    expect(markersLeft(s)).toEqual({ 'js-tests': worker });
  });

  it('verify of an http exercise runs the solution in the worker; its process.exit(7) while loading is a broken solution (exit 2)', () => {
    const s = setup();
    const answer = path.join(s.home, 'answer.mjs');
    writeFileSync(answer, "export default function (app) {\n  app.get('/', (req, res) => res.json({ ok: true }));\n}\n");
    const result = run(s, ['verify', '1.3', answer]);
    expect(result.status, result.stdout).toBe(2);
    expect(result.stderr).toContain('the reference solution of exercise 1.3 does not start');
    expect(markersLeft(s)).toEqual({ 'http-solution': worker });
  });

  it('validate runs solutions, tests and starters in the worker only, and lists what went wrong (exit 1)', () => {
    const s = setup();
    const result = run(s, ['validate', s.pack]);
    expect(result.status, result.stderr).toBe(1);
    expect(result.stdout).toMatch(/01-hostile\.md:\d+: .*1\.2/);
    expect(result.stdout).toMatch(/01-hostile\.md:\d+: .*1\.3/);
    const left = markersLeft(s);
    expect(Object.keys(left).every((name) => runnable.includes(name)), JSON.stringify(left)).toBe(true);
    expect(Object.keys(left)).toEqual(expect.arrayContaining(['js-solution', 'http-solution']));
    for (const script of Object.values(left)) expect(script).toBe(worker);
    expect(existsSync(path.join(s.markers, 'quiz-tagged'))).toBe(false);
  });
});
