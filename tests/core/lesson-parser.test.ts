import { describe, expect, it } from 'vitest';
import { normalizeText, parseLesson } from '../../src/core/lesson-parser.js';
import { PackFormatError } from '../../src/errors.js';
import { lines, packError } from '../helpers/pack.js';

const basic = lines(
  '---', // 1
  'id: basics', // 2
  'title: The basics', // 3
  'summary: What it is about.', // 4
  'minutes: 15', // 5
  '---', // 6
  'Intro paragraph.', // 7
  '', // 8
  '## Second page', // 9
  'Body of page two.', // 10
  '', // 11
  '### Not a page', // 12
  'Still page two.', // 13
  '', // 14
  '## Third page ##', // 15
  'Last words.', // 16
);

describe('parseLesson: front matter', () => {
  it('reads id, title, summary and minutes, and takes the number from the file name', () => {
    const lesson = parseLesson(basic, 'lessons/04-basics.md', 4);
    expect(lesson.id).toBe('basics');
    expect(lesson.title).toBe('The basics');
    expect(lesson.summary).toBe('What it is about.');
    expect(lesson.minutes).toBe(15);
    expect(lesson.number).toBe(4);
    expect(lesson.file).toBe('lessons/04-basics.md');
    expect(lesson).not.toHaveProperty('database');
    expect(lesson.exercises).toEqual([]);
    expect(lesson.questions).toEqual([]);
  });

  it('an explicit number wins over the file name prefix', () => {
    const text = lines('---', 'id: x', 'number: 7', 'title: X', '---', 'Hi.');
    expect(parseLesson(text, '04-x.md', 4).number).toBe(7);
    expect(parseLesson(text, 'x.md').number).toBe(7);
  });

  it('summary defaults to empty text', () => {
    const lesson = parseLesson(lines('---', 'id: x', 'title: X', '---', 'Hi.'), 'x.md', 1);
    expect(lesson.summary).toBe('');
    expect(lesson).not.toHaveProperty('minutes');
  });

  it('no number at all is an error pointing at the front matter', () => {
    const error = packError(() => parseLesson(lines('---', 'id: x', 'title: X', '---', 'Hi.'), 'x.md'));
    expect(error.file).toBe('x.md');
    expect(error.line).toBe(2);
    expect(error.problem).toContain('the lesson has no number');
    expect(error.problem).toContain('03-sql.md');
  });

  it.each([
    ['number: 0', 'must be a positive whole number'],
    ['number: 2.5', 'must be a positive whole number'],
    ['number: three', 'must be a positive whole number, but it is string "three"'],
  ])('rejects %s on its line', (field, problem) => {
    const error = packError(() => parseLesson(lines('---', 'id: x', 'title: X', field, '---', 'Hi.'), 'x.md', 1));
    expect(error.line).toBe(4);
    expect(error.problem).toContain(problem);
  });

  it('a missing id or title is an error', () => {
    const noId = packError(() => parseLesson(lines('---', 'title: X', 'summary: s', '---', 'Hi.'), 'a.md', 1));
    expect(noId.line).toBe(2);
    expect(noId.problem).toContain('"id" is required');
    const noTitle = packError(() => parseLesson(lines('---', 'id: x', 'summary: s', '---', 'Hi.'), 'a.md', 1));
    expect(noTitle.line).toBe(2);
    expect(noTitle.problem).toContain('"title" is required');
    const emptyTitle = packError(() => parseLesson(lines('---', 'id: x', 'summary: s', 'title: ""', '---', 'Hi.'), 'a.md', 1));
    expect(emptyTitle.line).toBe(4);
    expect(emptyTitle.problem).toContain('"title" is required');
  });

  it('an id with spaces or slashes is rejected on its line', () => {
    const error = packError(() => parseLesson(lines('---', 'title: X', 'id: my lesson', '---', 'Hi.'), 'a.md', 1));
    expect(error.line).toBe(3);
    expect(error.problem).toContain('"id" must be letters, digits, "-" or "_" (got "my lesson")');
  });

  it('an unknown field such as "titel" is rejected on its own line, naming the allowed fields', () => {
    const error = packError(() => parseLesson(lines('---', 'id: x', 'summary: s', 'titel: Typo', 'title: X', '---', 'Hi.'), '02-x.md', 2));
    expect(error).toBeInstanceOf(PackFormatError);
    expect(error.file).toBe('02-x.md');
    expect(error.line).toBe(4);
    expect(error.problem).toBe('front matter: unknown field "titel" — the fields allowed here are: id, number, title, summary, minutes, database');
    expect(error.message).toBe(`02-x.md:4: ${error.problem}`);
  });

  it('a file without front matter is an error on line 1', () => {
    const error = packError(() => parseLesson(lines('# Title', '', 'Text'), 'x.md', 1));
    expect(error.line).toBe(1);
    expect(error.problem).toContain('a lesson must start with front matter');
  });

  it('front matter that is never closed is an error on line 1', () => {
    const error = packError(() => parseLesson(lines('---', 'id: x', 'title: X', '', '## Page', 'text'), 'x.md', 1));
    expect(error.line).toBe(1);
    expect(error.problem).toContain('the front matter is never closed');
  });

  it('"..." also closes the front matter', () => {
    const lesson = parseLesson(lines('---', 'id: x', 'title: X', '...', 'Hello.'), 'x.md', 1);
    expect(lesson.pages).toHaveLength(1);
    expect(lesson.pages[0]!.line).toBe(5);
  });

  it('invalid YAML in the front matter reports the absolute line of the problem', () => {
    const error = packError(() => parseLesson(lines('---', 'id: x', 'title: X', 'summary: a: b', '---', 'Hi.'), 'x.md', 1));
    expect(error.line).toBe(4);
    expect(error.problem).toMatch(/^the front matter is not valid YAML \(/);
    expect(error.problem).toContain('quote text that contains ": "');
  });

  it('a key given twice is an error on the second one', () => {
    const error = packError(() => parseLesson(lines('---', 'id: x', 'title: X', 'id: y', '---', 'Hi.'), 'x.md', 1));
    expect(error.line).toBe(4);
    expect(error.problem).toContain('not valid YAML');
  });

  it('front matter that is a list, not a mapping, is rejected', () => {
    const error = packError(() => parseLesson(lines('---', '- id: x', '---', 'Hi.'), 'x.md', 1));
    expect(error.line).toBe(2);
    expect(error.problem).toContain('front matter must be a YAML mapping');
  });

  it('a database name with folders in the front matter is rejected', () => {
    const error = packError(() => parseLesson(lines('---', 'id: x', 'title: X', 'database: ../shop', '---', 'Hi.'), 'x.md', 1));
    expect(error.line).toBe(4);
    expect(error.problem).toContain('"database" must be the plain name of a file in data/ (got "../shop")');
  });

  it('a lesson with front matter and nothing else is an error on the line after it', () => {
    const error = packError(() => parseLesson(lines('---', 'id: x', 'title: X', '---', '', '   '), 'x.md', 1));
    expect(error.line).toBe(5);
    expect(error.problem).toContain('the lesson has no content');
  });

  it('BOM and CRLF line endings parse exactly like LF', () => {
    const crlf = `\uFEFF${basic.replace(/\n/g, '\r\n')}`;
    expect(parseLesson(crlf, 'x.md', 4)).toEqual(parseLesson(basic, 'x.md', 4));
    const cr = basic.replace(/\n/g, '\r');
    expect(parseLesson(cr, 'x.md', 4)).toEqual(parseLesson(basic, 'x.md', 4));
  });

  it('error lines are the same with CRLF endings', () => {
    const text = lines('---', 'id: x', 'title: X', 'titel: Y', '---', 'Hi.').replace(/\n/g, '\r\n');
    expect(packError(() => parseLesson(`\uFEFF${text}`, 'x.md', 1)).line).toBe(4);
  });

  it('normalizeText drops a BOM and turns CRLF and CR into LF', () => {
    expect(normalizeText('\uFEFFa\r\nb\rc\n')).toBe('a\nb\nc\n');
    expect(normalizeText('x\uFEFF')).toBe('x\uFEFF');
  });
});

describe('parseLesson: pages', () => {
  it('the introduction is page 1 titled with the lesson title; each "## " starts a page; "###" does not', () => {
    const lesson = parseLesson(basic, 'x.md', 1);
    expect(lesson.pages.map((page) => [page.title, page.line])).toEqual([
      ['The basics', 7],
      ['Second page', 9],
      ['Third page', 15],
    ]);
    expect(lesson.pages[0]!.blocks).toEqual([{ kind: 'markdown', text: 'Intro paragraph.' }]);
    expect(lesson.pages[1]!.blocks).toEqual([{ kind: 'markdown', text: 'Body of page two.\n\n### Not a page\nStill page two.' }]);
    expect(lesson.pages[2]!.blocks).toEqual([{ kind: 'markdown', text: 'Last words.' }]);
  });

  it('an empty introduction is skipped', () => {
    const lesson = parseLesson(lines('---', 'id: x', 'title: X', '---', '', '## First', 'a', '## Second', 'b'), 'x.md', 1);
    expect(lesson.pages.map((page) => [page.title, page.line])).toEqual([
      ['First', 6],
      ['Second', 8],
    ]);
  });

  it('a heading without a page body still produces no empty page', () => {
    const lesson = parseLesson(lines('---', 'id: x', 'title: X', '---', '## Empty', '', '## Full', 'text'), 'x.md', 1);
    expect(lesson.pages.map((page) => page.title)).toEqual(['Full']);
  });

  it('"## " inside ``` and ~~~ code blocks does not start a page', () => {
    const text = lines(
      '---',
      'id: x',
      'title: X',
      '---',
      '## Code', // 5
      '```markdown', // 6
      '## not a page', // 7
      '```', // 8
      '~~~', // 9
      '## also not', // 10
      '```', // 11 (does not close a ~~~ fence)
      '## still not', // 12
      '~~~', // 13
      '````', // 14
      '```', // 15 (shorter fence does not close)
      '## nope', // 16
      '````', // 17
      '## Real', // 18
      'end',
    );
    const lesson = parseLesson(text, 'x.md', 1);
    expect(lesson.pages.map((page) => [page.title, page.line])).toEqual([
      ['Code', 5],
      ['Real', 18],
    ]);
    expect(lesson.pages[0]!.blocks).toEqual([
      { kind: 'markdown', text: '```markdown\n## not a page\n```\n~~~\n## also not\n```\n## still not\n~~~\n````\n```\n## nope\n````' },
    ]);
  });

  it('"##" with no title is an error on its line', () => {
    for (const heading of ['##', '## ', '  ##\t']) {
      const error = packError(() => parseLesson(lines('---', 'id: x', 'title: X', '---', 'intro', '', heading, 'text'), 'x.md', 1));
      expect(error.line).toBe(7);
      expect(error.problem).toBe('a "## " page heading needs a title after it');
    }
  });

  it('"## ##" (only a closing sequence) is an empty heading and an error', () => {
    const error = packError(() => parseLesson(lines('---', 'id: x', 'title: X', '---', 'intro', '', '## ##', 'text'), 'x.md', 1));
    expect(error.line).toBe(7);
    expect(error.problem).toBe('a "## " page heading needs a title after it');
  });

  it('"##text" without a space and "# " headings are ordinary markdown', () => {
    const lesson = parseLesson(lines('---', 'id: x', 'title: X', '---', '##hashtag', '# Big', '## C#'), 'x.md', 1);
    expect(lesson.pages.map((page) => page.title)).toEqual(['X']);
    const withCsharp = parseLesson(lines('---', 'id: x', 'title: X', '---', '## C#', 'text'), 'x.md', 1);
    expect(withCsharp.pages[0]!.title).toBe('C#');
  });

  it('other fenced blocks stay in the markdown, fences included', () => {
    const lesson = parseLesson(lines('---', 'id: x', 'title: X', '---', 'Before.', '```js', 'const a = 1;', '```', 'After.'), 'x.md', 1);
    expect(lesson.pages[0]!.blocks).toEqual([{ kind: 'markdown', text: 'Before.\n```js\nconst a = 1;\n```\nAfter.' }]);
  });

  it('an exercise example inside a longer fence stays markdown', () => {
    const text = lines('---', 'id: x', 'title: X', '---', 'Example:', '````markdown', '```exercise', 'id: e', 'type: nope', '```', '````');
    const lesson = parseLesson(text, 'x.md', 1);
    expect(lesson.exercises).toEqual([]);
    expect(lesson.pages[0]!.blocks).toEqual([{ kind: 'markdown', text: 'Example:\n````markdown\n```exercise\nid: e\ntype: nope\n```\n````' }]);
  });

  it('an unclosed fence is an error naming the opening line', () => {
    const exercise = packError(() => parseLesson(lines('---', 'id: x', 'title: X', '---', 'intro', '```exercise', 'id: a', 'type: sql'), 'x.md', 1));
    expect(exercise.line).toBe(6);
    expect(exercise.problem).toBe('the "exercise" block opened here is never closed — add a line "```" after it');
    const code = packError(() => parseLesson(lines('---', 'id: x', 'title: X', '---', 'intro', '', '~~~~', 'code', '~~~'), 'x.md', 1));
    expect(code.line).toBe(7);
    expect(code.problem).toBe('the code block opened here is never closed — add a line "~~~~" after it');
  });
});

const exerciseLesson = lines(
  '---', // 1
  'id: sql-basics', // 2
  'title: SQL', // 3
  'database: shop', // 4
  '---', // 5
  'Intro.', // 6
  '', // 7
  '```exercise', // 8
  'id: first', // 9
  'type: sql', // 10
  'prompt: List products.', // 11
  'solution: SELECT * FROM products;', // 12
  '```', // 13
  '', // 14
  '## Page two', // 15
  'Before the quiz.', // 16
  '', // 17
  '```quiz', // 18
  'questions:', // 19
  '  - ask: One?', // 20
  '    answer: one', // 21
  '```', // 22
  '', // 23
  'Between.', // 24
  '', // 25
  '```exercise', // 26
  'id: second', // 27
  'type: js', // 28
  'prompt: Write add.', // 29
  'solution: export const add = (a, b) => a + b;', // 30
  'tests: assert.equal(mod.add(1, 2), 3);', // 31
  '```', // 32
  'After.', // 33
);

describe('parseLesson: exercise and quiz blocks', () => {
  it('places blocks on the right page, in order, between markdown', () => {
    const lesson = parseLesson(exerciseLesson, 'x.md', 3);
    expect(lesson.pages).toHaveLength(2);
    expect(lesson.pages[0]!.blocks.map((block) => block.kind)).toEqual(['markdown', 'exercise']);
    expect(lesson.pages[1]!.blocks.map((block) => block.kind)).toEqual(['markdown', 'quiz', 'markdown', 'exercise', 'markdown']);
    const texts = lesson.pages[1]!.blocks.flatMap((block) => (block.kind === 'markdown' ? [block.text] : []));
    expect(texts).toEqual(['Before the quiz.', 'Between.', 'After.']);
  });

  it('numbers exercises 1..N in document order and records their fence lines', () => {
    const lesson = parseLesson(exerciseLesson, 'x.md', 3);
    expect(lesson.exercises.map((exercise) => [exercise.id, exercise.position, exercise.line, exercise.type])).toEqual([
      ['first', 1, 8, 'sql'],
      ['second', 2, 26, 'js'],
    ]);
    const onPage = lesson.pages[1]!.blocks.find((block) => block.kind === 'exercise');
    expect(onPage).toEqual({ kind: 'exercise', exercise: lesson.exercises[1] });
  });

  it('collects quiz questions lesson-wide with their lines', () => {
    const lesson = parseLesson(exerciseLesson, 'x.md', 3);
    expect(lesson.questions).toEqual([{ id: 'q1', ask: 'One?', line: 20, kind: 'text', answer: 'one', accept: [] }]);
    expect(lesson.pages[1]!.blocks[1]).toEqual({ kind: 'quiz', questions: lesson.questions });
  });

  it('the info string is case-insensitive and may use ~~~ fences', () => {
    const lesson = parseLesson(
      lines('---', 'id: x', 'title: X', '---', '~~~Quiz', 'questions:', '  - ask: A?', '    answer: a', '~~~'),
      'x.md',
      1,
    );
    expect(lesson.questions.map((question) => question.id)).toEqual(['q1']);
    expect(lesson.pages[0]!.blocks.map((block) => block.kind)).toEqual(['quiz']);
  });

  it('invalid YAML inside a block reports the absolute line', () => {
    const text = lines(
      '---',
      'id: x',
      'title: X',
      '---',
      'intro', // 5
      '```exercise', // 6
      'id: a', // 7
      'type: js', // 8
      'prompt: bad: colon', // 9
      '```',
    );
    const error = packError(() => parseLesson(text, 'x.md', 1));
    expect(error.line).toBe(9);
    expect(error.problem).toMatch(/^the exercise block is not valid YAML/);
  });

  it('an empty exercise block is rejected on its first line', () => {
    const error = packError(() => parseLesson(lines('---', 'id: x', 'title: X', '---', 'intro', '```exercise', '```'), 'x.md', 1));
    expect(error.line).toBe(7);
    expect(error.problem).toContain('exercise block must be a YAML mapping');
  });

  it('duplicate exercise ids are an error on the second block, naming the first', () => {
    const block = (id: string) => ['```exercise', `id: ${id}`, 'type: js', 'prompt: p', 'solution: s', 'tests: t', '```'];
    const text = lines('---', 'id: x', 'title: X', '---', ...block('same'), '', ...block('same'));
    // first fence on line 5, second on line 13
    const error = packError(() => parseLesson(text, 'x.md', 1));
    expect(error.line).toBe(13);
    expect(error.problem).toBe('the exercise id "same" is already used at line 5 — give each exercise its own id');
  });

  it('default question ids continue q1..qN across several quiz blocks', () => {
    const text = lines(
      '---',
      'id: x',
      'title: X',
      '---',
      '```quiz', // 5
      'questions:',
      '  - ask: A?', // 7
      '    answer: a',
      '  - ask: B?', // 9
      '    answer: b',
      '```',
      '## Later', // 12
      '```quiz', // 13
      'questions:',
      '  - ask: C?', // 15
      '    answer: c',
      '  - id: named', // 17
      '    ask: D?',
      '    answer: d',
      '  - ask: E?', // 20
      '    answer: e',
      '```',
    );
    const lesson = parseLesson(text, 'x.md', 1);
    expect(lesson.questions.map((question) => [question.id, question.line])).toEqual([
      ['q1', 7],
      ['q2', 9],
      ['q3', 15],
      ['named', 17],
      ['q5', 20],
    ]);
    const blocks = lesson.pages.flatMap((page) => page.blocks.filter((block) => block.kind === 'quiz'));
    expect(blocks.map((block) => (block.kind === 'quiz' ? block.questions.length : 0))).toEqual([2, 3]);
  });

  it('duplicate question ids across blocks are an error on the second question', () => {
    const text = lines(
      '---',
      'id: x',
      'title: X',
      '---',
      '```quiz', // 5
      'questions:',
      '  - id: status', // 7
      '    ask: A?',
      '    answer: a',
      '```',
      '',
      '```quiz', // 12
      'questions:',
      '  - ask: B?', // 14
      '    answer: b',
      '  - id: status', // 16
      '    ask: C?',
      '    answer: c',
      '```',
    );
    const error = packError(() => parseLesson(text, 'x.md', 1));
    expect(error.line).toBe(16);
    expect(error.problem).toBe('the question id "status" is already used at line 7 — give each question its own id');
  });

  it('an explicit id equal to a later default id clashes', () => {
    const text = lines('---', 'id: x', 'title: X', '---', '```quiz', 'questions:', '  - id: q2', '    ask: A?', '    answer: a', '  - ask: B?', '    answer: b', '```');
    const error = packError(() => parseLesson(text, 'x.md', 1));
    expect(error.line).toBe(10);
    expect(error.problem).toContain('the question id "q2" is already used at line 7');
  });
});
