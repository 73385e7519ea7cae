import { FieldReader, idPattern } from './fields.js';
import type { QuizQuestion } from './model.js';
import type { YamlSource } from './yaml-source.js';

/**
 * Turns one parsed ```quiz block into questions. `firstNumber` is the lesson-wide number of the
 * block's first question, so default ids (q1, q2, …) stay unique across several quiz blocks.
 */
export function readQuizBlock(source: YamlSource, firstNumber: number): QuizQuestion[] {
  const block = FieldReader.at(source, [], source.value, 'quiz block');
  block.allowOnly(['questions']);
  const questions = block.list('questions', 'a list of questions, each starting with "- ask: …"');
  return questions.map((raw, index) => readQuestion(block, raw, index, firstNumber + index));
}

function readQuestion(block: FieldReader, raw: unknown, index: number, number: number): QuizQuestion {
  const question: FieldReader = block.child(['questions', index], raw, `quiz question ${index + 1}`);
  question.allowOnly(['id', 'ask', 'choices', 'answer', 'accept', 'explain']);
  const id = question.has('id') ? question.id('id', '"id: status-created"') : `q${number}`;
  if (!idPattern.test(id)) question.fail('id', `"id" must be letters, digits, "-" or "_"`);
  const base = {
    id,
    ask: question.requiredText('ask', '"ask: Which status code means created?"'),
    line: question.line(),
    ...(question.has('explain') ? { explain: question.text('explain')! } : {}),
  };
  if (!question.has('answer')) question.fail(undefined, '"answer" is required — one of the choices, a list of them, or the expected text');
  const choices = question.textList('choices');

  if (choices === undefined) {
    if (Array.isArray(question.raw.answer)) question.fail('answer', 'a list of answers needs "choices" to pick from');
    const answer = question.requiredText('answer', '"answer: 201"');
    const accept = question.textList('accept') ?? [];
    const blank = accept.findIndex((text) => text.trim() === '');
    if (blank !== -1) question.failAt(['accept', blank], 'an accepted answer is empty, which would accept a blank reply — remove it');
    return { ...base, kind: 'text', answer, accept };
  }

  if (question.has('accept')) question.fail('accept', '"accept" is only for free-text questions (those without "choices")');
  if (choices.length < 2) question.fail('choices', '"choices" needs at least two options');
  const duplicate = choices.find((choice, i) => choices.indexOf(choice) !== i);
  if (duplicate !== undefined) question.fail('choices', `the choice "${duplicate}" appears twice`);
  const notAChoice = (answer: string, where: (string | number)[] = ['answer']): never =>
    question.failAt(where, `the answer "${answer}" is not one of the choices (${choices.join(' | ')}) — copy it exactly from "choices"`);

  if (Array.isArray(question.raw.answer)) {
    const answers = question.textList('answer')!;
    if (answers.length === 0) question.fail('answer', 'the list of answers is empty — list the right choices');
    answers.forEach((answer, index) => {
      if (!choices.includes(answer)) notAChoice(answer, ['answer', index]);
    });
    return { ...base, kind: 'multiple', choices, answer: [...new Set(answers)] };
  }
  const answer = question.requiredText('answer', '"answer: 201 Created"');
  if (!choices.includes(answer)) notAChoice(answer);
  return { ...base, kind: 'single', choices, answer };
}
