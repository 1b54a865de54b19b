// The text of a written .releaserc.json: two-space JSON, with arrays of short strings (argv,
// crate lists that fit) kept on one line as people write them by hand. Pure.

const WIDTH = 100;

export function formatConfigJson(value: unknown): string {
  return `${format(value, '')}\n`;
}

function format(value: unknown, indent: string): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const inner = `${indent}  `;
    if (value.every((v) => typeof v !== 'object' || v === null)) {
      const flat = `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
      if (indent.length + flat.length <= WIDTH) return flat;
    }
    return `[\n${value.map((v) => `${inner}${format(v, inner)}`).join(',\n')}\n${indent}]`;
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{}';
    const inner = `${indent}  `;
    return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${format(v, inner)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}
