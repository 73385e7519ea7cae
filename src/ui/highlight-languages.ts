// Stands in for the "highlight.js" package inside the bundle (see scripts/build.mjs): the same
// API that cli-highlight calls, with only the languages lessons use registered, so rendering a
// lesson does not pay for loading ~190 grammars.
import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import http from 'highlight.js/lib/languages/http';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import plaintext from 'highlight.js/lib/languages/plaintext';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';

for (const [name, grammar] of Object.entries({ bash, http, javascript, json, plaintext, sql, typescript, xml, yaml })) {
  hljs.registerLanguage(name, grammar);
}

export const highlight = hljs.highlight.bind(hljs);
export const highlightAuto = hljs.highlightAuto.bind(hljs);
export const listLanguages = hljs.listLanguages.bind(hljs);
export const getLanguage = hljs.getLanguage.bind(hljs);
export default hljs;
