// Splits raw output chunks into display lines. Reading raw chunks and splitting them here is
// cheaper than execa's line iterator, and this is the hot loop of a 1M-line cargo build: indexOf
// scans, no regex, no per-character work.
import { isAscii } from 'node:buffer';
import { StringDecoder } from 'node:string_decoder';

/** Longer lines are cut into pieces of this many characters so memory stays bounded. */
export const MAX_LINE_LENGTH = 64 * 1024;

export interface LineSplitterOptions {
  maxLineLength?: number;
  /**
   * Applied to text made of whole lines before it is split (e.g. secret masking), so it runs
   * once per chunk instead of once per line. It must not need context across line ends; text
   * cut from an over-long line is mapped piece by piece.
   */
  map?: (text: string) => string;
  /**
   * Called with the text of the lines each push() and flush() emitted, every line followed by \n
   * (their texts joined are exactly `lines.join('\n') + '\n'`; not called when no line ended): once,
   * or twice when a push first completes a held partial line (that line, then the rest). A
   * consumer that writes every line (the log file) formats a chunk in one native call instead of
   * one call per line; in the common case the text is a slice of the mapped chunk, so it costs
   * nothing to produce.
   */
  onText?: (text: string) => void;
}

export interface LineSplitter {
  /** Feeds a chunk; complete lines are passed to onLine synchronously, in order. */
  push(chunk: Uint8Array | string): void;
  /** Ends the input: emits the partial last line (output without a final newline). */
  flush(): void;
}

/** Where to cut a too-long line: at `max`, or one before so a surrogate pair stays whole. */
function cutAt(text: string, max: number): number {
  const code = text.charCodeAt(max - 1);
  return code >= 0xd800 && code <= 0xdbff ? max - 1 : max;
}

/**
 * Line ends are \n, \r\n and a bare \r (progress bars rewrite their line with \r: each state
 * becomes a line). Empty segments produced by \r are dropped; blank lines made by \n are kept.
 * A multi-byte UTF-8 character split across chunks is decoded whole.
 * Without `onLine` (a consumer of whole chunks only: the log, the headless output, the ring of
 * chunks) a chunk with no \r and no over-long line costs a map() and two searches: no line is cut out.
 */
export function createLineSplitter(
  onLine: ((line: string) => void) | undefined,
  options: LineSplitterOptions = {},
): LineSplitter {
  return new Splitter(onLine, options);
}

class Splitter implements LineSplitter {
  private readonly max: number;
  private readonly decoder = new StringDecoder('utf8');
  private readonly onText: ((text: string) => void) | undefined;
  private readonly map: ((text: string) => string) | undefined;
  private pending = '';
  /** The last chunk went through the decoder and ended inside a multi-byte character: it may hold its first bytes. */
  private decoderHolds = false;
  /** The previous character consumed was \r: a \n right after it ends nothing new (\r\n). */
  private afterCR = false;
  /**
   * The onText text of the current push, built line by line when it is not simply the mapped
   * chunk (a \r, a cut line, a \n that only completes a \r\n); undefined otherwise.
   */
  private built: string | undefined;

  constructor(
    private readonly onLine: ((line: string) => void) | undefined,
    options: LineSplitterOptions,
  ) {
    this.max = Math.max(2, options.maxLineLength ?? MAX_LINE_LENGTH);
    this.onText = options.onText;
    // onText needs the whole-lines path below: without a map it maps nothing.
    this.map = options.map ?? (this.onText === undefined ? undefined : (text: string) => text);
  }

  push(chunk: Uint8Array | string): void {
    const s = typeof chunk === 'string' ? chunk : this.decode(chunk);
    if (s.length > 0) this.feed(s);
  }

  /**
   * A chunk ending with a single-byte character holds no cut character: Buffer's own decoding
   * gives the same text in one native pass, as Latin-1 (a copy) when it is all ASCII, several
   * times faster than StringDecoder. The decoder is needed only while a character may be cut at
   * a chunk's end.
   */
  private decode(chunk: Uint8Array): string {
    const endsWhole = chunk.length === 0 || chunk[chunk.length - 1]! < 0x80;
    if (endsWhole && !this.decoderHolds) {
      const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
      return bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
    }
    this.decoderHolds = !endsWhole;
    return this.decoder.write(chunk);
  }

  flush(): void {
    const rest = this.decoder.end();
    if (rest.length > 0) this.feed(rest);
    if (this.pending.length > 0) {
      if (this.onText !== undefined) this.built = '';
      this.emit(this.map === undefined ? this.pending : this.map(this.pending));
      if (this.built !== undefined && this.built.length > 0) this.onText?.(this.built);
      this.built = undefined;
    }
    this.pending = '';
    this.afterCR = false;
  }

  private out(line: string): void {
    this.onLine?.(line);
    if (this.built !== undefined) this.built += line + '\n';
  }

  private emit(line: string): void {
    let rest = line;
    while (rest.length > this.max) {
      const cut = cutAt(rest, this.max);
      this.out(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    this.out(rest);
  }

  private appendPending(text: string): void {
    this.pending = this.pending.length > 0 ? this.pending + text : text;
    this.afterCR = false;
    // Bounded memory for endless lines: emit full pieces now, keep the remainder.
    while (this.pending.length > this.max) {
      const cut = cutAt(this.pending, this.max);
      const piece = this.pending.slice(0, cut);
      this.out(this.map === undefined ? piece : this.map(piece));
      this.pending = this.pending.slice(cut);
    }
  }

  /** Cuts `s` into lines at every line end; what follows the last one waits in `pending`. */
  private scan(s: string): void {
    const n = s.length;
    let pos = 0;
    let cr = s.indexOf('\r');
    while (pos < n) {
      const nl = s.indexOf('\n', pos);
      if (cr !== -1 && cr < pos) cr = s.indexOf('\r', pos);
      const isCR = cr !== -1 && (nl === -1 || cr < nl);
      const end = isCR ? cr : nl;
      if (end === -1) break;
      if (end > pos || this.pending.length > 0) {
        const line = this.pending.length > 0 ? this.pending + s.slice(pos, end) : s.slice(pos, end);
        this.pending = '';
        // A cut line is several lines: from here the onText text is built line by line (on the
        // map path pending was folded into s, so s up to pos is exactly the lines so far).
        if (line.length > this.max && this.onText !== undefined && this.built === undefined)
          this.built = s.slice(0, pos);
        this.emit(line);
      } else if (!isCR && !this.afterCR) {
        this.out(''); // a real blank line
      }
      this.afterCR = isCR;
      pos = end + 1;
    }
    if (pos < n) this.appendPending(pos === 0 ? s : s.slice(pos));
  }

  private feed(s: string): void {
    const map = this.map;
    if (map === undefined) return this.scan(s);
    // indexOf of one character is a fast forward search; lastIndexOf is a plain backward loop,
    // so only look backwards for \r in the rare chunks that contain one.
    const lastNL = s.lastIndexOf('\n');
    const hasCR = s.indexOf('\r') !== -1;
    // A partial line is held from the last chunk: its end (the first line end here) is passed on
    // first, as if it came alone, so the rest is mapped and passed on as a slice of the chunk,
    // not copied into one string with the held text.
    if (this.pending.length > 0 && !hasCR && !this.afterCR) {
      const first = s.indexOf('\n');
      if (first < lastNL) {
        this.feed(s.slice(0, first + 1));
        return this.feed(s.slice(first + 1));
      }
    }
    const last = hasCR ? Math.max(lastNL, s.lastIndexOf('\r')) : lastNL;
    // Without \r every \n ends exactly one line, so the mapped text is the onText text; with a
    // \r here, a \n completing the previous chunk's \r, or no line end at all (only pieces of
    // an endless line), the text is built line by line.
    if (this.onText !== undefined && (last === -1 || hasCR || this.afterCR)) this.built = '';
    let mapped: string | undefined;
    if (last !== -1) mapped = this.feedLines(s.slice(0, last + 1), map);
    if (last + 1 < s.length) {
      const tail = s.slice(last + 1);
      if (this.onText !== undefined && this.built === undefined && this.pending.length + tail.length > this.max)
        this.built = mapped ?? '';
      this.appendPending(tail);
    }
    if (this.onText === undefined) return;
    const text = this.built ?? mapped ?? '';
    this.built = undefined;
    if (text.length > 0) this.onText(text);
  }

  /** The held partial line plus the complete lines of a chunk, mapped in one call; returns the mapped text. */
  private feedLines(lines: string, map: (text: string) => string): string {
    const whole = this.pending.length > 0 ? this.pending + lines : lines;
    this.pending = '';
    const mapped = map(whole);
    if (
      this.built === undefined &&
      this.onText !== undefined &&
      mapped !== whole &&
      (mapped.indexOf('\r') !== -1 || mapped.charCodeAt(mapped.length - 1) !== 10)
    ) {
      this.built = ''; // the map changed the line ends: no longer the chunk's own
    }
    // Nobody wants single lines and the text is the chunk's own: unless a line is too long (the
    // first one, or anything after it when that is longer than a line may be), there is nothing to cut.
    if (this.onLine === undefined && this.built === undefined) {
      const firstNL = mapped.indexOf('\n');
      if (firstNL <= this.max && mapped.length - firstNL - 1 <= this.max) {
        this.afterCR = false;
        return mapped;
      }
    }
    this.scan(mapped);
    return mapped;
  }
}
