// Text from packs, learners and databases reaches the terminal; its control characters must not.
// Pure and dependency-free, so that src/main.ts can use it on error messages without loading
// the terminal styling modules.

/**
 * Neutralises terminal control characters: an ESC in a lesson must not be able to move the
 * cursor, change the title, write the clipboard or hide text. Keeps newlines and tabs; shows the
 * rest as visible escapes (^[ for ESC, \x9b for the C1 controls).
 */
export function neutralize(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (char) => {
    const code = char.charCodeAt(0);
    return code < 0x20 ? `^${String.fromCharCode(code + 64)}` : `\\x${code.toString(16).padStart(2, '0')}`;
  });
}
