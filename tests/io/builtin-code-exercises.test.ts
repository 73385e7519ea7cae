// Every http and js exercise of the BUILT-IN course (lessons/): its reference solution passes the
// checker (on every dataset, for exercises with a database), its starter file does not, and an
// empty file does not. Real code worker processes and real servers on 127.0.0.1. Generic: it
// checks whatever code exercises exist, so new lessons are covered as they are written.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpExercise, JsExercise } from '../../src/core/model.js';
import type { Verdict } from '../../src/core/verdict.js';
import { checkName, outgoingRequest } from '../../src/core/http-transcript.js';
import { checkHttpExercise, checkJsExercise } from '../../src/io/code-check.js';
import { CodeRunner } from '../../src/io/code-runner.js';
import { readPack } from '../../src/io/pack-reader.js';
import { builtInLessonsDir } from '../../src/io/paths.js';
import { datasetsFor } from '../../src/io/sql-check.js';

const packDir = builtInLessonsDir();
const course = readPack(packDir);

interface Case {
  /** "2.1 servers-and-http/books-routes (http)", for the test name. */
  label: string;
  /** "2.1", as verify names it. */
  number: string;
  lessonFile: string;
  exercise: HttpExercise | JsExercise;
}

const cases: Case[] = course.lessons.flatMap((lesson) =>
  lesson.exercises
    .filter((exercise): exercise is HttpExercise | JsExercise => exercise.type === 'http' || exercise.type === 'js')
    .map((exercise) => ({
      label: `${lesson.number}.${exercise.position} ${lesson.id}/${exercise.id} (${exercise.type}${exercise.type === 'http' && exercise.database ? `, database ${exercise.database}` : ''})`,
      number: `${lesson.number}.${exercise.position}`,
      lessonFile: lesson.file,
      exercise,
    })),
);

console.info(`built-in pack ${course.id}: ${cases.length} http/js exercise(s)${cases.length === 0 ? ' — nothing to check yet' : `: ${cases.map((c) => c.label).join(', ')}`}`);

// One runner for the whole file: every check ends by replacing its worker (code-check.ts), so
// nothing carries over from one exercise to the next.
let runner: CodeRunner;
let dir: string;
let fileCount = 0;

beforeAll(() => {
  runner = new CodeRunner();
  dir = mkdtempSync(path.join(os.tmpdir(), 'bi-builtin-code-'));
});

afterAll(() => {
  runner.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Checks `code` as the learner's answer to the exercise of `c`. */
function check(c: Case, code: string): Promise<Verdict> {
  const file = path.join(dir, `${c.exercise.id}-${++fileCount}.mjs`);
  writeFileSync(file, code);
  if (c.exercise.type === 'http') return checkHttpExercise(runner, packDir, { label: c.number, lessonFile: c.lessonFile }, c.exercise, file);
  return checkJsExercise(runner, c.exercise, file);
}

const failedChecks = (verdict: Verdict) => verdict.checks.filter((outcome) => !outcome.passed).map((outcome) => `${outcome.name}: ${outcome.message}${outcome.error ? ` [${outcome.error.name}: ${outcome.error.message}]` : ''}`);

describe('built-in http and js exercises', () => {
  it('the built-in pack has http and js exercises to check', () => {
    expect(cases.filter((c) => c.exercise.type === 'http').length).toBeGreaterThan(0);
    expect(cases.filter((c) => c.exercise.type === 'js').length).toBeGreaterThan(0);
  });

  describe.each(cases)('$label', (c) => {
    const { exercise } = c;
    const datasets = exercise.type === 'http' && exercise.database ? datasetsFor(packDir, exercise.database) : [];

    it.skipIf(datasets.length === 0)('has its sample database, and a second dataset to catch hard-coded answers', () => {
      expect(datasets.map((dataset) => dataset.label)).toEqual(['sample', 'check']);
    });

    it('its reference solution passes', async () => {
      const verdict = await check(c, exercise.solution);
      expect(failedChecks(verdict)).toEqual([]);
      expect(verdict.passed).toBe(true);
      if (exercise.type === 'http') {
        // Every request checked on the sample data, and a one-line pass on the second dataset.
        const expectedNames = exercise.requests.map((request) => checkName(outgoingRequest(request)));
        if (datasets.length === 2) expectedNames.push('the same requests on a second copy of the database, with other rows');
        expect(verdict.checks.map((outcome) => outcome.name)).toEqual(expectedNames);
      } else {
        expect(verdict.checks.map((outcome) => outcome.name)).toEqual(['the tests pass']);
      }
    });

    it.skipIf(exercise.starter === undefined)('its starter file fails', async () => {
      const verdict = await check(c, exercise.starter!);
      expect(verdict.passed).toBe(false);
      expect(verdict.checks.filter((outcome) => !outcome.passed)).toHaveLength(1);
      // A starter is meant to load: it fails on what it does, not on a syntax error.
      expect(verdict.checks.at(-1)!.message).not.toMatch(/syntax error/);
    });

    it('an empty file fails', async () => {
      const verdict = await check(c, '');
      expect(verdict.passed).toBe(false);
      const [only] = verdict.checks;
      expect(verdict.checks).toHaveLength(1);
      if (exercise.type === 'http') {
        expect(only!.name).toBe('your file loads and sets up its routes');
        expect(only!.message).toMatch(/^The file is empty\. It must start with `export default function/);
      } else {
        expect(only!.name).toBe('the tests pass');
        expect(only!.message).not.toBe('');
      }
    });
  });
});
