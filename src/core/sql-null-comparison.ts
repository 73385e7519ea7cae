// The commonest SQL mistake of all, found in the text itself: comparing with NULL by = or <>,
// which is never true (NULL means "unknown", so the comparison is unknown too). The result
// tables show only that rows are missing; a failed check names this cause when it is there.
import { codeOnly } from './sql-statements.js';

export interface NullComparison {
  /** As the learner wrote it, on one line: "city = NULL". */
  written: string;
  /** What is compared with NULL, as written ("city"), when it is a name. */
  operand?: string;
}

interface Token {
  text: string;
  start: number;
  end: number;
}

// Quoted strings and names (blanked inside by codeOnly), names with their table, the four
// comparison operators that NULL defeats, and any other single character.
const tokenPattern = /'[^']*'?|"[^"]*"?|`[^`]*`?|\[[^\]]*\]?|[A-Za-z_][\w$]*(?:\.[A-Za-z_][\w$]*)*|==|=|<>|!=|\S/g;
const comparisons = new Set(['=', '==', '<>', '!=']);
const isOperand = (token: Token | undefined): token is Token => token !== undefined && /^['"`[A-Za-z_]/.test(token.text) && token.text.toUpperCase() !== 'NULL';

/**
 * The first comparison with NULL by =, ==, <> or != in `sql`, outside strings and comments, and
 * outside the assignments of an UPDATE's SET (where `price = NULL` stores a NULL, rightly).
 */
export function findNullComparison(sql: string): NullComparison | undefined {
  const tokens: Token[] = [...codeOnly(sql).code.matchAll(tokenPattern)].map((match) => ({ text: match[0], start: match.index, end: match.index + match[0].length }));
  let depth = 0;
  // The bracket depth of a SET clause being read, until its WHERE (or FROM, RETURNING, the end).
  let setDepth: number | undefined;
  for (const [index, token] of tokens.entries()) {
    const word = token.text.toUpperCase();
    if (word === '(') depth += 1;
    else if (word === ')') {
      depth -= 1;
      if (setDepth !== undefined && depth < setDepth) setDepth = undefined;
    } else if (word === ';') {
      depth = 0;
      setDepth = undefined;
    } else if (word === 'SET') setDepth = depth;
    else if (['WHERE', 'FROM', 'RETURNING'].includes(word) && depth === setDepth) setDepth = undefined;
    if (!comparisons.has(word) || depth === setDepth) continue;
    const before = tokens[index - 1];
    const after = tokens[index + 1];
    // NULL on the right (city = NULL) or, more rarely, on the left (NULL = city).
    const [nullToken, operand] = after?.text.toUpperCase() === 'NULL' ? [after, before] : before?.text.toUpperCase() === 'NULL' ? [before, after] : [];
    if (nullToken === undefined) continue;
    const name = isOperand(operand) ? sql.slice(operand.start, operand.end) : undefined;
    const start = Math.min(nullToken.start, name === undefined ? token.start : operand!.start);
    const end = Math.max(nullToken.end, name === undefined ? token.end : operand!.end);
    return { written: oneLine(sql.slice(start, end)), ...(name === undefined ? {} : { operand: name }) };
  }
  return undefined;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The diagnosis a failed check shows for it. Both tests are named: `city <> NULL` may have been
 * meant as either (a learner who wrote it for "missing" should not be sent the wrong way).
 */
export function nullComparisonDiagnosis({ written, operand }: NullComparison): string {
  const test = (not: boolean) => `\`${operand === undefined ? '' : `${operand} `}IS ${not ? 'NOT ' : ''}NULL\``;
  return `\`${written}\` is never true, for any row: comparing with NULL (unknown) gives unknown, not true. For rows where ${operand ?? 'the value'} is missing write ${test(false)}; where it is present, ${test(true)}.`;
}
