import { FieldReader, idPattern } from './fields.js';
import { exerciseTypes, type Exercise, type ExerciseType, type HttpExpectation, type HttpRequestSpec } from './model.js';
import type { YamlPath, YamlSource } from './yaml-source.js';

const commonFields = ['id', 'type', 'prompt', 'solution', 'hints', 'explain'];
const fieldsByType: Record<ExerciseType, string[]> = {
  sql: [...commonFields, 'database', 'order', 'columns', 'check', 'transaction'],
  http: [...commonFields, 'starter', 'file', 'database', 'requests', 'headers'],
  js: [...commonFields, 'starter', 'file', 'tests'],
};
const httpMethods = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
const databaseNamePattern = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
const workspaceFilePattern = /^[A-Za-z0-9][A-Za-z0-9_.-]*\.(?:js|mjs)$/;

export interface ExerciseContext {
  position: number;
  line: number;
  /** The lesson's default database, from its front matter. */
  lessonDatabase: string | undefined;
}

/** Turns one parsed ```exercise block into a checked Exercise, or throws a PackFormatError. */
export function readExercise(source: YamlSource, context: ExerciseContext): Exercise {
  const top = FieldReader.at(source, [], source.value, 'exercise block');
  const id = top.id('id', '"id: cheap-products"');
  const fields: FieldReader = FieldReader.at(source, [], source.value, `exercise "${id}"`);
  const typeText = fields.requiredText('type', `"type: sql" (one of ${exerciseTypes.join(', ')})`);
  if (!(exerciseTypes as readonly string[]).includes(typeText)) {
    fields.fail('type', `unknown exercise type "${typeText}" — use one of ${exerciseTypes.join(', ')}`);
  }
  const type = typeText as ExerciseType;
  fields.allowOnly(fieldsByType[type]);

  const base = {
    id,
    position: context.position,
    line: context.line,
    prompt: fields.requiredText('prompt', '"prompt: List every book under 10."'),
    solution: fields.requiredText('solution', 'the reference answer as a "solution: |" block'),
    hints: fields.textList('hints') ?? [],
    ...optional('explain', fields.text('explain')),
  };

  switch (type) {
    case 'sql': {
      const database = readDatabase(fields) ?? context.lessonDatabase;
      if (database === undefined) {
        fields.fail('type', 'an sql exercise needs a database — add "database: shop" to the lesson\'s front matter or to the exercise');
      }
      const check = fields.textList('check');
      if (check !== undefined && check.length === 0) fields.fail('check', '"check" must list at least one query');
      const transaction = fields.oneOf('transaction', ['required', 'optional'] as const, 'optional');
      if (transaction === 'required' && check === undefined) fields.fail('transaction', '"transaction: required" is for change exercises: add the "check" queries that look at the result');
      return {
        ...base,
        type,
        database,
        order: fields.oneOf('order', ['matters', 'ignored'] as const, 'ignored'),
        columns: fields.oneOf('columns', ['named', 'any'] as const, 'any'),
        ...optional('check', check),
        ...optional('transaction', transaction === 'required' ? transaction : undefined),
      };
    }
    case 'http':
      return {
        ...base,
        type,
        ...optional('starter', fields.text('starter')),
        ...optional('file', readWorkspaceFile(fields)),
        ...optional('database', readDatabase(fields) ?? context.lessonDatabase),
        requests: fields.list('requests', '"requests: [GET /hello]"').map((raw, index) => readRequest(fields, raw, index)),
        headers: (fields.textList('headers') ?? []).map((name) => name.toLowerCase()),
      };
    case 'js':
      return {
        ...base,
        type,
        ...optional('starter', fields.text('starter')),
        ...optional('file', readWorkspaceFile(fields)),
        tests: fields.requiredText('tests', 'JavaScript using assert and mod, as a "tests: |" block'),
      };
  }
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function readDatabase(fields: FieldReader): string | undefined {
  const name = fields.text('database');
  if (name !== undefined && !databaseNamePattern.test(name)) {
    fields.fail('database', `"database" must be the plain name of a file in data/ (got "${name}") — for example "database: shop" for data/shop.sql`);
  }
  return name;
}

function readWorkspaceFile(fields: FieldReader): string | undefined {
  const name = fields.text('file');
  if (name !== undefined && !workspaceFilePattern.test(name)) {
    fields.fail('file', `"file" must be a plain .js or .mjs file name with no folders (got "${name}")`);
  }
  return name;
}

function readRequest(fields: FieldReader, raw: unknown, index: number): HttpRequestSpec {
  const label = `request ${index + 1}`;
  if (typeof raw === 'string') {
    const match = /^([A-Za-z]+)\s+(\/\S*)$/.exec(raw.trim());
    if (!match) fields.failAt(['requests', index], `${label} "${raw}" must look like "GET /path"`);
    return { method: checkMethod(fields, ['requests', index], match[1]!.toUpperCase(), label), path: match[2]!, headers: {} };
  }
  const request = fields.child(['requests', index], raw, `${label}`);
  request.allowOnly(['method', 'path', 'headers', 'json', 'body', 'expect']);
  const path = request.requiredText('path', '"path: /books"');
  if (!path.startsWith('/')) request.fail('path', `"path" must start with "/" (got "${path}")`);
  if (request.has('json') && request.has('body')) request.fail('body', 'give either "json" or "body", not both');
  const expectReader = request.mapping('expect');
  return {
    method: checkMethod(request, ['method'], (request.text('method') ?? 'GET').toUpperCase(), label),
    path,
    headers: readHeaderMap(request, 'headers'),
    ...optional('json', request.raw.json ?? undefined),
    ...optional('body', request.text('body')),
    ...optional('expect', expectReader && readExpectation(expectReader)),
  };
}

function readExpectation(expect: FieldReader): HttpExpectation {
  expect.allowOnly(['status', 'headers', 'json', 'body']);
  const status = expect.positiveNumber('status', { integer: true });
  if (status !== undefined && (status < 100 || status > 599)) expect.fail('status', `"status" must be an HTTP status code from 100 to 599 (got ${status})`);
  return {
    ...optional('status', status),
    ...optional('headers', expect.has('headers') ? readHeaderMap(expect, 'headers') : undefined),
    ...optional('json', expect.raw.json ?? undefined),
    ...optional('body', expect.text('body')),
  };
}

function readHeaderMap(reader: FieldReader, key: string): Record<string, string> {
  const headers = reader.mapping(key);
  if (!headers) return {};
  const result: Record<string, string> = {};
  for (const name of Object.keys(headers.raw)) {
    if (!idPattern.test(name)) headers.fail(name, `"${name}" is not a valid header name`);
    result[name.toLowerCase()] = headers.requiredText(name, `"${name}: value"`);
  }
  return result;
}

function checkMethod(reader: FieldReader, where: YamlPath, method: string, label: string): string {
  if (!httpMethods.includes(method)) {
    reader.failAt(where, `${label}: unknown HTTP method "${method}" — use one of ${httpMethods.join(', ')}`);
  }
  return method;
}
