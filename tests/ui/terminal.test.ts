// Text width and wrapping (src/ui/terminal.ts, src/ui/format.ts): the counting shortcut for
// plain text must give exactly what the width and wrapping libraries give.
import fc from 'fast-check';
import stringWidth from 'fast-string-width';
import { wrapAnsi } from 'fast-wrap-ansi';
import { describe, expect, it } from 'vitest';
import { wrapText } from '../../src/ui/format.js';
import { isNarrowText, visibleWidth } from '../../src/ui/terminal.js';

const narrowCharacters: string[] = [];
for (let code = 0; code <= 0xffff; code++) {
  const character = String.fromCharCode(code);
  if (isNarrowText(character)) narrowCharacters.push(character);
}
const wideOrZero = ['界', '😀', '\u0301', '\u200b', '\t', '\u00ad', '\u25fd', 'ｱ'];
const plainText = fc.array(fc.constantFrom(...narrowCharacters, ' ', ' ', ' '), { maxLength: 60 }).map((chars) => chars.join(''));
const mixedText = fc.array(fc.constantFrom(...narrowCharacters.slice(0, 200), ...wideOrZero, ' '), { maxLength: 60 }).map((chars) => chars.join(''));

describe('visibleWidth', () => {
  it('counts every character the shortcut accepts as one column, as the library does', () => {
    expect(narrowCharacters.length).toBeGreaterThan(900);
    for (const character of narrowCharacters) expect(stringWidth(character), `U+${character.charCodeAt(0).toString(16)}`).toBe(1);
  });

  it('leaves wide, zero-width and control characters to the library', () => {
    for (const character of wideOrZero) expect(isNarrowText(`abc${character}`)).toBe(false);
    expect(visibleWidth('界界')).toBe(4);
    expect(visibleWidth('e\u0301')).toBe(1);
    expect(visibleWidth('\u001b[1mbold\u001b[22m')).toBe(4);
  });

  it('agrees with the library on any text', () => {
    fc.assert(fc.property(fc.oneof(plainText, mixedText), (text) => visibleWidth(text) === stringWidth(text)));
  });
});

describe('wrapText', () => {
  it('wraps exactly as the library does, shortcut or not', () => {
    fc.assert(
      fc.property(fc.oneof(plainText, mixedText), fc.integer({ min: 20, max: 130 }), (text, columns) => {
        expect(wrapText(text, columns)).toBe(wrapAnsi(text, Math.min(columns - 1, 100), { hard: true }));
      }),
      { numRuns: 2000 },
    );
  });
});
