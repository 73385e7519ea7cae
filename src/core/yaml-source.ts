import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import { PackFormatError } from '../errors.js';

export type YamlPath = readonly (string | number)[];

/**
 * A YAML snippet from a pack file (front matter, course.yaml or a fenced block) that remembers
 * where it came from, so every problem found in it can be reported as file:line.
 */
export class YamlSource {
  readonly value: unknown;
  private constructor(
    readonly file: string,
    /** Line in the file of the snippet's first line, 1-based. */
    private readonly firstLine: number,
    private readonly doc: Document,
    private readonly lines: LineCounter,
    /** What the snippet is, for messages: "front matter", "quiz block". */
    readonly what: string,
  ) {
    this.value = doc.toJS({ maxAliasCount: 50 });
  }

  static parse(text: string, file: string, firstLine: number, what: string): YamlSource {
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
    const error = doc.errors[0];
    if (error) {
      const line = error.linePos?.[0]?.line;
      const detail = error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? 'invalid YAML';
      throw new PackFormatError(
        file,
        line === undefined ? firstLine : firstLine + line - 1,
        `the ${what} is not valid YAML (${detail}) — check indentation, and quote text that contains ": " or starts with a special character`,
      );
    }
    try {
      return new YamlSource(file, firstLine, doc, lines, what);
    } catch (cause) {
      throw new PackFormatError(file, firstLine, `the ${what} could not be read (${(cause as Error).message})`);
    }
  }

  /** The file line of the value at `path`, or of the snippet's start when the path is absent. */
  lineOf(path: YamlPath): number {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = depth === 0 ? this.doc.contents : this.doc.getIn(path.slice(0, depth), true);
      if (isNode(node) && node.range) {
        return this.firstLine + this.lines.linePos(node.range[0]).line - 1;
      }
    }
    return this.firstLine;
  }

  fail(path: YamlPath, problem: string): never {
    throw new PackFormatError(this.file, this.lineOf(path), problem);
  }
}
