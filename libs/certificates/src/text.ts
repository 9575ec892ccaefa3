import type { WidthCache } from './fonts.js';

/** Upper bound on any printed field, so absurd input cannot make layout slow. */
const MAX_FIELD_LENGTH = 600;

/**
 * Makes arbitrary input safe to lay out as a single paragraph: NFC (so "e" + combining
 * diaeresis uses the font's precomposed glyph), control characters and line breaks become
 * spaces, runs of white space collapse. Nothing is interpreted: `<script>` stays literal text.
 */
export function cleanText(input: string | null | undefined): string {
  if (input == null) return '';
  const s = String(input)
    .normalize('NFC')
    // C0/C1 controls, line/paragraph separators, BOM, and bidi embeddings/overrides/isolates.
    .replace(/[\p{Cc}\p{Zl}\p{Zp}\ufeff\u202a-\u202e\u2066-\u2069]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return s.length > MAX_FIELD_LENGTH ? `${s.slice(0, MAX_FIELD_LENGTH - 1)}…` : s;
}

/**
 * A document plus a cross-document cache of string widths. Widths scale linearly with the
 * font size, so they are measured once at 1 pt; a miss lays the text out through the
 * document (pdfkit caches the runs, which drawing then reuses).
 */
export class Typesetter {
  constructor(
    readonly doc: PDFKit.PDFDocument,
    private readonly widths: WidthCache,
  ) {}

  /** Width of `text` in `font` at 1 pt. */
  unitWidth(font: string, text: string): number {
    const key = `${font}\u0000${text}`;
    let w = this.widths.get(key);
    if (w === undefined) {
      w = this.doc.font(font).fontSize(1).widthOfString(text);
      this.widths.set(key, w);
    }
    return w;
  }
}

export interface FitOptions {
  /** Registered font name. */
  font: string;
  maxSize: number;
  minSize: number;
  maxWidth: number;
  maxHeight: number;
  maxLines: number;
  /** Line pitch as a multiple of the font size (default 1.2). */
  lineHeight?: number;
  /** Prefer one line, shrinking down to this size, before wrapping onto more lines. */
  singleLineMin?: number;
  /** Size decrement while searching (default 0.5 pt). */
  step?: number;
}

export interface FittedText {
  font: string;
  size: number;
  lines: string[];
  /** Distance between baselines. */
  pitch: number;
  /** Height of the block: lines × pitch. */
  height: number;
}

/**
 * Chooses the largest size (and line breaks) so that `text` fits the box: it never overflows,
 * whatever the input. Below `minSize` words are broken and the last line is ellipsised.
 * Widths scale linearly with size, so words are measured once at 1 pt.
 */
export function fitText(ts: Typesetter, text: string, o: FitOptions): FittedText {
  const lh = o.lineHeight ?? 1.2;
  const step = o.step ?? 0.5;
  const result = (size: number, lines: string[]): FittedText => ({
    font: o.font,
    size,
    lines,
    pitch: size * lh,
    height: lines.length * size * lh,
  });
  const words = text.split(' ').filter((w) => w.length > 0);
  if (words.length === 0) return result(o.maxSize, []);

  const unit = words.map((w) => ts.unitWidth(o.font, w));
  const space = ts.unitWidth(o.font, ' ');
  const allowedLines = (size: number, maxLines: number): number =>
    Math.min(maxLines, Math.max(1, Math.floor(o.maxHeight / (size * lh) + 1e-9)));

  const wrap = (size: number, maxLines: number): string[] | null => {
    const allowed = allowedLines(size, maxLines);
    const limit = o.maxWidth / size;
    const lines: string[] = [];
    let current: string[] = [];
    let width = 0;
    for (let i = 0; i < words.length; i++) {
      const w = unit[i] ?? 0;
      if (w > limit) return null;
      if (current.length === 0) {
        current = [words[i] ?? ''];
        width = w;
      } else if (width + space + w <= limit) {
        current.push(words[i] ?? '');
        width += space + w;
      } else {
        lines.push(current.join(' '));
        if (lines.length >= allowed) return null;
        current = [words[i] ?? ''];
        width = w;
      }
    }
    if (current.length > 0) lines.push(current.join(' '));
    return lines;
  };
  // Kerning across word boundaries can differ slightly from the sum of the parts: check for real.
  const fits = (size: number, lines: string[]): boolean => lines.every((l) => ts.unitWidth(o.font, l) * size <= o.maxWidth + 0.01);
  const search = (maxLines: number, from: number, to: number): FittedText | null => {
    for (let size = from; size >= to - 1e-9; size -= step) {
      const lines = wrap(size, maxLines);
      if (lines && fits(size, lines)) return result(size, lines);
    }
    return null;
  };

  // Start single-line search at the size where the whole text would just fit.
  const total = unit.reduce((a, b) => a + b, 0) + space * (words.length - 1);
  const direct = Math.min(o.maxSize, Math.floor((o.maxWidth / total) / step) * step);
  if (o.singleLineMin !== undefined && direct >= o.singleLineMin) {
    const one = search(1, direct, o.singleLineMin);
    if (one) return one;
  }
  const many = search(o.maxLines, o.maxSize, o.minSize);
  if (many) return many;
  return result(o.minSize, truncateToFit(ts, words, o, allowedLines(o.minSize, o.maxLines)));
}

/** Last resort at minimum size: break over-long words by character and ellipsise what is left. */
function truncateToFit(ts: Typesetter, words: string[], o: FitOptions, allowed: number): string[] {
  const w = (s: string): number => ts.unitWidth(o.font, s) * o.minSize;
  const pieces: string[] = [];
  for (const word of words) {
    if (w(word) <= o.maxWidth) {
      pieces.push(word);
      continue;
    }
    // Sum of per-character widths (kerning ignored, hence the 2% margin): linear, not quadratic.
    let chunk = '';
    let chunkWidth = 0;
    for (const ch of word) {
      const cw = w(ch);
      if (chunk && chunkWidth + cw > o.maxWidth * 0.98) {
        pieces.push(chunk);
        chunk = ch;
        chunkWidth = cw;
      } else {
        chunk += ch;
        chunkWidth += cw;
      }
    }
    if (chunk) pieces.push(chunk);
  }
  const lines: string[] = [];
  let current = '';
  for (const p of pieces) {
    const candidate = current ? `${current} ${p}` : p;
    if (!current || w(candidate) <= o.maxWidth) {
      current = candidate;
    } else {
      lines.push(current);
      current = p;
    }
  }
  if (current) lines.push(current);
  if (lines.length > allowed) {
    lines.length = allowed;
    let last = Array.from(lines[allowed - 1] ?? '');
    while (last.length > 0 && w(`${last.join('').trimEnd()}…`) > o.maxWidth) last = last.slice(0, -1);
    lines[allowed - 1] = `${last.join('').trimEnd()}…`;
  }
  return lines;
}

export type Align = 'left' | 'center' | 'right';

/**
 * Draws fitted lines starting at top `y`, aligned within [x, x + width]. Uses
 * `lineBreak: false` so pdfkit never wraps or adds a page on its own.
 */
export function drawLines(ts: Typesetter, t: FittedText, x: number, y: number, width: number, align: Align, color: string): void {
  t.lines.forEach((line, i) => {
    const lw = ts.unitWidth(t.font, line) * t.size;
    const lx = align === 'left' ? x : align === 'right' ? x + width - lw : x + (width - lw) / 2;
    ts.doc.font(t.font).fontSize(t.size).fillColor(color).text(line, lx, y + i * t.pitch, { lineBreak: false });
  });
}

/** One line of text at a fixed size (shrunk only if it would not fit `maxWidth`). */
export function drawLine(
  ts: Typesetter,
  text: string,
  o: { font: string; size: number; minSize?: number; x: number; y: number; width: number; align: Align; color: string },
): FittedText {
  const fitted = fitText(ts, text, {
    font: o.font,
    maxSize: o.size,
    minSize: o.minSize ?? Math.min(o.size, 6),
    maxWidth: o.width,
    maxHeight: o.size * 1.2,
    maxLines: 1,
  });
  drawLines(ts, fitted, o.x, o.y, o.width, o.align, o.color);
  return fitted;
}
