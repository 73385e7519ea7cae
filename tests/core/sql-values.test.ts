import { describe, expect, it } from 'vitest';
import { describeSqlValue, formatSqlValue, sqlValuesEqual, type SqlValue } from '../../src/core/sql-values.js';

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);

describe('sqlValuesEqual', () => {
  it.each<[string, SqlValue, SqlValue]>([
    ['NULL vs empty text', null, ''],
    ['NULL vs 0', null, 0],
    ['empty text vs 0', '', 0],
    ['NULL vs 0n', null, 0n],
    ["text '1' vs integer 1", '1', 1],
    ["text '0.5' vs real 0.5", '0.5', 0.5],
    ['text differing in case', 'abc', 'ABC'],
    ['text differing in trailing space', 'abc', 'abc '],
    ['tiny reals, relative difference large', 1e-12, 2e-12],
    ['0 vs a tiny real', 0, 1e-300],
    ['reals a thousandth apart', 100, 100.001],
    ['large integers one apart (exact, though relatively within 1e-9)', 1_000_000_000_001, 1_000_000_000_000],
    ['bigints one apart beyond 2^53', 9_007_199_254_740_993n, 9_007_199_254_740_994n],
    ['bigint vs a different number', 42n, 43],
    ['infinity vs minus infinity', Infinity, -Infinity],
    ['infinity vs the largest double', Infinity, Number.MAX_VALUE],
    ['NULL vs NaN', null, NaN],
    ['blobs differing in one byte', bytes(1, 2), bytes(1, 3)],
    ['blobs differing in length', bytes(1), bytes(1, 0)],
    ['blob vs text with the same characters', bytes(0x61), 'a'],
    ['blob vs NULL', bytes(), null],
  ])('%s: not equal', (_name, a, b) => {
    expect(sqlValuesEqual(a, b)).toBe(false);
    expect(sqlValuesEqual(b, a)).toBe(false);
  });

  it.each<[string, SqlValue, SqlValue]>([
    ['NULL vs NULL', null, null],
    ['same text', 'Dune', 'Dune'],
    ['empty text', '', ''],
    ['integer vs bigint', 1, 1n],
    ['integer vs a real a hair away (SQLite 1 vs 1.0 computed)', 1, 1 + 1e-12],
    ['0.1 + 0.2 vs 0.3', 0.1 + 0.2, 0.3],
    ['large reals within a relative 1e-9', 1e20, 1e20 * (1 + 5e-10)],
    ['bigint vs the same number', 42n, 42],
    ['bigint beyond 2^53 vs the same double', 2n ** 60n, 2 ** 60],
    ['0 vs -0', 0, -0],
    ['infinities', Infinity, Infinity],
    ['blob vs an equal Buffer', bytes(0x0a, 0x1b), Buffer.from([0x0a, 0x1b])],
    ['empty blobs', bytes(), bytes()],
  ])('%s: equal', (_name, a, b) => {
    expect(sqlValuesEqual(a, b)).toBe(true);
    expect(sqlValuesEqual(b, a)).toBe(true);
  });
});

describe('formatSqlValue', () => {
  it.each<[SqlValue, string]>([
    [null, 'NULL'],
    ['Dune', 'Dune'],
    ['', ''],
    ["it's", "it's"],
    [3, '3'],
    [-0, '0'],
    [12.5, '12.5'],
    [0.1 + 0.2, '0.3'],
    [1.1 * 3, '3.3'],
    [2 / 3, '0.666666666666667'],
    [1e-12, '1e-12'],
    [123456789012, '123456789012'],
    [12345678901234567890n, '12345678901234567890'],
    [Infinity, 'Inf'],
    [-Infinity, '-Inf'],
    [bytes(0x0a, 0x1b, 0xff), "x'0a1bff'"],
    [bytes(), "x''"],
  ])('%s → %s', (value, shown) => {
    expect(formatSqlValue(value)).toBe(shown);
  });
});

describe('describeSqlValue', () => {
  it('tells NULL, empty text and 0 apart', () => {
    const described = [describeSqlValue(null), describeSqlValue(''), describeSqlValue(0)];
    expect(described).toEqual(['NULL', "''", '0']);
  });

  it("quotes text as an SQL literal, so '12' and 12 differ", () => {
    expect(describeSqlValue('12')).toBe("'12'");
    expect(describeSqlValue(12)).toBe('12');
    expect(describeSqlValue("it's")).toBe("'it''s'");
    expect(describeSqlValue('NULL')).toBe("'NULL'");
  });

  it('shows reals without float noise, bigints and blobs', () => {
    expect(describeSqlValue(12.5)).toBe('12.5');
    expect(describeSqlValue(0.1 + 0.2)).toBe('0.3');
    expect(describeSqlValue(9_007_199_254_740_993n)).toBe('9007199254740993');
    expect(describeSqlValue(Buffer.from([1, 171]))).toBe("x'01ab'");
  });
});
