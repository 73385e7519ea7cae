import { PackFormatError } from '../errors.js';
import { readExercise } from './exercise-schema.js';
import { FieldReader } from './fields.js';
import type { Exercise, Lesson, Page, PageBlock, QuizQuestion } from './model.js';
import { readQuizBlock } from './quiz-schema.js';
import { YamlSource } from './yaml-source.js';

const frontMatterFields = ['id', 'number', 'title', 'summary', 'minutes', 'database'];
const fenceOpen = /^ {0,3}(`{3,}|~{3,})[ \t]*([^`\s]*)[^`]*$/;
const pageHeading = /^ {0,3}##(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;

/** Normalises line endings and drops a byte-order mark, so positions are counted the same everywhere. */
export function normalizeText(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

/**
 * Parses one lesson file. Pure: text in, Lesson out. `file` is only used in error messages;
 * `numberFromName` is the NN- prefix of the file name, the default lesson number.
 *
 * Without `blockProblems` the first problem throws. With it (for `validate`), a broken exercise
 * or quiz block is recorded there and skipped, so one run reports every broken block of a file;
 * problems in the front matter or the page structure still throw, as nothing after them can be
 * trusted.
 */
export function parseLesson(text: string, file: string, numberFromName?: number, blockProblems?: PackFormatError[]): Lesson {
  const lines = normalizeText(text).split('\n');
  const { frontMatter, bodyStart } = splitFrontMatter(lines, file);
  const meta: FieldReader = FieldReader.at(frontMatter, [], frontMatter.value, 'front matter');
  meta.allowOnly(frontMatterFields);
  const id = meta.id('id', '"id: sql-basics"');
  const number = meta.positiveNumber('number', { integer: true }) ?? numberFromName;
  if (number === undefined) {
    meta.fail(undefined, 'the lesson has no number — add "number: 3" or start the file name with it, as in 03-sql.md');
  }
  const database = meta.text('database');
  if (database !== undefined && !/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(database)) {
    meta.fail('database', `"database" must be the plain name of a file in data/ (got "${database}") — for example "database: shop"`);
  }
  const title = meta.requiredText('title', '"title: Asking a database questions"');
  const minutes = meta.positiveNumber('minutes', { integer: false });

  const body = parseBody(lines, bodyStart, file, title, database, blockProblems);
  if (body.pages.length === 0) {
    // The line after the front matter, or its closing "---" when the file ends there.
    throw new PackFormatError(file, Math.min(bodyStart + 1, lines.length), 'the lesson has no content — write an introduction or a "## Page title" heading after the front matter');
  }
  return {
    id,
    idLine: meta.line('id'),
    number,
    ...(meta.has('number') ? { numberLine: meta.line('number') } : {}),
    title,
    summary: meta.text('summary') ?? '',
    ...(minutes === undefined ? {} : { minutes }),
    ...(database === undefined ? {} : { database, databaseLine: meta.line('database') }),
    file,
    ...body,
  };
}

function splitFrontMatter(lines: string[], file: string): { frontMatter: YamlSource; bodyStart: number } {
  if (lines[0]?.trim() !== '---') {
    throw new PackFormatError(file, 1, 'a lesson must start with front matter: a line "---", then "id:", "title:" and "summary:" lines, then "---"');
  }
  const end = lines.findIndex((line, i) => i > 0 && (line.trim() === '---' || line.trim() === '...'));
  if (end === -1) {
    throw new PackFormatError(file, 1, 'the front matter is never closed — add a line "---" after its last field');
  }
  const frontMatter = YamlSource.parse(lines.slice(1, end).join('\n'), file, 2, 'front matter');
  return { frontMatter, bodyStart: end + 1 };
}

interface BodyParts {
  pages: Page[];
  exercises: Exercise[];
  questions: QuizQuestion[];
}

/** Walks the body line by line, tracking code fences so that "## " inside code is not a page break. */
function parseBody(
  lines: string[],
  start: number,
  file: string,
  lessonTitle: string,
  lessonDatabase: string | undefined,
  blockProblems: PackFormatError[] | undefined,
): BodyParts {
  const pages: Page[] = [];
  const exercises: Exercise[] = [];
  const questions: QuizQuestion[] = [];
  // Broken exercise blocks skipped while collecting problems still count, so that the exercises
  // after them keep the N.M numbers they will have once the file is fixed.
  let skippedExercises = 0;
  let page: Page = { title: lessonTitle, line: start + 1, blocks: [] };
  let markdown: string[] = [];

  const flushMarkdown = () => {
    const text = markdown.join('\n').trim();
    if (text !== '') page.blocks.push({ kind: 'markdown', text });
    markdown = [];
  };
  const addBlock = (block: PageBlock) => {
    flushMarkdown();
    page.blocks.push(block);
  };
  const closePage = () => {
    flushMarkdown();
    if (page.blocks.length > 0) pages.push(page);
  };

  for (let i = start; i < lines.length; i++) {
    const line = lines[i]!;
    const fence = fenceOpen.exec(line);
    if (fence) {
      const [, marker, info] = fence as unknown as [string, string, string];
      const close = lines.findIndex((candidate, j) => j > i && isFenceClose(candidate, marker));
      const kind = info.toLowerCase();
      if (close === -1) {
        throw new PackFormatError(file, i + 1, `the ${kind === '' ? 'code' : `"${kind}"`} block opened here is never closed — add a line "${marker}" after it`);
      }
      const content = lines.slice(i + 1, close).join('\n');
      if (kind === 'exercise' || kind === 'quiz') {
        try {
          if (kind === 'exercise') {
            const source = YamlSource.parse(content, file, i + 2, 'exercise block');
            const exercise = readExercise(source, { position: exercises.length + skippedExercises + 1, line: i + 1, lessonDatabase });
            const clash = exercises.find((other) => other.id === exercise.id);
            if (clash) throw new PackFormatError(file, i + 1, `the exercise id "${exercise.id}" is already used at line ${clash.line} — give each exercise its own id`);
            exercises.push(exercise);
            addBlock({ kind: 'exercise', exercise });
          } else {
            const source = YamlSource.parse(content, file, i + 2, 'quiz block');
            const block = readQuizBlock(source, questions.length + 1);
            for (const question of block) {
              const clash = questions.find((other) => other.id === question.id);
              if (clash) throw new PackFormatError(file, question.line, `the question id "${question.id}" is already used at line ${clash.line} — give each question its own id`);
              questions.push(question);
            }
            addBlock({ kind: 'quiz', questions: block });
          }
        } catch (error) {
          if (blockProblems === undefined || !(error instanceof PackFormatError)) throw error;
          blockProblems.push(error);
          if (kind === 'exercise') skippedExercises += 1;
        }
      } else {
        markdown.push(...lines.slice(i, close + 1));
      }
      i = close;
      continue;
    }
    const heading = pageHeading.exec(line);
    if (heading) {
      // A closing run of #s is decoration ("## Title ##"); "## ##" has no title at all.
      const title = (heading[1] ?? '').replace(/(^|[ \t]+)#+$/, '').trim();
      if (title === '') throw new PackFormatError(file, i + 1, 'a "## " page heading needs a title after it');
      closePage();
      page = { title, line: i + 1, blocks: [] };
      continue;
    }
    markdown.push(line);
  }
  closePage();
  return { pages, exercises, questions };
}

function isFenceClose(line: string, opener: string): boolean {
  const match = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(line);
  return match !== null && match[1]![0] === opener[0] && match[1]!.length >= opener.length;
}
