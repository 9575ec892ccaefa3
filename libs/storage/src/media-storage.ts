import { readFile, rm } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import type { KindlingConfig } from '@kindling/config';
import { queryFirst, queryRows } from '@kindling/db';
import type { DataSource, EntityManager } from 'typeorm';
import { writeFileDurably } from './durable-file.js';

/**
 * Where lesson media (images, PDFs) live: the same stores as certificate PDFs — PostgreSQL's
 * `stored_files` or a directory — chosen by the same setting. The interface is what an
 * S3-compatible store would implement (put by key with a content type, get by key, discard):
 * keys are content-addressed (`media/<course>/<sha256>.<ext>`), so a put of an existing key
 * writes the same bytes and is harmless.
 */
export interface MediaStorage {
  readonly kind: 'postgres' | 'directory';
  /** Inside the caller's transaction for PostgreSQL; durable before the commit for a directory. */
  put(em: EntityManager, key: string, bytes: Buffer, contentType: string): Promise<void>;
  get(key: string): Promise<Buffer | null>;
  /** Removes what `put` wrote outside the database (after a rollback, or with its course). */
  discard(key: string): Promise<void>;
}

export const MEDIA_STORAGE = Symbol('MEDIA_STORAGE');

const MEDIA_KEY = /^media\/[0-9a-f-]{36}\/[0-9a-f]{64}\.(png|jpg|webp|pdf)$/;

export function assertMediaKey(key: string): void {
  if (!MEDIA_KEY.test(key)) throw new Error(`invalid media key ${JSON.stringify(key)}`);
}

/** Ids and hashes only, never a user-supplied file name. */
export function mediaStorageKey(courseId: string, sha256: string, ext: 'png' | 'jpg' | 'webp' | 'pdf'): string {
  const key = `media/${courseId.toLowerCase()}/${sha256}.${ext}`;
  assertMediaKey(key);
  return key;
}

export class PostgresMediaStorage implements MediaStorage {
  readonly kind = 'postgres' as const;

  constructor(private readonly dataSource: DataSource) {}

  async put(em: EntityManager, key: string, bytes: Buffer, contentType: string): Promise<void> {
    assertMediaKey(key);
    await queryRows(em, `INSERT INTO stored_files (key, content_type, bytes) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING`, [key, contentType, bytes]);
  }

  async get(key: string): Promise<Buffer | null> {
    assertMediaKey(key);
    const row = await queryFirst<{ bytes: Buffer }>(this.dataSource, `SELECT bytes FROM stored_files WHERE key = $1`, [key]);
    return row?.bytes ?? null;
  }

  async discard(key: string): Promise<void> {
    assertMediaKey(key);
    await queryRows(this.dataSource, `DELETE FROM stored_files WHERE key = $1`, [key]);
  }
}

export class DirectoryMediaStorage implements MediaStorage {
  readonly kind = 'directory' as const;
  private readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  private pathOf(key: string): string {
    assertMediaKey(key);
    const path = resolve(this.root, key);
    if (!path.startsWith(this.root + sep)) throw new Error(`media key escapes the storage directory: ${key}`);
    return path;
  }

  async put(_em: EntityManager, key: string, bytes: Buffer): Promise<void> {
    await writeFileDurably(this.pathOf(key), bytes);
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
}

/** The configured store: the certificate store's setting (PDF_STORAGE) decides for media too. */
export function createMediaStorage(config: Pick<KindlingConfig, 'pdfStorage'>, dataSource: DataSource): MediaStorage {
  return config.pdfStorage.kind === 'directory' ? new DirectoryMediaStorage(config.pdfStorage.path) : new PostgresMediaStorage(dataSource);
}
