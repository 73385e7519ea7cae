import { codeOnly, joinKind } from './sql-statements.js';
import { sqlValuesEqual, type ResultSet, type SqlValue } from './sql-values.js';

// Grades one SQL result against the reference solution's result on the same dataset, and says
// what is wrong in words a learner can act on. Pure: the runner executes both queries and hands
// the results over; running again on the check dataset is the caller's concern.

export interface CompareOptions {
  order: 'matters' | 'ignored';
  columns: 'named' | 'any';
  /** The learner's query, when known: some hints depend on how it is written (its joins, its GROUP BY). */
  answer?: string;
}

export interface ResultComparison {
  passed: boolean;
  /** One sentence a learner can act on, e.g. "2 rows missing, 1 extra" or "your query returns 3 columns; the answer has 2". */
  message: string;
  /**
   * Rows of `expected` not matched in `actual`, and rows of `actual` not matched in `expected`
   * (multiset difference; with order: matters, computed the same way — order problems are
   * reported by `diagnosis`). When the column counts differ no row can match, so these are all
   * the rows of each side.
   */
  missing: SqlValue[][];
  extra: SqlValue[][];
  /** At most one targeted hint when a known mistake pattern is recognised, else undefined. */
  diagnosis?: string;
}

type Row = SqlValue[];

// --- Row keys -------------------------------------------------------------------------------
// Matching rows pairwise is quadratic, so rows are first matched by a canonical key. Equal keys
// imply equal rows, but equal rows need not have equal keys: reals within the tolerance (0.1+0.2
// and 0.3), or an integer-valued real against a nearly equal one. A second, tolerant pass pairs
// whatever the keys left over.

function hex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
}

/**
 * Exact key of one value. Integers (safe numbers and bigints) share one spelling so 5 and 5n
 * match here; text carries its length so a row key can never be read two ways.
 */
function exactValueKey(value: SqlValue): string {
  if (value === null) return 'n';
  if (typeof value === 'string') return `s${value.length}:${value}`;
  if (typeof value === 'bigint') return `i${value}`;
  if (typeof value === 'number') return Number.isSafeInteger(value) ? `i${value}` : `r${value}`;
  return `b${hex(value)}`;
}

/** Like the exact key, but every number is '#': rows that could be equal within tolerance share it. */
function looseValueKey(value: SqlValue): string {
  return typeof value === 'number' || typeof value === 'bigint' ? '#' : exactValueKey(value);
}

function rowKey(row: Row, valueKey: (value: SqlValue) => string): string {
  return row.map(valueKey).join('|');
}

function rowsEqual(a: Row, b: Row): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!sqlValuesEqual(a[i] ?? null, b[i] ?? null)) return false;
  return true;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Multiset difference both ways: duplicates count, so two copies of a row against one leave one
 * extra. Exact keys pair most rows in linear time; the leftovers are paired with the tolerant
 * equality, compared only within groups whose non-numeric values agree. Pairing the leftovers is
 * first-come (greedy), which is exact unless rows sit on the edge of the 1e-9 tolerance in
 * chains — not something real query results do.
 */
function multisetDifference(expected: readonly Row[], actual: readonly Row[]): { missing: Row[]; extra: Row[] } {
  const actualByKey = new Map<string, number[]>();
  actual.forEach((row, index) => pushTo(actualByKey, rowKey(row, exactValueKey), index));
  const used = new Uint8Array(actual.length);
  const nextOfKey = new Map<string, number>();
  const unpaired: Row[] = [];
  for (const row of expected) {
    const key = rowKey(row, exactValueKey);
    const candidates = actualByKey.get(key);
    const next = nextOfKey.get(key) ?? 0;
    const index = candidates?.[next];
    if (index === undefined) {
      unpaired.push(row);
    } else {
      used[index] = 1;
      nextOfKey.set(key, next + 1);
    }
  }

  const missing: Row[] = [];
  if (unpaired.length > 0) {
    const leftoverByLooseKey = new Map<string, number[]>();
    actual.forEach((row, index) => {
      if (!used[index]) pushTo(leftoverByLooseKey, rowKey(row, looseValueKey), index);
    });
    for (const row of unpaired) {
      const group = leftoverByLooseKey.get(rowKey(row, looseValueKey)) ?? [];
      const at = group.findIndex((index) => rowsEqual(row, actual[index] ?? []));
      if (at === -1) {
        missing.push(row);
      } else {
        used[group[at] ?? 0] = 1;
        group.splice(at, 1);
      }
    }
  }
  const extra = actual.filter((_, index) => !used[index]);
  return { missing, extra };
}

/** Answers "is there a row equal to this one?" over a fixed list of rows, fast for exact matches. */
class RowLookup {
  private readonly exact = new Set<string>();
  private readonly byLooseKey = new Map<string, Row[]>();

  constructor(rows: readonly Row[]) {
    for (const row of rows) {
      this.exact.add(rowKey(row, exactValueKey));
      pushTo(this.byLooseKey, rowKey(row, looseValueKey), row);
    }
  }

  has(row: Row): boolean {
    if (this.exact.has(rowKey(row, exactValueKey))) return true;
    return (this.byLooseKey.get(rowKey(row, looseValueKey)) ?? []).some((other) => rowsEqual(row, other));
  }
}

// --- Analysis -------------------------------------------------------------------------------

interface OrderProblem {
  /** 0-based index of the first row that is not where the answer has it. */
  firstDifference: number;
  /** The learner's rows are the answer's rows back to front. */
  reversed: boolean;
}

/** Everything wrong with a result, before it is put into words. */
interface Analysis {
  columnCounts?: { expected: number; actual: number };
  missing: Row[];
  extra: Row[];
  /** Only when the rows are right as a multiset and order matters. */
  order?: OrderProblem;
  namesDiffer: boolean;
}

function orderProblem(expected: readonly Row[], actual: readonly Row[]): OrderProblem | undefined {
  const firstDifference = expected.findIndex((row, index) => !rowsEqual(row, actual[index] ?? []));
  if (firstDifference === -1) return undefined;
  const last = actual.length - 1;
  const reversed = expected.every((row, index) => rowsEqual(row, actual[last - index] ?? []));
  return { firstDifference, reversed };
}

/** SQLite compares identifiers case-insensitively, so `Name` answers for `name`. */
function namesMatch(expected: readonly string[], actual: readonly string[]): boolean {
  return expected.length === actual.length && expected.every((name, index) => name.toLowerCase() === actual[index]?.toLowerCase());
}

function analyse(expected: ResultSet, actual: ResultSet, options: CompareOptions): Analysis {
  if (expected.columns.length !== actual.columns.length) {
    return {
      columnCounts: { expected: expected.columns.length, actual: actual.columns.length },
      missing: expected.rows.slice(),
      extra: actual.rows.slice(),
      // Names are not compared when even the count is wrong; the count is the message.
      namesDiffer: false,
    };
  }
  const { missing, extra } = multisetDifference(expected.rows, actual.rows);
  const sameRows = missing.length === 0 && extra.length === 0;
  const order = sameRows && options.order === 'matters' ? orderProblem(expected.rows, actual.rows) : undefined;
  return {
    missing,
    extra,
    ...(order ? { order } : {}),
    namesDiffer: options.columns === 'named' && !namesMatch(expected.columns, actual.columns),
  };
}

/** Whether every missing row is an extra row with one count turned from 0 into 1 (COUNT(*) over a LEFT JOIN). */
function countsOneForZero(missing: readonly Row[], extra: readonly Row[]): boolean {
  const unmatched = [...extra];
  return missing.every((row) => {
    const partner = unmatched.findIndex((other) => {
      const differing = row.map((_, column) => column).filter((column) => !sqlValuesEqual(row[column]!, other[column]!));
      return differing.length === 1 && sqlValuesEqual(row[differing[0]!]!, 0) && sqlValuesEqual(other[differing[0]!]!, 1);
    });
    if (partner === -1) return false;
    unmatched.splice(partner, 1);
    return true;
  });
}

function aggregatesWithoutGroupBy(sql: string): boolean {
  const { code } = codeOnly(sql);
  return /\b(?:COUNT|SUM|AVG|MIN|MAX|TOTAL|GROUP_CONCAT)\s*\(/i.test(code) && !/\bGROUP\s+BY\b/i.test(code);
}

/** Columns permuted at most this wide: 24 orders of 4 columns are cheap; 720 of 6 are not worth it. */
const maxPermutedColumns = 4;

/** Whether some other order of the actual columns gives exactly the expected rows. */
function columnsInAnotherOrder(expected: ResultSet, actual: ResultSet): boolean {
  const width = actual.columns.length;
  if (width < 2 || width > maxPermutedColumns || expected.rows.length !== actual.rows.length) return false;
  const orders = (rest: number[]): number[][] => (rest.length === 0 ? [[]] : rest.flatMap((first) => orders(rest.filter((other) => other !== first)).map((tail) => [first, ...tail])));
  return orders([...Array(width).keys()]).some((order, index) => {
    if (index === 0) return false; // the order the learner wrote
    const reordered = { columns: expected.columns, rows: actual.rows.map((row) => order.map((column) => row[column]!)) };
    const analysis = analyse(expected, reordered, { order: 'ignored', columns: 'any' });
    return analysis.missing.length === 0 && analysis.extra.length === 0;
  });
}

function isPassing(analysis: Analysis): boolean {
  return !analysis.columnCounts && analysis.missing.length === 0 && analysis.extra.length === 0 && !analysis.order && !analysis.namesDiffer;
}

// --- Words ----------------------------------------------------------------------------------

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** "2 rows missing, 1 extra", "1 row missing", "3 extra rows". */
function rowDifferenceText(missing: number, extra: number): string {
  if (missing > 0 && extra > 0) return `${plural(missing, 'row')} missing, ${extra} extra`;
  if (missing > 0) return `${plural(missing, 'row')} missing`;
  return `${extra} extra ${extra === 1 ? 'row' : 'rows'}`;
}

function nameList(names: readonly string[]): string {
  return names.join(', ');
}

function orderText(order: OrderProblem): string {
  return `right rows, wrong order (first difference at row ${order.firstDifference + 1})`;
}

function queryMessage(analysis: Analysis, expected: ResultSet, actual: ResultSet): string {
  if (analysis.columnCounts) {
    return `your query returns ${plural(analysis.columnCounts.actual, 'column')}; the answer has ${analysis.columnCounts.expected}`;
  }
  const names = `the answer has ${nameList(expected.columns)}; yours has ${nameList(actual.columns)}`;
  const rowsWrong = analysis.missing.length > 0 || analysis.extra.length > 0;
  if (rowsWrong || analysis.order) {
    const rows = analysis.order ? orderText(analysis.order) : rowDifferenceText(analysis.missing.length, analysis.extra.length);
    return analysis.namesDiffer ? `${rows}, and the column names differ (${names})` : rows;
  }
  if (analysis.namesDiffer) return `the column names differ: ${names}`;
  return `matches the answer (${plural(expected.rows.length, 'row')})`;
}

function isNullOrZero(value: SqlValue): boolean {
  return value === null || sqlValuesEqual(value, 0);
}

/**
 * The LEFT JOIN heuristic, kept deliberately simple: nothing extra, at least one row of yours,
 * and every missing row has a NULL or a 0 in some column where none of your rows has NULL or 0.
 * That is what an inner join does to rows whose partner is absent (LEFT JOIN gives NULL columns,
 * COUNT over them gives 0). A plain over-strict WHERE can look the same, so the hint says "if".
 */
function looksLikeDroppedJoinPartners(missing: readonly Row[], actual: readonly Row[], width: number): boolean {
  if (actual.length === 0 || missing.length === 0) return false;
  const actualHasNullOrZero: boolean[] = new Array<boolean>(width).fill(false);
  for (const row of actual) row.forEach((value, column) => {
    if (isNullOrZero(value)) actualHasNullOrZero[column] = true;
  });
  return missing.every((row) => row.some((value, column) => isNullOrZero(value) && actualHasNullOrZero[column] === false));
}

/** The single most useful hint for a wrong query result, most specific first; none for a pass. */
function queryDiagnosis(analysis: Analysis, expected: ResultSet, actual: ResultSet, options: CompareOptions): string | undefined {
  if (analysis.columnCounts) {
    const { expected: wanted, actual: got } = analysis.columnCounts;
    if (wanted >= got) return undefined;
    return `List only the columns the question asks for instead of SELECT * (the answer has ${wanted}: ${nameList(expected.columns)}).`;
  }
  if (analysis.order) {
    return analysis.order.reversed
      ? 'Your rows come in exactly the reverse order: flip the direction in your ORDER BY (ASC instead of DESC, or the other way round).'
      : 'The rows are right but in a different order: sort them with ORDER BY the way the question asks.';
  }
  const { missing, extra } = analysis;
  if (missing.length > 0 && missing.length === extra.length && columnsInAnotherOrder(expected, actual)) {
    return `Your columns are the right ones in a different order: list them as the question asks (${nameList(expected.columns)}).`;
  }
  if (missing.length > 0 && missing.length === extra.length && countsOneForZero(missing, extra)) {
    return 'Where the answer counts 0 you count 1: COUNT(*) counts the row a LEFT JOIN adds for a missing partner. Count a column of the joined table instead, such as COUNT(b.id): COUNT(column) skips NULLs.';
  }
  if (actual.rows.length === 1 && expected.rows.length > 1 && options.answer !== undefined && aggregatesWithoutGroupBy(options.answer)) {
    return 'An aggregate such as COUNT or SUM without GROUP BY sums up the whole table into one row. Add GROUP BY with the column(s) that should make one row each.';
  }
  if (missing.length === 0 && extra.length > 0) {
    const expectedRows = new RowLookup(expected.rows);
    if (extra.every((row) => expectedRows.has(row))) {
      return 'You have the right rows, but some appear more often than in the answer: SELECT DISTINCT (or a GROUP BY) removes duplicates.';
    }
    return undefined;
  }
  if (extra.length === 0 && missing.length > 0) {
    const actualRows = new RowLookup(actual.rows);
    if (missing.every((row) => actualRows.has(row))) {
      return 'You removed duplicates the answer keeps: drop DISTINCT (or the GROUP BY) so every matching row appears.';
    }
    const joins = options.answer === undefined ? undefined : joinKind(options.answer);
    if (joins !== 'none' && looksLikeDroppedJoinPartners(missing, actual.rows, expected.columns.length)) {
      return joins === 'left'
        ? 'The missing rows have NULL or 0 where none of yours do: rows without a partner, which a LEFT JOIN keeps only for the table on its left. Put the table whose rows must all appear first (FROM that_table LEFT JOIN the_other …), and check that no WHERE condition on the other table drops them again.'
        : 'The missing rows have NULL or 0 where none of yours do: if you joined tables, these are rows whose partner in the joined table is missing, which an inner JOIN drops. Use LEFT JOIN to keep them.';
    }
    return undefined;
  }
  if (missing.length === 0 && extra.length === 0 && analysis.namesDiffer) {
    const firstRenamed = expected.columns.find((name, index) => name.toLowerCase() !== actual.columns[index]?.toLowerCase());
    return `The values are right but the columns are named differently: the answer calls them ${nameList(expected.columns)}. Rename with AS, e.g. \`… AS ${firstRenamed ?? ''}\`.`;
  }
  return undefined;
}

function comparison(analysis: Analysis, message: string, diagnosis: string | undefined): ResultComparison {
  return {
    passed: isPassing(analysis),
    message,
    missing: analysis.missing,
    extra: analysis.extra,
    ...(diagnosis === undefined ? {} : { diagnosis }),
  };
}

/**
 * Compares a learner's query result with the solution's on the same dataset: column count
 * always, column names (ignoring case) only with `columns: named`, rows as a multiset unless
 * `order: matters`, values by type as `sqlValuesEqual` defines.
 */
export function compareResults(expected: ResultSet, actual: ResultSet, options: CompareOptions): ResultComparison {
  const analysis = analyse(expected, actual, options);
  return comparison(analysis, queryMessage(analysis, expected, actual), queryDiagnosis(analysis, expected, actual, options));
}

const maxQueryLength = 60;

/** SQL as a message quotes it: one line, no trailing semicolon, cut when long. */
export function quoteSql(query: string): string {
  const oneLine = query.replace(/\s+/g, ' ').trim().replace(/;$/, '').trim();
  const cut = oneLine.length > maxQueryLength ? `${oneLine.slice(0, maxQueryLength - 1).trimEnd()}…` : oneLine;
  return `\`${cut}\``;
}

/**
 * For change exercises (SQL that writes, then `check` queries): each check query's result
 * compared in order, names ignored. The learner did not write the check query, so there is no
 * SELECT-level diagnosis (ORDER BY, DISTINCT, …); the message names the query when it is given.
 */
export function compareCheckQuery(expected: ResultSet, actual: ResultSet, query?: string): ResultComparison {
  const analysis = analyse(expected, actual, { order: 'matters', columns: 'any' });
  const subject = query === undefined || query.trim() === '' ? 'the check query' : quoteSql(query);
  let message: string;
  if (analysis.columnCounts) {
    message = `after your change, ${subject} returns ${plural(analysis.columnCounts.actual, 'column')}; after the answer's it returns ${analysis.columnCounts.expected}`;
  } else if (analysis.order) {
    message = `after your change, ${subject} returns the right rows in a different order (first difference at row ${analysis.order.firstDifference + 1})`;
  } else if (analysis.missing.length > 0 || analysis.extra.length > 0) {
    message = `after your change, ${subject} differs: ${rowDifferenceText(analysis.missing.length, analysis.extra.length)}`;
  } else {
    message = `after your change, ${subject} gives the same result as the answer's (${plural(expected.rows.length, 'row')})`;
  }
  return comparison(analysis, message, undefined);
}
