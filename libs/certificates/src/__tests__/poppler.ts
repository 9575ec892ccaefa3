import { execFile, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const UTC = { ...process.env, TZ: 'UTC', LC_ALL: 'C.UTF-8' };

/** The commands these helpers run, with the Debian package that provides each. */
export const PDF_TOOLS = { pdftotext: 'poppler-utils', pdfinfo: 'poppler-utils', pdftoppm: 'poppler-utils', zbarimg: 'zbar-tools' } as const;

const onPath = (command: string) => spawnSync('/bin/sh', ['-c', `command -v ${command}`], { stdio: 'ignore', env: process.env }).status === 0;

/**
 * Why the PDF and QR tests cannot run here, or null when they can. `npm test` installs the
 * packages when it may (root or passwordless sudo) and otherwise reports the suites that use
 * PdfTools as SKIPPED (scripts/lib.mjs, suitesNeeding); run directly, they fail with this reason.
 */
export function pdfToolsMissing(): string | null {
  const missing = Object.keys(PDF_TOOLS).filter((c) => !onPath(c));
  if (missing.length === 0) return null;
  const packages = [...new Set(missing.map((c) => PDF_TOOLS[c as keyof typeof PDF_TOOLS]))];
  return `${missing.join(', ')} not installed: install with \`sudo apt-get install -y ${packages.join(' ')}\`; npm test installs them when it can and otherwise skips these suites`;
}

/** A scratch directory under os.tmpdir(); call `cleanup()` in afterAll. */
export class PdfTools {
  private constructor(private readonly dir: string) {}
  private seq = 0;

  static async create(): Promise<PdfTools> {
    const missing = pdfToolsMissing();
    if (missing) throw new Error(missing);
    return new PdfTools(await mkdtemp(join(tmpdir(), 'kindling-certificates-')));
  }

  async cleanup(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }

  private async save(pdf: Buffer): Promise<string> {
    const file = join(this.dir, `doc-${++this.seq}.pdf`);
    await writeFile(file, pdf);
    return file;
  }

  /** `pdftotext -layout` output. */
  async text(pdf: Buffer): Promise<string> {
    const file = await this.save(pdf);
    const { stdout } = await run('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { env: UTC, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  }

  /** `pdfinfo -isodates` as a key → value map. */
  async info(pdf: Buffer): Promise<Record<string, string>> {
    const file = await this.save(pdf);
    const { stdout } = await run('pdfinfo', ['-isodates', file], { env: UTC });
    const out: Record<string, string> = {};
    for (const line of stdout.split('\n')) {
      const m = /^([^:]+):\s*(.*)$/.exec(line);
      if (m?.[1] && m[2] !== undefined) out[m[1].trim()] = m[2].trim();
    }
    return out;
  }

  /** The XMP metadata stream (`pdfinfo -meta`), empty when there is none. */
  async xmp(pdf: Buffer): Promise<string> {
    const file = await this.save(pdf);
    const { stdout } = await run('pdfinfo', ['-meta', file], { env: UTC });
    return stdout;
  }

  /** The structure tree with its text (`pdfinfo -struct-text`). */
  async structure(pdf: Buffer): Promise<string> {
    const file = await this.save(pdf);
    const { stdout } = await run('pdfinfo', ['-struct-text', file], { env: UTC, maxBuffer: 16 * 1024 * 1024 });
    return stdout;
  }

  /** Names of the embedded files (`pdfdetach -list`). */
  async attachments(pdf: Buffer): Promise<string[]> {
    const file = await this.save(pdf);
    const { stdout } = await run('pdfdetach', ['-list', '-enc', 'UTF-8', file], { env: UTC });
    return stdout.split('\n').slice(1).map((l) => l.replace(/^\d+:\s*/, '').trim()).filter((l) => l.length > 0);
  }

  /** Extracts the embedded file `name` with `pdfdetach -savefile` and returns its bytes. */
  async detach(pdf: Buffer, name: string): Promise<Buffer> {
    const file = await this.save(pdf);
    const out = `${file}-${++this.seq}.out`;
    await run('pdfdetach', ['-savefile', name, '-o', out, file], { env: UTC });
    return readFile(out);
  }

  /** Page size in whole points, e.g. "842 x 595". */
  async pageSize(pdf: Buffer): Promise<string> {
    const size = (await this.info(pdf))['Page size'] ?? '';
    const m = /^([\d.]+) x ([\d.]+) pts/.exec(size);
    if (!m?.[1] || !m[2]) throw new Error(`unexpected page size: ${size}`);
    return `${Math.round(Number(m[1]))} x ${Math.round(Number(m[2]))}`;
  }

  /** Rasterises page 1 at 150 dpi and returns every QR code zbarimg finds (raw, in order). */
  async qrCodes(pdf: Buffer): Promise<string[]> {
    const file = await this.save(pdf);
    const prefix = `${file}-page`;
    await run('pdftoppm', ['-r', '150', '-png', '-f', '1', '-l', '1', file, prefix]);
    const png = (await readdir(this.dir)).filter((f) => join(this.dir, f).startsWith(prefix) && f.endsWith('.png'));
    if (png.length !== 1 || !png[0]) throw new Error(`pdftoppm produced ${png.length} images`);
    try {
      const { stdout } = await run('zbarimg', ['--raw', '-q', join(this.dir, png[0])]);
      return stdout.split('\n').filter((l) => l.length > 0);
    } catch (e) {
      // zbarimg exits with status 4 when it finds no symbol.
      if ((e as { code?: unknown }).code === 4) return [];
      throw e;
    }
  }
}
