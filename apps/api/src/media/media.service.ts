import { Inject, Injectable } from '@nestjs/common';
import { DomainError, isUuid, msg, notFound } from '@kindling/common';
import { CourseMediaRepository, type CourseMediaRow } from '@kindling/db';
import { MEDIA_STORAGE, type MediaStorage, mediaStorageKey } from '@kindling/storage';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/index.js';
import { authorScopeOf } from '../common/auth/access.service.js';
import { CourseDraftService } from '../courses/course-drafts.js';
import type { MediaView } from './dto/media.dto.js';
import { cleanFileName, prepareMedia } from './media-files.js';

export interface UploadedMedia {
  buffer: Buffer;
  originalname?: string;
}

/** The URL a lesson body uses for a media item (relative: Kindling's own origin). */
export const mediaUrl = (id: string): string => `/api/media/${id}`;

const markdownFor = (row: CourseMediaRow): string => {
  const label = row.file_name.replace(/\.[a-z0-9]+$/i, '').replace(/[[\]\\]/g, '');
  return row.kind === 'image' ? `![${label}](${mediaUrl(row.id)})` : `[${label} (PDF)](${mediaUrl(row.id)})`;
};

export function mediaView(row: CourseMediaRow): MediaView {
  return {
    id: row.id,
    url: mediaUrl(row.id),
    kind: row.kind,
    contentType: row.content_type,
    byteSize: row.byte_size,
    width: row.width,
    height: row.height,
    fileName: row.file_name,
    sha256: row.sha256,
    markdown: markdownFor(row),
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/** Images and PDFs for a course's lessons: uploaded by its authors, read by them and its enrolled learners. */
@Injectable()
export class MediaService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly media: CourseMediaRepository,
    private readonly drafts: CourseDraftService,
    @Inject(MEDIA_STORAGE) private readonly storage: MediaStorage,
  ) {}

  async upload(actor: Actor, courseId: string, file: UploadedMedia | undefined): Promise<{ view: MediaView; created: boolean }> {
    const scope = authorScopeOf(actor);
    if (!file) throw new DomainError('invalid', msg('authoring1.media.missing'));
    // Decoded and re-encoded before any transaction is opened.
    const prepared = await prepareMedia(file.buffer);
    const key = mediaStorageKey(courseId, prepared.sha256, prepared.ext);
    try {
      return await this.dataSource.transaction(async (em) => {
        await this.drafts.lockEditable(courseId, scope, em);
        const { row, created } = await this.media.insertOrExisting(
          {
            courseId,
            sha256: prepared.sha256,
            kind: prepared.kind,
            contentType: prepared.contentType,
            byteSize: prepared.bytes.length,
            width: prepared.width,
            height: prepared.height,
            fileName: cleanFileName(file.originalname, prepared.ext),
            storageKey: key,
            uploadedBy: actor.userId,
          },
          em,
        );
        if (created) await this.storage.put(em, key, prepared.bytes, prepared.contentType);
        return { view: mediaView(row), created };
      });
    } catch (error) {
      // A directory store wrote the file before the commit; the same key may belong to an earlier upload, so only a new row's file goes.
      if (this.storage.kind === 'directory' && !(await this.media.byKey(key))) await this.storage.discard(key);
      throw error;
    }
  }

  async list(actor: Actor, courseId: string): Promise<MediaView[]> {
    authorScopeOf(actor);
    return (await this.media.ofCourse(courseId)).map(mediaView);
  }

  /** The bytes; the route's access rule already decided who may read them. */
  async read(id: string): Promise<{ row: CourseMediaRow; bytes: Buffer }> {
    if (!isUuid(id)) throw notFound('media');
    const row = await this.media.byId(id);
    if (!row) throw notFound('media');
    const bytes = await this.storage.get(row.storage_key);
    if (!bytes) throw notFound('media');
    return { row, bytes };
  }
}
