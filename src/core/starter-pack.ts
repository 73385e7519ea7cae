// The files `backend-intro init` writes: a small lesson pack that passes `validate` as written,
// whose first lesson is both an example of every exercise type and a short manual for the
// instructor who will replace it. Pure: names in, file texts out.

export interface PackFile {
  /** Relative to the pack folder, with "/" separators. */
  path: string;
  text: string;
  /** One line for the list `init` prints. */
  about: string;
}

/** A course id from a folder name: "Web Course 2025" → "web-course-2025". */
export function courseIdFor(folderName: string): string {
  const id = folderName
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '');
  return id === '' ? 'my-course' : id;
}

/** A readable title from a folder name: "web-course" → "Web course". */
export function courseTitleFor(folderName: string): string {
  const words = folderName.replace(/[-_]+/g, ' ').replace(/\s+/g, ' ').trim();
  return words === '' ? 'My course' : words[0]!.toUpperCase() + words.slice(1);
}

/** A YAML scalar for any text: plain when that is safe, else double-quoted (JSON is valid YAML). */
function yamlText(text: string): string {
  return /^[A-Za-z0-9][A-Za-z0-9 .,()'_-]*$/.test(text) ? text : JSON.stringify(text);
}

export function starterPackFiles(folderName: string): PackFile[] {
  return [
    { path: 'course.yaml', text: courseYaml(courseIdFor(folderName), courseTitleFor(folderName)), about: 'the course: id, title and format' },
    { path: '01-getting-started.md', text: firstLesson, about: 'lesson 1: how a pack works, one exercise of each type, and a quiz' },
    { path: 'data/shop.sql', text: shopSql, about: 'the sample database "shop": items, customers and orders' },
    { path: 'data/shop.check.sql', text: shopCheckSql, about: 'the same tables with other rows, so that answers cannot hard-code the sample' },
  ];
}

function courseYaml(id: string, title: string): string {
  return `# The course. Progress is kept under "id": keep it once learners have started,
# and give every pack its own.
id: ${id}
title: ${yamlText(title)}
format: 1
description: |
  Shown under the title in the home menu. Say in a sentence or two what
  learners will be able to do after this course.
`;
}

const fence = '```';

const firstLesson = `---
# Front matter: "id" is stable and unique in the pack (progress is kept by it);
# the lesson's number comes from the file name (01-…) unless "number:" says otherwise.
id: getting-started
title: Getting started
summary: How this lesson pack works, with one exercise of every kind and a quiz.
minutes: 15
database: shop          # the default database of this lesson's exercises: data/shop.sql
---

This pack was made by \`backend-intro init\`. This first lesson is an
example and a short manual at once: every kind of exercise is here
once, with the text that explains it. Read it as your learners will,
then change it or replace it with your own lessons.

Everything above the first level-2 heading is the lesson's
introduction. Each level-2 heading (a line starting with \`## \`)
starts a new page.

## How a lesson pack is built

A lesson pack is a folder:

- \`course.yaml\` names the course: its \`id\` (progress is kept by
  it, so do not change it once learners have started), its
  \`title\`, \`format: 1\`, and an optional \`description\`.
- One Markdown file per lesson, its number first:
  \`01-getting-started.md\`, \`02-….md\`. The number orders the
  lessons and is what learners type: \`backend-intro 2\`.
- \`data/shop.sql\` creates and fills a sample database called
  \`shop\`. \`data/shop.check.sql\` has the same tables with other
  rows: every answer is checked on both, so an answer that only
  fits the sample data does not pass.

A lesson file starts with front matter between two \`---\` lines:
\`id\`, \`title\` and \`summary\`, and optionally \`number\`,
\`minutes\` and \`database\`.

Pages are ordinary Markdown: paragraphs, lists, tables, block quotes
and code blocks. A fenced block whose info string is \`exercise\` or
\`quiz\` holds YAML instead, and becomes an exercise or a quiz on
the page where it stands.

After every change, run \`backend-intro validate\` on the pack folder.
It checks the format, and runs every exercise's reference solution
through the same checks as a learner's answer.

## Asking the database

The sample database belongs to a small café. It has three tables:

| table | columns |
|---|---|
| items | id, name, category, price |
| customers | id, name, email |
| orders | id, customer_id, item_id, quantity, ordered_on |

An \`sql\` exercise asks for a query. The learner's rows are
compared with the rows of the reference \`solution\`; the order of
the rows counts only with \`order: matters\`, and column names only
with \`columns: named\`.

${fence}exercise
id: cheap-items
type: sql
prompt: |
  List the name and price of every item that costs less than 3,
  cheapest first.
solution: |
  SELECT name, price FROM items WHERE price < 3 ORDER BY price;
order: matters
hints:
  - Keep the rows you want with WHERE price < 3.
  - ORDER BY price sorts from the cheapest up.
explain: |
  WHERE filters the rows; ORDER BY puts the ones that are left in order.
${fence}

With \`check\`, an \`sql\` exercise asks for a change instead: the
learner's statements and the solution each run on a fresh copy of
the database, and every \`check\` query must then give the same rows
on both.

${fence}exercise
id: raise-tea-prices
type: sql
prompt: |
  Tea got dearer. Add 0.5 to the price of every item in the category
  'tea', and leave the other items as they are.
solution: |
  UPDATE items SET price = price + 0.5 WHERE category = 'tea';
check:
  - SELECT id, name, category, price FROM items ORDER BY id
hints:
  - UPDATE items SET price = … changes rows; WHERE says which ones.
explain: |
  Without WHERE, an UPDATE changes every row of the table.
${fence}

## Writing server code

An \`http\` exercise gives the learner a file (its first content is
the \`starter\`) that exports a function receiving the mini server's
\`app\` and a fresh copy of the database as \`db\`. The checker sends
each of the \`requests\` to the learner's code and to the
\`solution\`, and compares the two responses: status, the listed
\`headers\`, and the body. A request with \`expect\` is compared with
that instead.

${fence}exercise
id: item-by-id
type: http
prompt: |
  Answer GET /items/:id with the item as JSON, or with status 404 and
  { "error": "No such item" } when there is no item with that id.
starter: |
  export default function (app, { db }) {
    app.get('/items/:id', (req, res) => {
      // Look the item up in db, then answer with res.json(…).
      res.status(501).json({ error: 'Not written yet' });
    });
  }
solution: |
  export default function (app, { db }) {
    app.get('/items/:id', (req, res) => {
      const item = db.prepare('SELECT id, name, category, price FROM items WHERE id = ?').get(req.params.id);
      if (!item) return res.status(404).json({ error: 'No such item' });
      res.json(item);
    });
  }
requests:
  - GET /items/1
  - GET /items/4
  - { method: GET, path: /items/999, expect: { status: 404 } }
headers: [content-type]
hints:
  - db.prepare('SELECT … WHERE id = ?').get(req.params.id) gives the row, or undefined.
  - "res.status(404).json({ error: 'No such item' }) answers when there is none."
${fence}

A \`js\` exercise is a module: its \`tests\` run against the
learner's exports, with \`assert\` (node:assert/strict) and \`mod\`
(the exports) in scope.

${fence}exercise
id: order-total
type: js
prompt: |
  Export a function orderTotal(lines) that takes order lines such as
  { price: 2.5, quantity: 2 } and returns what they cost in all,
  rounded to cents.
starter: |
  export function orderTotal(lines) {
    return 0;
  }
solution: |
  export function orderTotal(lines) {
    const total = lines.reduce((sum, line) => sum + line.price * line.quantity, 0);
    return Math.round(total * 100) / 100;
  }
tests: |
  assert.equal(mod.orderTotal([]), 0, 'an empty order costs 0');
  assert.equal(mod.orderTotal([{ price: 2.5, quantity: 2 }]), 5, 'two items at 2.5 cost 5');
  assert.equal(mod.orderTotal([{ price: 0.1, quantity: 1 }, { price: 0.2, quantity: 1 }]), 0.3, '0.1 + 0.2 should come to 0.3 once rounded to cents');
hints:
  - Add up price * quantity over the lines, for example with reduce.
  - Math.round(total * 100) / 100 rounds to cents.
${fence}

Code from a lesson pack (solutions and tests) runs on the learner's
machine, like any package they install, so learners should only use
packs from people they trust. It runs in a separate process with time
limits, which stops mistakes, not attacks.

## Check what you learned

A \`quiz\` block holds questions of three kinds: one answer among
\`choices\`, a list of answers ("choose all that apply"), or free
text without \`choices\`, compared ignoring case (\`accept\` lists
other accepted answers). \`explain\` is shown after every answer,
right or wrong.

${fence}quiz
questions:
  - ask: Which status code means that nothing exists at the requested path?
    choices: [200 OK, 201 Created, 404 Not Found, 500 Internal Server Error]
    answer: 404 Not Found
    explain: 404 says the server has nothing at that path; the request itself was understood.
  - ask: Which of these SQL statements change the database? (choose all that apply)
    choices: [SELECT, INSERT, UPDATE, DELETE]
    answer: [INSERT, UPDATE, DELETE]
    explain: SELECT only reads; INSERT adds rows, UPDATE changes them and DELETE removes them.
  - ask: Which SQL keyword keeps only the rows that match a condition?
    answer: WHERE
    accept: [WHERE clause]
    explain: WHERE filters rows; ORDER BY sorts them and GROUP BY puts them in groups.
${fence}
`;

/** The tables of the sample database, the same in its sample and its check dataset. */
const shopSchema = `PRAGMA foreign_keys = ON;

CREATE TABLE items (
  id       INTEGER PRIMARY KEY,
  name     TEXT NOT NULL UNIQUE,
  category TEXT NOT NULL,
  price    REAL NOT NULL CHECK (price >= 0)
);

CREATE TABLE customers (
  id    INTEGER PRIMARY KEY,
  name  TEXT NOT NULL,
  email TEXT NOT NULL UNIQUE
);

CREATE TABLE orders (
  id          INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers (id),
  item_id     INTEGER NOT NULL REFERENCES items (id),
  quantity    INTEGER NOT NULL CHECK (quantity > 0),
  ordered_on  TEXT NOT NULL
);

`;

const shopSql = `-- The sample database "shop": "database: shop" in a lesson means this file. Every check and
-- every sql> prompt starts from a fresh copy of it, so nothing a learner does changes it.
-- Keep data/shop.check.sql in step: the same tables, with other rows.
${shopSchema}INSERT INTO items (id, name, category, price) VALUES
  (1, 'Espresso', 'coffee', 2.2),
  (2, 'Flat white', 'coffee', 3.4),
  (3, 'Green tea', 'tea', 2.5),
  (4, 'Chai latte', 'tea', 3.6),
  (5, 'Croissant', 'pastry', 2.8),
  (6, 'Carrot cake', 'cake', 4.2);

INSERT INTO customers (id, name, email) VALUES
  (1, 'Amara Okafor', 'amara@example.com'),
  (2, 'Lukas Berg', 'lukas@example.com'),
  (3, 'Mei Tanaka', 'mei@example.com');

INSERT INTO orders (id, customer_id, item_id, quantity, ordered_on) VALUES
  (1, 1, 2, 1, '2024-03-04'),
  (2, 1, 5, 2, '2024-03-04'),
  (3, 2, 3, 1, '2024-03-05'),
  (4, 3, 6, 1, '2024-03-06'),
  (5, 2, 1, 3, '2024-03-07');
`;

const shopCheckSql = `-- The check dataset of "shop": the same tables as data/shop.sql with other rows. Answers are
-- checked here too, so one that only fits the sample data (a hard-coded id or name) fails.
-- Learners never see these rows.
${shopSchema}INSERT INTO items (id, name, category, price) VALUES
  (1, 'Americano', 'coffee', 2.6),
  (2, 'Cortado', 'coffee', 2.9),
  (3, 'Mint tea', 'tea', 2.1),
  (4, 'Earl Grey', 'tea', 2.4),
  (5, 'Cinnamon bun', 'pastry', 3.1),
  (6, 'Lemon tart', 'cake', 3.9),
  (7, 'Scone', 'pastry', 1.9);

INSERT INTO customers (id, name, email) VALUES
  (1, 'Noor Haddad', 'noor@example.com'),
  (2, 'Tomás Ruiz', 'tomas@example.com');

INSERT INTO orders (id, customer_id, item_id, quantity, ordered_on) VALUES
  (1, 2, 7, 2, '2024-05-10'),
  (2, 1, 4, 1, '2024-05-11'),
  (3, 2, 1, 1, '2024-05-12');
`;
