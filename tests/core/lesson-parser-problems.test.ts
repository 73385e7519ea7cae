// parseLesson's collecting mode, used by `validate`: broken exercise and quiz blocks are recorded
// and skipped, so one run reports every broken block of a file.
import { describe, expect, it } from 'vitest';
import { parseLesson } from '../../src/core/lesson-parser.js';
import { PackFormatError } from '../../src/errors.js';
import { lines, packError } from '../helpers/pack.js';

const fence = '```';
const text = lines(
  '---', // 1
  'id: collect',
  'title: Several broken blocks',
  '---',
  '',
  `${fence}exercise`, // 6
  'id: first',
  'type: ruby',
  'prompt: A broken exercise.',
  'solution: puts 1',
  fence,
  '',
  `${fence}quiz`, // 13
  'questions:',
  '  - ask: A broken question?',
  '    choices: [a, b]',
  '    answer: c',
  fence,
  '',
  `${fence}exercise`, // 20
  'id: second',
  'type: js',
  'prompt: A good exercise.',
  'solution: "export const one = 1;"',
  'tests: assert.equal(mod.one, 1);',
  fence,
);

describe('parseLesson collecting block problems', () => {
  it('records every broken block, keeps the good ones, and keeps N.M positions as they will be', () => {
    const problems: PackFormatError[] = [];
    const lesson = parseLesson(text, 'x.md', 1, problems);
    expect(problems.map((problem) => `${problem.file}:${problem.line}`)).toEqual(['x.md:8', 'x.md:17']);
    expect(problems[0]!.problem).toContain('unknown exercise type "ruby"');
    expect(problems[1]!.problem).toContain('the answer "c" is not one of the choices');
    // The broken first exercise still counts: the good one is 1.2, as it will be once 1.1 is fixed.
    expect(lesson.exercises.map((exercise) => [exercise.id, exercise.position])).toEqual([['second', 2]]);
    expect(lesson.questions).toEqual([]);
  });

  it('without a list to collect into, the first problem throws as before', () => {
    const error = packError(() => parseLesson(text, 'x.md', 1));
    expect(`${error.file}:${error.line}`).toBe('x.md:8');
  });

  it('problems in the front matter still throw: nothing after them can be trusted', () => {
    const problems: PackFormatError[] = [];
    const error = packError(() => parseLesson(lines('---', 'id: x', '---', 'Text.'), 'x.md', 1, problems));
    expect(error.problem).toContain('"title" is required');
    expect(problems).toEqual([]);
  });
});
