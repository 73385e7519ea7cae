import { describe, expect, it } from 'vitest';
import { parseLesson } from '../../src/core/lesson-parser.js';
import type { Exercise, HttpExercise, JsExercise, SqlExercise } from '../../src/core/model.js';
import { readExercise } from '../../src/core/exercise-schema.js';
import { YamlSource } from '../../src/core/yaml-source.js';
import { lines, packError } from '../helpers/pack.js';

/**
 * A lesson whose front matter takes lines 1-5 and whose exercise fence opens on line 6, so the
 * block's content line k is file line 6 + k.
 */
function withExercise(block: string[], database: string | null = 'shop'): string {
  const front = ['---', 'id: lesson', 'title: Lesson', database === null ? 'summary: none' : `database: ${database}`, '---'];
  return lines(...front, '```exercise', ...block, '```');
}

function only(text: string): Exercise {
  const lesson = parseLesson(text, 'x.md', 1);
  expect(lesson.exercises).toHaveLength(1);
  return lesson.exercises[0]!;
}

function sql(text: string): SqlExercise {
  const exercise = only(text);
  if (exercise.type !== 'sql') throw new Error(`expected sql, got ${exercise.type}`);
  return exercise;
}

function http(text: string): HttpExercise {
  const exercise = only(text);
  if (exercise.type !== 'http') throw new Error(`expected http, got ${exercise.type}`);
  return exercise;
}

function js(text: string): JsExercise {
  const exercise = only(text);
  if (exercise.type !== 'js') throw new Error(`expected js, got ${exercise.type}`);
  return exercise;
}

const sqlBase = ['id: cheap', 'type: sql', 'prompt: List cheap books.', 'solution: SELECT name FROM books WHERE price < 10;'];

describe('sql exercises', () => {
  it('take the database from the lesson front matter and default to order ignored, columns any', () => {
    expect(sql(withExercise(sqlBase))).toEqual({
      id: 'cheap',
      position: 1,
      line: 6,
      type: 'sql',
      prompt: 'List cheap books.',
      solution: 'SELECT name FROM books WHERE price < 10;',
      hints: [],
      database: 'shop',
      order: 'ignored',
      columns: 'any',
    });
  });

  it('read database, order, columns, hints, explain and check from the exercise', () => {
    const exercise = sql(
      withExercise([
        ...sqlBase,
        'database: library',
        'order: matters',
        'columns: named',
        'hints:',
        '  - Filter with WHERE.',
        '  - 10',
        'explain: WHERE keeps matching rows.',
        'check: ["SELECT * FROM books ORDER BY id", "PRAGMA index_list(books)"]',
      ]),
    );
    expect(exercise.database).toBe('library');
    expect(exercise.order).toBe('matters');
    expect(exercise.columns).toBe('named');
    expect(exercise.hints).toEqual(['Filter with WHERE.', '10']);
    expect(exercise.explain).toBe('WHERE keeps matching rows.');
    expect(exercise.check).toEqual(['SELECT * FROM books ORDER BY id', 'PRAGMA index_list(books)']);
  });

  it('accept order: ignored and columns: any explicitly', () => {
    const exercise = sql(withExercise([...sqlBase, 'order: ignored', 'columns: any']));
    expect([exercise.order, exercise.columns]).toEqual(['ignored', 'any']);
  });

  it('keep multi-line block text for prompt and solution', () => {
    const exercise = sql(withExercise(['id: a', 'type: sql', 'prompt: |', '  Line one.', '  Line two.', 'solution: |', '  SELECT 1;']));
    expect(exercise.prompt).toBe('Line one.\nLine two.\n');
    expect(exercise.solution).toBe('SELECT 1;\n');
  });

  it('without any database are rejected, pointing at the type line', () => {
    const error = packError(() => parseLesson(withExercise(sqlBase, null), 'x.md', 1));
    expect(error.line).toBe(8);
    expect(error.problem).toBe('exercise "cheap": an sql exercise needs a database — add "database: shop" to the lesson\'s front matter or to the exercise');
  });

  it.each(['../../x', 'data/shop', 'shop.sql', '/etc/passwd'])('reject database: %s on its line', (name) => {
    const error = packError(() => parseLesson(withExercise([...sqlBase, `database: ${name}`]), 'x.md', 1));
    expect(error.line).toBe(11);
    expect(error.problem).toContain(`"database" must be the plain name of a file in data/ (got "${name}")`);
  });

  it('reject an unknown order or columns value', () => {
    const order = packError(() => parseLesson(withExercise([...sqlBase, 'order: strict']), 'x.md', 1));
    expect(order.line).toBe(11);
    expect(order.problem).toBe('exercise "cheap": "order" must be one of "matters", "ignored" (got "strict")');
    const columns = packError(() => parseLesson(withExercise([...sqlBase, 'order: matters', 'columns: exact']), 'x.md', 1));
    expect(columns.line).toBe(12);
    expect(columns.problem).toContain('"columns" must be one of "named", "any" (got "exact")');
  });

  it('reject an empty check list and a check that is not a list', () => {
    const empty = packError(() => parseLesson(withExercise([...sqlBase, 'check: []']), 'x.md', 1));
    expect(empty.line).toBe(11);
    expect(empty.problem).toContain('"check" must list at least one query');
    const text = packError(() => parseLesson(withExercise([...sqlBase, 'check: SELECT 1']), 'x.md', 1));
    expect(text.line).toBe(11);
    expect(text.problem).toContain('"check" must be a list');
  });

  it('transaction: required on a change exercise; not without check, and no other value', () => {
    expect(sql(withExercise([...sqlBase, 'check: [SELECT 1]', 'transaction: required'])).transaction).toBe('required');
    expect(sql(withExercise([...sqlBase, 'check: [SELECT 1]', 'transaction: optional'])).transaction).toBeUndefined();
    expect(sql(withExercise([...sqlBase, 'check: [SELECT 1]'])).transaction).toBeUndefined();
    const query = packError(() => parseLesson(withExercise([...sqlBase, 'transaction: required']), 'x.md', 1));
    expect(query.line).toBe(11);
    expect(query.problem).toContain('"transaction: required" is for change exercises');
    const other = packError(() => parseLesson(withExercise([...sqlBase, 'check: [SELECT 1]', 'transaction: yes']), 'x.md', 1));
    expect(other.problem).toContain('"transaction" must be one of "required", "optional" (got "yes")');
  });

  it('reject http-only fields such as requests', () => {
    const error = packError(() => parseLesson(withExercise([...sqlBase, 'requests: [GET /]']), 'x.md', 1));
    expect(error.line).toBe(11);
    expect(error.problem).toContain('unknown field "requests"');
  });
});

describe('common exercise fields', () => {
  it('an unknown field such as "hint" is rejected on its line, listing the allowed fields', () => {
    const error = packError(() => parseLesson(withExercise([...sqlBase, 'hint: Use WHERE.']), 'x.md', 1));
    expect(error.file).toBe('x.md');
    expect(error.line).toBe(11);
    expect(error.problem).toBe(
      'exercise "cheap": unknown field "hint" — the fields allowed here are: id, type, prompt, solution, hints, explain, database, order, columns, check, transaction',
    );
  });

  it('an unknown field whose value is a block list is reported on the key line', () => {
    const error = packError(() => parseLesson(withExercise([...sqlBase, 'hint:', '  - Use WHERE.', '  - Sort.']), 'x.md', 1));
    expect(error.problem).toContain('unknown field "hint"');
    expect(error.line).toBe(11);
  });

  it('an unknown type is rejected on the type line', () => {
    const error = packError(() => parseLesson(withExercise(['id: a', 'prompt: p', 'type: python', 'solution: s']), 'x.md', 1));
    expect(error.line).toBe(9);
    expect(error.problem).toBe('exercise "a": unknown exercise type "python" — use one of sql, http, js');
  });

  it('a missing id, type, prompt or solution is named', () => {
    const cases: [string[], number, string][] = [
      [['type: js', 'prompt: p', 'solution: s', 'tests: t'], 7, 'exercise block: "id" is required'],
      [['id: a', 'prompt: p', 'solution: s', 'tests: t'], 7, 'exercise "a": "type" is required'],
      [['id: a', 'type: js', 'solution: s', 'tests: t'], 7, 'exercise "a": "prompt" is required'],
      [['id: a', 'type: js', 'prompt: p', 'tests: t'], 7, 'exercise "a": "solution" is required'],
      [['id: a', 'type: js', 'prompt: p', 'solution: ""', 'tests: t'], 10, 'exercise "a": "solution" is required'],
    ];
    for (const [block, line, problem] of cases) {
      const error = packError(() => parseLesson(withExercise(block), 'x.md', 1));
      expect([error.line, error.problem.slice(0, problem.length)]).toEqual([line, problem]);
    }
  });

  it('an id with a slash is rejected (it would break "lesson/exercise" ids)', () => {
    const error = packError(() => parseLesson(withExercise(['id: a/b', 'type: js', 'prompt: p', 'solution: s', 'tests: t']), 'x.md', 1));
    expect(error.line).toBe(7);
    expect(error.problem).toContain('"id" must be letters, digits, "-" or "_" (got "a/b")');
  });

  it('hints must be a list of text', () => {
    const notList = packError(() => parseLesson(withExercise([...sqlBase, 'hints: just one']), 'x.md', 1));
    expect(notList.line).toBe(11);
    expect(notList.problem).toContain('"hints" must be a list');
    const nested = packError(() => parseLesson(withExercise([...sqlBase, 'hints:', '  - ok', '  - { a: 1 }']), 'x.md', 1));
    expect(nested.line).toBe(13);
    expect(nested.problem).toContain('item 2 of "hints" must be text, but it is a mapping');
  });
});

const httpBase = ['id: hello', 'type: http', 'prompt: Answer /hello.', 'solution: |', "  export default (app) => app.get('/hello', (req, res) => res.json({}));"];

describe('http exercises', () => {
  it('read requests given as "METHOD /path" strings and as objects', () => {
    const exercise = http(
      withExercise([
        ...httpBase, // 7-11
        'starter: "export default (app) => {};"', // 12
        'file: hello.mjs', // 13
        'requests:', // 14
        '  - GET /hello', // 15
        '  - post /books?x=1', // 16
        '  - { method: POST, path: /books, json: { title: Dune }, expect: { status: 201 } }', // 17
        '  - method: GET', // 18
        '    path: /admin',
        '    headers: { Authorization: Bearer nope, X-Trace: "7" }',
        '    expect:',
        '      status: 401',
        '      headers: { WWW-Authenticate: Bearer }',
        '      json: { error: unauthorized }',
        '  - { method: put, path: /notes, body: "plain text", expect: { body: ok } }',
        'headers: [Content-Type, X-Request-Id]',
      ]),
    );
    expect(exercise.database).toBe('shop');
    expect(exercise.starter).toBe('export default (app) => {};');
    expect(exercise.file).toBe('hello.mjs');
    expect(exercise.headers).toEqual(['content-type', 'x-request-id']);
    expect(exercise.requests).toEqual([
      { method: 'GET', path: '/hello', headers: {} },
      { method: 'POST', path: '/books?x=1', headers: {} },
      { method: 'POST', path: '/books', headers: {}, json: { title: 'Dune' }, expect: { status: 201 } },
      {
        method: 'GET',
        path: '/admin',
        headers: { authorization: 'Bearer nope', 'x-trace': '7' },
        expect: { status: 401, headers: { 'www-authenticate': 'Bearer' }, json: { error: 'unauthorized' } },
      },
      { method: 'PUT', path: '/notes', headers: {}, body: 'plain text', expect: { body: 'ok' } },
    ]);
  });

  it('work without a lesson database and without headers', () => {
    const exercise = http(withExercise([...httpBase, 'requests: [GET /hello]'], null));
    expect(exercise).not.toHaveProperty('database');
    expect(exercise.headers).toEqual([]);
    expect(exercise.requests).toEqual([{ method: 'GET', path: '/hello', headers: {} }]);
  });

  it('need a non-empty requests list', () => {
    const missing = packError(() => parseLesson(withExercise(httpBase), 'x.md', 1));
    expect(missing.line).toBe(7);
    expect(missing.problem).toContain('"requests" must be a non-empty list');
    const empty = packError(() => parseLesson(withExercise([...httpBase, 'requests: []']), 'x.md', 1));
    expect(empty.line).toBe(12);
    expect(empty.problem).toContain('"requests" must be a non-empty list');
  });

  it('reject a request string that is not "METHOD /path"', () => {
    const error = packError(() => parseLesson(withExercise([...httpBase, 'requests: [GET hello]']), 'x.md', 1));
    expect(error.line).toBe(12);
    expect(error.problem).toBe('exercise "hello": request 1 "GET hello" must look like "GET /path"');
  });

  it('a bad request string in a block list is reported on its own line', () => {
    const error = packError(() =>
      parseLesson(withExercise([...httpBase, 'requests:', '  - GET /ok', '  - GET /fine', '  - GET nope']), 'x.md', 1),
    );
    expect(error.problem).toContain('request 3 "GET nope" must look like "GET /path"');
    expect(error.line).toBe(15);
  });

  it('an unknown method in a request string is reported on the request line', () => {
    const error = packError(() => parseLesson(withExercise([...httpBase, 'requests: [FETCH /x]']), 'x.md', 1));
    expect(error.problem).toContain('request 1: unknown HTTP method "FETCH"');
    expect(error.line).toBe(12);
  });

  it('reject an unknown HTTP method', () => {
    const error = packError(() =>
      parseLesson(withExercise([...httpBase, 'requests:', '  - { method: FETCH, path: /x }']), 'x.md', 1),
    );
    expect(error.line).toBe(13);
    expect(error.problem).toContain('request 1: unknown HTTP method "FETCH" — use one of GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS');
  });

  it('reject a path that does not start with "/", json with body, and unknown request fields', () => {
    const path = packError(() => parseLesson(withExercise([...httpBase, 'requests:', '  - { path: books }']), 'x.md', 1));
    expect(path.line).toBe(13);
    expect(path.problem).toBe('request 1: "path" must start with "/" (got "books")');
    const both = packError(() =>
      parseLesson(withExercise([...httpBase, 'requests:', '  - path: /a', '    json: { a: 1 }', '    body: text']), 'x.md', 1),
    );
    expect(both.line).toBe(15);
    expect(both.problem).toBe('request 1: give either "json" or "body", not both');
    const unknown = packError(() =>
      parseLesson(withExercise([...httpBase, 'requests:', '  - GET /a', '  - path: /b', '    status: 200']), 'x.md', 1),
    );
    expect(unknown.line).toBe(15);
    expect(unknown.problem).toContain('request 2: unknown field "status"');
  });

  it('reject expect.status 999 on its line', () => {
    const error = packError(() =>
      parseLesson(withExercise([...httpBase, 'requests:', '  - path: /a', '    expect:', '      status: 999']), 'x.md', 1),
    );
    expect(error.line).toBe(15);
    expect(error.problem).toBe('request 1, "expect": "status" must be an HTTP status code from 100 to 599 (got 999)');
  });

  it('reject an expect status that is not a number and unknown expect fields', () => {
    const text = packError(() =>
      parseLesson(withExercise([...httpBase, 'requests:', '  - { path: /a, expect: { status: created } }']), 'x.md', 1),
    );
    expect(text.line).toBe(13);
    expect(text.problem).toContain('"status" must be a positive whole number, but it is string "created"');
    const unknown = packError(() =>
      parseLesson(withExercise([...httpBase, 'requests:', '  - path: /a', '    expect:', '      code: 200']), 'x.md', 1),
    );
    expect(unknown.line).toBe(15);
    expect(unknown.problem).toContain('unknown field "code"');
  });

  it('reject a workspace file with folders or another extension', () => {
    for (const name of ['../evil.js', 'sub/file.js', 'file.ts']) {
      const error = packError(() => parseLesson(withExercise([...httpBase, `file: ${name}`, 'requests: [GET /]']), 'x.md', 1));
      expect(error.line).toBe(12);
      expect(error.problem).toContain(`"file" must be a plain .js or .mjs file name with no folders (got "${name}")`);
    }
  });

  it('reject a header value that is not text', () => {
    const error = packError(() =>
      parseLesson(withExercise([...httpBase, 'requests:', '  - path: /a', '    headers:', '      x-list: [1, 2]']), 'x.md', 1),
    );
    expect(error.line).toBe(15);
    expect(error.problem).toContain('"x-list" must be text');
  });
});

describe('js exercises', () => {
  const jsBase = ['id: hashing', 'type: js', 'prompt: Hash passwords.', 'solution: export const hash = (p) => p;'];

  it('read tests, starter and file', () => {
    const exercise = js(
      withExercise([...jsBase, 'starter: export const hash = () => {};', 'file: hash.js', 'tests: |', "  assert.equal(await mod.hash('a'), 'a');"]),
    );
    expect(exercise).toEqual({
      id: 'hashing',
      position: 1,
      line: 6,
      type: 'js',
      prompt: 'Hash passwords.',
      solution: 'export const hash = (p) => p;',
      hints: [],
      starter: 'export const hash = () => {};',
      file: 'hash.js',
      tests: "assert.equal(await mod.hash('a'), 'a');\n",
    });
  });

  it('require tests', () => {
    const error = packError(() => parseLesson(withExercise(jsBase), 'x.md', 1));
    expect(error.line).toBe(7);
    expect(error.problem).toBe('exercise "hashing": "tests" is required — for example JavaScript using assert and mod, as a "tests: |" block');
  });

  it('reject sql-only fields such as database', () => {
    const error = packError(() => parseLesson(withExercise([...jsBase, 'tests: t', 'database: shop']), 'x.md', 1));
    expect(error.line).toBe(12);
    expect(error.problem).toContain('unknown field "database" — the fields allowed here are: id, type, prompt, solution, hints, explain, starter, file, tests');
  });
});

describe('readExercise directly', () => {
  it('uses the context for position, line and default database', () => {
    const source = YamlSource.parse(['id: a', 'type: sql', 'prompt: p', 'solution: s'].join('\n'), 'f.md', 40, 'exercise block');
    const exercise = readExercise(source, { position: 5, line: 39, lessonDatabase: 'library' });
    expect(exercise).toMatchObject({ id: 'a', position: 5, line: 39, database: 'library' });
  });

  it('reports lines relative to the block start', () => {
    const source = YamlSource.parse(['id: a', 'type: sql', 'prompt: p', 'solution: s', 'database: ../x'].join('\n'), 'f.md', 40, 'exercise block');
    const error = packError(() => readExercise(source, { position: 1, line: 39, lessonDatabase: undefined }));
    expect(error.line).toBe(44);
  });
});
