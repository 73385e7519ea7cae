// The outcome of checking a learner's answer, shared by every exercise type: what `verify`
// prints, what `verify --json` returns, and what the interactive prompts show.
import type { ExpectedResponse, HttpResponseData } from './http-compare.js';
import type { OutgoingRequest } from './http-transcript.js';
import type { ResultSet, SqlValue } from './sql-values.js';

/** A place in a learner's (or a pack's) file. */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
  /** The text of that line, when it could be read. */
  text?: string;
}

/** An error thrown by code the sandbox ran, described so it can cross the process boundary. */
export interface CodeError {
  name: string;
  message: string;
  /** The first place in the code's own file, when the stack has one. */
  location?: SourceLocation;
  /** Stack lines inside the code's own file only (the sandbox's and Node's frames are cut). */
  stack: string[];
}

/** One request an http check sent, and what came back. */
export interface HttpExchange {
  request: OutgoingRequest;
  /** Absent when no response came. */
  response?: HttpResponseData;
  expected?: ExpectedResponse;
  /** How the response differs, one sentence each; empty when it matched. */
  differences: string[];
}

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
  /** For http: the request sent and the response. */
  exchange?: HttpExchange;
  /** For code: an error the learner's code threw, with its place. */
  error?: CodeError;
  /** For code: what the learner's code printed with console.* during this check. */
  output?: string[];
}

export interface Verdict {
  passed: boolean;
  checks: CheckOutcome[];
}

export function verdictOf(checks: CheckOutcome[]): Verdict {
  return { passed: checks.length > 0 && checks.every((check) => check.passed), checks };
}
