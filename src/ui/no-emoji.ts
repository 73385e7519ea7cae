// Stands in for "node-emoji" inside the bundle: lessons are rendered with marked-terminal's
// emoji option off, so its 200 KB emoji table would be loaded and never used.
export function get(): undefined {
  return undefined;
}
export function emojify(text: string): string {
  return text;
}
