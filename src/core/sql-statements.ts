// Where typed SQL ends: splits input into statements at top-level semicolons, the way the
// sql> prompt needs it. Pure: text in, statements out. A simple scanner, not a parser: it
// knows '…' strings, "…" and `…` and […] identifiers, -- and /* */ comments, and that a
// CREATE TRIGGER body holds semicolons until its END.

export interface SplitInput {
  /** Complete statements, each with its closing semicolon, in order. */
  statements: string[];
  /** What follows the last complete statement, when it holds more than blanks and comments. */
  rest: string;
}

type State = 'code' | 'string' | 'quoted' | 'line-comment' | 'block-comment';

const closers: Record<string, string> = { "'": "'", '"': '"', '`': '`', '[': ']' };

export function splitStatements(text: string): SplitInput {
  const statements: string[] = [];
  let start = 0;
  let state: State = 'code';
  let closer = '';
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

  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    const next = text[i + 1] ?? '';
    switch (state) {
      case 'string':
      case 'quoted':
        // A doubled quote inside is an escaped quote: it closes and reopens, which works out.
        if (char === closer) state = 'code';
        continue;
      case 'line-comment':
        if (char === '\n') state = 'code';
        continue;
      case 'block-comment':
        if (char === '*' && next === '/') {
          state = 'code';
          i += 1;
        }
        continue;
      case 'code':
        break;
    }
    if (char === '-' && next === '-') {
      state = 'line-comment';
      i += 1;
    } else if (char === '/' && next === '*') {
      state = 'block-comment';
      i += 1;
    } else if (char in closers) {
      state = char === "'" ? 'string' : 'quoted';
      closer = closers[char]!;
      hasContent = true;
      previousToken = 'value';
    } else if (char === ';') {
      if (!insideTrigger(words, previousToken)) endStatement(i + 1);
      else previousToken = ';';
    } else if (/[A-Za-z_]/.test(char)) {
      let end = i + 1;
      while (end < text.length && /[A-Za-z0-9_$]/.test(text[end]!)) end += 1;
      const word = text.slice(i, end).toUpperCase();
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
  const open = state === 'string' || state === 'quoted' || state === 'block-comment';
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
