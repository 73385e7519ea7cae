// Terminal control sequences where the tool does not write them itself: in SQL results, in what
// a learner's code prints, and in the text of a lesson pack (titles, summary, headings, prose,
// exercise prompts, hints, quiz questions and choices, even in a pack error message). They must
// be shown neutralised (as ^[…), never sent raw: a raw ESC[2J clears the learner's screen, an
// OSC 52 writes their clipboard, an OSC 0 renames their window.
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, keys, killRunningPtys, removeTempDirs, root, runCli, spawnPty, tempDir, type CliResult } from '../cli/pty-helpers.js';
import { controlCharacters, stackTrace } from './screen-checks.js';

beforeAll(ensureBuilt);
afterEach(killRunningPtys);
afterAll(removeTempDirs);

// In YAML double quotes \e is ESC and \a is BEL; in Markdown prose the raw characters go in.
// The numbers are unusual on purpose: no sequence the tool draws itself uses them.
const yamlClear = '\\e[2J';
const yamlUp = '\\e[7777A';
const yamlClipboard = '\\e]52;c;SGVsbG8=\\a';
const yamlTitle = '\\e]0;pwned\\a';
const yamlColour = '\\e[38;5;77m';
const rawUp = '\x1b[7777A';
const rawClipboard = '\x1b]52;c;SGVsbG8=\x07';

/**
 * The injected sequences as a terminal would receive them if sent raw. (ESC[2J is left out: the
 * reader clears the screen with it itself; the runs without a terminal above catch it.)
 */
const injected = ['\x1b[7777A', '\x1b]52;', '\x1b]0;pwned', '\x1b[38;5;77m', '\x07', '\x9b'];

function writePack(dir: string, quizAnswer = `Right ${yamlColour}`): string {
  mkdirSync(path.join(dir, 'data'), { recursive: true });
  cpSync(path.join(root, 'tests', 'fixtures', 'verify-pack', 'data'), path.join(dir, 'data'), { recursive: true });
  writeFileSync(path.join(dir, 'course.yaml'), ['id: inject-pack', `title: "Inject ${yamlUp} pack"`, 'format: 1', `description: "About ${yamlClipboard} this pack"`, ''].join('\n'));
  const fence = '```';
  writeFileSync(
    path.join(dir, '01-inject.md'),
    [
      '---',
      'id: inject',
      `title: "Lesson ${yamlUp} ${yamlTitle} one"`,
      `summary: "Summary ${yamlColour} green ${yamlClear}"`,
      'database: shop',
      '---',
      '',
      `INTRO-TEXT with a raw ${rawUp} move, a bell \x07 and a clipboard write ${rawClipboard} in it.`,
      '',
      `## Heading ${rawUp} two`,
      '',
      `${fence}exercise`,
      'id: names',
      'type: sql',
      `prompt: "List every customer's name. ${yamlUp} ${yamlClipboard}"`,
      'solution: SELECT name FROM customers;',
      'hints:',
      `  - "Hint ${yamlUp} one"`,
      `explain: "Explained ${yamlTitle}"`,
      fence,
      '',
      `${fence}exercise`,
      'id: hello',
      'type: http',
      `prompt: "Answer GET /hello. ${yamlClear}"`,
      'solution: |',
      '  export default function (app) {',
      "    app.get('/hello', (req, res) => res.json({ message: 'hello' }));",
      '  }',
      'requests:',
      '  - GET /hello',
      fence,
      '',
      `${fence}quiz`,
      'questions:',
      `  - ask: "Pick ${yamlUp} one"`,
      `    choices: ["Right ${yamlColour}", "Wrong ${yamlClipboard}"]`,
      `    answer: "${quizAnswer}"`,
      `    explain: "Because ${yamlTitle}"`,
      fence,
      '',
    ].join('\n'),
  );
  writeFileSync(path.join(dir, '02-next.md'), ['---', 'id: next', `title: "Next ${yamlTitle} lesson"`, `summary: "Then ${yamlClear}"`, '---', '', 'NEXT-LESSON text.', ''].join('\n'));
  return dir;
}

const pack = writePack(path.join(tempDir('bi-inject-pack-'), 'pack'));
// The same pack with a quiz answer that is not a choice: the error message quotes it.
const brokenPack = writePack(path.join(tempDir('bi-inject-broken-'), 'pack'), `Missing ${yamlClipboard}`);

const files = tempDir('bi-inject-files-');
function file(name: string, text: string): string {
  const where = path.join(files, name);
  writeFileSync(where, text);
  return where;
}
const sqlWithControls = file('controls.sql', "SELECT char(27) || '[2J' AS clear, char(27) || ']52;c;SGVsbG8=' || char(7) AS clipboard, 'bell' || char(7) AS bel, char(27) || '[7777A' AS up, char(155) || '2J' AS c1 FROM customers;\n");
const noisyHandler = file(
  'noisy.mjs',
  [
    'export default function (app) {',
    "  console.log('\\x1b[2J\\x1b]52;c;SGVsbG8=\\x07 LEARNER-OUTPUT \\x1b[7777A\\x07');",
    "  app.get('/hello', (req, res) => { console.error('\\x1b]0;pwned\\x07'); res.json({ message: 'hi \\x1b[2J' }); });",
    '}',
    '',
  ].join('\n'),
);

function run(home: string, args: string[], options: { lessons?: string; input?: string } = {}): CliResult {
  return runCli(args, { home, lessons: options.lessons ?? pack, cwd: files, input: options.input, env: { NO_COLOR: '1', BACKEND_INTRO_WORKSPACE: path.join(home, 'work') } });
}

function expectNeutral(result: CliResult, what: string): void {
  expect(controlCharacters(result.stdout), `${what}: stdout`).toEqual([]);
  expect(controlCharacters(result.stderr), `${what}: stderr`).toEqual([]);
  expect(result.stderr, what).not.toMatch(stackTrace);
}

describe('no terminal, NO_COLOR: not one control character reaches stdout or stderr', () => {
  const home = tempDir('bi-inject-home-');

  it('SQL results (sql piped, verify): shown as ^[ and \\x9b, the table intact', () => {
    const sql = run(home, ['sql'], { input: "SELECT char(27) || '[2J' AS clear, 'bell' || char(7) AS bel, char(155) || '2J' AS c1;\n" });
    expect(sql.status, sql.stderr).toBe(0);
    expectNeutral(sql, 'sql');
    expect(sql.stdout).toContain('^[[2J');
    expect(sql.stdout).toContain('bell^G');
    expect(sql.stdout).toContain('\\x9b2J');
    const verify = run(home, ['verify', '1.1', sqlWithControls]);
    expect(verify.status).toBe(1);
    expectNeutral(verify, 'verify');
    expect(verify.stdout).toContain('^[');
    const json = run(home, ['verify', '1.1', sqlWithControls, '--json']);
    expectNeutral(json, 'verify --json');
  });

  it("a learner's console output and response body (verify of an http answer)", () => {
    const result = run(home, ['verify', '1.2', noisyHandler]);
    expect(result.status).toBe(1);
    expectNeutral(result, 'verify 1.2');
    expect(result.stdout).toContain('LEARNER-OUTPUT');
    expect(result.stdout).toContain('^[]52;c;SGVsbG8=^G');
    const json = run(home, ['verify', '1.2', noisyHandler, '--json']);
    expectNeutral(json, 'verify 1.2 --json');
  });

  it.each(
    [
      ['list'],
      ['list', '--json'],
      ['lesson', '1', '--print'],
      ['lesson', '2', '--print'],
      ['hint', '1.1'],
      ['progress'],
      ['progress', '--json'],
      ['report'],
      ['report', '--markdown'],
      ['report', '--json'],
      ['validate'],
      ['reset', '1', '--yes'],
    ].map((args) => [args.join(' '), args] as const),
  )('pack text in `%s`', (_name, args) => {
    const result = run(home, args);
    expect(result.status, result.stderr).toBe(0);
    expectNeutral(result, args.join(' '));
  });

  it('lesson --print shows the pack text, neutralised, rather than dropping it', () => {
    const result = run(home, ['lesson', '1', '--print']);
    for (const shown of ['Lesson ^[[7777A ^[]0;pwned^G one', 'Summary ^[[38;5;77m green', 'INTRO-TEXT with a raw ^[[7777A move', 'Heading ^[[7777A two', 'Pick ^[[7777A one', 'Wrong ^[]52;c;SGVsbG8=^G']) {
      expect(result.stdout).toContain(shown);
    }
  });

  it('a pack error that quotes the pack text (every command, and validate)', () => {
    const list = run(home, ['list'], { lessons: brokenPack });
    expect(list.status).toBe(2);
    expectNeutral(list, 'list on the broken pack');
    expect(list.stderr).toContain('Missing ^[]52;c;SGVsbG8=^G');
    const validate = run(home, ['validate'], { lessons: brokenPack });
    expect(validate.status).toBe(1);
    expectNeutral(validate, 'validate on the broken pack');
  });
});

describe('in a terminal: the injected sequences never reach it raw', () => {
  function expectNoneInjected(raw: string, what: string): void {
    for (const sequence of injected) expect(raw.includes(sequence), `${what}: ${JSON.stringify(sequence)} reached the terminal`).toBe(false);
  }
  const env = { NO_COLOR: '1', EDITOR: undefined, VISUAL: undefined };

  it('the home menu, reading lesson 1 to its end, the quiz, and the offer of lesson 2', async () => {
    const session = spawnPty([], { lessons: pack, env });
    await session.waitFor('Inject ^[[7777A pack');
    await session.waitFor('About ^[]52;c;SGVsbG8=^G this pack');
    await session.waitFor(/Start: lesson 1 · Lesson \^\[\[7777A/);
    session.write(keys.enter);
    await session.waitFor('INTRO-TEXT');
    await session.waitFor(/page 1 of 2/);
    session.write(keys.enter);
    await session.waitFor('Heading ^[[7777A two');
    await session.waitFor(/Try exercise 1\.1 now\?/);
    session.write('n');
    session.write(keys.enter);
    await session.waitFor(/Try exercise 1\.2 now\?/);
    session.write('n');
    session.write(keys.enter);
    await session.waitFor(/Take the quiz now\?/);
    session.write(keys.enter);
    await session.waitFor('Pick ^[[7777A one');
    await session.waitFor('Wrong ^[]52;c;SGVsbG8=^G');
    session.write(keys.enter);
    await session.waitFor('Because ^[]0;pwned^G');
    await session.waitFor(/page 2 of 2/);
    session.write(keys.enter);
    await session.waitFor('Go on to lesson 2: Next ^[]0;pwned^G lesson?');
    session.write(keys.ctrlC);
    expect(await session.waitForExit()).toBe(130);
    expectNoneInjected(session.raw, 'home menu and lesson 1');
  });

  it('the sql> prompt of exercise 1.1: its task, a hint, and a result full of control characters', async () => {
    const session = spawnPty(['exercise', '1.1'], { lessons: pack, env });
    await session.waitFor("List every customer's name. ^[[7777A");
    await session.waitFor('sql>');
    session.write("SELECT char(27) || '[2J' AS clear, 'ding' || char(7) AS bel, char(27) || ']0;pwned' || char(7) AS title;\r");
    await session.waitFor('^[[2J');
    await session.waitFor('sql>');
    session.write('.hint\r');
    await session.waitFor('Hint ^[[7777A one');
    session.write('.quit\r');
    expect(await session.waitForExit()).toBe(0);
    expectNoneInjected(session.raw, 'exercise 1.1');
  });

  it('reset asks about the lesson by its title, neutralised', async () => {
    const session = spawnPty(['reset', '1'], { lessons: pack, env });
    await session.waitFor('Lesson ^[[7777A ^[]0;pwned^G one');
    session.write('n');
    session.write(keys.enter);
    expect(await session.waitForExit()).toBe(0);
    expectNoneInjected(session.raw, 'reset 1');
  });
});
