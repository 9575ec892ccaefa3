import { readFile } from 'node:fs/promises';
import { shareFontWork } from './font-caches.js';

/** What pdfkit's `registerFont` accepts: bytes, a standard font name, or (pdfkit ≥ 0.20) a parsed fontkit font. */
export type FontSource = PDFKit.Mixins.PDFFontSource;

export interface FontPair {
  regular: FontSource;
  bold: FontSource;
}

/** The shipped fonts, resolved relative to this module (works from src/ and from dist/). */
export const FONT_FILES = {
  regular: new URL('../assets/fonts/DejaVuSans.ttf', import.meta.url),
  bold: new URL('../assets/fonts/DejaVuSans-Bold.ttf', import.meta.url),
  license: new URL('../assets/fonts/LICENSE-DejaVu.txt', import.meta.url),
} as const;

/** The 14 standard PDF fonts (WinAnsi only): used by the bare benchmark renderer. */
export const HELVETICA: FontPair = { regular: 'Helvetica', bold: 'Helvetica-Bold' };

interface FontkitFont {
  layout(text: string): unknown;
  postscriptName: string;
  /** fontkit's per-font glyph cache (see `DocumentFonts.beginDocument`). */
  _glyphs?: unknown;
}
interface FontkitModule {
  create(data: Uint8Array, postscriptName?: string): FontkitFont;
}

function isFontkitModule(m: unknown): m is FontkitModule {
  return typeof m === 'object' && m !== null && typeof (m as { create?: unknown }).create === 'function';
}

/**
 * fontkit is pdfkit's own font parser (a dependency of pdfkit, same instance pdfkit uses).
 * Parsing DejaVu Sans costs ~10 ms per font; pdfkit would do it again for every document
 * given the bytes. pdfkit 0.20 accepts an already-parsed fontkit Font, so we parse once.
 * The specifier is a variable so the type checker does not require fontkit's typings.
 */
async function loadFontkit(): Promise<FontkitModule | null> {
  const specifier = 'fontkit';
  try {
    const mod: unknown = await import(specifier);
    if (isFontkitModule(mod)) return mod;
    const fallback: unknown = (mod as { default?: unknown }).default;
    return isFontkitModule(fallback) ? fallback : null;
  } catch {
    return null;
  }
}

/** Unit (1 pt) string widths, shared across documents: a pure function of font and text. */
export class WidthCache {
  private readonly map = new Map<string, number>();
  constructor(private readonly maxEntries = 20_000) {}
  get(key: string): number | undefined {
    return this.map.get(key);
  }
  set(key: string, width: number): void {
    if (this.map.size >= this.maxEntries) this.map.clear();
    this.map.set(key, width);
  }
}

/** Fonts for one kind of document, plus the hook to call before each new document. */
export interface DocumentFonts {
  fonts: FontPair;
  /** true when the fonts are parsed once and shared by all documents (the fast path). */
  parsedOnce: boolean;
  widths: WidthCache;
  /**
   * Called before drawing each document. fontkit caches Glyph objects per font, and a cached
   * glyph keeps the code points it was first created with: a glyph first met as a component of
   * a composite (the "S" inside "Ş" while subsetting) has none, so a later document would map
   * it to no character in its ToUnicode table (text extraction loses the "S") and the bytes
   * would depend on earlier jobs. Emptying that cache per document gives each document exactly
   * the glyph state of a freshly parsed font, so the output is byte-identical to pdfkit's own
   * parse-per-document path, while the parsed tables (cmap, GSUB, GPOS, hmtx, …) stay warm.
   */
  beginDocument(): void;
}

const noop = (): void => undefined;

/** Standard PDF fonts need no per-document work. */
export const HELVETICA_FONTS: DocumentFonts = { fonts: HELVETICA, parsedOnce: false, widths: new WidthCache(), beginDocument: noop };

function isResettable(f: FontkitFont): boolean {
  return (
    typeof f.layout === 'function' &&
    typeof f._glyphs === 'object' &&
    f._glyphs !== null
  );
}

/**
 * Reads the fonts once. With `parseOnce` (the default) they are also parsed once and shared;
 * otherwise pdfkit parses the bytes for each document (slower, same output).
 */
export async function loadFonts(files: { regular: URL; bold: URL } = FONT_FILES, parseOnce = true): Promise<DocumentFonts> {
  const [regular, bold] = await Promise.all([readFile(files.regular), readFile(files.bold)]);
  const bytesOnly: DocumentFonts = { fonts: { regular, bold }, parsedOnce: false, widths: new WidthCache(), beginDocument: noop };
  if (!parseOnce) return bytesOnly;
  const fontkit = await loadFontkit();
  // Still correct without fontkit, only slower: pdfkit then parses the bytes for each document.
  if (!fontkit) return bytesOnly;
  const parsed = [fontkit.create(regular), fontkit.create(bold)] as const;
  // An unknown fontkit shape: sharing parsed fonts could not be made safe, so do not.
  if (!parsed.every(isResettable)) return bytesOnly;
  // Decoded outlines and shaped words are kept across documents too (see font-caches.ts).
  shareFontWork(parsed, (f) => (f as FontkitFont & { getGlyph(id: number): unknown }).getGlyph(0));
  return {
    // pdfkit ≥ 0.20 takes parsed fontkit fonts (its typings do not list them yet).
    fonts: { regular: parsed[0] as unknown as FontSource, bold: parsed[1] as unknown as FontSource },
    parsedOnce: true,
    widths: new WidthCache(),
    beginDocument: () => {
      for (const f of parsed) f._glyphs = {};
    },
  };
}
