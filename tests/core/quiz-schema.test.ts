import { describe, expect, it } from 'vitest';
import { parseLesson } from '../../src/core/lesson-parser.js';
import type { QuizQuestion } from '../../src/core/model.js';
import { readQuizBlock } from '../../src/core/quiz-schema.js';
import { YamlSource } from '../../src/core/yaml-source.js';
import { lines, packError } from '../helpers/pack.js';

/** Front matter on lines 1-4, the quiz fence on line 5: the block's line k is file line 5 + k. */
function withQuiz(block: string[]): string {
  return lines('---', 'id: lesson', 'title: Lesson', '---', '```quiz', ...block, '```');
}

function questions(block: string[]): QuizQuestion[] {
  return parseLesson(withQuiz(block), 'x.md', 1).questions;
}

function quizError(block: string[]) {
  return packError(() => parseLesson(withQuiz(block), 'x.md', 1));
}

describe('quiz questions', () => {
  it('single choice: answer is one of the choices', () => {
    expect(
      questions([
        'questions:', // 6
        '  - ask: Which status code means "created"?', // 7
        '    choices: [200 OK, 201 Created, 204 No Content, 302 Found]',
        '    answer: 201 Created',
        '    explain: 201 says a new resource now exists.',
      ]),
    ).toEqual([
      {
        id: 'q1',
        ask: 'Which status code means "created"?',
        line: 7,
        explain: '201 says a new resource now exists.',
        kind: 'single',
        choices: ['200 OK', '201 Created', '204 No Content', '302 Found'],
        answer: '201 Created',
      },
    ]);
  });

  it('numeric choices and answers are read as text', () => {
    const [question] = questions(['questions:', '  - ask: Created?', '    choices: [200, 201, 404]', '    answer: 201']);
    expect(question).toMatchObject({ kind: 'single', choices: ['200', '201', '404'], answer: '201' });
  });

  it('multiple choice: a list of answers, all among the choices, duplicates dropped', () => {
    const [question] = questions([
      'questions:',
      '  - id: safe-methods',
      '    ask: Which methods are safe?',
      '    choices: [GET, POST, HEAD, DELETE]',
      '    answer: [GET, HEAD, GET]',
    ]);
    expect(question).toEqual({
      id: 'safe-methods',
      ask: 'Which methods are safe?',
      line: 7,
      kind: 'multiple',
      choices: ['GET', 'POST', 'HEAD', 'DELETE'],
      answer: ['GET', 'HEAD'],
    });
  });

  it('a one-item answer list is still a multiple-choice question', () => {
    const [question] = questions(['questions:', '  - ask: Pick', '    choices: [a, b]', '    answer:', '      - b']);
    expect(question).toMatchObject({ kind: 'multiple', answer: ['b'] });
  });

  it('free text: no choices; numbers become text; accept lists more answers', () => {
    const [port, method] = questions([
      'questions:',
      '  - ask: Which port?', // 7
      '    answer: 3000',
      '  - ask: Which method reads?', // 9
      '    answer: GET',
      '    accept: [get request, "HTTP GET"]',
    ]);
    expect(port).toEqual({ id: 'q1', ask: 'Which port?', line: 7, kind: 'text', answer: '3000', accept: [] });
    expect(method).toEqual({ id: 'q2', ask: 'Which method reads?', line: 9, kind: 'text', answer: 'GET', accept: ['get request', 'HTTP GET'] });
  });

  it('free-text answers keep the text the author wrote (3.10, 007)', () => {
    const [version, code] = questions(['questions:', '  - ask: Version?', '    answer: 3.10', '  - ask: Agent?', '    answer: 007']);
    expect(version).toMatchObject({ kind: 'text', answer: '3.10' });
    expect(code).toMatchObject({ kind: 'text', answer: '007' });
  });

  it('an answer that is not among the choices is an error on the answer line', () => {
    const error = quizError([
      'questions:', // 6
      '  - ask: Which?', // 7
      '    choices: [200 OK, 201 Created]', // 8
      '    explain: because', // 9
      '    answer: 201 created', // 10
    ]);
    expect(error.file).toBe('x.md');
    expect(error.line).toBe(10);
    expect(error.problem).toBe(
      'quiz question 1: the answer "201 created" is not one of the choices (200 OK | 201 Created) — copy it exactly from "choices"',
    );
  });

  it('a multiple-choice answer outside the choices is an error naming it', () => {
    const error = quizError(['questions:', '  - ask: A?', '    answer: a', '  - ask: Which?', '    choices: [a, b, c]', '    answer: [a, d]']);
    expect(error.line).toBe(11);
    expect(error.problem).toContain('quiz question 2: the answer "d" is not one of the choices (a | b | c)');
  });

  it('a wrong item in a block-list answer is reported on its own line', () => {
    const error = quizError(['questions:', '  - ask: Which?', '    choices: [a, b, c]', '    answer:', '      - a', '      - z']);
    expect(error.problem).toContain('the answer "z" is not one of the choices');
    expect(error.line).toBe(11);
  });

  it('accept together with choices is an error on the accept line', () => {
    const error = quizError(['questions:', '  - ask: Which?', '    choices: [a, b]', '    answer: a', '    accept: [A]']);
    expect(error.line).toBe(10);
    expect(error.problem).toBe('quiz question 1: "accept" is only for free-text questions (those without "choices")');
  });

  it('duplicate choices and fewer than two choices are errors on the choices line', () => {
    const twice = quizError(['questions:', '  - ask: Which?', '    answer: a', '    choices: [a, b, a]']);
    expect(twice.line).toBe(9);
    expect(twice.problem).toBe('quiz question 1: the choice "a" appears twice');
    const one = quizError(['questions:', '  - ask: Which?', '    choices: [a]', '    answer: a']);
    expect(one.line).toBe(8);
    expect(one.problem).toBe('quiz question 1: "choices" needs at least two options');
  });

  it('an answer list without choices, an empty answer list and a missing answer are errors', () => {
    const listNoChoices = quizError(['questions:', '  - ask: Which?', '    answer: [a, b]']);
    expect(listNoChoices.line).toBe(8);
    expect(listNoChoices.problem).toBe('quiz question 1: a list of answers needs "choices" to pick from');
    const emptyList = quizError(['questions:', '  - ask: Which?', '    choices: [a, b]', '    answer: []']);
    expect(emptyList.line).toBe(9);
    expect(emptyList.problem).toContain('the list of answers is empty');
    const missing = quizError(['questions:', '  - ask: A?', '    answer: a', '  - ask: Which?', '    choices: [a, b]']);
    expect(missing.line).toBe(9);
    expect(missing.problem).toBe('quiz question 2: "answer" is required — one of the choices, a list of them, or the expected text');
  });

  it('a missing ask and an unknown field are errors', () => {
    const noAsk = quizError(['questions:', '  - answer: a']);
    expect(noAsk.line).toBe(7);
    expect(noAsk.problem).toContain('quiz question 1: "ask" is required');
    const unknown = quizError(['questions:', '  - ask: A?', '    answer: a', '    hint: think']);
    expect(unknown.line).toBe(9);
    expect(unknown.problem).toBe('quiz question 1: unknown field "hint" — the fields allowed here are: id, ask, choices, answer, accept, explain');
  });

  it('a quiz block needs a non-empty questions list and nothing else', () => {
    const empty = quizError(['questions: []']);
    expect(empty.line).toBe(6);
    expect(empty.problem).toContain('"questions" must be a non-empty list');
    const extra = quizError(['title: Quiz', 'questions:', '  - ask: A?', '    answer: a']);
    expect(extra.line).toBe(6);
    expect(extra.problem).toBe('quiz block: unknown field "title" — the fields allowed here are: questions');
    const notMapping = quizError(['questions:', '  - just text']);
    expect(notMapping.line).toBe(7);
    expect(notMapping.problem).toContain('quiz question 1 must be a YAML mapping');
  });

  it('explicit ids must be valid and unique', () => {
    const bad = quizError(['questions:', '  - id: my question', '    ask: A?', '    answer: a']);
    expect(bad.line).toBe(7);
    expect(bad.problem).toContain('"id" must be letters, digits, "-" or "_" (got "my question")');
    const twice = quizError(['questions:', '  - id: same', '    ask: A?', '    answer: a', '  - id: same', '    ask: B?', '    answer: b']);
    expect(twice.line).toBe(10);
    expect(twice.problem).toBe('the question id "same" is already used at line 7 — give each question its own id');
  });
});

describe('readQuizBlock directly', () => {
  it('numbers default ids from firstNumber and reports lines from the block start', () => {
    const source = YamlSource.parse(['questions:', '  - ask: A?', '    answer: a', '  - ask: B?', '    answer: b'].join('\n'), 'f.md', 20, 'quiz block');
    const result = readQuizBlock(source, 4);
    expect(result.map((question) => [question.id, question.line])).toEqual([
      ['q4', 21],
      ['q5', 23],
    ]);
  });
});
