import { readFile, rm } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import type { KindlingConfig } from '@kindling/config';
import { queryFirst, queryRows } from '@kindling/db';
import type { DataSource, EntityManager } from 'typeorm';
import { writeFileDurably } from './durable-file.js';

/**
 * Where certificate PDFs live. `put` runs inside the issuing transaction: the PostgreSQL
 * store writes in that transaction; the directory store makes the file durable before the
 * commit, and the caller calls `discard` when the transaction fails. Either way a
 * certificate row never exists without its PDF.
 */
export interface PdfStorage {
  readonly kind: 'postgres' | 'directory';
  put(em: EntityManager, key: string, bytes: Buffer): Promise<void>;
  /**
   * For writers that store the PDF in the same single statement as its records (the database
   * function `issue_certificate`): the bytes that statement must insert into stored_files
   * (PostgreSQL), or null after writing the file durably here (directory; `discard` it when the
   * statement does not commit).
   */
  stage(key: string, bytes: Buffer): Promise<Buffer | null>;
  /** The stored bytes, or null when the key is unknown. */
  get(key: string): Promise<Buffer | null>;
  /** Removes what `put` wrote outside the database after the transaction failed (no-op for PostgreSQL). */
  discard(key: string): Promise<void>;
  /**
   * Removes a stored PDF for good (erasure of its holder, issue 18): PostgreSQL deletes it in
   * `em`'s transaction; the directory store deletes the file at once, so call it after the commit.
   */
  erase(em: EntityManager, key: string): Promise<void>;
}

export const PDF_STORAGE = Symbol('PDF_STORAGE');

/** Keys are built by the issuer from ids and numbers only; anything else is refused (no path traversal). */
const KEY_PATTERN = /^[a-z0-9-]+(\/[a-z0-9-]+)*\.pdf$/;

export function assertStorageKey(key: string): void {
  if (!KEY_PATTERN.test(key)) throw new Error(`invalid storage key ${JSON.stringify(key)}`);
}

/** The key of one document version: ids only, never user-supplied text. */
export function certificateStorageKey(certificateId: string, version: number): string {
  return `certificates/${certificateId.toLowerCase()}/v${version}.pdf`;
}

/** Its SQL stays here, not in a libs/db repository: stored_files is this store's own table, used by nothing else. */
export class PostgresPdfStorage implements PdfStorage {
  readonly kind = 'postgres' as const;

  constructor(private readonly dataSource: DataSource) {}

  async put(em: EntityManager, key: string, bytes: Buffer): Promise<void> {
    assertStorageKey(key);
    await queryRows(em, `INSERT INTO stored_files (key, content_type, bytes) VALUES ($1, 'application/pdf', $2)`, [key, bytes]);
  }

  async stage(key: string, bytes: Buffer): Promise<Buffer | null> {
    assertStorageKey(key);
    return bytes;
  }

  async get(key: string): Promise<Buffer | null> {
    assertStorageKey(key);
    const row = await queryFirst<{ bytes: Buffer }>(this.dataSource, `SELECT bytes FROM stored_files WHERE key = $1`, [key]);
    return row?.bytes ?? null;
  }

  async discard(): Promise<void> {
    // Written in the transaction: a rollback already removed it.
  }

  async erase(em: EntityManager, key: string): Promise<void> {
    assertStorageKey(key);
    await em.query(`DELETE FROM stored_files WHERE key = $1`, [key]);
  }
}

export class DirectoryPdfStorage implements PdfStorage {
  readonly kind = 'directory' as const;
  private readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  private pathOf(key: string): string {
    assertStorageKey(key);
    const path = resolve(this.root, key);
    if (!path.startsWith(this.root + sep)) throw new Error(`storage key escapes the storage directory: ${key}`);
    return path;
  }

  /** Temp file, fsync, rename, fsync the directory: the file is whole and durable before the commit. */
  async put(_em: EntityManager, key: string, bytes: Buffer): Promise<void> {
    await writeFileDurably(this.pathOf(key), bytes);
  }

  async stage(key: string, bytes: Buffer): Promise<Buffer | null> {
    await writeFileDurably(this.pathOf(key), bytes);
    return null;
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      return await readFile(this.pathOf(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async discard(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async erase(_em: EntityManager, key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }
}

/** The configured store: PostgreSQL by default, a directory with PDF_STORAGE=directory. */
export function createPdfStorage(config: Pick<KindlingConfig, 'pdfStorage'>, dataSource: DataSource): PdfStorage {
  return config.pdfStorage.kind === 'directory' ? new DirectoryPdfStorage(config.pdfStorage.path) : new PostgresPdfStorage(dataSource);
}
