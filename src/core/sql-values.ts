// SQL values as better-sqlite3 hands them over, and the typed equality the SQL checker grades
// with. Pure: no database here, so the rules can be tested value by value.

/** A value as better-sqlite3 returns it (BLOBs as Uint8Array/Buffer, integers as number or bigint). */
export type SqlValue = null | number | bigint | string | Uint8Array;

export interface ResultSet {
  columns: string[];
  rows: SqlValue[][];
}

/**
 * Reals compare within this relative tolerance: SUM/AVG/price*1.1 computed two equivalent ways
 * can differ in the last bits, and a learner must not fail on float noise. Relative, not
 * absolute, so tiny values (1e-12 vs 2e-12) still differ.
 */
const relativeTolerance = 1e-9;

/**
 * Integers compare exactly: a count or an id off by one is wrong however large it is. A number
 * only counts as an integer while it is a safe integer; beyond 2^53 every double is
 * integer-valued, so such numbers are treated as reals.
 */
function isExactInteger(value: number | bigint): boolean {
  return typeof value === 'bigint' || Number.isSafeInteger(value);
}

function numbersEqual(a: number | bigint, b: number | bigint): boolean {
  // Also catches equal infinities, which the tolerance formula below cannot.
  if (a === b) return true;
  if (isExactInteger(a) && isExactInteger(b)) {
    // Two plain numbers that are not === differ; only a bigint needs BigInt(), which allocates
    // (this runs for every pair the tolerant row matching tries).
    return typeof a === 'number' && typeof b === 'number' ? false : BigInt(a) === BigInt(b);
  }
  const x = Number(a);
  const y = Number(b);
  // SQLite turns NaN into NULL, but should one arrive it equals itself, as row keys assume.
  if (Number.isNaN(x) && Number.isNaN(y)) return true;
  // An infinity is only equal to itself (handled above); the formula would call Inf ≈ -Inf.
  if (!Number.isFinite(x) || !Number.isFinite(y)) return false;
  return Math.abs(x - y) <= relativeTolerance * Math.max(Math.abs(x), Math.abs(y));
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function isNumeric(value: SqlValue): value is number | bigint {
  return typeof value === 'number' || typeof value === 'bigint';
}

/**
 * Typed equality as the SPEC defines it: NULL only equals NULL (not '' and not 0), text compares
 * exactly ('1' is not 1, 'abc' is not 'ABC'), integers and reals compare numerically (SQLite's 1
 * and 1.0 are the same value; reals within a relative 1e-9), BLOBs byte by byte.
 */
export function sqlValuesEqual(a: SqlValue, b: SqlValue): boolean {
  if (a === null || b === null) return a === b;
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  if (isNumeric(a) && isNumeric(b)) return numbersEqual(a, b);
  if (a instanceof Uint8Array && b instanceof Uint8Array) return bytesEqual(a, b);
  return false;
}

function hex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
}

function formatNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  // SQLite's own spelling of the infinities it can produce (e.g. from 1e999).
  if (value === Infinity) return 'Inf';
  if (value === -Infinity) return '-Inf';
  if (Number.isInteger(value)) return String(value);
  // 15 significant digits hide binary float noise (0.1 + 0.2 shows as 0.3); Number() then drops
  // the trailing zeros toPrecision pads with.
  return String(Number(value.toPrecision(15)));
}

/** A value as a result table shows it: NULL as NULL, text as is, reals without float noise, blobs as x'0a1b'. */
export function formatSqlValue(value: SqlValue): string {
  if (value === null) return 'NULL';
  if (typeof value === 'string') return value;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return formatNumber(value);
  return `x'${hex(value)}'`;
}

/**
 * A value as a message names it, written like an SQL literal so that NULL, '' and 0 (or '12'
 * and 12) can be told apart in a sentence.
 */
export function describeSqlValue(value: SqlValue): string {
  if (typeof value === 'string') return `'${value.replaceAll("'", "''")}'`;
  return formatSqlValue(value);
}
