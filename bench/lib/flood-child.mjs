// The flood child of headless-flood, stream-flood and ui-flood: cargo-like lines (Compiling,
// warnings, test results) in ~64 KiB blocking writes, as Rust's std::io writes them. With `lines`
// the count is baked in (argv is just `node -e <script>`); without it the count is argv[2].
// floodLine() is the one definition of the lines: the child runs its source, and
// expectFloodLines() checks an output against it.

const CRATES = [
  'micromegas-tracing',
  'micromegas-transit',
  'micromegas-telemetry-sink',
  'micromegas-analytics',
  'micromegas-ingestion',
  'micromegas-derive-transit',
  'datafusion-physical-plan',
  'arrow-array',
  'tokio',
  'serde_json',
];

/** The stream of line `i`: 2 for the warnings and their locations, else 1. */
export function floodFd(i) {
  return i % 8 === 5 || i % 8 === 6 ? 2 : 1;
}

/** Line `i` of the flood, without its \n. */
export function floodLine(i, crates = CRATES) {
  const c = crates[i % crates.length];
  switch (i % 8) {
    case 5:
      return 'warning: unused variable: `value_' + i + '`';
    case 6:
      return '  --> rust/' + c + '/src/lib.rs:' + (i % 977) + ':' + (i % 41);
    case 7:
      return 'test ' + c.replace(/-/g, '_') + '::tests::case_' + i + ' ... ok';
    default:
      return '   Compiling ' + c + ' v0.15.' + (i % 10) + ' (/home/dev/micromegas/rust/' + c + ')';
  }
}

export function floodChild(lines) {
  const count = lines === undefined ? 'Number(process.argv[2])' : String(lines);
  return `
const { writeSync } = require('node:fs');
const floodLine = ${floodLine.toString()};
const crates = ${JSON.stringify(CRATES)};
const n = ${count};
let out = '';
let err = '';
for (let i = 0; i < n; i += 1) {
  const m = i % 8;
  if (m === 5 || m === 6) err += floodLine(i, crates) + '\\n';
  else out += floodLine(i, crates) + '\\n';
  if (out.length > 65536) { writeSync(1, out); out = ''; }
  if (err.length > 65536) { writeSync(2, err); err = ''; }
}
writeSync(1, out);
writeSync(2, err);
`;
}

let cached;
/** The lines of a `lines`-line flood by stream (kept for the next check of the same size). */
function floodLines(lines) {
  if (cached?.lines !== lines) {
    cached = { lines, 1: [], 2: [] };
    for (let i = 0; i < lines; i += 1) cached[floodFd(i)].push(floodLine(i));
  }
  return cached;
}

/**
 * Throws unless every line of a `lines`-line flood is in `text`, whole and in order per stream
 * (the two streams may interleave, other lines may come between). `prefix` is what precedes each
 * line there (a time, a stream tag), removed before comparing.
 */
export function expectFloodLines(where, text, lines, prefix) {
  const expected = floodLines(lines);
  const next = { 1: 0, 2: 0 };
  for (const raw of text.split('\n')) {
    const line = prefix ? raw.replace(prefix, '') : raw;
    if (line === expected[1][next[1]]) next[1] += 1;
    else if (line === expected[2][next[2]]) next[2] += 1;
  }
  for (const fd of [1, 2]) {
    if (next[fd] !== expected[fd].length) {
      const stream = fd === 1 ? 'stdout' : 'stderr';
      throw new Error(
        `${where}: ${next[fd]} of ${expected[fd].length} ${stream} lines in order; missing or changed: ${JSON.stringify(expected[fd][next[fd]])}`,
      );
    }
  }
}
