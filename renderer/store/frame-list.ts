// How this works: one direction's frames, held compactly. A response of a million small chunks has
// three million frames; as objects they took about 100 bytes each of the page's heap (and every
// garbage collection walked them). Nearly all of them are a kind and two offsets (chunk data, CRLFs,
// body bytes, chunk-size lines without extensions), so those live in typed arrays, 25 bytes each,
// outside the collected heap; the few that carry text (start lines, header and trailer fields,
// chunk-size lines with extensions) are kept as objects beside them. at(i) makes the frame object
// again when a view needs one (the visible rows, the selected frame); start(i), end(i) and kind(i)
// read the arrays without making anything. The list only grows (push), in place.
import type { Frame } from '../../shared/frames';
import { doubled } from '../lib/doubled';

/** The kinds held in the arrays alone; anything else is kept as its object (OBJECT). */
const COMPACT = [
  'body',
  'chunk-data',
  'chunk-end',
  'body-end',
  'head-end',
  'blank-line',
  'chunk-size',
  'extraneous',
] as const;
type CompactKind = (typeof COMPACT)[number];
const CODE = new Map<string, number>(COMPACT.map((kind, code) => [kind, code]));
const CHUNK_SIZE = CODE.get('chunk-size')!;
const OBJECT = 255;
/** Frames made again that at() keeps (more than a screen of rows). */
const MADE_KEPT = 1024;

export class FrameList {
  private count = 0;
  private kinds: Uint8Array<ArrayBuffer>;
  private starts: Float64Array<ArrayBuffer>;
  private ends: Float64Array<ArrayBuffer>;
  /** A chunk-size line's size (other kinds leave 0). */
  private sizes: Float64Array<ArrayBuffer>;
  private readonly objects = new Map<number, Frame>();
  /**
   * Frames made again lately, so that the same index gives the same object while it is in view (memoized rows stay
   * put).
   */
  private made = new Map<number, Frame>();

  constructor(capacity = 64) {
    this.kinds = new Uint8Array(capacity);
    this.starts = new Float64Array(capacity);
    this.ends = new Float64Array(capacity);
    this.sizes = new Float64Array(capacity);
  }

  static from(frames: Iterable<Frame>): FrameList {
    const list = new FrameList();
    for (const frame of frames) list.push(frame);
    return list;
  }

  get length(): number {
    return this.count;
  }

  /** Adds a frame at the end; returns its index. */
  push(frame: Frame): number {
    const index = this.count;
    if (index === this.kinds.length) this.grow();
    const code = frame.kind === 'chunk-size' && frame.extensions.length > 0 ? OBJECT : (CODE.get(frame.kind) ?? OBJECT);
    this.kinds[index] = code;
    this.starts[index] = frame.start;
    this.ends[index] = frame.end;
    if (code === CHUNK_SIZE) this.sizes[index] = (frame as Extract<Frame, { kind: 'chunk-size' }>).size;
    else if (code === OBJECT) this.objects.set(index, frame);
    this.count++;
    return index;
  }

  /** Frame `index` as an object (a new one for compact kinds), or undefined past the end. */
  at(index: number): Frame | undefined {
    if (!(index >= 0 && index < this.count)) return undefined;
    const code = this.kinds[index]!;
    if (code === OBJECT) return this.objects.get(index);
    const known = this.made.get(index);
    if (known) return known;
    const kind = COMPACT[code]!;
    const start = this.starts[index]!;
    const end = this.ends[index]!;
    const frame: Frame =
      kind === 'chunk-size'
        ? { kind, start, end, size: this.sizes[index]!, extensions: [] }
        : ({ kind, start, end } as Extract<Frame, { kind: Exclude<CompactKind, 'chunk-size'> }>);
    if (this.made.size >= MADE_KEPT) this.made = new Map();
    this.made.set(index, frame);
    return frame;
  }

  start(index: number): number {
    return this.starts[index]!;
  }

  end(index: number): number {
    return this.ends[index]!;
  }

  kind(index: number): Frame['kind'] {
    const code = this.kinds[index]!;
    return code === OBJECT ? this.objects.get(index)!.kind : COMPACT[code]!;
  }

  *[Symbol.iterator](): IterableIterator<Frame> {
    for (let i = 0; i < this.count; i++) yield this.at(i)!;
  }

  private grow(): void {
    this.kinds = doubled(this.kinds);
    this.starts = doubled(this.starts);
    this.ends = doubled(this.ends);
    this.sizes = doubled(this.sizes);
  }
}
