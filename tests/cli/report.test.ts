// `backend-intro report`: plain text, --json and --markdown on known progress (imported with
// fixed dates, the clock of the report in UTC), in 80 and 40 columns.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, killRunningPtys, removeTempDirs, runCli, spawnPty, tempDir } from './pty-helpers.js';
import { exportOf, firstLessonDone, importInto, secondLessonStarted } from './progress-files.js';

beforeAll(ensureBuilt);
afterEach(killRunningPtys);
afterAll(removeTempDirs);

const utc = { TZ: 'UTC' };
const generatedLine = /^(Generated  |- \*\*Generated:\*\* )\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/m;

/** A data folder where lesson 1 is done and lesson 2 half done (see progress-files.ts). */
function homeWithProgress(): string {
  const home = tempDir();
  importInto(home, exportOf({ 'mini-pack': { first: firstLessonDone(), second: secondLessonStarted() } }));
  return home;
}

function report(home: string, ...args: string[]) {
  return runCli(['report', ...args], { home, env: utc });
}

describe('report (plain text)', () => {
  it('shows the pack, the learner, the overall share and every lesson', () => {
    const result = report(homeWithProgress(), '--name', 'Ada Lovelace');
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(generatedLine);
    expect(result.stdout.replace(generatedLine, 'Generated  <now>')).toBe(
      [
        'Progress report · Mini pack',
        'Learner    Ada Lovelace',
        'Pack       mini-pack',
        'Generated  <now>',
        'Overall    75% of the course · 1 of 2 lessons done · 6 min spent',
        '',
        'Lesson 1 · First steps',
        '  Status     done',
        '  Pages      3 of 3 read',
        '  Quiz       best 3/3 · 2 attempts',
        '  Time       5 min',
        '  Visited    2025-01-01 to 2025-01-02',
        '',
        'Lesson 2 · Second lesson',
        '  Status     in progress',
        '  Pages      1 of 2 read',
        '  Quiz       not taken yet (1 question)',
        '  Exercises  1 of 1 passed, 1 with help',
        '  With help  2.1 (1 hint)',
        '  Time       1 min',
        '  Visited    2025-01-03',
        '',
      ].join('\n'),
    );
  });

  it('leaves the learner line out without --name, and shows lessons not started as such', () => {
    const result = report(tempDir());
    expect(result.status).toBe(0);
    expect(result.stdout).not.toContain('Learner');
    expect(result.stdout).toContain('Overall    0% of the course · 0 of 2 lessons done · 0 min spent');
    expect(result.stdout).toContain('Lesson 1 · First steps\n  Status     not started\n\nLesson 2');
  });

  it('has no escape sequences when piped, and colour in a terminal', async () => {
    const home = homeWithProgress();
    expect(report(home).stdout).not.toContain('\x1b');
    const session = spawnPty(['report'], { home, env: utc });
    await session.waitFor('Visited    2025-01-03');
    expect(await session.waitForExit()).toBe(0);
    expect(session.raw).toMatch(/\x1b\[\d+m/);
  });

  it('fits a 40-column terminal, long titles and names wrapped', async () => {
    const session = spawnPty(['report', '--name', 'Ada Augusta King, Countess of Lovelace'], { home: homeWithProgress(), cols: 40, env: utc });
    await session.waitFor('Visited    2025-01-03');
    expect(await session.waitForExit()).toBe(0);
    const lines = session.text.split('\n');
    expect(lines.filter((line) => line.length > 40)).toEqual([]);
    expect(session.text).toContain('Learner    Ada Augusta King, Countess of\n           Lovelace');
    expect(session.text).toContain('Overall    75% of the course · 1 of 2\n           lessons done · 6 min spent');
  });
});

describe('report --json', () => {
  it('prints one object of the documented shape', () => {
    const result = report(homeWithProgress(), '--json', '--name', 'Ada');
    expect(result.status).toBe(0);
    const json = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(Number.isNaN(Date.parse(json.generated as string))).toBe(false);
    expect({ ...json, generated: '<now>' }).toEqual({
      format: 'backend-intro-report',
      version: 1,
      generated: '<now>',
      learner: 'Ada',
      pack: { id: 'mini-pack', title: 'Mini pack' },
      percent: 75,
      lessonsDone: 1,
      lessonsTotal: 2,
      timeSpentMs: 365_000,
      lessons: [
        {
          number: 1,
          id: 'first',
          title: 'First steps',
          status: 'done',
          pages: { read: 3, total: 3 },
          quiz: { questions: 3, attempts: 2, best: { correct: 3, total: 3 } },
          exercises: { total: 0, passed: 0, passedWithHelp: 0, items: [] },
          timeSpentMs: 300_000,
          firstVisit: '2025-01-01T09:00:00.000Z',
          lastVisit: '2025-01-02T10:00:00.000Z',
        },
        {
          number: 2,
          id: 'second',
          title: 'Second lesson',
          status: 'in progress',
          pages: { read: 1, total: 2 },
          quiz: { questions: 1, attempts: 0, best: null },
          exercises: {
            total: 1,
            passed: 1,
            passedWithHelp: 1,
            items: [
              {
                number: '2.1',
                id: 'list-products',
                type: 'js',
                passed: true,
                passedAt: '2025-01-03T09:20:00.000Z',
                attempts: 2,
                hintsShown: 1,
                hintsBeforePass: 1,
                solutionShownBeforePass: false,
                withHelp: true,
              },
            ],
          },
          timeSpentMs: 65_000,
          firstVisit: '2025-01-03T09:00:00.000Z',
          lastVisit: '2025-01-03T09:30:00.000Z',
        },
      ],
    });
  });

  it('has no learner key without --name, and nulls for lessons never opened', () => {
    const json = JSON.parse(report(tempDir(), '--json').stdout) as { lessons: { firstVisit: unknown; lastVisit: unknown; quiz: unknown }[] };
    expect(json).not.toHaveProperty('learner');
    expect(json.lessons[0]).toMatchObject({ firstVisit: null, lastVisit: null, quiz: { questions: 3, attempts: 0, best: null } });
  });

  it('a hint looked at after passing is not help', () => {
    const home = tempDir();
    writeFileSync(path.join(home, 'answer.mjs'), "export const names = ['Pen', 'Notebook'];\n");
    expect(runCli(['verify', '2.1', 'answer.mjs'], { home }).status).toBe(0);
    expect(runCli(['hint', '2.1'], { home }).status).toBe(0);
    const item = (JSON.parse(report(home, '--json').stdout) as { lessons: { exercises: { items: Record<string, unknown>[] } }[] }).lessons[1]!.exercises.items[0];
    expect(item).toMatchObject({ passed: true, hintsShown: 1, hintsBeforePass: 0, withHelp: false });
  });
});

describe('report --markdown', () => {
  it('prints a list and a table to paste, with Markdown characters in names escaped', () => {
    const result = report(homeWithProgress(), '--markdown', '--name', 'Ada | *Lovelace*');
    expect(result.status).toBe(0);
    expect(result.stdout.replace(generatedLine, '- **Generated:** <now>')).toBe(
      [
        '## Progress report: Mini pack',
        '',
        '- **Learner:** Ada \\| \\*Lovelace\\*',
        '- **Pack:** Mini pack (mini-pack)',
        '- **Generated:** <now>',
        '- **Overall:** 75% of the course · 1 of 2 lessons done · 6 min spent',
        '',
        '| # | Lesson | Status | Pages | Quiz (best) | Exercises | With help | Time | First visit | Last visit |',
        '|--:|---|---|--:|---|--:|---|--:|---|---|',
        '| 1 | First steps | done | 3/3 | 3/3 (2 attempts) | – | – | 5 min | 2025-01-01 | 2025-01-02 |',
        '| 2 | Second lesson | in progress | 1/2 | not taken | 1/1 | 2.1 (1 hint) | 1 min | 2025-01-03 | 2025-01-03 |',
        '',
      ].join('\n'),
    );
  });

  it('refuses --json with --markdown: exit 2, one sentence, nothing on stdout', () => {
    const result = report(tempDir(), '--json', '--markdown');
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('Choose one format: --json or --markdown (or neither, for plain text).\n');
  });

  it('refuses an empty --name', () => {
    const result = report(tempDir(), '--name', ' ');
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^--name needs a name/);
  });
});
