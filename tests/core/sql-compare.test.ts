import { describe, expect, it } from 'vitest';
import { compareCheckQuery, compareResults, type CompareOptions } from '../../src/core/sql-compare.js';
import type { ResultSet, SqlValue } from '../../src/core/sql-values.js';

const rs = (columns: string[], rows: SqlValue[][]): ResultSet => ({ columns, rows });

const anyOrder: CompareOptions = { order: 'ignored', columns: 'any' };
const inOrder: CompareOptions = { order: 'matters', columns: 'any' };
const named: CompareOptions = { order: 'ignored', columns: 'named' };

const books = rs(
  ['title', 'price'],
  [
    ['Dune', 9.99],
    ['Emma', 4.5],
    ['Ulysses', 12],
  ],
);

describe('compareResults: passing', () => {
  it('identical results pass with no diagnosis and nothing missing or extra', () => {
    const result = compareResults(books, rs(['title', 'price'], books.rows.map((row) => [...row])), anyOrder);
    expect(result).toEqual({ passed: true, message: 'matches the answer (3 rows)', missing: [], extra: [] });
    expect('diagnosis' in result).toBe(false);
  });

  it('two empty results with the same columns pass; the message counts rows in the singular too', () => {
    expect(compareResults(rs(['a'], []), rs(['a'], []), inOrder).message).toBe('matches the answer (0 rows)');
    expect(compareResults(rs(['a'], [[1]]), rs(['a'], [[1]]), inOrder).message).toBe('matches the answer (1 row)');
  });
});

describe('compareResults: column count always matters', () => {
  it('more columns than the answer fails, names both counts, and suggests listing the asked columns instead of SELECT *', () => {
    const actual = rs(['id', 'title', 'price'], [[1, 'Dune', 9.99]]);
    const result = compareResults(rs(['title', 'price'], [['Dune', 9.99]]), actual, anyOrder);
    expect(result.passed).toBe(false);
    expect(result.message).toBe('your query returns 3 columns; the answer has 2');
    expect(result.diagnosis).toBe('List only the columns the question asks for instead of SELECT * (the answer has 2: title, price).');
    expect(result.missing).toEqual([['Dune', 9.99]]);
    expect(result.extra).toEqual([[1, 'Dune', 9.99]]);
  });

  it('fewer columns than the answer fails with both counts and no SELECT * hint', () => {
    const result = compareResults(books, rs(['title'], [['Dune'], ['Emma'], ['Ulysses']]), anyOrder);
    expect(result.passed).toBe(false);
    expect(result.message).toBe('your query returns 1 column; the answer has 2');
    expect(result.diagnosis).toBeUndefined();
  });

  it('the count is checked even when both results are empty and names are ignored', () => {
    const result = compareResults(rs(['a', 'b'], []), rs(['a'], []), anyOrder);
    expect(result.passed).toBe(false);
    expect(result.message).toBe('your query returns 1 column; the answer has 2');
  });
});

describe('compareResults: column names only with columns: named', () => {
  const renamed = rs(['name', 'SUM(price)'], [['Ann', 14.49]]);
  const expected = rs(['name', 'total'], [['Ann', 14.49]]);

  it('with columns: any, different names pass', () => {
    expect(compareResults(expected, renamed, anyOrder).passed).toBe(true);
  });

  it('with columns: named, the same values under other names fail and the diagnosis names the aliases', () => {
    const result = compareResults(expected, renamed, named);
    expect(result.passed).toBe(false);
    expect(result.message).toBe('the column names differ: the answer has name, total; yours has name, SUM(price)');
    expect(result.missing).toEqual([]);
    expect(result.extra).toEqual([]);
    expect(result.diagnosis).toBe(
      'The values are right but the columns are named differently: the answer calls them name, total. Rename with AS, e.g. `… AS total`.',
    );
  });

  it('names compare case-insensitively', () => {
    expect(compareResults(expected, rs(['NAME', 'Total'], [['Ann', 14.49]]), named).passed).toBe(true);
  });

  it('names compare in order', () => {
    const result = compareResults(rs(['a', 'b'], [[1, 1]]), rs(['b', 'a'], [[1, 1]]), named);
    expect(result.passed).toBe(false);
    expect(result.message).toBe('the column names differ: the answer has a, b; yours has b, a');
  });

  it('wrong names and wrong rows: one sentence with both, and no alias hint', () => {
    const result = compareResults(expected, rs(['name', 'sum'], [['Ann', 20]]), named);
    expect(result.passed).toBe(false);
    expect(result.message).toBe('1 row missing, 1 extra, and the column names differ (the answer has name, total; yours has name, sum)');
    expect(result.diagnosis).toBeUndefined();
  });
});

describe('compareResults: rows as a multiset unless order: matters', () => {
  const shuffled = rs(['title', 'price'], [
    ['Ulysses', 12],
    ['Dune', 9.99],
    ['Emma', 4.5],
  ]);

  it('only the order differs, order ignored: passes', () => {
    expect(compareResults(books, shuffled, anyOrder)).toEqual({ passed: true, message: 'matches the answer (3 rows)', missing: [], extra: [] });
  });

  it('only the order differs, order matters: fails with nothing missing or extra', () => {
    const result = compareResults(books, shuffled, inOrder);
    expect(result.passed).toBe(false);
    expect(result.message).toBe('right rows, wrong order (first difference at row 1)');
    expect(result.missing).toEqual([]);
    expect(result.extra).toEqual([]);
  });

  it('order matters and the sequence matches: passes', () => {
    expect(compareResults(books, rs(['t', 'p'], books.rows), inOrder).passed).toBe(true);
  });

  it('same distinct rows, different multiplicities: fails (duplicates count)', () => {
    const result = compareResults(rs(['x'], [['a'], ['a'], ['b']]), rs(['x'], [['a'], ['b'], ['b']]), anyOrder);
    expect(result.passed).toBe(false);
    expect(result.message).toBe('1 row missing, 1 extra');
    expect(result.missing).toEqual([['a']]);
    expect(result.extra).toEqual([['b']]);
  });

  it('one copy of a row does not answer for two', () => {
    const result = compareResults(rs(['x'], [['a'], ['a']]), rs(['x'], [['a']]), anyOrder);
    expect(result.passed).toBe(false);
    expect(result.missing).toEqual([['a']]);
  });

  it('with order: matters, missing and extra are still the multiset difference', () => {
    const result = compareResults(rs(['x'], [['a'], ['b'], ['c']]), rs(['x'], [['c'], ['b'], ['d']]), inOrder);
    expect(result.passed).toBe(false);
    expect(result.message).toBe('1 row missing, 1 extra');
    expect(result.missing).toEqual([['a']]);
    expect(result.extra).toEqual([['d']]);
  });

  it('missing and extra rows keep the order they have in each result', () => {
    const result = compareResults(rs(['x'], [[1], [2], [3], [4]]), rs(['x'], [[9], [3], [8]]), anyOrder);
    expect(result.missing).toEqual([[1], [2], [4]]);
    expect(result.extra).toEqual([[9], [8]]);
  });
});

describe('compareResults: values compare by type', () => {
  it.each<[string, SqlValue, SqlValue]>([
    ['NULL vs empty text', null, ''],
    ['NULL vs 0', null, 0],
    ['empty text vs 0', '', 0],
    ["'1' vs 1", '1', 1],
    ["'abc' vs 'ABC'", 'abc', 'ABC'],
    ['1e-12 vs 2e-12 (relative tolerance)', 1e-12, 2e-12],
    ['blobs differing in a byte', Uint8Array.from([1, 2]), Uint8Array.from([1, 3])],
    ['bigint vs a different number', 10_000_000_000_001n, 10_000_000_000_000],
  ])('%s: a row holding each does not match', (_name, expected, actual) => {
    const result = compareResults(rs(['v'], [[expected]]), rs(['v'], [[actual]]), anyOrder);
    expect(result.passed).toBe(false);
    expect(result.message).toBe('1 row missing, 1 extra');
  });

  it.each<[string, SqlValue, SqlValue]>([
    ['1 vs 1.0 (integer vs real of the same value)', 1, 1.0],
    ['integer vs bigint', 7, 7n],
    ['0.1+0.2 vs 0.3', 0.3, 0.1 + 0.2],
    ['a large bigint vs the same number', 2n ** 60n, 2 ** 60],
    ['blob vs an equal Buffer', Uint8Array.from([10, 27]), Buffer.from([10, 27])],
  ])('%s: rows match', (_name, expected, actual) => {
    expect(compareResults(rs(['v'], [[expected]]), rs(['v'], [[actual]]), anyOrder).passed).toBe(true);
  });

  it('multiset matching pairs reals within tolerance even when exact keys differ', () => {
    const expected = rs(['v'], [[0.3], [1], [0.7]]);
    const actual = rs(['v'], [[0.7000000000000001], [0.1 + 0.2], [1.0000000000001]]);
    expect(compareResults(expected, actual, anyOrder).passed).toBe(true);
  });

  it('tolerant matching still counts duplicates', () => {
    expect(compareResults(rs(['v'], [[0.3], [0.3]]), rs(['v'], [[0.1 + 0.2], [0.3]]), anyOrder).passed).toBe(true);
    const result = compareResults(rs(['v'], [[0.3], [0.3]]), rs(['v'], [[0.1 + 0.2]]), anyOrder);
    expect(result.passed).toBe(false);
    expect(result.missing).toEqual([[0.3]]);
  });

  it('tolerant matching pairs whole rows, not loose values', () => {
    const expected = rs(['who', 'v'], [['a', 0.3], ['b', 0.6]]);
    expect(compareResults(expected, rs(['who', 'v'], [['b', 0.6000000000000001], ['a', 0.1 + 0.2]]), anyOrder).passed).toBe(true);
    const swapped = compareResults(expected, rs(['who', 'v'], [['a', 0.6000000000000001], ['b', 0.1 + 0.2]]), anyOrder);
    expect(swapped.passed).toBe(false);
    expect(swapped.message).toBe('2 rows missing, 2 extra');
  });

  it('order: matters compares reals with the same tolerance', () => {
    expect(compareResults(rs(['v'], [[0.3], [1]]), rs(['v'], [[0.1 + 0.2], [1]]), inOrder).passed).toBe(true);
  });
});

describe('compareResults: row counts in words', () => {
  const one = (n: number): SqlValue[][] => Array.from({ length: n }, (_, i) => [i]);
  const shift = (n: number, by: number): SqlValue[][] => Array.from({ length: n }, (_, i) => [by + i]);

  it.each<[number, number, string]>([
    [1, 0, '1 row missing'],
    [2, 0, '2 rows missing'],
    [0, 1, '1 extra row'],
    [0, 3, '3 extra rows'],
    [1, 1, '1 row missing, 1 extra'],
    [2, 3, '2 rows missing, 3 extra'],
  ])('%i missing, %i extra → "%s"', (missing, extra, message) => {
    const expected = rs(['n'], [...one(2), ...shift(missing, 100)]);
    const actual = rs(['n'], [...one(2), ...shift(extra, 200)]);
    const result = compareResults(expected, actual, anyOrder);
    expect(result.passed).toBe(false);
    expect(result.message).toBe(message);
    expect(result.missing).toHaveLength(missing);
    expect(result.extra).toHaveLength(extra);
  });
});

describe('compareResults: diagnoses', () => {
  it('right rows in another order → ORDER BY (not ASC/DESC when not reversed)', () => {
    const result = compareResults(rs(['n'], [[1], [2], [3]]), rs(['n'], [[2], [1], [3]]), inOrder);
    expect(result.diagnosis).toBe('The rows are right but in a different order: sort them with ORDER BY the way the question asks.');
  });

  it('right rows in exactly the reverse order → ASC/DESC', () => {
    const result = compareResults(rs(['n'], [[1], [2], [3]]), rs(['n'], [[3], [2], [1]]), inOrder);
    expect(result.message).toBe('right rows, wrong order (first difference at row 1)');
    expect(result.diagnosis).toContain('reverse order');
    expect(result.diagnosis).toContain('ORDER BY');
    expect(result.diagnosis).toContain('ASC instead of DESC');
  });

  it('the answer rows plus duplicates of them → DISTINCT', () => {
    const expected = rs(['city'], [['Oslo'], ['Rome']]);
    const result = compareResults(expected, rs(['city'], [['Oslo'], ['Rome'], ['Oslo'], ['Oslo']]), anyOrder);
    expect(result.passed).toBe(false);
    expect(result.message).toBe('2 extra rows');
    expect(result.extra).toEqual([['Oslo'], ['Oslo']]);
    expect(result.diagnosis).toContain('SELECT DISTINCT');
  });

  it('extra rows that are not duplicates → no DISTINCT hint', () => {
    const result = compareResults(rs(['city'], [['Oslo']]), rs(['city'], [['Oslo'], ['Rome']]), anyOrder);
    expect(result.message).toBe('1 extra row');
    expect(result.diagnosis).toBeUndefined();
  });

  it('duplicates the answer keeps are missing → "you removed duplicates the answer keeps"', () => {
    const expected = rs(['city'], [['Oslo'], ['Oslo'], ['Rome']]);
    const result = compareResults(expected, rs(['city'], [['Rome'], ['Oslo']]), anyOrder);
    expect(result.message).toBe('1 row missing');
    expect(result.missing).toEqual([['Oslo']]);
    expect(result.diagnosis?.toLowerCase()).toContain('you removed duplicates the answer keeps');
    expect(result.diagnosis).toContain('DISTINCT');
  });

  it('duplicate hints also work when the duplicated rows hold reals within tolerance', () => {
    const result = compareResults(rs(['v'], [[0.3]]), rs(['v'], [[0.3], [0.1 + 0.2]]), anyOrder);
    expect(result.message).toBe('1 extra row');
    expect(result.diagnosis).toContain('DISTINCT');
  });

  it('the right columns in another order: says so, naming the order asked for', () => {
    const expected = rs(['title', 'price'], [['Dune', 9.5], ['Emma', 4]]);
    const swapped = rs(['price', 'title'], [[4, 'Emma'], [9.5, 'Dune']]);
    const result = compareResults(expected, swapped, anyOrder);
    expect(result.message).toBe('2 rows missing, 2 extra');
    expect(result.diagnosis).toBe('Your columns are the right ones in a different order: list them as the question asks (title, price).');
    // Other rows in those columns are not a matter of order.
    expect(compareResults(expected, rs(['price', 'title'], [[4, 'Emma'], [9.5, 'Moby']]), anyOrder).diagnosis).toBeUndefined();
  });

  it('a count of 1 where the answer has 0: COUNT(*) over a LEFT JOIN', () => {
    const expected = rs(['name', 'books'], [['Ann', 2], ['Cy', 0], ['Dee', 0]]);
    const result = compareResults(expected, rs(['name', 'books'], [['Ann', 2], ['Cy', 1], ['Dee', 1]]), anyOrder);
    expect(result.message).toBe('2 rows missing, 2 extra');
    expect(result.diagnosis).toMatch(/^Where the answer counts 0 you count 1: COUNT\(\*\) counts the row a LEFT JOIN adds/);
    expect(compareResults(expected, rs(['name', 'books'], [['Ann', 2], ['Cy', 2], ['Dee', 1]]), anyOrder).diagnosis).toBeUndefined();
  });

  it('one row where the answer has several, from an aggregate without GROUP BY', () => {
    const expected = rs(['genre', 'books'], [['Crime', 2], ['History', 3]]);
    const actual = rs(['genre', 'books'], [['Crime', 5]]);
    expect(compareResults(expected, actual, { ...anyOrder, answer: 'SELECT genre, COUNT(*) AS books FROM books' }).diagnosis).toMatch(/^An aggregate such as COUNT or SUM without GROUP BY/);
    expect(compareResults(expected, actual, { ...anyOrder, answer: 'SELECT genre, COUNT(*) FROM books GROUP BY genre LIMIT 1' }).diagnosis).toBeUndefined();
    expect(compareResults(expected, actual, anyOrder).diagnosis).toBeUndefined();
  });

  describe('missing rows whose join partner is absent → LEFT JOIN', () => {
    const authors = rs(['author', 'title'], [
      ['Ann', 'Dune'],
      ['Bob', 'Emma'],
      ['Cy', null],
    ]);
    const innerJoined = rs(['author', 'title'], [
      ['Ann', 'Dune'],
      ['Bob', 'Emma'],
    ]);

    it('a missing row with NULL where no row of yours has NULL', () => {
      const result = compareResults(authors, innerJoined, anyOrder);
      expect(result.message).toBe('1 row missing');
      expect(result.missing).toEqual([['Cy', null]]);
      expect(result.diagnosis).toContain('LEFT JOIN');
      expect(result.diagnosis).toContain('partner in the joined table is missing');
    });

    it('a missing row with a count of 0 where no row of yours has 0', () => {
      const expected = rs(['author', 'books'], [['Ann', 2], ['Bob', 1], ['Cy', 0]]);
      const result = compareResults(expected, rs(['author', 'books'], [['Ann', 2], ['Bob', 1]]), anyOrder);
      expect(result.diagnosis).toContain('LEFT JOIN');
    });

    it('not when the missing row has no NULL or 0', () => {
      const result = compareResults(rs(['author', 'books'], [['Ann', 2], ['Bob', 1]]), rs(['author', 'books'], [['Ann', 2]]), anyOrder);
      expect(result.message).toBe('1 row missing');
      expect(result.diagnosis).toBeUndefined();
    });

    it('not when your rows have NULL in that column too', () => {
      const actual = rs(['author', 'title'], [['Ann', 'Dune'], ['Bob', null]]);
      const expected = rs(['author', 'title'], [['Ann', 'Dune'], ['Bob', null], ['Cy', null]]);
      expect(compareResults(expected, actual, anyOrder).diagnosis).toBeUndefined();
    });

    it('not when there are extra rows as well', () => {
      const result = compareResults(authors, rs(['author', 'title'], [...innerJoined.rows, ['Dee', 'Ulysses']]), anyOrder);
      expect(result.message).toBe('1 row missing, 1 extra');
      expect(result.diagnosis).toBeUndefined();
    });

    it('not when your query returned nothing', () => {
      expect(compareResults(authors, rs(['author', 'title'], []), anyOrder).diagnosis).toBeUndefined();
    });

    it('not when your query joins nothing (a WHERE that is too strict looks the same)', () => {
      expect(compareResults(authors, innerJoined, { ...anyOrder, answer: 'SELECT author, title FROM authors WHERE title IS NOT NULL' }).diagnosis).toBeUndefined();
    });

    it('with an inner join: use LEFT JOIN', () => {
      expect(compareResults(authors, innerJoined, { ...anyOrder, answer: 'SELECT a.name, b.title FROM authors a JOIN books b ON b.author_id = a.id' }).diagnosis).toContain('Use LEFT JOIN to keep them');
    });

    it('with a LEFT JOIN already: which table is on the left, and a WHERE that drops the rows again', () => {
      const diagnosis = compareResults(authors, innerJoined, { ...anyOrder, answer: 'SELECT a.name, b.title FROM books b LEFT JOIN authors a ON b.author_id = a.id' }).diagnosis;
      expect(diagnosis).toContain('a LEFT JOIN keeps only for the table on its left');
      expect(diagnosis).toContain('WHERE');
      expect(diagnosis).not.toContain('Use LEFT JOIN');
    });

    it('not when only some missing rows have a NULL or 0', () => {
      const expected = rs(['author', 'title'], [...authors.rows, ['Dee', 'Ulysses']]);
      expect(compareResults(expected, innerJoined, anyOrder).diagnosis).toBeUndefined();
    });
  });

  it('order and names both wrong: one sentence for both, the ORDER BY hint wins', () => {
    const result = compareResults(rs(['a'], [[1], [2], [3]]), rs(['b'], [[2], [1], [3]]), { order: 'matters', columns: 'named' });
    expect(result.message).toBe('right rows, wrong order (first difference at row 1), and the column names differ (the answer has a; yours has b)');
    expect(result.diagnosis).toContain('ORDER BY');
  });

  it('rows simply wrong → no diagnosis', () => {
    const result = compareResults(books, rs(['title', 'price'], [['Dune', 10], ['Emma', 4.5], ['Ulysses', 12]]), anyOrder);
    expect(result.message).toBe('1 row missing, 1 extra');
    expect(result.missing).toEqual([['Dune', 9.99]]);
    expect(result.extra).toEqual([['Dune', 10]]);
    expect(result.diagnosis).toBeUndefined();
  });
});

describe('compareResults: a few thousand rows', () => {
  const size = 2000;
  const row = (i: number): SqlValue[] => [i, `book ${i % 97}`, i * 0.1, i % 5 === 0 ? null : Uint8Array.from([i % 256]), BigInt(i) * 1_000_000_007n];
  const expected = rs(['id', 'title', 'price', 'cover', 'big'], Array.from({ length: size }, (_, i) => row(i)));
  // A different but fair shuffle, with every real nudged by float noise so exact keys miss them all.
  const shuffledIndexes = Array.from({ length: size }, (_, i) => (i * 7919) % size);
  const noisy = (i: number): SqlValue[] => {
    const values = row(i);
    values[2] = (i * 0.1 * 3) / 3 + i * 1e-14;
    return values;
  };

  it('matches a shuffled copy with float noise in every row', () => {
    const actual = rs(['id', 'title', 'price', 'cover', 'big'], shuffledIndexes.map(noisy));
    expect(compareResults(expected, actual, anyOrder)).toEqual({ passed: true, message: 'matches the answer (2000 rows)', missing: [], extra: [] });
    expect(compareResults(expected, actual, inOrder).message).toBe('right rows, wrong order (first difference at row 2)');
  });

  it('finds the one row missing and the one extra among 2,000 tolerant rows', () => {
    const actualRows = shuffledIndexes.filter((i) => i !== 1234).map(noisy);
    actualRows.push([5000, 'book 0', 0.5, null, 7n]);
    const result = compareResults(expected, rs(['id', 'title', 'price', 'cover', 'big'], actualRows), anyOrder);
    expect(result.message).toBe('1 row missing, 1 extra');
    expect(result.missing).toEqual([row(1234)]);
    expect(result.extra).toEqual([[5000, 'book 0', 0.5, null, 7n]]);
  });

  it('all-numeric rows with noise in every real (the slow path) still match', () => {
    const numeric = rs(['id', 'v'], Array.from({ length: size }, (_, i) => [i, i / 3]));
    const actual = rs(['id', 'v'], Array.from({ length: size }, (_, i) => [size - 1 - i, ((size - 1 - i) / 3) * (1 + 1e-12)]));
    expect(compareResults(numeric, actual, anyOrder).passed).toBe(true);
  });
});

describe('compareCheckQuery', () => {
  const query = 'SELECT * FROM products\n  ORDER BY id;';
  const before = rs(['id', 'name', 'stock'], [[1, 'Pen', 3], [2, 'Ink', 0]]);

  it('same rows in the same order pass, whatever the column names', () => {
    const result = compareCheckQuery(before, rs(['ID', 'n', 's'], [[1, 'Pen', 3], [2, 'Ink', 0]]), query);
    expect(result).toEqual({
      passed: true,
      message: "after your change, `SELECT * FROM products ORDER BY id` gives the same result as the answer's (2 rows)",
      missing: [],
      extra: [],
    });
  });

  it('differing rows: names the query and counts, with the row-level diff', () => {
    const result = compareCheckQuery(before, rs(['id', 'name', 'stock'], [[1, 'Pen', 3], [2, 'Ink', 5]]), query);
    expect(result.passed).toBe(false);
    expect(result.message).toBe('after your change, `SELECT * FROM products ORDER BY id` differs: 1 row missing, 1 extra');
    expect(result.missing).toEqual([[2, 'Ink', 0]]);
    expect(result.extra).toEqual([[2, 'Ink', 5]]);
    expect(result.diagnosis).toBeUndefined();
  });

  it('order matters, and there is no ORDER BY hint (the learner did not write the check)', () => {
    const result = compareCheckQuery(before, rs(['id', 'name', 'stock'], [[2, 'Ink', 0], [1, 'Pen', 3]]), query);
    expect(result.passed).toBe(false);
    expect(result.message).toBe('after your change, `SELECT * FROM products ORDER BY id` returns the right rows in a different order (first difference at row 1)');
    expect(result.diagnosis).toBeUndefined();
  });

  it('a different column count (e.g. a column added) is named with both counts', () => {
    const result = compareCheckQuery(before, rs(['id', 'name', 'stock', 'sku'], [[1, 'Pen', 3, null], [2, 'Ink', 0, null]]), query);
    expect(result.passed).toBe(false);
    expect(result.message).toBe("after your change, `SELECT * FROM products ORDER BY id` returns 4 columns; after the answer's it returns 3");
  });

  it('without the query text it says "the check query"; long queries are cut', () => {
    const changed = rs(['id', 'name', 'stock'], [[1, 'Pen', 3]]);
    expect(compareCheckQuery(before, changed).message).toBe('after your change, the check query differs: 1 row missing');
    const long = `SELECT id, name, stock, price, category FROM products WHERE stock > 0 ORDER BY id`;
    expect(compareCheckQuery(before, changed, long).message).toBe(
      'after your change, `SELECT id, name, stock, price, category FROM products WHERE…` differs: 1 row missing',
    );
  });
});
