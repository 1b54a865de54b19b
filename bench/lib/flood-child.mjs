// The flood child of stream-flood and ui-flood: cargo-like lines (Compiling, warnings, test
// results) in ~64 KiB blocking writes, as Rust's std::io writes them. With `lines` the count is
// baked in (argv is just `node -e <script>`); without it the count is argv[2].
export function floodChild(lines) {
  const count = lines === undefined ? 'Number(process.argv[2])' : String(lines);
  return `
const { writeSync } = require('node:fs');
const n = ${count};
const crates = ['micromegas-tracing', 'micromegas-transit', 'micromegas-telemetry-sink', 'micromegas-analytics',
  'micromegas-ingestion', 'micromegas-derive-transit', 'datafusion-physical-plan', 'arrow-array', 'tokio', 'serde_json'];
let out = '';
let err = '';
for (let i = 0; i < n; i += 1) {
  const c = crates[i % crates.length];
  switch (i % 8) {
    case 5: err += 'warning: unused variable: \`value_' + i + '\`\\n'; break;
    case 6: err += '  --> rust/' + c + '/src/lib.rs:' + (i % 977) + ':' + (i % 41) + '\\n'; break;
    case 7: out += 'test ' + c.replace(/-/g, '_') + '::tests::case_' + i + ' ... ok\\n'; break;
    default: out += '   Compiling ' + c + ' v0.15.' + (i % 10) + ' (/home/dev/micromegas/rust/' + c + ')\\n';
  }
  if (out.length > 65536) { writeSync(1, out); out = ''; }
  if (err.length > 65536) { writeSync(2, err); err = ''; }
}
writeSync(1, out);
writeSync(2, err);
`;
}
