import PDFDocument from 'pdfkit';

/**
 * Two caches shared by every document that uses the fonts parsed once (`loadFonts`), so the work
 * a certificate repeats for text it has in common with the ones before (the labels of its
 * language, the organisation, the course, most of each name's letters) is done once per process:
 *
 * - **Decoded glyph outlines.** Subsetting a font decodes each glyph it copies (fontkit's
 *   `TTFGlyph._decode`: the points of a simple glyph, the parts of a composite one). The result
 *   is a pure function of the font's bytes and the glyph id, so it is kept per parsed font.
 *   (Fonts with variations are left alone: their outlines depend on the chosen instance.)
 * - **Shaped words.** pdfkit shapes text word by word and caches the runs per document
 *   (`EmbeddedFont.layoutCached`). Those runs are kept per parsed font across documents — but
 *   only runs in which each glyph stands for exactly one code point of the word, in order: the
 *   glyphs' code points go into the PDF's ToUnicode map (what text extraction and screen readers
 *   read), and for such runs they follow from the word alone, never from what a previous document
 *   met first. Ligatures and other many-to-one runs are shaped per document as before.
 *
 * Both reach into pdfkit's and fontkit's internals, so each is installed only when the shape it
 * expects is there; otherwise rendering is unchanged, only slower. The renderer's tests compare
 * the bytes with pdfkit's own parse-per-document path, which uses neither cache.
 */

interface Decodable {
  id: number;
  _font: object;
  _decode(): unknown;
}
interface Glyph {
  codePoints: number[];
}
interface LayoutRun {
  glyphs: Glyph[];
}
interface EmbeddedFontLike {
  font: object;
  layoutRun(text: string): LayoutRun;
  layoutCached(text: string): LayoutRun;
}

/** Bounded: a long-running worker meets new names all the time. */
const MAX_WORDS_PER_FONT = 50_000;

const decoded = new WeakMap<object, Map<number, unknown>>();
const shaped = new WeakMap<object, Map<string, LayoutRun>>();
let glyphPatched = false;
let layoutPatched = false;

/** Registers parsed fontkit fonts for both caches. Safe to call more than once. */
export function shareFontWork(fonts: readonly object[], sampleGlyph: (font: object) => unknown): void {
  for (const font of fonts) {
    if ((font as { _variationProcessor?: unknown })._variationProcessor) continue;
    if (!decoded.has(font)) decoded.set(font, new Map());
    if (!shaped.has(font)) shaped.set(font, new Map());
  }
  if (!glyphPatched && fonts[0]) glyphPatched = patchGlyphDecode(sampleGlyph(fonts[0]));
  if (!layoutPatched && fonts[0]) layoutPatched = patchLayoutCache(fonts[0]);
}

function patchGlyphDecode(glyph: unknown): boolean {
  if (typeof glyph !== 'object' || glyph === null) return false;
  const proto = Object.getPrototypeOf(glyph) as Partial<Decodable> | null;
  if (!proto || typeof proto._decode !== 'function') return false;
  const original = proto._decode;
  proto._decode = function (this: Decodable): unknown {
    const cache = decoded.get(this._font);
    if (!cache) return original.call(this);
    if (cache.has(this.id)) return cache.get(this.id);
    const value = original.call(this);
    cache.set(this.id, value);
    return value;
  };
  return true;
}

function patchLayoutCache(font: object): boolean {
  // pdfkit's EmbeddedFont class is not exported: reach it through a document's font.
  const doc = new PDFDocument({ font: '', autoFirstPage: false });
  doc.registerFont('probe', font as unknown as PDFKit.Mixins.PDFFontSource);
  doc.font('probe');
  const embedded = (doc as unknown as { _font?: unknown })._font;
  if (typeof embedded !== 'object' || embedded === null) return false;
  const proto = Object.getPrototypeOf(embedded) as Partial<EmbeddedFontLike> | null;
  if (!proto || typeof proto.layoutCached !== 'function' || typeof proto.layoutRun !== 'function') return false;
  const original = proto.layoutCached;
  proto.layoutCached = function (this: EmbeddedFontLike, text: string): LayoutRun {
    const cache = shaped.get(this.font);
    if (!cache) return original.call(this, text);
    const hit = cache.get(text);
    if (hit) return hit;
    const run = this.layoutRun(text);
    if (oneGlyphPerCodePoint(run, text)) {
      if (cache.size >= MAX_WORDS_PER_FONT) cache.clear();
      cache.set(text, run);
    }
    return run;
  };
  return true;
}

function oneGlyphPerCodePoint(run: LayoutRun, text: string): boolean {
  let i = 0;
  for (const ch of text) {
    const glyph = run.glyphs[i++];
    if (!glyph || glyph.codePoints.length !== 1 || glyph.codePoints[0] !== ch.codePointAt(0)) return false;
  }
  return i === run.glyphs.length;
}
