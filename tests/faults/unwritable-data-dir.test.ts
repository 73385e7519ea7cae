// A data folder the tool cannot write to. Every command that keeps progress must stop with one
// clear sentence (what is wrong, which option fixes it) and exit 2 — never a stack trace — and
// the commands that keep nothing (reading a lesson, the SQL playground) still work.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, removeTempDirs, runCli, tempDir } from '../cli/pty-helpers.js';
import { answerFile, internalTrouble, learner, verifyPack } from './fault-helpers.js';

beforeAll(ensureBuilt);
afterAll(removeTempDirs);

const who = learner();
const answer = answerFile(who, '1.1');
const importFile = path.join(who.files, 'import.json');
writeFileSync(importFile, JSON.stringify({ format: 'backend-intro-progress', version: 1, exported: '2025-01-05T12:00:00.000Z', packs: {} }));

/** Commands that read or write progress, each given what it needs to get that far. */
const progressCommands: string[][] = [
  ['list'],
  ['list', '--json'],
  ['progress'],
  ['progress', '--json'],
  ['report'],
  ['verify', '1.1', answer],
  ['hint', '1.1'],
  ['reset', '--yes'],
  ['progress', '--export', '-'],
  ['progress', '--import', importFile],
];

function run(home: string, args: string[]) {
  return runCli(args, { home, lessons: verifyPack, cwd: who.files, env: { NO_COLOR: '1', BACKEND_INTRO_WORKSPACE: who.workspace } });
}

function expectOneClearSentence(stderr: string, mentions: RegExp): void {
  const lines = stderr.split('\n').filter((line) => line.trim() !== '');
  expect(lines, stderr).toHaveLength(1);
  expect(lines[0]).toMatch(mentions);
  expect(lines[0]).toMatch(/--data-dir/);
  expect(lines[0]).toMatch(/\.$/);
  expect(stderr).not.toMatch(internalTrouble);
}

describe('a data folder that cannot be made (its path runs through a regular file; root cannot either)', () => {
  const file = path.join(tempDir('bi-fault-file-'), 'a-file');
  writeFileSync(file, 'not a folder\n');

  it.each(progressCommands.map((args) => [args.map((arg) => (path.isAbsolute(arg) ? path.basename(arg) : arg)).join(' '), args] as const))('%s: exit 2, one sentence naming the folder', (_name, args) => {
    for (const home of [path.join(file, 'data'), file]) {
      const result = run(home, args);
      expect(result.status, result.stderr).toBe(2);
      expectOneClearSentence(result.stderr, /Cannot create the data folder .*a-file/);
      expect(result.stdout).toBe('');
    }
  });

  it('reading a lesson and the SQL playground keep nothing, so they still work', () => {
    const home = path.join(file, 'data');
    const lesson = run(home, ['lesson', '1', '--print']);
    expect(lesson.status, lesson.stderr).toBe(0);
    expect(lesson.stdout).toContain('Queries and changes');
    const sql = runCli(['sql'], { home, lessons: verifyPack, cwd: who.files, input: 'SELECT 6 * 7 AS answer;\n', env: { NO_COLOR: '1' } });
    expect(sql.status, sql.stderr).toBe(0);
    expect(sql.stdout).toContain('42');
    for (const result of [lesson, sql]) expect(result.stderr).not.toMatch(internalTrouble);
  });
});

describe('a progress file that cannot be opened (progress.db is a folder; root cannot either)', () => {
  it.each(progressCommands.map((args) => [args.map((arg) => (path.isAbsolute(arg) ? path.basename(arg) : arg)).join(' '), args] as const))('%s: exit 2, one sentence naming the file', (_name, args) => {
    const home = tempDir('bi-fault-dirdb-');
    mkdirSync(path.join(home, 'progress.db'));
    const result = run(home, args);
    expect(result.status, result.stderr).toBe(2);
    expectOneClearSentence(result.stderr, /Cannot open the progress file .*progress\.db/);
  });
});

// chmod does not stop root from writing, and these tests often run as root in containers.
const isRoot = process.getuid?.() === 0;

describe.skipIf(isRoot)('a read-only data folder (chmod 555; skipped as root, where chmod does not stop writes)', () => {
  it.each(progressCommands.map((args) => [args.map((arg) => (path.isAbsolute(arg) ? path.basename(arg) : arg)).join(' '), args] as const))('%s: exit 2, one sentence', (_name, args) => {
    const home = tempDir('bi-fault-ro-');
    chmodSync(home, 0o555);
    try {
      const result = run(home, args);
      expect(result.status, result.stderr).toBe(2);
      expectOneClearSentence(result.stderr, /progress file|data folder/);
    } finally {
      chmodSync(home, 0o755);
    }
  });
});
