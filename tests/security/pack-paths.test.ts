// A lesson pack names files (its databases, the learner's workspace files) and is itself files;
// none of them may lead out of the pack's folder. A name with folders in it (`database:
// ../../x`, `file: ../x.mjs`, an absolute path) is a format error: exit 2 before anything is
// read or written. A symbolic link in the pack that leads outside it (data/shop.sql ->
// ~/secret, a lesson file -> /etc/...) is refused the same way, by every command, and listed by
// `validate`; a link that stays inside the pack is fine.
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { linksLeavingPack } from '../../src/io/pack-boundary.js';
import { removeTempDirs, root, runCli, tempDir } from '../cli/pty-helpers.js';

const verifyPack = path.join(root, 'tests', 'fixtures', 'verify-pack');
/** What the outside files hold: it must never show up in anything the tutorial prints. */
const secret = 'SECRET-OUTSIDE-THE-PACK';

afterEach(removeTempDirs);

/** A copy of the verify pack (sql, js and http exercises, data/shop.sql and shop.check.sql) in a new temp folder, beside an "outside" folder. */
function packWithOutside(): { pack: string; outside: string; home: string; work: string } {
  const base = tempDir('bi-pack-paths-');
  const pack = path.join(base, 'pack');
  cpSync(verifyPack, pack, { recursive: true });
  const outside = path.join(base, 'outside');
  mkdirSync(outside);
  return { pack, outside, home: path.join(base, 'home'), work: path.join(base, 'work') };
}

/** Runs a command on the pack with its own data folder, workspace and working folder. */
function run(setup: { pack: string; home: string; work: string }, args: string[], input?: string) {
  mkdirSync(setup.work, { recursive: true });
  return runCli(args, { home: setup.home, lessons: setup.pack, cwd: setup.work, env: { BACKEND_INTRO_WORKSPACE: path.join(setup.work, 'ws') }, ...(input === undefined ? {} : { input }) });
}

/** A small lesson file with the given front matter lines and body. */
function lesson(frontMatter: string[], body: string): string {
  return ['---', 'id: escape', 'title: Escape attempts', ...frontMatter, '---', '', 'Text.', '', body].join('\n');
}

describe('names that leave the pack are a format error (exit 2), before anything runs', () => {
  const sqlExercise = (database: string) => ['```exercise', 'id: e', 'type: sql', `database: ${database}`, 'prompt: p', 'solution: SELECT 1;', '```'].join('\n');
  const codeExercise = (type: 'http' | 'js', file: string) =>
    [
      '```exercise',
      'id: e',
      `type: ${type}`,
      `file: ${file}`,
      'prompt: p',
      type === 'http' ? "solution: \"export default function (app) { app.get('/', (req, res) => res.json({})); }\"" : 'solution: "export const x = 1;"',
      type === 'http' ? 'requests: [GET /]' : 'tests: assert.equal(mod.x, 1);',
      '```',
    ].join('\n');
  const cases: [string, string, RegExp][] = [
    ['database: ../../x in the front matter', lesson(['database: ../../x'], ''), /"database" must be the plain name of a file in data\/ \(got "\.\.\/\.\.\/x"\)/],
    ['an absolute database path in the front matter', lesson(['database: /etc/passwd'], ''), /"database" must be the plain name of a file in data\/ \(got "\/etc\/passwd"\)/],
    ['database: .. in the front matter', lesson(['database: ..'], ''), /"database" must be the plain name/],
    ['database: ../../x in an sql exercise', lesson([], sqlExercise('../../x')), /"database" must be the plain name of a file in data\/ \(got "\.\.\/\.\.\/x"\)/],
    ['database: data/../../x in an sql exercise', lesson([], sqlExercise('data/../../x')), /"database" must be the plain name/],
    ['file: ../x.mjs in an http exercise', lesson([], codeExercise('http', '../x.mjs')), /"file" must be a plain \.js or \.mjs file name with no folders \(got "\.\.\/x\.mjs"\)/],
    ['file: ../x.mjs in a js exercise', lesson([], codeExercise('js', '../x.mjs')), /"file" must be a plain \.js or \.mjs file name with no folders \(got "\.\.\/x\.mjs"\)/],
    ['an absolute file in a js exercise', lesson([], codeExercise('js', '/tmp/x.mjs')), /"file" must be a plain \.js or \.mjs file name/],
    ['a file in a sub-folder of an http exercise', lesson([], codeExercise('http', 'sub/x.mjs')), /"file" must be a plain \.js or \.mjs file name/],
    ['a file named .. plus an extension', lesson([], codeExercise('js', '...mjs')), /"file" must be a plain \.js or \.mjs file name/],
  ];
  it.each(cases)('%s', (_name, text, message) => {
    const setup = packWithOutside();
    writeFileSync(path.join(setup.pack, '03-escape.md'), text);
    for (const args of [['list'], ['exercise', '3.1'], ['verify', '3.1']]) {
      const result = run(setup, args);
      expect(result.status, `${args.join(' ')}: ${result.stderr}`).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).toContain('03-escape.md');
    }
    // Nothing was written for the exercise, inside the workspace or out of it.
    expect(existsSync(path.join(setup.work, 'ws'))).toBe(false);
    expect(existsSync(path.join(setup.work, 'x.mjs'))).toBe(false);
  });

  it('sql --db and serve --db accept only the names of the pack\'s databases', () => {
    const setup = packWithOutside();
    writeFileSync(path.join(setup.outside, 'x.sql'), `${secret};\n`);
    for (const args of [
      ['sql', '--db', '../outside/x'],
      ['sql', '--db', path.join(setup.outside, 'x')],
      ['serve', path.join(verifyPack, '02-code.md'), '--db', '../outside/x'],
    ]) {
      const result = run(setup, args, 'SELECT 1;');
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stderr).toContain('There is no sample database');
      expect(result.stderr + result.stdout).not.toContain(secret);
    }
  });
});

describe('links in the pack that lead outside it are refused', () => {
  /** The outside file holds SQL that would load (so only the refusal can stop it) and a secret. */
  function linkDatabaseOutside(setup: ReturnType<typeof packWithOutside>, name: string): void {
    const target = path.join(setup.outside, name);
    writeFileSync(target, `${readFileSync(path.join(setup.pack, 'data', name), 'utf8')}\nCREATE TABLE secrets (s TEXT); INSERT INTO secrets VALUES ('${secret}');\n`);
    unlinkSync(path.join(setup.pack, 'data', name));
    symlinkSync(path.relative(path.join(setup.pack, 'data'), target), path.join(setup.pack, 'data', name));
  }

  const refusedEverywhere = (setup: ReturnType<typeof packWithOutside>, file: string, what: 'file' | 'folder') => {
    const message = `${file}: this ${what} is a link to `;
    for (const [args, input] of [
      [['list'], undefined],
      [['lesson', '1', '--print'], undefined],
      [['hint', '1.1'], undefined],
      [['sql'], 'SELECT s FROM secrets;'],
      [['verify', '1.1', path.join(setup.work, 'answer.sql')], undefined],
    ] as [string[], string | undefined][]) {
      writeFileSync(path.join(setup.work, 'answer.sql'), 'SELECT name, city FROM customers WHERE city IS NOT NULL;');
      const result = run(setup, args, input);
      expect(result.status, `${args.join(' ')}: ${result.stderr}`).toBe(2);
      expect(result.stderr).toContain(message);
      expect(result.stderr).toContain('outside the lesson pack');
      expect(result.stdout + result.stderr).not.toContain(secret);
    }
    const validate = run(setup, ['validate', setup.pack]);
    expect(validate.status).toBe(1);
    expect(validate.stdout).toContain(message);
    expect(validate.stdout + validate.stderr).not.toContain(secret);
  };

  it('data/shop.sql linked to a file outside', () => {
    const setup = packWithOutside();
    mkdirSync(setup.work, { recursive: true });
    linkDatabaseOutside(setup, 'shop.sql');
    refusedEverywhere(setup, 'data/shop.sql', 'file');
  });

  it('the .check.sql twin linked to a file outside', () => {
    const setup = packWithOutside();
    mkdirSync(setup.work, { recursive: true });
    linkDatabaseOutside(setup, 'shop.check.sql');
    refusedEverywhere(setup, 'data/shop.check.sql', 'file');
  });

  it('the data folder itself linked to a folder outside', () => {
    const setup = packWithOutside();
    mkdirSync(setup.work, { recursive: true });
    const outsideData = path.join(setup.outside, 'data');
    renameSync(path.join(setup.pack, 'data'), outsideData);
    writeFileSync(path.join(outsideData, 'shop.sql'), `${readFileSync(path.join(outsideData, 'shop.sql'), 'utf8')}\nCREATE TABLE secrets (s TEXT); INSERT INTO secrets VALUES ('${secret}');\n`);
    symlinkSync(outsideData, path.join(setup.pack, 'data'));
    refusedEverywhere(setup, 'data', 'folder');
  });

  it('a lesson file linked to a file outside', () => {
    const setup = packWithOutside();
    mkdirSync(setup.work, { recursive: true });
    const target = path.join(setup.outside, 'lesson.md');
    writeFileSync(target, lesson([], `${secret}: text from outside the pack.`));
    symlinkSync(target, path.join(setup.pack, '03-outside.md'));
    refusedEverywhere(setup, '03-outside.md', 'file');
  });

  it('course.yaml linked to a file outside', () => {
    const setup = packWithOutside();
    mkdirSync(setup.work, { recursive: true });
    const target = path.join(setup.outside, 'course.yaml');
    writeFileSync(target, `id: ${secret.toLowerCase()}\ntitle: ${secret}\nformat: 1\n`);
    unlinkSync(path.join(setup.pack, 'course.yaml'));
    symlinkSync(target, path.join(setup.pack, 'course.yaml'));
    refusedEverywhere(setup, 'course.yaml', 'file');
  });

  it('is refused even after the pack was read and cached with a real file there', () => {
    const setup = packWithOutside();
    mkdirSync(setup.work, { recursive: true });
    expect(run(setup, ['list']).status).toBe(0); // parsed and cached
    linkDatabaseOutside(setup, 'shop.sql');
    const result = run(setup, ['sql'], 'SELECT s FROM secrets;');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('data/shop.sql: this file is a link to ');
    expect(result.stdout).not.toContain(secret);
  });

  it('links that stay inside the pack are fine', () => {
    const setup = packWithOutside();
    mkdirSync(setup.work, { recursive: true });
    mkdirSync(path.join(setup.pack, 'shared'));
    renameSync(path.join(setup.pack, 'data', 'shop.sql'), path.join(setup.pack, 'shared', 'shop.sql'));
    symlinkSync('../shared/shop.sql', path.join(setup.pack, 'data', 'shop.sql'));
    renameSync(path.join(setup.pack, '02-code.md'), path.join(setup.pack, 'shared', 'code.md'));
    symlinkSync(path.join(setup.pack, 'shared', 'code.md'), path.join(setup.pack, '02-code.md'));
    expect(linksLeavingPack(setup.pack)).toEqual([]);
    expect(run(setup, ['list']).status).toBe(0);
    const sql = run(setup, ['sql'], 'SELECT count(*) AS n FROM customers;');
    expect(sql.status, sql.stderr).toBe(0);
    expect(sql.stdout).toMatch(/\b4\b/);
    expect(run(setup, ['validate', setup.pack]).status).toBe(0);
  });

  it('lists every link that leaves at once, and leaves alone files the tutorial never reads', () => {
    const setup = packWithOutside();
    writeFileSync(path.join(setup.outside, 'x'), secret);
    symlinkSync(path.join(setup.outside, 'x'), path.join(setup.pack, '05-a.md'));
    symlinkSync(path.join(setup.outside, 'x'), path.join(setup.pack, 'data', 'other.sql'));
    unlinkSync(path.join(setup.pack, 'course.yaml'));
    symlinkSync(path.join(setup.outside, 'x'), path.join(setup.pack, 'course.yaml'));
    // Not read by the tutorial: notes beside the data, and files that are not lessons.
    symlinkSync(path.join(setup.outside, 'x'), path.join(setup.pack, 'data', 'README.txt'));
    symlinkSync(path.join(setup.outside, 'x'), path.join(setup.pack, 'notes.md'));
    const problems = linksLeavingPack(setup.pack).map((problem) => `${path.basename(problem.file)}: ${problem.problem}`);
    expect(problems.sort()).toEqual(
      ['05-a.md', 'course.yaml', 'other.sql'].map((name) => `${name}: this file is a link to ${path.join(setup.outside, 'x')}, outside the lesson pack — copy the file into the pack instead`),
    );
    const validate = run(setup, ['validate', setup.pack]);
    expect(validate.status).toBe(1);
    expect(validate.stdout.match(/outside the lesson pack/g)).toHaveLength(3);
  });

  it('a broken link is reported as the missing file it is, not as leaving the pack', () => {
    const setup = packWithOutside();
    symlinkSync(path.join(setup.outside, 'nowhere.md'), path.join(setup.pack, '03-gone.md'));
    expect(linksLeavingPack(setup.pack)).toEqual([]);
    const result = run(setup, ['list']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('03-gone.md');
    expect(result.stderr).not.toContain('outside the lesson pack');
  });
});
