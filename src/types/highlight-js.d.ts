// highlight.js 10 (the version cli-highlight uses) types only its main entry; these are the
// entry points src/ui/highlight-languages.ts imports.
declare module 'highlight.js/lib/core' {
  import hljs from 'highlight.js';
  export default hljs;
}
declare module 'highlight.js/lib/languages/*' {
  import type { LanguageFn } from 'highlight.js';
  const language: LanguageFn;
  export default language;
}
