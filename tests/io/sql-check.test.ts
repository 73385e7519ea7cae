// Integration tests of checkSqlExercise (src/io/sql-check.ts) on the verify-pack fixture, with a
// real SQL worker: the sample data (data/shop.sql) and the second dataset (data/shop.check.sql).
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlExercise } from '../../src/core/model.js';
import type { Verdict } from '../../src/core/verdict.js';
import { readPack } from '../../src/io/pack-reader.js';
import { checkSqlExercise, datasetsFor } from '../../src/io/sql-check.js';
import { packErrorOf } from '../helpers/pack.js';
import { SqlRunner } from '../../src/io/sql-runner.js';

const packDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'verify-pack');
const esc = '\u001b';
const dependsOnData = /it depends on this data .*make it general/;

let runner: SqlRunner;
const tempDirs: string[] = [];

beforeAll(() => {
  runner = new SqlRunner();
});

afterAll(() => {
  runner.close();
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

function sqlExercise(id: string, dir = packDir): SqlExercise {
  for (const lesson of readPack(dir).lessons) {
    const found = lesson.exercises.find((exercise) => exercise.id === id);
    if (found?.type === 'sql') return found;
  }
  throw new Error(`no sql exercise "${id}" in ${dir}`);
}

function check(id: string, answer: string, dir = packDir): Promise<Verdict> {
  return checkSqlExercise(runner, dir, sqlExercise(id, dir), answer);
}

function summary(verdict: Verdict) {
  return verdict.checks.map((outcome) => ({ name: outcome.name, passed: outcome.passed }));
}

/** A copy of the fixture pack that a test may break. */
function copyOfPack(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bi-sql-check-'));
  tempDirs.push(dir);
  const copy = path.join(dir, 'verify-pack');
  cpSync(packDir, copy, { recursive: true });
  return copy;
}

function replaceIn(file: string, from: string, to: string): void {
  const text = readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} does not contain ${from}`);
  writeFileSync(file, text.replace(from, to));
}


// ---------------------------------------------------------------------------------------------

describe('the verify-pack fixture', () => {
  it('has a sample and a check dataset for "shop"', () => {
    expect(datasetsFor(packDir, 'shop')).toEqual([
      { label: 'sample', source: { seedFile: path.join(packDir, 'data', 'shop.sql') } },
      { label: 'check', source: { seedFile: path.join(packDir, 'data', 'shop.check.sql') } },
    ]);
  });

  it('has the exercises the tests use, with their options', () => {
    const pack = readPack(packDir);
    expect(pack.id).toBe('verify-pack');
    expect(pack.lessons[0]!.exercises.map((exercise) => [exercise.id, exercise.type])).toEqual([
      ['city-customers', 'sql'],
      ['cheapest-first', 'sql'],
      ['double-price', 'sql'],
      ['add-eraser', 'sql'],
      ['remove-bob', 'sql'],
    ]);
    expect(sqlExercise('cheapest-first').order).toBe('matters');
    expect(sqlExercise('double-price').columns).toBe('named');
    expect(sqlExercise('city-customers')).toMatchObject({ order: 'ignored', columns: 'any', database: 'shop' });
    expect(sqlExercise('add-eraser').check).toEqual(['SELECT name, price FROM products ORDER BY id', 'SELECT count(*) FROM products']);
  });
});

describe('checkSqlExercise: query exercises', () => {
  it('passes the right answer on both datasets and lists both checks', async () => {
    const verdict = await check('city-customers', "SELECT name, city FROM customers WHERE city IS NOT NULL ORDER BY name DESC;");
    expect(verdict.passed).toBe(true);
    expect(summary(verdict)).toEqual([
      { name: 'rows match the expected result', passed: true },
      { name: 'rows match on a second dataset', passed: true },
    ]);
    expect(verdict.checks.map((outcome) => outcome.message)).toEqual(['matches the answer (3 rows)', 'matches the answer (3 rows)']);
    // The sample's expected rows, ESC byte included: the checker keeps data as it is.
    expect(verdict.checks[0]!.expected!.rows).toEqual([
      ['Alice', 'Paris'],
      ['Carol', 'Berlin'],
      [`${esc}[31mred`, 'Oslo'],
    ]);
    expect(verdict.checks[1]!.expected!.rows).toEqual([
      ['Dora', 'Rome'],
      ['Eve', 'Lima'],
      ['Gina', 'Oslo'],
    ]);
  });

  it('ignores column names unless columns: named', async () => {
    const verdict = await check('city-customers', 'SELECT name AS who, city AS place FROM customers WHERE city IS NOT NULL');
    expect(verdict.passed).toBe(true);
  });

  it('fails wrong rows with the missing and extra rows, and stops after the sample', async () => {
    const verdict = await check('city-customers', "SELECT name, city FROM customers WHERE city IS NULL OR city <> 'Paris'");
    expect(verdict.passed).toBe(false);
    expect(summary(verdict)).toEqual([{ name: 'rows match the expected result', passed: false }]);
    const [outcome] = verdict.checks;
    expect(outcome!.message).toBe('1 row missing, 1 extra');
    expect(outcome!.missing).toEqual([['Alice', 'Paris']]);
    expect(outcome!.extra).toEqual([['Bob', null]]);
    expect(outcome!.actual!.rows).toHaveLength(3);
    expect(outcome!.diagnosis).toBeUndefined();
  });

  it('a comparison with NULL by <> gets the diagnosis that names it and both tests', async () => {
    const verdict = await check('city-customers', 'SELECT name, city FROM customers\nWHERE city <> NULL');
    expect(verdict.checks[0]).toMatchObject({ passed: false, message: '3 rows missing' });
    expect(verdict.checks[0]!.diagnosis).toMatch(/^`city <> NULL` is never true, .* `city IS NULL`; .* `city IS NOT NULL`\.$/);
  });

  it('the expected table does not give the solution away: its expression headers show as your names, or column N', async () => {
    const dir = copyOfPack();
    replaceIn(path.join(dir, '01-q.md'), 'SELECT name, city FROM customers WHERE city IS NOT NULL', 'SELECT upper(name), city FROM customers WHERE city IS NOT NULL');
    const sameWidth = await check('city-customers', 'SELECT name, city FROM customers', dir);
    expect(sameWidth.checks[0]!.expected!.columns).toEqual(['name', 'city']);
    const narrower = await check('city-customers', 'SELECT name FROM customers', dir);
    expect(narrower.checks[0]!.expected!.columns).toEqual(['column 1', 'city']);
  });

  it('an extra NULL row: "1 extra row" (NULL is not a city)', async () => {
    const verdict = await check('city-customers', 'SELECT name, city FROM customers');
    expect(verdict.checks[0]).toMatchObject({ passed: false, message: '1 extra row', missing: [], extra: [['Bob', null]] });
  });

  it('a wrong column count says so', async () => {
    const verdict = await check('city-customers', 'SELECT * FROM customers WHERE city IS NOT NULL');
    expect(verdict.checks[0]).toMatchObject({ passed: false, message: 'your query returns 3 columns; the answer has 2' });
    expect(verdict.checks[0]!.diagnosis).toMatch(/instead of SELECT \*/);
  });

  it.each([
    ['ids picked from the sample', 'SELECT name, city FROM customers WHERE id IN (1, 3, 4)', '2 rows missing, 2 extra'],
    ['the sample rows typed in', "SELECT 'Alice', 'Paris' UNION ALL SELECT 'Carol', 'Berlin' UNION ALL SELECT char(27) || '[31mred', 'Oslo'", '3 rows missing, 3 extra'],
  ])('an answer hard-coded to the sample (%s) passes the sample and fails the second dataset: "depends on this data"', async (_, answer, message) => {
    const verdict = await check('city-customers', answer);
    expect(verdict.passed).toBe(false);
    expect(summary(verdict)).toEqual([
      { name: 'rows match the expected result', passed: true },
      { name: 'rows match on a second dataset', passed: false },
    ]);
    expect(verdict.checks[1]!.message).toBe(message);
    expect(verdict.checks[1]!.diagnosis).toMatch(dependsOnData);
    expect(verdict.checks[0]!.diagnosis).toBeUndefined();
  });

  it('refuses a statement that writes in a query exercise', async () => {
    const verdict = await check('city-customers', 'DELETE FROM customers WHERE city IS NULL');
    expect(verdict.passed).toBe(false);
    expect(verdict.checks).toEqual([
      { name: 'rows match the expected result', passed: false, message: 'This exercise asks for a query that only reads; your statement would change the database.' },
    ]);
  });

  it('passes an SQLite error through as the message', async () => {
    const verdict = await check('city-customers', 'SELECT name, town FROM customers');
    expect(verdict.checks).toEqual([{ name: 'rows match the expected result', passed: false, message: 'no such column: town' }]);
  });

  it('an empty answer fails', async () => {
    const verdict = await check('city-customers', '');
    expect(verdict.passed).toBe(false);
    expect(verdict.checks).toHaveLength(1);
    expect(verdict.checks[0]!.message).toMatch(/no statement/i);
  });

  it('order: matters — rows in the right order pass', async () => {
    const verdict = await check('cheapest-first', 'SELECT name, price FROM products ORDER BY price ASC');
    expect(verdict.passed).toBe(true);
    expect(verdict.checks[0]!.expected!.rows).toEqual([
      ['Ruler', 0.99],
      ['Pen', 1.5],
      ['Notebook', 4.25],
      ['Stapler', 7],
    ]);
  });

  it('order: matters — reversed rows get the "flip the direction of ORDER BY" diagnosis', async () => {
    const verdict = await check('cheapest-first', 'SELECT name, price FROM products ORDER BY price DESC');
    expect(verdict.passed).toBe(false);
    expect(verdict.checks).toHaveLength(1);
    expect(verdict.checks[0]).toMatchObject({ passed: false, message: 'right rows, wrong order (first difference at row 1)', missing: [], extra: [] });
    expect(verdict.checks[0]!.diagnosis).toMatch(/reverse order: flip the direction in your ORDER BY/);
  });

  it('order: matters — rows in another order (no ORDER BY) get the "sort them with ORDER BY" diagnosis', async () => {
    const verdict = await check('cheapest-first', 'SELECT name, price FROM products');
    expect(verdict.checks[0]).toMatchObject({ passed: false, message: 'right rows, wrong order (first difference at row 1)' });
    expect(verdict.checks[0]!.diagnosis).toBe('The rows are right but in a different order: sort them with ORDER BY the way the question asks.');
  });

  it('order is ignored by default: the same rows in any order pass', async () => {
    expect((await check('city-customers', 'SELECT name, city FROM customers WHERE city IS NOT NULL ORDER BY city')).passed).toBe(true);
  });

  it('columns: named — a wrong alias fails with the alias diagnosis', async () => {
    const verdict = await check('double-price', 'SELECT name AS product, price * 2 AS doubled FROM products');
    expect(verdict.passed).toBe(false);
    expect(verdict.checks[0]).toMatchObject({
      passed: false,
      message: 'the column names differ: the answer has product, double_price; yours has product, doubled',
      missing: [],
      extra: [],
    });
    expect(verdict.checks[0]!.diagnosis).toMatch(/the columns are named differently: .*Rename with AS, e\.g\. `… AS double_price`/);
  });

  it('columns: named — names compare ignoring case, and the right names pass on both datasets', async () => {
    const verdict = await check('double-price', 'SELECT name AS Product, 2 * price AS DOUBLE_PRICE FROM products');
    expect(verdict.passed).toBe(true);
    expect(verdict.checks).toHaveLength(2);
  });
});

describe('checkSqlExercise: change exercises', () => {
  const [listQuery, countQuery] = ['SELECT name, price FROM products ORDER BY id', 'SELECT count(*) FROM products'];

  it('passes the right change: one check per check query per dataset', async () => {
    const verdict = await check('add-eraser', "INSERT INTO products (price, name) VALUES (0.50, 'Eraser');");
    expect(verdict.passed).toBe(true);
    expect(summary(verdict)).toEqual([
      { name: listQuery, passed: true },
      { name: countQuery, passed: true },
      { name: `on a second dataset, ${listQuery}`, passed: true },
      { name: `on a second dataset, ${countQuery}`, passed: true },
    ]);
    expect(verdict.checks[0]!.message).toBe(`after your change, \`${listQuery}\` gives the same result as the answer's (5 rows)`);
    expect(verdict.checks[3]!.actual!.rows).toEqual([[4]]);
  });

  it('fails a wrong change: the check names its query and the rows differ', async () => {
    const verdict = await check('add-eraser', "INSERT INTO products (name, price) VALUES ('Eraser', 5);");
    expect(verdict.passed).toBe(false);
    expect(summary(verdict)).toEqual([
      { name: listQuery, passed: false },
      { name: countQuery, passed: true },
    ]);
    const [list] = verdict.checks;
    expect(list!.message).toBe(`after your change, \`${listQuery}\` differs: 1 row missing, 1 extra`);
    expect(list!.missing).toEqual([['Eraser', 0.5]]);
    expect(list!.extra).toEqual([['Eraser', 5]]);
    expect(list!.diagnosis).toBeUndefined();
  });

  it('a NULL stored by a change is an assignment, not a comparison: no NULL diagnosis', async () => {
    const verdict = await check('add-eraser', "INSERT INTO products (name, price) VALUES ('Eraser', 0.5); UPDATE products SET price = NULL WHERE name = 'Eraser';");
    expect(verdict.passed).toBe(false);
    expect(verdict.checks.every((outcome) => outcome.diagnosis === undefined)).toBe(true);
  });

  it('a change that does nothing fails', async () => {
    const verdict = await check('add-eraser', 'SELECT 1;');
    expect(verdict.passed).toBe(false);
    expect(verdict.checks.map((outcome) => outcome.message)).toEqual([
      `after your change, \`${listQuery}\` differs: 1 row missing`,
      `after your change, \`${countQuery}\` differs: 1 row missing, 1 extra`,
    ]);
  });

  it('passes the BEGIN/DELETE/COMMIT solution with foreign keys, on both datasets', async () => {
    const verdict = await check('remove-bob', sqlExercise('remove-bob').solution);
    expect(verdict.passed).toBe(true);
    expect(verdict.checks).toHaveLength(4);
    expect(verdict.checks[0]!.actual!.rows).toEqual([
      [1, 'Alice'],
      [3, 'Carol'],
      [4, `${esc}[31mred`],
    ]);
    expect(verdict.checks[3]!.actual!.rows).toEqual([
      [2, 2],
      [4, 5],
    ]);
  });

  it('statements that fail (a foreign key) give one failed check, "your statements run", with SQLite’s message', async () => {
    const verdict = await check('remove-bob', "DELETE FROM customers WHERE name = 'Bob';");
    expect(verdict.passed).toBe(false);
    expect(verdict.checks).toEqual([{ name: 'your statements run', passed: false, message: 'FOREIGN KEY constraint failed' }]);
  });

  it('a transaction left open is rolled back: nothing changed, the checks say what is extra', async () => {
    const verdict = await check('remove-bob', "BEGIN; DELETE FROM orders WHERE customer_id = 2; DELETE FROM customers WHERE id = 2;");
    expect(verdict.passed).toBe(false);
    expect(verdict.checks[0]).toMatchObject({
      name: 'SELECT id, name FROM customers ORDER BY id',
      passed: false,
      message: 'after your change, `SELECT id, name FROM customers ORDER BY id` differs: 1 extra row',
      extra: [[2, 'Bob']],
    });
    expect(verdict.checks[1]).toMatchObject({ passed: false, message: 'after your change, `SELECT id, customer_id FROM orders ORDER BY id` differs: 2 extra rows' });
    // The rows alone would puzzle: the learner did delete them. The hint says where they went.
    expect(verdict.checks[0]!.diagnosis).toMatch(/^Your statements began a transaction \(BEGIN\) and never committed it, .* Finish with COMMIT;\.$/);
  });

  describe('transaction: required', () => {
    const requiring = () => {
      const dir = copyOfPack();
      replaceIn(path.join(dir, '01-q.md'), '  - SELECT id, customer_id FROM orders ORDER BY id\nhints:', '  - SELECT id, customer_id FROM orders ORDER BY id\ntransaction: required\nhints:');
      expect(sqlExercise('remove-bob', dir).transaction).toBe('required');
      return dir;
    };
    const deletes = "DELETE FROM orders WHERE customer_id = (SELECT id FROM customers WHERE name = 'Bob');\nDELETE FROM customers WHERE name = 'Bob';";

    it('the right changes outside a transaction fail, quoting the first statement outside it', async () => {
      const verdict = await check('remove-bob', deletes, requiring());
      expect(verdict.passed).toBe(false);
      expect(verdict.checks).toEqual([
        {
          name: 'your changes run inside one transaction',
          passed: false,
          message: "This exercise asks for the changes inside one transaction (BEGIN; first, COMMIT; last), but `DELETE FROM orders WHERE customer_id = (SELECT id FROM cust…` runs outside it.",
        },
      ]);
    });

    it('a statement after the COMMIT is outside it too', async () => {
      const verdict = await check('remove-bob', `BEGIN;\nDELETE FROM orders WHERE customer_id = 2;\nCOMMIT;\nDELETE FROM customers WHERE name = 'Bob';`, requiring());
      expect(verdict.checks[0]!.message).toContain("`DELETE FROM customers WHERE name = 'Bob'` runs outside it");
    });

    it('the same changes inside BEGIN … COMMIT pass', async () => {
      expect((await check('remove-bob', `BEGIN;\n${deletes}\nCOMMIT;`, requiring())).passed).toBe(true);
    });
  });

  it('a change hard-coded to the sample ids passes the sample and fails the second dataset: "depends on this data"', async () => {
    const verdict = await check('remove-bob', 'BEGIN; DELETE FROM orders WHERE customer_id = 2; DELETE FROM customers WHERE id = 2; COMMIT;');
    expect(verdict.passed).toBe(false);
    expect(summary(verdict)).toEqual([
      { name: 'SELECT id, name FROM customers ORDER BY id', passed: true },
      { name: 'SELECT id, customer_id FROM orders ORDER BY id', passed: true },
      { name: 'on a second dataset, SELECT id, name FROM customers ORDER BY id', passed: false },
      { name: 'on a second dataset, SELECT id, customer_id FROM orders ORDER BY id', passed: false },
    ]);
    expect(verdict.checks[2]!.diagnosis).toMatch(dependsOnData);
    expect(verdict.checks[3]!.diagnosis).toMatch(dependsOnData);
    expect(verdict.checks[2]!.missing).toEqual([[2, 'Eve']]);
    expect(verdict.checks[2]!.extra).toEqual([[3, 'Bob']]);
  });

  it('an empty change fails', async () => {
    const verdict = await check('remove-bob', '');
    expect(verdict.checks).toEqual([{ name: 'your statements run', passed: false, message: 'There is no statement to run.' }]);
  });
});

describe('checkSqlExercise: pack problems', () => {
  it('a reference solution that fails is a PackFormatError naming the exercise and the dataset, not a failed answer', async () => {
    const copy = copyOfPack();
    replaceIn(path.join(copy, '01-q.md'), 'SELECT name, city FROM customers WHERE city IS NOT NULL;', 'SELECT name, town FROM customers WHERE town IS NOT NULL;');
    const error = await packErrorOf(check('city-customers', 'SELECT name, city FROM customers WHERE city IS NOT NULL', copy));
    expect(error.file).toBe('shop.sql');
    expect(error.problem).toBe('the reference solution of exercise "city-customers" fails on this dataset (no such column: town) — fix the solution or the data');
  });

  it('a reference change that fails only on the second dataset names shop.check.sql', async () => {
    const copy = copyOfPack();
    // Id 5 is free in the sample (products 1–4) but taken in the second dataset once we add it.
    replaceIn(path.join(copy, '01-q.md'), "INSERT INTO products (name, price) VALUES ('Eraser', 0.5);", "INSERT INTO products (id, name, price) VALUES (5, 'Eraser', 0.5);");
    replaceIn(path.join(copy, 'data', 'shop.check.sql'), "(3, 'Tape', 1.25);", "(3, 'Tape', 1.25),\n  (5, 'Scissors', 6.5);");
    const error = await packErrorOf(check('add-eraser', "INSERT INTO products (id, name, price) VALUES (5, 'Eraser', 0.5);", copy));
    expect(error.file).toBe('shop.check.sql');
    expect(error.problem).toMatch(/^the reference solution of exercise "add-eraser" fails on this dataset \(UNIQUE constraint failed: products\.id\)/);
  });

  it('without a .check.sql the answer is checked on the sample only', async () => {
    const copy = copyOfPack();
    rmSync(path.join(copy, 'data', 'shop.check.sql'));
    expect(datasetsFor(copy, 'shop')).toHaveLength(1);
    const verdict = await check('city-customers', 'SELECT name, city FROM customers WHERE id IN (1, 3, 4)', copy);
    expect(verdict.passed).toBe(true);
    expect(summary(verdict)).toEqual([{ name: 'rows match the expected result', passed: true }]);
  });
});
