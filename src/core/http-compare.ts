// Compares an HTTP response with what an exercise expects: the reference solution's response to
// the same request, or the `expect` an exercise lists. Pure: the sandbox collects responses, this
// says how they differ, in sentences a learner can act on.
import { createRequire } from 'node:module';
import type { HttpExpectation } from './model.js';

export interface HttpResponseData {
  status: number;
  /** Names lower-case; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: string;
}

/** What a response must be: only the fields present are checked. */
export interface ExpectedResponse {
  status?: number;
  /** Lower-case names; null means the header must be absent. */
  headers?: Record<string, string | null>;
  /** Compared as JSON (key order ignored). */
  json?: unknown;
  /** Compared as text, line endings normalised. */
  body?: string;
}

/** One way the response differs, as a sentence. */
export type Difference = string;

const isJsonType = (contentType: string | undefined) => contentType !== undefined && /^application\/([\w.+-]+\+)?json\b/i.test(contentType.trim());

/** What the reference solution's response says a learner's must be: status, listed headers, body. */
export function expectedFromSolution(solution: HttpResponseData, listedHeaders: readonly string[]): ExpectedResponse {
  const headers: Record<string, string | null> = {};
  for (const name of listedHeaders) headers[name.toLowerCase()] = solution.headers[name.toLowerCase()] ?? null;
  const expected: ExpectedResponse = { status: solution.status, headers };
  if (isJsonType(solution.headers['content-type']) && solution.body.trim() !== '') {
    try {
      expected.json = JSON.parse(solution.body);
      return expected;
    } catch {
      // Labelled JSON but is not: compare it as text.
    }
  }
  expected.body = solution.body;
  return expected;
}

/** An exercise's explicit `expect`, with header names made lower-case. */
export function expectedFromExpectation(expectation: HttpExpectation): ExpectedResponse {
  return {
    ...(expectation.status !== undefined ? { status: expectation.status } : {}),
    ...(expectation.headers ? { headers: Object.fromEntries(Object.entries(expectation.headers).map(([name, value]) => [name.toLowerCase(), value])) } : {}),
    ...(expectation.json !== undefined ? { json: expectation.json } : {}),
    ...(expectation.body !== undefined ? { body: expectation.body } : {}),
  };
}

// Node's table of reason phrases, read only when a status is shown: node:http brings half of
// Node's networking with it (about 5 ms), and an SQL check never shows a status.
let reasonPhrases: Record<number, string | undefined> | undefined;

export function statusLine(status: number): string {
  reasonPhrases ??= (createRequire(import.meta.url)('node:http') as typeof import('node:http')).STATUS_CODES;
  const reason = reasonPhrases[status];
  return reason ? `${status} ${reason}` : String(status);
}

/** How `actual` differs from `expected`; empty when it matches. */
export function compareResponse(expected: ExpectedResponse, actual: HttpResponseData): Difference[] {
  const differences: Difference[] = [];
  if (expected.status !== undefined && expected.status !== actual.status) {
    differences.push(`The status is ${statusLine(actual.status)}; expected ${statusLine(expected.status)}.`);
  }
  for (const [name, value] of Object.entries(expected.headers ?? {})) {
    const got = actual.headers[name];
    if (value === null) {
      if (got !== undefined) differences.push(`The response has a ${name} header ("${got}"); it should not have one.`);
    } else if (got === undefined) {
      differences.push(`The response has no ${name} header; expected "${value}".`);
    } else if (!headerValuesMatch(name, value, got)) {
      differences.push(`The ${name} header is "${got}"; expected "${value}".`);
    }
  }
  if (expected.json !== undefined) differences.push(...compareJsonBody(expected.json, actual));
  else if (expected.body !== undefined && normaliseText(expected.body) !== normaliseText(actual.body)) {
    differences.push(actual.body === '' ? `The body is empty; expected ${quoteText(expected.body)}.` : `The body is ${quoteText(actual.body)}; expected ${quoteText(expected.body)}.`);
  }
  return differences;
}

/** Content types match on the media type (a charset parameter may differ); others exactly, trimmed. */
function headerValuesMatch(name: string, expected: string, actual: string): boolean {
  if (name === 'content-type') return mediaType(expected) === mediaType(actual);
  return expected.trim() === actual.trim();
}

const mediaType = (value: string) => value.split(';')[0]!.trim().toLowerCase();
const normaliseText = (text: string) => text.replace(/\r\n?/g, '\n');

function quoteText(text: string): string {
  const shown = text.length > 80 ? `${text.slice(0, 77)}…` : text;
  return JSON.stringify(shown);
}

function compareJsonBody(expected: unknown, actual: HttpResponseData): Difference[] {
  if (actual.body.trim() === '') return ['The body is empty; expected JSON.'];
  let parsed: unknown;
  try {
    parsed = JSON.parse(actual.body);
  } catch {
    return [`The body is not JSON: ${quoteText(actual.body)}. Send it with res.json(…).`];
  }
  return jsonDifferences(expected, parsed, '');
}

const shown = (value: unknown) => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
};

/** "a", "b" and "c"; after five names, "and N more". */
function listNames(names: string[]): string {
  const quoted = names.slice(0, 5).map((name) => `"${name}"`);
  if (names.length > 5) return `${quoted.join(', ')} and ${names.length - 5} more`;
  return quoted.length === 1 ? quoted[0]! : `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}`;
}

const kindOf = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'an object' : typeof value);

/**
 * Up to 8 differences between two JSON values; object key order is ignored, array order is not.
 * The same difference in item after item of an array is said once, with the range of items.
 */
export function jsonDifferences(expected: unknown, actual: unknown, at: string, limit = 8): Difference[] {
  return sameForEveryItem(rawJsonDifferences(expected, actual, at, 200)).slice(0, limit);
}

/** Runs of differences the same but for an array index ([3]) become one, "(the same for [4] to [9])". */
function sameForEveryItem(differences: Difference[]): Difference[] {
  const indexed = /\[(\d+)\]/;
  const indexOf = (text: string) => Number(indexed.exec(text)?.[1] ?? NaN);
  const pattern = (text: string) => text.replace(indexed, '[#]');
  const out: Difference[] = [];
  for (let i = 0; i < differences.length; ) {
    const first = differences[i]!;
    const from = indexOf(first);
    // How many differences after the first say the same of the next items, one by one.
    let more = 0;
    while (!Number.isNaN(from) && i + more + 1 < differences.length) {
      const next = differences[i + more + 1]!;
      if (pattern(next) !== pattern(first) || indexOf(next) !== from + more + 1) break;
      more += 1;
    }
    out.push(more === 0 ? first : `${first.replace(/\.$/, '')} (the same for [${from + 1}]${more >= 2 ? ` to [${from + more}]` : ''}).`);
    i += more + 1;
  }
  return out;
}

function rawJsonDifferences(expected: unknown, actual: unknown, at: string, limit: number): Difference[] {
  const out: Difference[] = [];
  const where = (path: string) => (path === '' ? 'The body' : `In the body, ${path.replace(/^\./, '')}`);
  const walk = (want: unknown, got: unknown, path: string) => {
    if (out.length >= limit) return;
    if (kindOf(want) !== kindOf(got)) {
      out.push(`${where(path)} is ${kindOf(got)} ${shown(got)}; expected ${kindOf(want)} ${shown(want)}.`);
      return;
    }
    if (Array.isArray(want) && Array.isArray(got)) {
      if (want.length !== got.length) out.push(`${where(path)} has ${got.length} item${got.length === 1 ? '' : 's'}; expected ${want.length}.`);
      for (let i = 0; i < Math.min(want.length, got.length); i++) walk(want[i], got[i], `${path}[${i}]`);
      return;
    }
    if (want !== null && typeof want === 'object') {
      const wantObject = want as Record<string, unknown>;
      const gotObject = got as Record<string, unknown>;
      const key = (name: string) => (/^[A-Za-z_$][\w$]*$/.test(name) ? `${path}.${name}` : `${path}[${JSON.stringify(name)}]`);
      const missing = Object.keys(wantObject).filter((name) => !(name in gotObject));
      const extra = Object.keys(gotObject).filter((name) => !(name in wantObject));
      if (missing.length === 1) out.push(`${where(path)} is missing the key "${missing[0]}" (expected ${shown(wantObject[missing[0]!])}).`);
      else if (missing.length > 1) out.push(`${where(path)} is missing the keys ${listNames(missing)}.`);
      if (extra.length > 0) out.push(`${where(path)} has ${extra.length === 1 ? 'a key' : 'keys'} ${listNames(extra)} that ${extra.length === 1 ? 'is' : 'are'} not expected.`);
      for (const name of Object.keys(wantObject)) {
        if (out.length >= limit) return;
        if (name in gotObject) walk(wantObject[name], gotObject[name], key(name));
      }
      return;
    }
    if (want !== got) out.push(`${where(path)} is ${shown(got)}; expected ${shown(want)}.`);
  };
  walk(expected, actual, at);
  return out;
}
