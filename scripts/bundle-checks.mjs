// What the build refuses to write, read from esbuild's metafile: start-up time is mostly code
// loaded, so a module that must stay light is checked here rather than trusted to stay so.

/**
 * Every input that evaluating `input` evaluates: its static imports (and requires), transitively,
 * not what it imports dynamically. The same whether the bundle is split ES chunks or one file.
 */
export function staticInputs(metafile, input) {
  const inputs = new Set();
  const visit = (path) => {
    if (inputs.has(path) || metafile.inputs[path] === undefined) return;
    inputs.add(path);
    for (const i of metafile.inputs[path].imports) {
      if (!i.external && (i.kind === 'import-statement' || i.kind === 'require-call')) visit(i.path);
    }
  };
  visit(input);
  return inputs;
}

/**
 * The cockpit draws its first frame before React, Ink and Yoga are loaded (src/cli/tui-start.ts):
 * none of them, nor Ink's text measure (string-width: ICU's segmenter and the emoji regex at
 * start), may be in what loading that module evaluates.
 */
export function checkFirstFrameEntry(metafile) {
  const entry = 'src/cli/tui-start.ts';
  if (metafile.inputs[entry] === undefined) throw new Error(`${entry} is not in the bundle checked`);
  const heavy =
    /node_modules\/(react|react-reconciler|scheduler|ink|ink-spinner|yoga-layout|string-width|cli-truncate|slice-ansi)\/|yoga-deferred/;
  const found = [...staticInputs(metafile, entry)].filter((f) => heavy.test(f));
  if (found.length > 0) {
    throw new Error(
      `${entry} loads ${found.slice(0, 3).join(', ')}${found.length > 3 ? '...' : ''} before the first frame: import it dynamically where it is used.`,
    );
  }
}
