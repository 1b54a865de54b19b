// Config errors a person can act on: the JSON path, what was expected, the line in the file, a fix.
import type * as z from 'zod';
import { Config } from '../core/config/config.js';
import { STEP_KINDS } from '../core/config/step.js';
import { UserError } from '../core/user-error.js';
import { didYouMean, didYouMeanSuffix } from '../core/did-you-mean.js';
import { locateJson } from '../core/json-scan.js';

type Issue = z.core.$ZodIssue;
type Path = (string | number)[];
const MAX_ISSUES = 5;

/** `phases[2].steps[0].kind` */
export function formatJsonPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? String(seg) : `.${String(seg)}`;
  }
  return out || '(top level)';
}

/** Turns zod issues into one UserError: the first few issues (at most 5), one sentence each, each with its line. */
export function configIssuesError(issues: readonly Issue[], input: unknown, text: string, file: string): UserError {
  const shown = issues.slice(0, MAX_ISSUES).map((issue) => {
    const { sentence, path } = describeIssue(issue, input);
    const loc = locateJson(text, path);
    return { sentence, line: loc?.keyLine, column: loc ? loc.column + 1 : undefined };
  });
  const first = shown[0]!;
  const rest = shown.slice(1).map((s) => `\n  ${file}${s.line ? `:${s.line}` : ''}: ${s.sentence}`);
  const more = issues.length > MAX_ISSUES ? `\n  (${issues.length - MAX_ISSUES} more problems not shown)` : '';
  return new UserError(`${first.sentence}${rest.join('')}${more}`, { file, line: first.line, column: first.column });
}

/** One sentence for an issue, and the path to point at in the file. */
export function describeIssue(issue: Issue, input: unknown): { sentence: string; path: Path } {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  const where = formatJsonPath(path);
  const value = valueAt(input, path);
  switch (issue.code) {
    case 'invalid_union': {
      if ('discriminator' in issue && issue.discriminator === 'kind') {
        const kinds = STEP_KINDS.join(', ');
        if (value === undefined)
          return { sentence: `${where}: a step needs a \`kind\`, one of: ${kinds}.`, path: path.slice(0, -1) };
        const suggestion = typeof value === 'string' ? didYouMean(value, STEP_KINDS) : undefined;
        return {
          sentence: `${where}: \`${show(value)}\` is not a step kind${suggestion ? `; did you mean \`${suggestion}\`?` : '.'} Valid kinds: ${kinds}.`,
          path,
        };
      }
      return { sentence: `${where}: ${issue.message}.`, path };
    }
    case 'unrecognized_keys': {
      const known = knownKeys(path, input);
      const key = issue.keys[0]!;
      const isPublishStep = isObject(value) && value.kind === 'publish-crates';
      const fix = isPublishStep
        ? ` A publish-crates step takes its settings from the \`crates\` section: move it to \`crates.${key}\`.`
        : `${known ? didYouMeanSuffix(key, known) : ''}${known && didYouMean(key, known) ? '' : ' Remove it.'}`;
      const keys = issue.keys.map((k) => `\`${k}\``).join(', ');
      return {
        sentence: `${where}: unknown ${issue.keys.length > 1 ? 'keys' : 'key'} ${keys}${fix.startsWith(';') ? fix : `.${fix}`}`,
        path: [...path, key],
      };
    }
    case 'invalid_type': {
      if (value === undefined) return { sentence: `${where}: required (expected ${issue.expected}); add it.`, path };
      const fix =
        issue.expected === 'array' && typeof value === 'string' && path[path.length - 1] === 'run'
          ? ` Write the command as an argv array, e.g. ${JSON.stringify(value.trim().split(/\s+/))}.`
          : '';
      return {
        sentence: `${where}: expected ${issue.expected}, got ${typeName(value)} \`${show(value)}\`.${fix}`,
        path,
      };
    }
    case 'invalid_value': {
      const options = issue.values.map((v) => String(v));
      const hint = typeof value === 'string' ? didYouMeanSuffix(value, options) : '';
      return {
        sentence: `${where}: \`${show(value)}\` is not allowed${hint || `; expected one of: ${options.join(', ')}.`}`,
        path,
      };
    }
    case 'too_small':
    case 'too_big': {
      // zod's generic wording ("Too small: expected string to have >=1 characters") reads badly; ours is kept.
      if (!/^Too (small|big)/.test(issue.message)) break;
      const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
      const word = issue.code === 'too_small' ? 'at least' : 'at most';
      const text =
        issue.origin === 'string' && issue.code === 'too_small' && Number(bound) === 1
          ? 'must not be empty'
          : issue.origin === 'number'
            ? `must be ${word} ${String(bound)}, not ${show(value)}`
            : `must have ${word} ${String(bound)} ${issue.origin === 'string' ? 'characters' : 'items'}`;
      return { sentence: `${where}: ${text}.`, path };
    }
    default:
      break;
  }
  // Our schema's own messages (regex, refine, min) are already written for people.
  return {
    sentence: `${where}: ${issue.message.replace(/^Invalid input: /, '')}${/[.?!]$/.test(issue.message) ? '' : '.'}`,
    path,
  };
}

function valueAt(input: unknown, path: Path): unknown {
  let v = input;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}

/** What knownKeys reads of a zod schema: its public accessors (wrappers, objects, arrays, unions, literals). */
interface SchemaNode {
  unwrap?: () => SchemaNode;
  shape?: Record<string, SchemaNode>;
  element?: SchemaNode;
  options?: SchemaNode[];
  value?: unknown;
}

/** The keys the schema accepts at `path` (for did-you-mean on unknown keys), when it can tell. */
function knownKeys(path: Path, input: unknown): string[] | undefined {
  // Walks the zod schema along the path, unwrapping defaults and picking the step kind from the input.
  let schema: SchemaNode | undefined = Config as unknown as SchemaNode;
  for (let i = 0; i <= path.length; i++) {
    while (schema && typeof schema.unwrap === 'function' && !schema.shape && !schema.element) schema = schema.unwrap();
    if (schema?.options && Array.isArray(schema.options)) {
      const kind = (valueAt(input, path.slice(0, i)) as { kind?: unknown } | undefined)?.kind;
      schema = schema.options.find((o) => o.shape?.kind?.value === kind);
    }
    if (i === path.length) break;
    const seg = path[i]!;
    schema = typeof seg === 'number' ? schema?.element : schema?.shape?.[seg];
  }
  return schema?.shape ? Object.keys(schema.shape) : undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function typeName(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

function show(v: unknown): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}
