// Comparisons with NULL by = or <> (src/core/sql-null-comparison.ts): found wherever they are
// compared, never in strings, comments, IS [NOT] NULL, or the assignments of an UPDATE's SET.
import { describe, expect, it } from 'vitest';
import { findNullComparison, nullComparisonDiagnosis } from '../../src/core/sql-null-comparison.js';

describe('findNullComparison', () => {
  it.each([
    ['SELECT name FROM customers WHERE city = NULL;', 'city = NULL', 'city'],
    ['SELECT name FROM customers WHERE city == null', 'city == null', 'city'],
    ['SELECT name FROM customers c WHERE c.city <> NULL', 'c.city <> NULL', 'c.city'],
    ['SELECT name FROM customers WHERE city!=NULL', 'city!=NULL', 'city'],
    ['SELECT name FROM customers WHERE NULL = city', 'NULL = city', 'city'],
    ['SELECT name FROM customers WHERE "city"\n  = NULL', '"city" = NULL', '"city"'],
    ['DELETE FROM orders WHERE shipped_at = NULL', 'shipped_at = NULL', 'shipped_at'],
    ['UPDATE books SET price = NULL WHERE author_id = NULL', 'author_id = NULL', 'author_id'],
    ['UPDATE books SET price = (SELECT max(price) FROM books WHERE isbn = NULL)', 'isbn = NULL', 'isbn'],
    ['SELECT CASE WHEN city = NULL THEN 1 END FROM customers', 'city = NULL', 'city'],
    ['SELECT count(*) FROM t WHERE (a) = NULL', '= NULL', undefined],
  ])('%j: %s', (sql, written, operand) => {
    expect(findNullComparison(sql)).toEqual(operand === undefined ? { written } : { written, operand });
  });

  it.each([
    ['IS NULL and IS NOT NULL', 'SELECT * FROM customers WHERE city IS NULL OR email IS NOT NULL'],
    ['a string', "SELECT * FROM notes WHERE body = 'x = NULL'"],
    ['comments', 'SELECT * FROM t -- not city = NULL\nWHERE /* nor a <> NULL */ a = 1'],
    ['assignments in SET', 'UPDATE books SET price = NULL, stock = NULL WHERE id = 3'],
    ['assignments after a subquery in SET', 'UPDATE b SET p = (SELECT 1 FROM x WHERE y = 2), q = NULL'],
    ['an upsert’s SET', 'INSERT INTO t (a) VALUES (1) ON CONFLICT (a) DO UPDATE SET b = NULL'],
    ['NULLIF', 'SELECT a = NULLIF(b, 0) FROM t'],
    ['a value NULL', 'INSERT INTO t (a, b) VALUES (1, NULL)'],
  ])('ignores %s', (_, sql) => {
    expect(findNullComparison(sql)).toBeUndefined();
  });

  it('the diagnosis names what was written and both tests, whichever was meant', () => {
    expect(nullComparisonDiagnosis({ written: 'city <> NULL', operand: 'city' })).toBe(
      '`city <> NULL` is never true, for any row: comparing with NULL (unknown) gives unknown, not true. For rows where city is missing write `city IS NULL`; where it is present, `city IS NOT NULL`.',
    );
    expect(nullComparisonDiagnosis({ written: '= NULL' })).toContain('For rows where the value is missing write `IS NULL`; where it is present, `IS NOT NULL`.');
  });
});
