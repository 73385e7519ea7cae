import { describe, expect, it } from 'vitest';
import type { QuizQuestion } from '../../src/core/model.js';
import { describeAnswer, isCorrect, normalizeFreeText, scoreQuiz } from '../../src/core/quiz-grading.js';

const single: QuizQuestion = { id: 's', ask: '?', line: 1, kind: 'single', choices: ['200 OK', '201 Created', '404 Not Found'], answer: '201 Created' };
const multiple: QuizQuestion = { id: 'm', ask: '?', line: 2, kind: 'multiple', choices: ['GET', 'POST', 'HEAD', 'PUT'], answer: ['GET', 'HEAD'] };
const text: QuizQuestion = { id: 't', ask: '?', line: 3, kind: 'text', answer: 'Status Code', accept: ['status', '  HTTP   status code '] };

describe('isCorrect', () => {
  it('single choice: exact match only', () => {
    expect(isCorrect(single, '201 Created')).toBe(true);
    expect(isCorrect(single, '201 created')).toBe(false);
    expect(isCorrect(single, ' 201 Created')).toBe(false);
    expect(isCorrect(single, '200 OK')).toBe(false);
    expect(isCorrect(single, ['201 Created'])).toBe(false);
  });

  it('multiple choice: set equality, order-insensitive', () => {
    expect(isCorrect(multiple, ['GET', 'HEAD'])).toBe(true);
    expect(isCorrect(multiple, ['HEAD', 'GET'])).toBe(true);
    expect(isCorrect(multiple, ['GET', 'HEAD', 'GET'])).toBe(true);
  });

  it('multiple choice: subsets, supersets, other sets and plain text are wrong', () => {
    expect(isCorrect(multiple, ['GET'])).toBe(false);
    expect(isCorrect(multiple, ['GET', 'HEAD', 'PUT'])).toBe(false);
    expect(isCorrect(multiple, ['GET', 'GET'])).toBe(false);
    expect(isCorrect(multiple, ['GET', 'POST'])).toBe(false);
    expect(isCorrect(multiple, [])).toBe(false);
    expect(isCorrect(multiple, 'GET')).toBe(false);
    expect(isCorrect(multiple, ['get', 'head'])).toBe(false);
  });

  it('free text: trims, ignores case, collapses inner whitespace, and takes accepted answers', () => {
    expect(isCorrect(text, 'Status Code')).toBe(true);
    expect(isCorrect(text, '  status   code\t')).toBe(true);
    expect(isCorrect(text, 'STATUS\ncode')).toBe(true);
    expect(isCorrect(text, 'Status')).toBe(true);
    expect(isCorrect(text, 'http status code')).toBe(true);
    expect(isCorrect(text, 'statuscode')).toBe(false);
    expect(isCorrect(text, 'status codes')).toBe(false);
    expect(isCorrect(text, '')).toBe(false);
    expect(isCorrect(text, ['Status Code'])).toBe(false);
  });

  it('normalizeFreeText', () => {
    expect(normalizeFreeText('  A \t B\n\nC  ')).toBe('a b c');
  });
});

describe('describeAnswer', () => {
  it('shows the answer for single and text, and joins multiple answers', () => {
    expect(describeAnswer(single)).toBe('201 Created');
    expect(describeAnswer(text)).toBe('Status Code');
    expect(describeAnswer(multiple)).toBe('GET; HEAD');
  });
});

describe('scoreQuiz', () => {
  it('counts questions whose latest answer was right; unanswered ones count as wrong', () => {
    const latest = new Map([
      ['s', true],
      ['m', false],
    ]);
    expect(scoreQuiz([single, multiple, text], latest)).toEqual({ correct: 1, total: 3 });
    expect(scoreQuiz([single, multiple, text], new Map())).toEqual({ correct: 0, total: 3 });
    expect(scoreQuiz([single, multiple, text], new Map([['s', true], ['m', true], ['t', true]]))).toEqual({ correct: 3, total: 3 });
  });

  it('ignores answers to questions that are no longer in the quiz', () => {
    expect(scoreQuiz([single], new Map([['s', true], ['gone', true]]))).toEqual({ correct: 1, total: 1 });
    expect(scoreQuiz([], new Map([['gone', true]]))).toEqual({ correct: 0, total: 0 });
  });
});
