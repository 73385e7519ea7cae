// The outcome of checking a learner's answer, shared by every exercise type: what `verify`
// prints, what `verify --json` returns, and what the interactive prompts show.
import type { ResultSet, SqlValue } from './sql-values.js';

export interface CheckOutcome {
  /** What was checked, e.g. "rows match the expected result". */
  name: string;
  passed: boolean;
  /** One sentence: what is wrong and, when known, what to try. */
  message: string;
  /** For SQL: the expected and the actual rows (capped for display). */
  expected?: ResultSet;
  actual?: ResultSet;
  missing?: SqlValue[][];
  extra?: SqlValue[][];
  /** A targeted hint when a known mistake was recognised. */
  diagnosis?: string;
}

export interface Verdict {
  passed: boolean;
  checks: CheckOutcome[];
}

export function verdictOf(checks: CheckOutcome[]): Verdict {
  return { passed: checks.length > 0 && checks.every((check) => check.passed), checks };
}
