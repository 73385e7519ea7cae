// Property-based tests of the pack parsers on broken input: real lessons and course files from
// lessons/ and tests/fixtures, damaged at random (tests/fuzz/mutations.ts), and lessons made up
// from scratch. Whatever the text, the only error that may escape is the typed PackFormatError,
// and it must name the file and a line that exists in it: that is what lets every command say
// "file:line: what is wrong" instead of crashing with a TypeError.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCourseFile } from '../../src/core/course-parser.js';
import { normalizeText, parseLesson } from '../../src/core/lesson-parser.js';
import { PackFormatError } from '../../src/errors.js';
import { mutate, mutation, realCourseFiles, realLessons } from './mutations.js';

// Fixed seeds: a failure is reproduced by running the file again, and the run stays quick.
const settings = { seed: 20_240_601, numRuns: 250, endOnFailure: true } as const;

const lessons = realLessons();
const courseFiles = realCourseFiles();

function lineCount(text: string): number {
  return normalizeText(text).split('\n').length;
}

/** Fails with a readable message unless `error` is a PackFormatError about `file` at a line of `text`. */
function expectPlacedProblem(error: unknown, file: string, text: string): void {
  if (!(error instanceof PackFormatError)) {
    throw new Error(`expected only PackFormatError to escape, got ${(error as Error)?.name}: ${(error as Error)?.message}\n${(error as Error)?.stack}`);
  }
  expect(error.file).toBe(file);
  expect(error.line, error.message).toBeTypeOf('number');
  expect(error.line!, error.message).toBeGreaterThanOrEqual(1);
  expect(error.line!, error.message).toBeLessThanOrEqual(lineCount(text));
  expect(error.message.startsWith(`${file}:${error.line}: `), error.message).toBe(true);
}

/** Parses a lesson both ways (first problem throws; validate's collecting mode) and checks what comes out. */
function parseBothWays(text: string, file: string): void {
  try {
    const lesson = parseLesson(text, file, 4);
    // A lesson that parses must be usable: the shapes every command relies on.
    expect(lesson.pages.length).toBeGreaterThan(0);
    for (const page of lesson.pages) expect(page.line).toBeLessThanOrEqual(lineCount(text));
  } catch (error) {
    expectPlacedProblem(error, file, text);
  }
  const problems: PackFormatError[] = [];
  try {
    parseLesson(text, file, 4, problems);
  } catch (error) {
    expectPlacedProblem(error, file, text);
  }
  for (const problem of problems) expectPlacedProblem(problem, file, text);
}

describe('the lesson parser on mutated real lessons', () => {
  it(`has real lessons to mutate (${lessons.length} files)`, () => {
    expect(lessons.length).toBeGreaterThanOrEqual(10);
    expect(lessons.some((lesson) => lesson.text.includes('```exercise'))).toBe(true);
    expect(lessons.some((lesson) => lesson.text.includes('```quiz'))).toBe(true);
  });

  it('throws nothing but a PackFormatError naming the file and a line within it', () => {
    fc.assert(
      fc.property(fc.constantFrom(...lessons), fc.array(mutation, { minLength: 1, maxLength: 8 }), (source, mutations) => {
        parseBothWays(mutate(source.text, mutations), '05-mutated.md');
      }),
      settings,
    );
  });

  it('a mutation inside one exercise or quiz block only: the same guarantee, with the block text damaged hardest', () => {
    // Mutating whole lessons mostly hits prose; this aims every change at one YAML block.
    const blocks = lessons.flatMap((lesson) =>
      [...lesson.text.matchAll(/^```(exercise|quiz)\n[\s\S]*?\n```$/gm)].map((match) => ({ before: lesson.text.slice(0, match.index), block: match[0], after: lesson.text.slice(match.index! + match[0].length) })),
    );
    expect(blocks.length).toBeGreaterThan(20);
    fc.assert(
      fc.property(fc.constantFrom(...blocks), fc.array(mutation, { minLength: 1, maxLength: 6 }), (source, mutations) => {
        const inner = source.block.split('\n');
        const damaged = [inner[0], mutate(inner.slice(1, -1).join('\n'), mutations), inner.at(-1)].join('\n');
        parseBothWays(source.before + damaged + source.after, 'lesson.md');
      }),
      settings,
    );
  });
});

describe('lessons cut short', () => {
  it('every real lesson cut at every line of its front matter (and just after it) names a line that exists', () => {
    // Found by the properties above: a lesson that ended right after its closing "---" was
    // reported at the line after the last one.
    for (const source of lessons) {
      const lines = source.text.split('\n');
      const end = lines.indexOf('---', 1);
      for (let cut = 1; cut <= Math.max(1, end + 2); cut++) {
        for (const text of [lines.slice(0, cut).join('\n'), `${lines.slice(0, cut).join('\n')}\n`]) {
          try {
            parseLesson(text, 'cut.md', 1);
          } catch (error) {
            expectPlacedProblem(error, 'cut.md', text);
          }
        }
      }
    }
  });
});

describe('the lesson parser on made-up lessons', () => {
  const piece = fc.oneof(
    fc.constantFrom('---', 'id: made-up', 'title: Made up', 'number: 2', 'number: -3', 'minutes: soon', 'database: ../../etc', '## Page', '```exercise', '```quiz', '```', 'questions:', '  - ask: Why?', '    answer: Because', 'type: js', 'solution: x', 'tests: assert.ok(1)', 'prompt: Do it'),
    fc.string({ unit: 'grapheme', maxLength: 30 }),
    fc.string({ unit: 'binary', maxLength: 30 }),
  );

  it('random sequences of lesson-like lines: only a placed PackFormatError escapes', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        parseBothWays(pieces.join('\n'), 'made-up.md');
      }),
      settings,
    );
  });

  it('a valid front matter with random YAML values in every field', () => {
    const value = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 12 }), fc.constantFrom('[]', '{}', 'null', '1e999', '-0', '*x', '&x [*x]', '!!binary aGk=', '|', '"\\x1b[2J"'));
    fc.assert(
      fc.property(fc.tuple(value, value, value, value, value, value), (values) => {
        const [id, number, title, summary, minutes, database] = values;
        const text = ['---', `id: ${id}`, `number: ${number}`, `title: ${title}`, `summary: ${summary}`, `minutes: ${minutes}`, `database: ${database}`, '---', '', 'Body.'].join('\n');
        parseBothWays(text, 'fields.md');
      }),
      settings,
    );
  });
});

describe('the course parser on mutated course.yaml files', () => {
  it('throws nothing but a PackFormatError naming course.yaml and a line within it', () => {
    expect(courseFiles.length).toBeGreaterThanOrEqual(5);
    fc.assert(
      fc.property(fc.constantFrom(...courseFiles), fc.array(mutation, { minLength: 1, maxLength: 6 }), (source, mutations) => {
        const text = mutate(source.text, mutations);
        try {
          const info = parseCourseFile(text, 'course.yaml');
          expect(typeof info.id).toBe('string');
          expect(typeof info.title).toBe('string');
        } catch (error) {
          expectPlacedProblem(error, 'course.yaml', text);
        }
      }),
      settings,
    );
  });
});
