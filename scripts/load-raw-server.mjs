// The baseline of scripts/load.mjs: the capstone's GET /books/:id/reviews written by hand on plain
// node:http, with the same SQL, the same validation, the same answers and the same headers as
// the reference solution that load.mjs runs on the mini server. The work per request is kept
// identical on purpose (a statement prepared per request, as the solution does), so the ratio
// between the two measures what the mini server adds, not a difference in the endpoint.
// Forked by load.mjs with the seed file as its argument; sends { port } once it listens.
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import http from 'node:http';

const seedFile = process.argv[2];
if (!seedFile || !process.send) {
  console.error('load-raw-server.mjs is started by scripts/load.mjs (it needs the seed file and an IPC channel).');
  process.exit(2);
}

const db = new Database(':memory:');
db.pragma('foreign_keys = ON');
db.exec(readFileSync(seedFile, 'utf8'));
// The solution's setUpDatabase creates this index; the reviews query depends on it.
db.exec('CREATE INDEX IF NOT EXISTS reviews_book_id ON reviews (book_id)');

const REVIEWS_OF_BOOK = 'SELECT id, book_id, customer_id, rating, comment FROM reviews WHERE book_id = ? ORDER BY id LIMIT ? OFFSET ?';
const reviewsPath = /^\/books\/([^/]+)\/reviews\/?$/;

function sendJson(res, status, value) {
  const body = JSON.stringify(value);
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(body));
  res.end(body);
}

// The same rules as the solution's parseId and readCount.
const parseId = (text) => (/^[1-9][0-9]*$/.test(text) ? Number(text) : null);
function readCount(text, fallback) {
  if (text === null) return fallback;
  return /^[0-9]+$/.test(text) ? Number(text) : null;
}

const server = http.createServer((req, res) => {
  const url = req.url ?? '/';
  const questionMark = url.indexOf('?');
  const path = questionMark === -1 ? url : url.slice(0, questionMark);
  const match = req.method === 'GET' || req.method === 'HEAD' ? reviewsPath.exec(path) : null;
  if (!match) return sendJson(res, 404, { error: 'Not found' });
  const query = new URLSearchParams(questionMark === -1 ? '' : url.slice(questionMark + 1));
  let id;
  try {
    id = decodeURIComponent(match[1]);
  } catch {
    return sendJson(res, 400, { error: `Malformed URL: cannot decode "${match[1]}"` });
  }
  const bookId = parseId(id);
  if (bookId === null) return sendJson(res, 400, { error: 'not a valid book id' });
  if (!db.prepare('SELECT id FROM books WHERE id = ?').get(bookId)) return sendJson(res, 404, { error: `no book with id ${bookId}` });
  const limit = readCount(query.get('limit'), 10);
  const offset = readCount(query.get('offset'), 0);
  if (limit === null || limit < 1 || limit > 20) return sendJson(res, 400, { error: 'limit must be from 1 to 20' });
  if (offset === null) return sendJson(res, 400, { error: 'offset must be 0 or more' });
  sendJson(res, 200, db.prepare(REVIEWS_OF_BOOK).all(bookId, limit, offset));
});

// 127.0.0.1 and a free port, like the mini server.
server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
// load.mjs going away (the IPC channel closing) ends this server too.
process.on('disconnect', () => process.exit(0));
