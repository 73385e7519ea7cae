// Where typed SQL ends: splits input into statements at top-level semicolons, the way the
// sql> prompt needs it, and tells code from strings and comments. Pure: text in, text out. A
// simple scanner, not a parser: it knows '…' strings, "…" and `…` and […] identifiers, -- and
// /* */ comments, and that a CREATE TRIGGER body holds semicolons until its END.

export interface SplitInput {
  /** Complete statements, each with its closing semicolon, in order. */
  statements: string[];
  /** What follows the last complete statement, when it holds more than blanks and comments. */
  rest: string;
}

type State = 'code' | 'quoted' | 'line-comment' | 'block-comment';

const closers: Record<string, string> = { "'": "'", '"': '"', '`': '`', '[': ']' };

export interface CodeOnly {
  /**
   * The text with what is not SQL code blanked out: comments, and the insides of strings and
   * quoted names (their quotes stay, so a string still shows as one). Of the same length, so
   * that positions found in it hold in the text.
   */
  code: string;
  /** Whether the text ends inside a string, a quoted name or a block comment. */
  open: boolean;
}

export function codeOnly(text: string): CodeOnly {
  const code = text.split('');
  let state: State = 'code';
  let closer = '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    const next = text[i + 1] ?? '';
    const blank = () => {
      // Line breaks stay, so that line numbers hold too.
      if (char !== '\n') code[i] = ' ';
    };
    switch (state) {
      case 'quoted':
        // A doubled quote inside is an escaped quote: it closes and reopens, which works out.
        if (char === closer) state = 'code';
        else blank();
        continue;
      case 'line-comment':
        if (char === '\n') state = 'code';
        else blank();
        continue;
      case 'block-comment':
        blank();
        if (char === '*' && next === '/') {
          state = 'code';
          code[i + 1] = ' ';
          i += 1;
        }
        continue;
      case 'code':
        break;
    }
    if (char === '-' && next === '-') {
      state = 'line-comment';
      code[i] = code[i + 1] = ' ';
      i += 1;
    } else if (char === '/' && next === '*') {
      state = 'block-comment';
      code[i] = code[i + 1] = ' ';
      i += 1;
    } else if (char in closers) {
      state = 'quoted';
      closer = closers[char]!;
    }
  }
  return { code: code.join(''), open: state === 'quoted' || state === 'block-comment' };
}

export function splitStatements(text: string): SplitInput {
  const statements: string[] = [];
  const { code, open } = codeOnly(text);
  let start = 0;
  // Words of the current statement (uppercased), enough to recognise CREATE TRIGGER … END;
  let words: string[] = [];
  let previousToken = '';
  let hasContent = false;

  const endStatement = (end: number) => {
    if (hasContent) statements.push(text.slice(start, end).trim());
    start = end;
    words = [];
    previousToken = '';
    hasContent = false;
  };

  for (let i = 0; i < code.length; i++) {
    const char = code[i]!;
    if (char in closers) {
      // A string or quoted name: a value, whatever is inside. Its closing quote is the next one
      // in the blanked code (or there is none: an unclosed string runs to the end).
      const close = code.indexOf(closers[char]!, i + 1);
      hasContent = true;
      previousToken = 'value';
      i = close === -1 ? code.length : close;
    } else if (char === ';') {
      if (!insideTrigger(words, previousToken)) endStatement(i + 1);
      else previousToken = ';';
    } else if (/[A-Za-z_]/.test(char)) {
      let end = i + 1;
      while (end < code.length && /[A-Za-z0-9_$]/.test(code[end]!)) end += 1;
      const word = code.slice(i, end).toUpperCase();
      // Remember the word and whether a semicolon came right before it (for "; END;").
      if (words.length < 4) words.push(word);
      previousToken = previousToken === ';' && word === 'END' ? ';END' : word;
      hasContent = true;
      i = end - 1;
    } else if (!/\s/.test(char)) {
      hasContent = true;
      previousToken = char;
    }
  }
  // An unclosed string or /* comment is unfinished input too, even with nothing else in it.
  const rest = hasContent || open ? text.slice(start).trim() : '';
  return { statements, rest };
}

/** Inside CREATE [TEMP] TRIGGER, a semicolon ends the statement only after "; END". */
function insideTrigger(words: string[], previousToken: string): boolean {
  if (words[0] !== 'CREATE') return false;
  const trigger = words[1] === 'TRIGGER' || ((words[1] === 'TEMP' || words[1] === 'TEMPORARY') && words[2] === 'TRIGGER');
  return trigger && previousToken !== ';END';
}

/** The statement's first keyword, uppercased ("" when there is none): SELECT, INSERT, BEGIN, … */
export function firstKeyword(sql: string): string {
  const code = sql.replace(/^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)*/, '');
  return /^[A-Za-z]+/.exec(code)?.[0].toUpperCase() ?? '';
}

/** How a query joins tables: with a LEFT (OUTER) JOIN, another join (JOIN, or tables listed with commas), or not at all. */
export type JoinKind = 'left' | 'inner' | 'none';

export function joinKind(sql: string): JoinKind {
  const { code } = codeOnly(sql);
  if (/\bLEFT\s+(?:OUTER\s+)?JOIN\b/i.test(code)) return 'left';
  if (/\bJOIN\b/i.test(code) || /\bFROM\s+[\w."]+(?:\s+(?:AS\s+)?\w+)?\s*,/i.test(code)) return 'inner';
  return 'none';
}

const writingKeywords = new Set(['INSERT', 'UPDATE', 'DELETE', 'REPLACE', 'CREATE', 'DROP', 'ALTER']);

/**
 * The first statement of `sql` that writes outside BEGIN … COMMIT (undefined when none does):
 * what an exercise with `transaction: required` refuses. A WITH counts as writing when an
 * INSERT, UPDATE, DELETE or REPLACE follows its common table expressions.
 */
export function writeOutsideTransaction(sql: string): string | undefined {
  const { statements, rest } = splitStatements(sql);
  let inside = false;
  for (const statement of rest === '' ? statements : [...statements, rest]) {
    const keyword = firstKeyword(statement);
    // ROLLBACK TO a savepoint stays inside the transaction; a plain ROLLBACK ends it.
    const ends = keyword === 'COMMIT' || keyword === 'END' || (keyword === 'ROLLBACK' && !/^\s*ROLLBACK\s+(?:TRANSACTION\s+)?TO\b/i.test(codeOnly(statement).code));
    if (keyword === 'BEGIN' || keyword === 'SAVEPOINT') inside = true;
    else if (ends) inside = false;
    else if (!inside && (writingKeywords.has(keyword) || (keyword === 'WITH' && /\b(?:INSERT|UPDATE|DELETE|REPLACE)\b/i.test(codeOnly(statement).code)))) return statement;
  }
  return undefined;
}
