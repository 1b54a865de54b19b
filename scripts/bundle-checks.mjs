// What the build refuses to write, read from esbuild's metafile: start-up time is mostly code
// loaded, so a module that must stay light is checked here rather than trusted to stay so.

/** Every input of `output` and of the chunks it imports statically (what loading it evaluates). */
export function staticInputs(metafile, output) {
  const seen = new Set();
  const inputs = new Set();
  const visit = (path) => {
    if (seen.has(path)) return;
    seen.add(path);
    const out = metafile.outputs[path];
    for (const [input, { bytesInOutput }] of Object.entries(out.inputs)) if (bytesInOutput > 0) inputs.add(input);
    for (const i of out.imports) if (i.kind === 'import-statement' && !i.external) visit(i.path);
  };
  visit(output);
  return inputs;
}

/**
 * The cockpit draws its first frame before React, Ink and Yoga are loaded (src/cli/tui-start.ts):
 * none of them, nor Ink's text measure (string-width: ICU's segmenter and the emoji regex at
 * start), may be in what loading that module evaluates.
 */
export function checkFirstFrameEntry(metafile) {
  const entry = 'src/cli/tui-start.ts';
  const output = Object.keys(metafile.outputs).find((o) => metafile.outputs[o].entryPoint === entry);
  if (output === undefined) throw new Error(`no chunk has ${entry} as its entry point`);
  const heavy =
    /node_modules\/(react|react-reconciler|scheduler|ink|ink-spinner|yoga-layout|string-width|cli-truncate|slice-ansi)\//;
  const found = [...staticInputs(metafile, output)].filter((f) => heavy.test(f));
  if (found.length > 0) {
    throw new Error(
      `${entry} loads ${found.slice(0, 3).join(', ')}${found.length > 3 ? '...' : ''} before the first frame: import it dynamically where it is used.`,
    );
  }
}
