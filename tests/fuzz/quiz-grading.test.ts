// Property-based tests of the quiz grader with random answers, on the real questions of the
// built-in course and on made-up ones: grading never throws (whatever a stored or typed answer
// holds), gives the same verdict every time, and a free-text answer is right however the
// learner spaces or capitalises it.
import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLesson } from '../../src/core/lesson-parser.js';
import type { QuizQuestion } from '../../src/core/model.js';
import { describeAnswer, isCorrect, scoreQuiz, type QuizAnswer } from '../../src/core/quiz-grading.js';
import type { PackFormatError } from '../../src/errors.js';
import { root } from '../cli/pty-helpers.js';

const settings = { seed: 424_242, numRuns: 400 } as const;

/** Every question of the built-in course, as the parser produced it (validate and the lesson tests guard the lessons themselves). */
function courseQuestions(): QuizQuestion[] {
  const dir = path.join(root, 'lessons');
  return readdirSync(dir)
    .filter((name) => /^\d+-.+\.md$/.test(name))
    .flatMap((name) => {
      const problems: PackFormatError[] = [];
      return parseLesson(readFileSync(path.join(dir, name), 'utf8'), name, Number(name.slice(0, 2)), problems).questions;
    });
}

const realQuestions = courseQuestions();
const nonEmptyText = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }).filter((text) => text.trim() !== '');

const madeUpQuestion: fc.Arbitrary<QuizQuestion> = fc.oneof(
  fc.uniqueArray(nonEmptyText, { minLength: 2, maxLength: 6 }).chain((choices) =>
    fc.oneof(
      fc.constantFrom(...choices).map((answer): QuizQuestion => ({ id: 'q', ask: '?', line: 1, kind: 'single', choices, answer })),
      fc.subarray(choices, { minLength: 1 }).map((answer): QuizQuestion => ({ id: 'q', ask: '?', line: 1, kind: 'multiple', choices, answer })),
    ),
  ),
  fc.tuple(nonEmptyText, fc.array(nonEmptyText, { maxLength: 3 })).map(([answer, accept]): QuizQuestion => ({ id: 'q', ask: '?', line: 1, kind: 'text', answer, accept })),
);

const question = fc.oneof(fc.constantFrom(...realQuestions), madeUpQuestion);

/** What could reach the grader: typed text, picked choices (some twice), and junk from a hand-edited progress file. */
function answersFor(q: QuizQuestion): fc.Arbitrary<unknown> {
  const choices = q.kind === 'text' ? [q.answer, ...q.accept] : q.choices;
  return fc.oneof(
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.constantFrom(...choices),
    fc.array(fc.constantFrom(...choices), { maxLength: 8 }),
    fc.array(fc.string({ maxLength: 10 }), { maxLength: 5 }),
    fc.anything(),
  );
}

const whitespace = fc.array(fc.constantFrom(' ', '\t', '\n', '\r\n', '\u00a0', '\u3000', '\u2003'), { maxLength: 4 }).map((parts) => parts.join(''));

/** Changes the case of letters whose case round-trips (so "ß" → "SS" is not counted as the same word). */
function recase(text: string, flips: readonly boolean[]): string {
  return [...text]
    .map((char, index) => {
      const other = flips[index % Math.max(1, flips.length)] ? char.toUpperCase() : char.toLowerCase();
      return [...other].length === 1 && other.toLowerCase() === char.toLowerCase() ? other : char;
    })
    .join('');
}

describe('the quiz grader with random answers', () => {
  it(`grades the course's own questions too (${realQuestions.length} of them, every kind)`, () => {
    expect(new Set(realQuestions.map((q) => q.kind))).toEqual(new Set(['single', 'multiple', 'text']));
  });

  it('never throws, and gives the same verdict for the same answer every time', () => {
    fc.assert(
      fc.property(
        question.chain((q) => fc.tuple(fc.constant(q), answersFor(q))),
        ([q, answer]) => {
          const first = isCorrect(q, answer as QuizAnswer);
          expect(typeof first).toBe('boolean');
          // A fresh copy of both: the verdict depends on values, not on identity or call order.
          expect(isCorrect(structuredClone(q), structuredClone(answer) as QuizAnswer)).toBe(first);
          expect(isCorrect(q, answer as QuizAnswer)).toBe(first);
          expect(typeof describeAnswer(q)).toBe('string');
        },
      ),
      settings,
    );
  });

  it('a free-text answer is right with any surrounding whitespace and any capitalisation; a different text is not', () => {
    const textQuestion = question.filter((q): q is Extract<QuizQuestion, { kind: 'text' }> => q.kind === 'text');
    fc.assert(
      fc.property(textQuestion, fc.nat(), whitespace, whitespace, fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }), (q, pick, before, after, flips) => {
        const accepted = [q.answer, ...q.accept];
        const right = accepted[pick % accepted.length]!;
        expect(isCorrect(q, `${before}${recase(right, flips)}${after}`)).toBe(true);
        // Inner runs of spaces count as one space.
        expect(isCorrect(q, right.trim().replace(/ /g, '   '))).toBe(true);
        const wrong = `${right.trim()} and more`;
        if (!accepted.some((text) => text.trim().replace(/\s+/g, ' ').toLowerCase() === wrong.replace(/\s+/g, ' ').toLowerCase())) {
          expect(isCorrect(q, wrong)).toBe(false);
        }
      }),
      settings,
    );
  });

  it('choices: the right pick (in any order, picked twice) is right; one missing or one extra is wrong', () => {
    const choiceQuestion = question.filter((q): q is Extract<QuizQuestion, { kind: 'single' | 'multiple' }> => q.kind !== 'text');
    fc.assert(
      fc.property(choiceQuestion, fc.nat(), (q, seed) => {
        const rightSet = q.kind === 'single' ? [q.answer] : q.answer;
        const shuffled = [...rightSet].sort((a, b) => ((a.length * 31 + seed) % 7) - ((b.length * 31 + seed) % 7));
        if (q.kind === 'single') {
          expect(isCorrect(q, q.answer)).toBe(true);
          for (const other of q.choices.filter((choice) => choice !== q.answer)) expect(isCorrect(q, other)).toBe(false);
          // Single choice is an exact pick: padding is not the same choice.
          expect(isCorrect(q, ` ${q.answer}`)).toBe(false);
          return;
        }
        expect(isCorrect(q, shuffled)).toBe(true);
        expect(isCorrect(q, [...shuffled, shuffled[seed % shuffled.length]!])).toBe(true);
        if (rightSet.length > 1) expect(isCorrect(q, shuffled.slice(1))).toBe(false);
        const extra = q.choices.find((choice) => !rightSet.includes(choice));
        if (extra !== undefined) expect(isCorrect(q, [...shuffled, extra])).toBe(false);
      }),
      settings,
    );
  });

  it('a score counts only questions answered right, and never more than there are', () => {
    fc.assert(
      fc.property(fc.array(question, { maxLength: 12 }), fc.array(fc.tuple(fc.string({ maxLength: 4 }), fc.boolean())), (questions, verdicts) => {
        const latest = new Map(verdicts);
        const score = scoreQuiz(questions, latest);
        expect(score.total).toBe(questions.length);
        expect(score.correct).toBe(questions.filter((q) => latest.get(q.id) === true).length);
        expect(scoreQuiz(questions, new Map(verdicts))).toEqual(score);
      }),
      settings,
    );
  });
});
