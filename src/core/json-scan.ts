// JSON text with positions, through a real parser (jsonc-parser): strict parsing whose errors name
// the line and column of the mistake (a BOM at 1:1, a trailing comma at the comma), and a locator
// that says where the value at a path (["phases", 2, "steps", 0, "kind"]) is written.
import { parse, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { UserError } from './user-error.js';

export interface JsonLocation {
  /** 1-based line and 0-based column of the value's first character (the opening quote of a string). */
  line: number;
  column: number;
  offset: number;
  /** How many path segments were found: path.length when the value exists, else the depth of the deepest parent found. */
  depth: number;
  /** Line of the key (or of the element) holding the value; equals `line` at the root. */
  keyLine: number;
}

/** 1-based line and 0-based column of a character offset. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart };
}

/** Parses strict JSON (RFC 8259: no BOM, comments or trailing commas); a mistake is a UserError at file:line:column. */
export function parseJsonText(text: string, file: string): unknown {
  if (text.charCodeAt(0) === 0xfeff) {
    throw new UserError('invalid JSON: the file starts with a byte order mark (BOM).', {
      file,
      line: 1,
      column: 1,
      hint: 'Save it as UTF-8 without a BOM.',
    });
  }
  const errors: ParseError[] = [];
  parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (errors.length > 0) throw syntaxError(text, errors[0]!, file);
  return JSON.parse(text) as unknown;
}

function syntaxError(text: string, error: ParseError, file: string): UserError {
  const at = (offset: number, reason: string, hint?: string): UserError => {
    const { line, column } = lineColumnAt(text, offset);
    return new UserError(`invalid JSON: ${reason}.`, { file, line, column: column + 1, hint });
  };
  const code = printParseErrorCode(error.error);
  const found = text.slice(error.offset, error.offset + Math.max(1, error.length));
  if (code === 'PropertyNameExpected' || code === 'ValueExpected') {
    const comma = trailingCommaBefore(text, error.offset);
    if (comma !== undefined) return at(comma, 'a trailing comma', 'JSON allows no trailing comma: remove it.');
    if (error.offset >= text.trimEnd().length)
      return at(error.offset, text.trim() === '' ? 'the file is empty' : 'the text ends where a value was expected');
  }
  switch (code) {
    case 'InvalidCommentToken':
      return at(error.offset, 'a comment', 'JSON allows no comments: remove it.');
    case 'PropertyNameExpected':
      return at(error.offset, `expected a key in double quotes, found \`${found}\``);
    case 'ValueExpected':
      return at(error.offset, `expected a value, found \`${found}\``);
    case 'ColonExpected':
      return at(error.offset, `expected \`:\` after the key, found \`${found}\``);
    case 'CommaExpected':
      return at(
        error.offset,
        `expected \`,\` before \`${found}\``,
        'Separate the values of an object or array with commas.',
      );
    case 'CloseBraceExpected':
      return at(error.offset, 'an object is not closed (expected `}`)');
    case 'CloseBracketExpected':
      return at(error.offset, 'an array is not closed (expected `]`)');
    case 'EndOfFileExpected':
      return at(error.offset, `unexpected \`${found}\` after the end of the document`);
    case 'UnexpectedEndOfString':
      return at(error.offset, 'a string is not closed (expected `"`)');
    case 'InvalidNumberFormat':
    case 'UnexpectedEndOfNumber':
      return at(error.offset, `an invalid number \`${found}\``);
    case 'InvalidEscapeCharacter':
    case 'InvalidUnicode':
      return at(error.offset, `an invalid escape in a string \`${found}\``);
    case 'InvalidCharacter':
      return at(error.offset, 'a control character inside a string', 'Write it escaped, e.g. \\n or \\t.');
    default:
      return at(
        error.offset,
        `unexpected \`${found}\``,
        /^'/.test(found) ? 'JSON strings use double quotes.' : undefined,
      );
  }
}

/** The offset of a comma that only whitespace separates from the `}` or `]` at `offset`. */
function trailingCommaBefore(text: string, offset: number): number | undefined {
  if (text[offset] !== '}' && text[offset] !== ']') return undefined;
  let i = offset - 1;
  while (i >= 0 && /\s/.test(text[i]!)) i--;
  return text[i] === ',' ? i : undefined;
}

let cached: { text: string; root: Node | undefined } | undefined;

/** The tree of `text`, parsed tolerantly (a locator points even into a file with a mistake), memoised for repeated look-ups. */
function treeOf(text: string): Node | undefined {
  if (cached?.text !== text) cached = { text, root: parseTree(text, [], { allowTrailingComma: true }) };
  return cached.root;
}

/** Locates the value at `path`, or the deepest existing parent when the path does not exist. Undefined for unparsable text. */
export function locateJson(text: string, path: readonly (string | number)[]): JsonLocation | undefined {
  const root = treeOf(text);
  if (!root) return undefined;
  let node = root;
  let holder: Node = root; // the property (or element) node holding `node`
  let depth = 0;
  for (const seg of path) {
    const child = childAt(node, seg);
    if (!child) break;
    holder = child.holder;
    node = child.value;
    depth++;
  }
  const { line, column } = lineColumnAt(text, node.offset);
  return { line, column, offset: node.offset, depth, keyLine: lineColumnAt(text, holder.offset).line };
}

function childAt(node: Node, seg: string | number): { value: Node; holder: Node } | undefined {
  if (node.type === 'object' && typeof seg === 'string') {
    // The last property of a name wins, as in JSON.parse.
    const prop = node.children?.filter((p) => p.children?.[0]?.value === seg).pop();
    const value = prop?.children?.[1];
    return prop && value ? { value, holder: prop } : undefined;
  }
  if (node.type === 'array' && typeof seg === 'number') {
    const value = node.children?.[seg];
    return value ? { value, holder: value } : undefined;
  }
  return undefined;
}
