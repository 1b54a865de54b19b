// Config paths confined to the repository: one zod type (RepoPath) for every key that names a path
// in the repository, with the lexical rule inside it; the loader checks symlinks on every value of
// that type (found by walking the schema beside the parsed config, so a new path key is covered by
// declaring it a RepoPath).
import * as z from 'zod';
import { repoPathProblem } from '../repo-path.js';

const confined = z.superRefine((value: string, ctx) => {
  const problem = repoPathProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: `\`${value}\` ${problem}`, input: value });
});

/** A path relative to the repository root that stays inside it. Declare every path key with it. */
export const RepoPath = z.string().min(1).check(confined);

/** RepoPath as the JSON schema describes it. */
export const RelPath = RepoPath.describe(
  'A path relative to the repository root; it stays inside the repository (no `..`, not absolute, no symlink leading out).',
);

export interface FoundPath {
  path: (string | number)[];
  value: string;
}

/** Every RepoPath value of `value` (a config that `schema` parsed), with its JSON path. */
export function collectRepoPaths(
  schema: z.ZodType,
  value: unknown,
  at: (string | number)[] = [],
  out: FoundPath[] = [],
): FoundPath[] {
  const def = (schema as unknown as { _zod: { def: ZodDef } })._zod.def;
  switch (def.type) {
    case 'string':
      if (typeof value === 'string' && def.checks?.includes(confined as never)) out.push({ path: at, value });
      break;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      if (def.innerType) collectRepoPaths(def.innerType, value, at, out);
      break;
    case 'pipe':
      if (def.in) collectRepoPaths(def.in, value, at, out);
      break;
    case 'array':
      if (Array.isArray(value) && def.element)
        value.forEach((v, i) => collectRepoPaths(def.element!, v, [...at, i], out));
      break;
    case 'object':
      if (isRecord(value))
        for (const [k, s] of Object.entries(def.shape ?? {}))
          if (k in value) collectRepoPaths(s, value[k], [...at, k], out);
      break;
    case 'record':
      if (isRecord(value) && def.valueType)
        for (const [k, v] of Object.entries(value)) collectRepoPaths(def.valueType, v, [...at, k], out);
      break;
    case 'union': {
      // The option that accepts the value (for steps: the one of its kind).
      const option = def.options?.find((o) => o.safeParse(value).success);
      if (option) collectRepoPaths(option, value, at, out);
      break;
    }
    default:
      break;
  }
  return out;
}

interface ZodDef {
  type: string;
  checks?: unknown[];
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  valueType?: z.ZodType;
  options?: z.ZodType[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
