// Unit tests of the pure HTTP comparison (src/core/http-compare.ts) and the curl-style transcript
// (src/core/http-transcript.ts): the sentences a learner reads when a response differs, and the
// request/response lines shown beside them.
import { describe, expect, it } from 'vitest';
import {
  compareResponse,
  expectedFromExpectation,
  expectedFromSolution,
  jsonDifferences,
  statusLine,
  type ExpectedResponse,
  type HttpResponseData,
} from '../../src/core/http-compare.js';
import { checkName, curlCommand, displayBody, formatJson, outgoingRequest, requestLabel, requestLines, responseLines, type OutgoingRequest } from '../../src/core/http-transcript.js';

const base = 'http://127.0.0.1:3000';

function response(status: number, headers: Record<string, string>, body: string): HttpResponseData {
  return { status, headers, body };
}

const jsonResponse = (value: unknown, status = 200): HttpResponseData => response(status, { 'content-type': 'application/json; charset=utf-8' }, JSON.stringify(value));

// -- statusLine -------------------------------------------------------------------------------

describe('statusLine', () => {
  it('adds the reason phrase Node knows', () => {
    expect(statusLine(200)).toBe('200 OK');
    expect(statusLine(201)).toBe('201 Created');
    expect(statusLine(404)).toBe('404 Not Found');
    expect(statusLine(500)).toBe('500 Internal Server Error');
  });

  it('is only the number when there is no reason phrase', () => {
    expect(statusLine(299)).toBe('299');
  });
});

// -- compareResponse: status and headers ------------------------------------------------------

describe('compareResponse: status', () => {
  it('matches when the status is the same', () => {
    expect(compareResponse({ status: 201 }, response(201, {}, ''))).toEqual([]);
  });

  it('names both statuses with their reason phrases', () => {
    expect(compareResponse({ status: 404 }, response(200, {}, ''))).toEqual(['The status is 200 OK; expected 404 Not Found.']);
    expect(compareResponse({ status: 201 }, response(500, {}, ''))).toEqual(['The status is 500 Internal Server Error; expected 201 Created.']);
  });

  it('does not check the status when the expectation has none', () => {
    expect(compareResponse({}, response(500, { 'x-anything': '1' }, 'whatever'))).toEqual([]);
  });
});

describe('compareResponse: headers', () => {
  it('checks only the listed headers; others may differ or be added', () => {
    const expected: ExpectedResponse = { headers: { location: '/books/3' } };
    expect(compareResponse(expected, response(201, { location: '/books/3', 'x-powered-by': 'me', 'cache-control': 'no-store' }, ''))).toEqual([]);
  });

  it('says when a listed header is missing', () => {
    expect(compareResponse({ headers: { location: '/books/3' } }, response(201, {}, ''))).toEqual(['The response has no location header; expected "/books/3".']);
  });

  it('says when a listed header has another value', () => {
    expect(compareResponse({ headers: { 'cache-control': 'max-age=60' } }, response(200, { 'cache-control': 'max-age=30' }, ''))).toEqual([
      'The cache-control header is "max-age=30"; expected "max-age=60".',
    ]);
  });

  it('compares other header values exactly, apart from surrounding spaces', () => {
    expect(compareResponse({ headers: { allow: 'GET, POST' } }, response(405, { allow: ' GET, POST ' }, ''))).toEqual([]);
    expect(compareResponse({ headers: { allow: 'GET, POST' } }, response(405, { allow: 'get, post' }, ''))).toEqual(['The allow header is "get, post"; expected "GET, POST".']);
  });

  it('compares content-type by media type only: the charset may differ, case does not matter', () => {
    const expected: ExpectedResponse = { headers: { 'content-type': 'application/json; charset=utf-8' } };
    expect(compareResponse(expected, response(200, { 'content-type': 'application/json' }, ''))).toEqual([]);
    expect(compareResponse(expected, response(200, { 'content-type': 'Application/JSON; charset=latin1' }, ''))).toEqual([]);
    expect(compareResponse(expected, response(200, { 'content-type': 'text/plain; charset=utf-8' }, ''))).toEqual([
      'The content-type header is "text/plain; charset=utf-8"; expected "application/json; charset=utf-8".',
    ]);
  });

  it('a header expected as null must be absent', () => {
    const expected: ExpectedResponse = { headers: { 'cache-control': null } };
    expect(compareResponse(expected, response(404, {}, ''))).toEqual([]);
    expect(compareResponse(expected, response(404, { 'cache-control': 'max-age=60' }, ''))).toEqual([
      'The response has a cache-control header ("max-age=60"); it should not have one.',
    ]);
  });

  it('lists every difference, status first', () => {
    const expected: ExpectedResponse = { status: 201, headers: { location: '/books/3', 'content-type': 'application/json' }, json: { id: 3 } };
    expect(compareResponse(expected, response(200, { 'content-type': 'text/html' }, '<p>hi</p>'))).toEqual([
      'The status is 200 OK; expected 201 Created.',
      'The response has no location header; expected "/books/3".',
      'The content-type header is "text/html"; expected "application/json".',
      'The body is not JSON: "<p>hi</p>". Send it with res.json(…).',
    ]);
  });
});

// -- compareResponse / jsonDifferences: JSON bodies --------------------------------------------

describe('compareResponse: JSON bodies', () => {
  it('equal regardless of key order', () => {
    const expected: ExpectedResponse = { json: { id: 1, title: 'Dune', tags: { a: 1, b: 2 } } };
    expect(compareResponse(expected, response(200, {}, '{"tags":{"b":2,"a":1},"title":"Dune","id":1}'))).toEqual([]);
  });

  it('white space in the JSON text does not matter', () => {
    expect(compareResponse({ json: [1, 2] }, response(200, {}, '[\n  1,\n  2\n]\n'))).toEqual([]);
  });

  it('array order matters', () => {
    expect(compareResponse({ json: [1, 2, 3] }, jsonResponse([3, 2, 1]))).toEqual(['In the body, [0] is 3; expected 1.', 'In the body, [2] is 1; expected 3.']);
  });

  it('names the nested path of a differing value', () => {
    const expected = { books: [{ id: 1, title: 'Dune' }, { id: 2, title: 'Emma' }] };
    const actual = { books: [{ id: 1, title: 'Dune' }, { id: 2, title: 'Emma!' }] };
    expect(compareResponse({ json: expected }, jsonResponse(actual))).toEqual(['In the body, books[1].title is "Emma!"; expected "Emma".']);
  });

  it('quotes keys that are not identifiers in the path', () => {
    expect(jsonDifferences({ 'first name': { x: 1 } }, { 'first name': { x: 2 } }, '')).toEqual(['In the body, ["first name"].x is 2; expected 1.']);
  });

  it('a missing key', () => {
    expect(compareResponse({ json: { id: 3, title: 'Moby Dick' } }, jsonResponse({ id: 3 }))).toEqual(['The body is missing the key "title" (expected "Moby Dick").']);
  });

  it('a missing key in a nested object', () => {
    expect(jsonDifferences({ book: { id: 3, price: 9.5 } }, { book: { id: 3 } }, '')).toEqual(['In the body, book is missing the key "price" (expected 9.5).']);
  });

  it('an extra key', () => {
    expect(compareResponse({ json: { id: 3 } }, jsonResponse({ id: 3, password: 'x' }))).toEqual(['The body has a key "password" that is not expected.']);
  });

  it('several missing keys are named in one sentence; after five, "and N more"', () => {
    expect(jsonDifferences({ id: 1, title: 'a', price: 2 }, { id: 1 }, '')).toEqual(['The body is missing the keys "title" and "price".']);
    expect(jsonDifferences({ a: 1, b: 2, c: 3 }, {}, '')).toEqual(['The body is missing the keys "a", "b" and "c".']);
    const seven = Object.fromEntries(['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((name) => [name, 1]));
    expect(jsonDifferences(seven, {}, '')).toEqual(['The body is missing the keys "a", "b", "c", "d", "e" and 2 more.']);
  });

  it('several extra keys in one sentence, after the missing ones', () => {
    expect(jsonDifferences({ id: 1, title: 'a' }, { id: 1, password: 'x', email: 'y' }, '')).toEqual([
      'The body is missing the key "title" (expected "a").',
      'The body has keys "password" and "email" that are not expected.',
    ]);
  });

  it('missing and extra keys are reported before differences inside the other keys', () => {
    expect(jsonDifferences({ user: { id: 1, name: 'Ada' } }, { user: { id: 2, name: 'Ada', role: 'admin' } }, '')).toEqual([
      'In the body, user has a key "role" that is not expected.',
      'In the body, user.id is 2; expected 1.',
    ]);
  });

  it('a different number of array items', () => {
    expect(compareResponse({ json: [{ id: 1 }, { id: 2 }] }, jsonResponse([{ id: 1 }]))).toEqual(['The body has 1 item; expected 2.']);
    expect(jsonDifferences({ list: [1] }, { list: [1, 2, 3] }, '')).toEqual(['In the body, list has 3 items; expected 1.']);
  });

  it('a type mismatch names both kinds', () => {
    expect(compareResponse({ json: { price: 9.99 } }, jsonResponse({ price: '9.99' }))).toEqual(['In the body, price is string "9.99"; expected number 9.99.']);
    expect(compareResponse({ json: [1, 2] }, jsonResponse({ items: [1, 2] }))).toEqual(['The body is an object {"items":[1,2]}; expected an array [1,2].']);
    expect(jsonDifferences({ a: { b: 1 } }, { a: null }, '')).toEqual(['In the body, a is null null; expected an object {"b":1}.']);
  });

  it('a body that is not JSON when JSON is expected', () => {
    expect(compareResponse({ json: { id: 1 } }, response(200, { 'content-type': 'text/plain' }, 'id=1'))).toEqual(['The body is not JSON: "id=1". Send it with res.json(…).']);
  });

  it('an empty body when JSON is expected', () => {
    expect(compareResponse({ json: { id: 1 } }, response(200, {}, ''))).toEqual(['The body is empty; expected JSON.']);
    expect(compareResponse({ json: { id: 1 } }, response(200, {}, '  \n'))).toEqual(['The body is empty; expected JSON.']);
  });

  it('stops after 8 differences', () => {
    const expected = Array.from({ length: 20 }, (_, i) => i);
    const actual = Array.from({ length: 20 }, (_, i) => i + 100);
    const differences = jsonDifferences(expected, actual, '');
    expect(differences).toHaveLength(8);
    expect(differences[0]).toBe('In the body, [0] is 100; expected 0.');
    expect(differences[7]).toBe('In the body, [7] is 107; expected 7.');
  });

  it('cuts long values in the sentence', () => {
    const long = 'x'.repeat(100);
    const [difference] = jsonDifferences({ text: 'short' }, { text: long }, '');
    expect(difference).toBe(`In the body, text is ${JSON.stringify(long).slice(0, 57)}…; expected "short".`);
  });
});

// -- compareResponse: text bodies -------------------------------------------------------------

describe('compareResponse: text bodies', () => {
  it('\\r\\n and \\r line endings count as \\n', () => {
    expect(compareResponse({ body: 'one\ntwo\n' }, response(200, {}, 'one\r\ntwo\r\n'))).toEqual([]);
    expect(compareResponse({ body: 'one\r\ntwo' }, response(200, {}, 'one\rtwo'))).toEqual([]);
  });

  it('quotes both bodies when they differ', () => {
    expect(compareResponse({ body: 'hello' }, response(200, {}, 'Hello'))).toEqual(['The body is "Hello"; expected "hello".']);
  });

  it('an empty body when text is expected', () => {
    expect(compareResponse({ body: 'hello' }, response(200, {}, ''))).toEqual(['The body is empty; expected "hello".']);
  });

  it('an expected empty body', () => {
    expect(compareResponse({ body: '' }, response(301, {}, ''))).toEqual([]);
    expect(compareResponse({ body: '' }, response(301, {}, 'Moved'))).toEqual(['The body is "Moved"; expected "".']);
  });

  it('cuts long bodies in the sentence', () => {
    const long = 'a'.repeat(120);
    expect(compareResponse({ body: 'b' }, response(200, {}, long))).toEqual([`The body is "${'a'.repeat(77)}…"; expected "b".`]);
  });
});

// -- expectedFromSolution / expectedFromExpectation --------------------------------------------

describe('expectedFromSolution', () => {
  it('a JSON response gives status, the listed headers and the parsed JSON', () => {
    const solution = response(201, { 'content-type': 'application/json; charset=utf-8', location: '/books/3', date: 'today' }, '{"id":3,"title":"Moby Dick"}');
    expect(expectedFromSolution(solution, ['Content-Type', 'Location'])).toEqual({
      status: 201,
      headers: { 'content-type': 'application/json; charset=utf-8', location: '/books/3' },
      json: { id: 3, title: 'Moby Dick' },
    });
  });

  it('a listed header the solution does not send must be absent (null)', () => {
    expect(expectedFromSolution(response(404, { 'content-type': 'application/json' }, '{"error":"no"}'), ['cache-control'])).toEqual({
      status: 404,
      headers: { 'cache-control': null },
      json: { error: 'no' },
    });
  });

  it('a +json media type counts as JSON', () => {
    expect(expectedFromSolution(response(400, { 'content-type': 'application/problem+json' }, '{"title":"bad"}'), [])).toEqual({ status: 400, headers: {}, json: { title: 'bad' } });
  });

  it('a text response is compared as text', () => {
    expect(expectedFromSolution(response(200, { 'content-type': 'text/plain; charset=utf-8' }, '{"id":1}'), [])).toEqual({ status: 200, headers: {}, body: '{"id":1}' });
  });

  it('an empty or broken JSON body is compared as text', () => {
    expect(expectedFromSolution(response(204, { 'content-type': 'application/json' }, ''), [])).toEqual({ status: 204, headers: {}, body: '' });
    expect(expectedFromSolution(response(200, { 'content-type': 'application/json' }, '{oops'), [])).toEqual({ status: 200, headers: {}, body: '{oops' });
  });

  it('a response without content-type is compared as text', () => {
    expect(expectedFromSolution(response(301, { location: '/books/7' }, ''), ['location'])).toEqual({ status: 301, headers: { location: '/books/7' }, body: '' });
  });
});

describe('expectedFromExpectation', () => {
  it('keeps only the fields given, header names lower-cased', () => {
    expect(expectedFromExpectation({ status: 301, headers: { Location: '/books/7', 'Cache-Control': 'no-store' } })).toEqual({
      status: 301,
      headers: { location: '/books/7', 'cache-control': 'no-store' },
    });
    expect(expectedFromExpectation({ status: 400 })).toEqual({ status: 400 });
    expect(expectedFromExpectation({ json: { ok: true } })).toEqual({ json: { ok: true } });
    expect(expectedFromExpectation({ body: 'hi' })).toEqual({ body: 'hi' });
    expect(expectedFromExpectation({})).toEqual({});
  });

  it('a falsy json value (null, 0, false) is still expected', () => {
    expect(expectedFromExpectation({ json: null })).toEqual({ json: null });
    expect(compareResponse(expectedFromExpectation({ json: false }), jsonResponse(true))).toEqual(['The body is true; expected false.']);
  });

  it('an expectation with only a status ignores headers and body', () => {
    expect(compareResponse(expectedFromExpectation({ status: 400 }), response(400, { 'content-type': 'text/html' }, '<h1>bad</h1>'))).toEqual([]);
  });
});

// -- transcript -------------------------------------------------------------------------------

describe('outgoingRequest and requestLabel', () => {
  it('turns json into a body with a content-type', () => {
    expect(outgoingRequest({ method: 'POST', path: '/books', headers: {}, json: { title: 'Dune' } })).toEqual({
      method: 'POST',
      path: '/books',
      headers: { 'content-type': 'application/json' },
      body: '{"title":"Dune"}',
    });
  });

  it('keeps a content-type given in any case', () => {
    expect(outgoingRequest({ method: 'POST', path: '/x', headers: { 'Content-Type': 'application/vnd.x+json' }, json: [1] })).toEqual({
      method: 'POST',
      path: '/x',
      headers: { 'Content-Type': 'application/vnd.x+json' },
      body: '[1]',
    });
  });

  it('a plain body is sent as it is; no body means no body', () => {
    expect(outgoingRequest({ method: 'PUT', path: '/note', headers: {}, body: 'hi' })).toEqual({ method: 'PUT', path: '/note', headers: {}, body: 'hi' });
    expect(outgoingRequest({ method: 'GET', path: '/', headers: {} })).toEqual({ method: 'GET', path: '/', headers: {} });
  });

  it('labels a request by method and path', () => {
    expect(requestLabel({ method: 'DELETE', path: '/books/1' })).toBe('DELETE /books/1');
  });
});

describe('curlCommand', () => {
  it('a plain GET needs no -X and no quotes', () => {
    expect(curlCommand({ method: 'GET', path: '/books', headers: {} }, base)).toBe('curl -i http://127.0.0.1:3000/books');
  });

  it('quotes a URL with shell characters', () => {
    expect(curlCommand({ method: 'GET', path: '/greet/Ada?word=Hey&shout=yes', headers: {} }, base)).toBe("curl -i 'http://127.0.0.1:3000/greet/Ada?word=Hey&shout=yes'");
  });

  it('-X for other methods', () => {
    expect(curlCommand({ method: 'DELETE', path: '/books/1', headers: {} }, base)).toBe('curl -i -X DELETE http://127.0.0.1:3000/books/1');
  });

  it('-I for HEAD, without -X', () => {
    expect(curlCommand({ method: 'HEAD', path: '/books', headers: {} }, base)).toBe('curl -i -I http://127.0.0.1:3000/books');
  });

  it('a GET with a body says -X GET (else --data-raw would make it a POST)', () => {
    expect(curlCommand({ method: 'GET', path: '/x', headers: {}, body: 'a' }, base)).toBe('curl -i -X GET http://127.0.0.1:3000/x --data-raw a');
  });

  it('headers with -H and the body with --data-raw, single-quoted', () => {
    const request = outgoingRequest({ method: 'POST', path: '/books', headers: { Authorization: 'Bearer abc' }, json: { title: 'Moby Dick' } });
    expect(curlCommand(request, base)).toBe(
      `curl -i -X POST http://127.0.0.1:3000/books -H 'Authorization: Bearer abc' -H 'content-type: application/json' --data-raw '{"title":"Moby Dick"}'`,
    );
  });

  it('single quotes inside a body are closed, escaped and reopened', () => {
    const request = outgoingRequest({ method: 'POST', path: '/books', headers: {}, json: { title: "Ender's Game" } });
    expect(curlCommand(request, base)).toBe(`curl -i -X POST http://127.0.0.1:3000/books -H 'content-type: application/json' --data-raw '{"title":"Ender'\\''s Game"}'`);
  });

  it('an empty body is quoted so the shell keeps it', () => {
    expect(curlCommand({ method: 'POST', path: '/x', headers: {}, body: '' }, base)).toBe("curl -i -X POST http://127.0.0.1:3000/x --data-raw ''");
  });
});

describe('formatJson', () => {
  it('keeps values of up to 64 characters on one line', () => {
    expect(formatJson({ a: 1, b: [true, null, 'x'] })).toBe('{"a": 1, "b": [true, null, "x"]}');
    expect(formatJson('text')).toBe('"text"');
    expect(formatJson([])).toBe('[]');
    const sixtyFour = { k: 'x'.repeat(55) }; // {"k": "xxx…"} is 8 + 55 + 1 = 64 characters
    expect(formatJson(sixtyFour)).toBe(`{"k": "${'x'.repeat(55)}"}`);
  });

  it('splits longer ones with two-space indents, nested parts laid out the same way', () => {
    const value = { book: { id: 1, title: 'x'.repeat(60) }, tags: ['a', 'b'] };
    expect(formatJson(value).split('\n')).toEqual(['{', '  "book": {', '    "id": 1,', `    "title": "${'x'.repeat(60)}"`, '  },', '  "tags": ["a", "b"]', '}']);
  });
});

describe('displayBody', () => {
  it('lays JSON out for reading: what fits stays on one line, with a space after commas and colons', () => {
    expect(displayBody('{"id":1,"tags":["a"]}', 'application/json; charset=utf-8', 20)).toEqual(['{"id": 1, "tags": ["a"]}']);
  });

  it('splits JSON too long for one line by item, one row of a list per line', () => {
    const rows = [
      { id: 1, title: 'The Glass Orchard', price: 12.5 },
      { id: 2, title: 'Harbour of Stars', price: 14.99 },
    ];
    expect(displayBody(JSON.stringify(rows), 'application/json', 20)).toEqual([
      '[',
      '  {"id": 1, "title": "The Glass Orchard", "price": 12.5},',
      '  {"id": 2, "title": "Harbour of Stars", "price": 14.99}',
      ']',
    ]);
  });

  it('shows broken JSON as it came', () => {
    expect(displayBody('{oops', 'application/json', 20)).toEqual(['{oops']);
  });

  it('does not reformat text that looks like JSON', () => {
    expect(displayBody('{"id":1}', 'text/plain', 20)).toEqual(['{"id":1}']);
  });

  it('normalises line endings; an empty body has no lines', () => {
    expect(displayBody('a\r\nb\rc', 'text/plain', 20)).toEqual(['a', 'b', 'c']);
    expect(displayBody('', 'application/json', 20)).toEqual([]);
  });

  it('caps the lines with "… N more lines"', () => {
    const text = Array.from({ length: 10 }, (_, i) => `line ${i + 1}`).join('\n');
    expect(displayBody(text, undefined, 4)).toEqual(['line 1', 'line 2', 'line 3', 'line 4', '… 6 more lines']);
    expect(displayBody(text, undefined, 10)).toHaveLength(10);
  });
});

describe('requestLines', () => {
  it('a request line and its headers', () => {
    expect(requestLines({ method: 'GET', path: '/books?limit=2', headers: { accept: 'application/json' } })).toEqual(['> GET /books?limit=2 HTTP/1.1', '> accept: application/json']);
  });

  it('a JSON body laid out for reading after a blank ">" line', () => {
    const request = outgoingRequest({ method: 'POST', path: '/books', headers: {}, json: { title: 'Dune', price: 9 } });
    expect(requestLines(request)).toEqual(['> POST /books HTTP/1.1', '> content-type: application/json', '>', '> {"title": "Dune", "price": 9}']);
  });

  it('finds the content-type whatever its case', () => {
    const request: OutgoingRequest = { method: 'POST', path: '/x', headers: { 'Content-Type': 'application/json' }, body: '[1,2]' };
    expect(requestLines(request)).toEqual(['> POST /x HTTP/1.1', '> Content-Type: application/json', '>', '> [1, 2]']);
  });

  it('a body that is not JSON is shown as sent', () => {
    const request: OutgoingRequest = { method: 'POST', path: '/x', headers: { 'content-type': 'text/plain' }, body: '[1,2]' };
    expect(requestLines(request)).toEqual(['> POST /x HTTP/1.1', '> content-type: text/plain', '>', '> [1,2]']);
  });

  it('caps a long body', () => {
    const long = Array.from({ length: 30 }, (_, i) => ({ id: i, title: `Book number ${i} with a long enough title` }));
    const request: OutgoingRequest = { method: 'POST', path: '/x', headers: { 'content-type': 'application/json' }, body: JSON.stringify(long) };
    const lines = requestLines(request, 3);
    expect(lines.slice(3)).toEqual([
      '> [',
      '>   {"id": 0, "title": "Book number 0 with a long enough title"},',
      '>   {"id": 1, "title": "Book number 1 with a long enough title"},',
      '> … 29 more lines',
    ]);
  });
});

describe('responseLines', () => {
  it('status with reason, routine headers hidden, JSON pretty-printed', () => {
    const data = response(
      201,
      {
        'content-type': 'application/json; charset=utf-8',
        location: '/books/3',
        date: 'Mon, 01 Jan 2024 00:00:00 GMT',
        connection: 'close',
        'keep-alive': 'timeout=5',
        'transfer-encoding': 'chunked',
        'content-length': '14',
      },
      '{"id":3,"title":"X"}',
    );
    expect(responseLines(data)).toEqual([
      '< HTTP/1.1 201 Created',
      '< content-type: application/json; charset=utf-8',
      '< location: /books/3',
      '< content-length: 14',
      '<',
      '< {"id": 3, "title": "X"}',
    ]);
  });

  it('no body: no blank line', () => {
    expect(responseLines(response(204, { date: 'x' }, ''))).toEqual(['< HTTP/1.1 204 No Content']);
  });

  it('caps a long body with "… N more lines" (16 lines by default)', () => {
    const rows = Array.from({ length: 40 }, (_, i) => ({ id: i + 1, title: `Title ${i + 1}`, price: 10 }));
    const lines = responseLines(jsonResponse(rows));
    // "[", 40 rows of one line each, "]": 42 lines, 16 shown.
    expect(lines).toHaveLength(2 + 1 + 16 + 1);
    expect(lines.slice(3, 5)).toEqual(['< [', '<   {"id": 1, "title": "Title 1", "price": 10},']);
    expect(lines.at(-2)).toBe('<   {"id": 15, "title": "Title 15", "price": 10},');
    expect(lines.at(-1)).toBe('< … 26 more lines');
  });

  it('a smaller cap', () => {
    const lines = responseLines(response(200, {}, 'a\nb\nc\nd'), 2);
    expect(lines).toEqual(['< HTTP/1.1 200 OK', '<', '< a', '< b', '< … 2 more lines']);
  });
});

describe('checkName', () => {
  it('is the method and path, then the start of the body and of any credentials sent', () => {
    expect(checkName(outgoingRequest({ method: 'GET', path: '/books', headers: {} }))).toBe('GET /books');
    expect(checkName(outgoingRequest({ method: 'POST', path: '/books', headers: {}, json: { title: '   ', price: 5 } }))).toBe('POST /books {"title":"   ","price":5}');
    const long = checkName(outgoingRequest({ method: 'POST', path: '/books', headers: {}, json: { title: 'A title much longer than the room a check line has' } }));
    expect(long).toBe('POST /books {"title":"A title much longer than the room a c…');
    expect(checkName(outgoingRequest({ method: 'GET', path: '/me', headers: { Authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.abc' } }))).toBe('GET /me (Authorization: Bearer eyJhbGciOiJIUzI1…)');
  });
});

describe('jsonDifferences: the same difference in item after item', () => {
  it('is said once, with the range of items it is the same for', () => {
    const want = [{ id: 1 }, { id: 2 }, { id: 3 }];
    const got = want.map((book) => ({ ...book, stock: 0 }));
    expect(jsonDifferences(want, got, '')).toEqual(['In the body, [0] has a key "stock" that is not expected (the same for [1] to [2]).']);
    expect(jsonDifferences(want.slice(0, 2), got.slice(0, 2), '')).toEqual(['In the body, [0] has a key "stock" that is not expected (the same for [1]).']);
  });

  it('differences that are not the same stay apart', () => {
    expect(jsonDifferences([{ price: 1 }, { price: 2 }], [{ price: 5 }, { price: 6 }], '')).toEqual([
      'In the body, [0].price is 5; expected 1.',
      'In the body, [1].price is 6; expected 2.',
    ]);
  });
});
