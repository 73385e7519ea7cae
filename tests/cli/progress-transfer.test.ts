// `progress --export` and `progress --import` end to end: a round trip between two data
// folders, merging that never loses anything, importing twice, and bad files that change nothing.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, keys, killRunningPtys, progressJson, removeTempDirs, runCli, spawnPty, tempDir } from './pty-helpers.js';
import { exportOf, firstLessonDone, importInto, secondLessonStarted, type ExportFile } from './progress-files.js';

beforeAll(ensureBuilt);
afterEach(killRunningPtys);
afterAll(removeTempDirs);

/** `progress --export -` parsed, without its time stamp. */
function exported(home: string): Omit<ExportFile, 'exported'> {
  const result = runCli(['progress', '--export', '-'], { home });
  expect(result.status).toBe(0);
  const { exported: _time, ...rest } = JSON.parse(result.stdout) as ExportFile;
  return rest;
}

/** `report --json` parsed, without its time stamp. */
function reportJson(home: string): Record<string, unknown> {
  const result = runCli(['report', '--json'], { home });
  expect(result.status).toBe(0);
  const { generated: _time, ...rest } = JSON.parse(result.stdout) as Record<string, unknown>;
  return rest;
}

function writeTemp(name: string, text: string): string {
  const file = path.join(tempDir('backend-intro-import-'), name);
  writeFileSync(file, text);
  return file;
}

describe('a round trip between two data folders', () => {
  it('export from one, import into another: report and progress agree, and the export reads back the same', async () => {
    const from = tempDir();
    // Real progress: two pages read in a terminal, an exercise passed, a hint after it.
    const reading = spawnPty(['1'], { home: from });
    await reading.waitFor('page 1 of 3');
    reading.write(keys.enter);
    await reading.waitFor('page 2 of 3');
    reading.write('q');
    expect(await reading.waitForExit()).toBe(0);
    writeFileSync(path.join(from, 'answer.mjs'), "export const names = ['Pen', 'Notebook'];\n");
    expect(runCli(['verify', '2.1', 'answer.mjs'], { home: from }).status).toBe(0);
    expect(runCli(['hint', '2.1'], { home: from }).status).toBe(0);

    const file = path.join(tempDir('backend-intro-move-'), 'my progress.json');
    const out = runCli(['progress', '--export', file], { home: from });
    expect(out.status).toBe(0);
    expect(out.stdout).toBe(`Exported progress of 2 lessons in 1 pack to ${file}.\nOn the other machine: backend-intro progress --import 'my progress.json'\n`);
    const written = JSON.parse(readFileSync(file, 'utf8')) as ExportFile;
    expect(written).toMatchObject({ format: 'backend-intro-progress', version: 1 });
    expect(Object.keys(written.packs['mini-pack']!.lessons).sort()).toEqual(['first', 'second']);

    const to = tempDir();
    const imported = runCli(['progress', '--import', file], { home: to });
    expect(imported.status).toBe(0);
    expect(imported.stdout).toBe(`Imported ${file} (pack mini-pack): 2 lessons added, 0 updated, 0 already up to date.\n`);
    expect(reportJson(to)).toEqual(reportJson(from));
    expect(progressJson(to)).toEqual(progressJson(from));
    expect(exported(to)).toEqual(exported(from));
    expect(progressJson(to).lessons[0]).toMatchObject({ status: 'in progress', pagesRead: 2 });
  });

  it('exports every pack, not only the one in use, and needs no lesson pack at all', () => {
    const home = tempDir();
    importInto(home, exportOf({ 'mini-pack': { first: firstLessonDone() }, 'another-pack': { intro: secondLessonStarted() } }));
    const result = runCli(['progress', '--export', '-'], { home, lessons: path.join(home, 'no-such-pack') });
    expect(result.status).toBe(0);
    expect(Object.keys((JSON.parse(result.stdout) as ExportFile).packs).sort()).toEqual(['another-pack', 'mini-pack']);
  });

  it('importing the same file twice changes nothing the second time', () => {
    const home = tempDir();
    const file = writeTemp('p.json', JSON.stringify(exportOf({ 'mini-pack': { first: firstLessonDone(), second: secondLessonStarted() } })));
    expect(runCli(['progress', '--import', file], { home }).status).toBe(0);
    const once = exported(home);
    const again = runCli(['progress', '--import', file], { home });
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/: 0 lessons added, 0 updated, 2 already up to date\.\n$/);
    expect(exported(home)).toEqual(once);
  });

  it('never lowers a score or forgets a pass; the place to resume follows the latest visit', () => {
    const home = tempDir();
    importInto(home, exportOf({ 'mini-pack': { first: firstLessonDone(), second: secondLessonStarted() } }));
    const older = { ...firstLessonDone(), lastPage: 0, lastVisitAt: '2025-01-01T09:05:00.000Z', quiz: { attempt: 5, attemptOpen: false, finished: 5, bestCorrect: 1, bestTotal: 3, lastFinishedAt: '2025-01-04T09:00:00.000Z' } };
    const failing = { ...secondLessonStarted(), lastPage: 1, lastVisitAt: '2025-01-04T09:00:00.000Z', exercises: { 'list-products': { attempts: 9, hintsShown: 0, solutionShown: false, passedAt: null, passedWithHelp: false, hintsBeforePass: null, lastAttemptAt: '2025-01-04T09:00:00.000Z' } } };
    importInto(home, exportOf({ 'mini-pack': { first: older, second: failing } }));
    const report = reportJson(home) as { lessons: { quiz: unknown; exercises: { passed: number; items: { attempts: number; passedAt: string }[] } }[] };
    expect(report.lessons[0]!.quiz).toEqual({ questions: 3, attempts: 5, best: { correct: 3, total: 3 } });
    expect(report.lessons[1]!.exercises.passed).toBe(1);
    expect(report.lessons[1]!.exercises.items[0]).toMatchObject({ attempts: 9, passedAt: '2025-01-03T09:20:00.000Z' });
    const lessons = exported(home).packs['mini-pack']!.lessons as Record<string, { lastPage: number }>;
    expect(lessons.first!.lastPage).toBe(2);
    expect(lessons.second!.lastPage).toBe(1);
  });
});

describe('export files', () => {
  it('overwrites an earlier export but not another file', () => {
    const home = tempDir();
    importInto(home, exportOf({ 'mini-pack': { first: firstLessonDone() } }));
    const file = writeTemp('old.json', JSON.stringify(exportOf({})));
    expect(runCli(['progress', '--export', file], { home }).status).toBe(0);
    expect(Object.keys((JSON.parse(readFileSync(file, 'utf8')) as ExportFile).packs)).toEqual(['mini-pack']);

    const notes = writeTemp('notes.txt', 'my notes\n');
    const refused = runCli(['progress', '--export', notes], { home });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toBe(`${notes} already exists and is not a progress export; choose another file name, or delete it first.\n`);
    expect(readFileSync(notes, 'utf8')).toBe('my notes\n');
  });

  it('says so when the folder to write in does not exist', () => {
    const missing = path.join(tempDir(), 'no-such-folder', 'p.json');
    const result = runCli(['progress', '--export', missing]);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`Cannot write ${missing} (its folder does not exist); choose a file in a folder you can write to.\n`);
    expect(existsSync(path.dirname(missing))).toBe(false);
  });
});

describe('bad import files change nothing', () => {
  const newer = JSON.stringify({ ...exportOf({ 'mini-pack': { first: firstLessonDone() } }), version: 2 });
  const badField = JSON.stringify(exportOf({ 'mini-pack': { second: secondLessonStarted(), first: { ...firstLessonDone(), timeSpentMs: 'five minutes' } } }));
  it.each([
    ['not JSON', 'p.json', '{"format": "backend-intro-progress", ', /^\S+p\.json is not a progress export \(it is not valid JSON\); make one with `backend-intro progress --export <file>`\.$/],
    ['another kind of JSON', 'p.json', '{"lessons": []}', /^\S+p\.json is not a backend-intro progress export \(it has no "format": "backend-intro-progress"\)/],
    ['a newer version', 'p.json', newer, /^\S+p\.json was exported by a newer backend-intro \(format version 2; this one reads 1\); update backend-intro to import it\.$/],
    ['a field of the wrong kind', 'p.json', badField, /^\S+p\.json is not a valid progress export: packs\["mini-pack"\]\.lessons\["first"\]\.timeSpentMs should be a whole number, 0 or more; /],
  ])('%s: exit 2, one sentence, progress as it was', (_what, name, text, message) => {
    const home = tempDir();
    importInto(home, exportOf({ 'mini-pack': { first: { ...firstLessonDone(), lastPage: 1 } } }));
    const before = exported(home);
    const result = runCli(['progress', '--import', writeTemp(name, text)], { home });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr.trimEnd()).toMatch(message);
    expect(exported(home)).toEqual(before);
  });

  it('a missing file or a folder: exit 2 with what to give instead', () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'folder.json'));
    const missing = runCli(['progress', '--import', 'nope.json'], { home: dir });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe('Cannot read nope.json (there is no such file); give the file that `backend-intro progress --export` wrote.\n');
    const folder = runCli(['progress', '--import', 'folder.json'], { home: dir });
    expect(folder.status).toBe(2);
    expect(folder.stderr).toMatch(/^Cannot read folder\.json \(it is a folder\)/);
  });

  it('--export with --import, or --json with either, is a usage error', () => {
    const both = runCli(['progress', '--export', 'a.json', '--import', 'b.json']);
    expect(both.status).toBe(2);
    expect(both.stderr).toMatch(/^Use --export or --import, not both at once/);
    const json = runCli(['progress', '--json', '--export', 'a.json']);
    expect(json.status).toBe(2);
    expect(json.stderr).toBe('--json does not go with --export; the export file is JSON already.\n');
  });

  it('reads standard input with -', () => {
    const home = tempDir();
    const result = runCli(['progress', '--import', '-'], { home, input: JSON.stringify(exportOf({ 'mini-pack': { first: firstLessonDone() } })) });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('Imported standard input (pack mini-pack): 1 lesson added, 0 updated, 0 already up to date.\n');
    expect(progressJson(home).lessons[0]!.status).toBe('done');
  });
});
