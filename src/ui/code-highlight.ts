// Stands in for the "cli-highlight" package inside the bundle (see scripts/build.mjs), with the
// one function marked-terminal calls. cli-highlight loads all ~190 highlight.js grammars and an
// HTML parser (parse5) to colour a code block; this registers only the languages lessons use and
// turns highlight.js's span markup into colours directly.
import chalk, { type ChalkInstance } from 'chalk';
import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import http from 'highlight.js/lib/languages/http';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';

for (const [name, grammar] of Object.entries({ bash, http, javascript, json, sql, typescript, xml, yaml })) {
  hljs.registerLanguage(name, grammar);
}

const theme: Record<string, ChalkInstance> = {
  keyword: chalk.blue,
  built_in: chalk.cyan,
  type: chalk.cyan,
  literal: chalk.magenta,
  number: chalk.magenta,
  string: chalk.green,
  regexp: chalk.red,
  comment: chalk.gray,
  meta: chalk.gray,
  title: chalk.yellow,
  attr: chalk.yellow,
  attribute: chalk.yellow,
  name: chalk.blue,
  tag: chalk.gray,
  section: chalk.bold,
  symbol: chalk.magenta,
  variable: chalk.cyan,
  params: chalk.reset,
};

const entities: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"', '&#x27;': "'", '&#39;': "'" };
const unescapeHtml = (text: string) => text.replace(/&(?:lt|gt|amp|quot|#x27|#39);/g, (entity) => entities[entity] ?? entity);

/** Colours highlight.js output: its markup is only <span class="hljs-…"> elements and escaped text. */
function spansToAnsi(html: string): string {
  const open: ChalkInstance[] = [];
  let out = '';
  for (const part of html.split(/(<span class="[^"]*">|<\/span>)/)) {
    if (part.startsWith('<span')) {
      const kind = /class="hljs-([\w-]+)/.exec(part)?.[1] ?? '';
      open.push(theme[kind] ?? open[open.length - 1] ?? chalk.reset);
    } else if (part === '</span>') {
      open.pop();
    } else if (part !== '') {
      const style = open[open.length - 1];
      const text = unescapeHtml(part);
      // Style each line on its own so a colour never bleeds across the indentation added later.
      out += style ? text.split('\n').map((line) => (line === '' ? line : style(line))).join('\n') : text;
    }
  }
  return out;
}

export function highlight(code: string, options: { language?: string } = {}): string {
  const language = options.language?.toLowerCase();
  if (!language || !hljs.getLanguage(language)) return code;
  return spansToAnsi(hljs.highlight(code, { language, ignoreIllegals: true }).value);
}
