// What a terminal would show, measured independently of the code under test: how many columns
// a line takes (CJK and emoji two, combining marks none), which lines overflow a narrow
// terminal, and which escape sequences reached the output.

/** East Asian wide and fullwidth blocks: two columns each. */
function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0x303e) ||
    (code >= 0x3041 && code <= 0x33ff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0xa000 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x1f300 && code <= 0x1f64f) ||
    (code >= 0x1f680 && code <= 0x1f6ff) ||
    (code >= 0x1f900 && code <= 0x1f9ff) ||
    (code >= 0x20000 && code <= 0x3fffd)
  );
}

/** Columns a line of plain text (no escape sequences) takes on screen. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    if (/[\p{Mn}\p{Me}\u200b-\u200f\ufe00-\ufe0f]/u.test(char)) continue;
    width += isWide(char.codePointAt(0)!) ? 2 : 1;
  }
  return width;
}

// eslint-disable-next-line no-control-regex
const escapeSequence = /\x1b\[[0-9;?<=>]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>78DEHMc]/g;

/**
 * Lines of terminal output wider than `columns`, each as "width: text". A carriage return
 * starts the line again (a rewritten progress line), so each piece between them is measured.
 */
export function overlongLines(raw: string, columns: number, skip: (line: string) => boolean = () => false): string[] {
  return raw
    // Erasing the line or going back to column 1 (how prompts redraw themselves) starts it again.
    // eslint-disable-next-line no-control-regex
    .replace(/\x1b\[2K|\x1b\[1?G/g, '\r')
    .replace(escapeSequence, '')
    .split('\n')
    .flatMap((line) => line.split('\r'))
    .filter((line) => !skip(line))
    .filter((line) => displayWidth(line) > columns)
    .map((line) => `${displayWidth(line)}: ${line}`);
}

/** Raw control characters that would drive a terminal: ESC, BEL and the C1 CSI. */
export function controlCharacters(text: string): string[] {
  // eslint-disable-next-line no-control-regex
  return [...text.matchAll(/[\x1b\x07\x9b]/g)].map((match) => JSON.stringify(text.slice(Math.max(0, match.index - 10), match.index + 12)));
}

/** A stack trace or an internal error, which a learner must never see. */
export const stackTrace = /^\s+at .+[:(]\d+|node:internal|Something went wrong inside|TypeError|RangeError/m;
