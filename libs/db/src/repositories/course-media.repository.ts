import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { queryFirst, queryRows } from '../sql.js';

type Db = EntityManager | DataSource;

export type CourseMediaType = 'image/png' | 'image/jpeg' | 'image/webp' | 'application/pdf';

export interface CourseMediaRow {
  id: string;
  course_id: string;
  sha256: string;
  kind: 'image' | 'pdf';
  content_type: CourseMediaType;
  byte_size: number;
  width: number | null;
  height: number | null;
  file_name: string;
  storage_key: string;
  created_at: Date;
}

export interface NewCourseMedia {
  courseId: string;
  sha256: string;
  kind: 'image' | 'pdf';
  contentType: CourseMediaType;
  byteSize: number;
  width: number | null;
  height: number | null;
  fileName: string;
  storageKey: string;
  uploadedBy: string;
}

const COLUMNS = 'id, course_id, sha256, kind, content_type, byte_size, width, height, file_name, storage_key, created_at';

/** Lesson media of a course: immutable rows, one per distinct content per course. */
@Injectable()
export class CourseMediaRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Inserts the row, or answers the existing one for the same bytes (`created: false`). */
  async insertOrExisting(m: NewCourseMedia, db: Db = this.dataSource): Promise<{ row: CourseMediaRow; created: boolean }> {
    const inserted = await queryFirst<CourseMediaRow>(
      db,
      `INSERT INTO course_media (course_id, sha256, kind, content_type, byte_size, width, height, file_name, storage_key, uploaded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (course_id, sha256) DO NOTHING
       RETURNING ${COLUMNS}`,
      [m.courseId, m.sha256, m.kind, m.contentType, m.byteSize, m.width, m.height, m.fileName, m.storageKey, m.uploadedBy],
    );
    if (inserted) return { row: inserted, created: true };
    const existing = await queryFirst<CourseMediaRow>(db, `SELECT ${COLUMNS} FROM course_media WHERE course_id = $1 AND sha256 = $2`, [m.courseId, m.sha256]);
    return { row: existing!, created: false };
  }

  /** The media of a course, newest first (for its authors). */
  async ofCourse(courseId: string): Promise<CourseMediaRow[]> {
    return queryRows<CourseMediaRow>(this.dataSource, `SELECT ${COLUMNS} FROM course_media WHERE course_id = $1 ORDER BY created_at DESC, id`, [courseId]);
  }

  async byId(id: string): Promise<CourseMediaRow | null> {
    return queryFirst<CourseMediaRow>(this.dataSource, `SELECT ${COLUMNS} FROM course_media WHERE id = $1`, [id]);
  }

  async byKey(storageKey: string): Promise<CourseMediaRow | null> {
    return queryFirst<CourseMediaRow>(this.dataSource, `SELECT ${COLUMNS} FROM course_media WHERE storage_key = $1 LIMIT 1`, [storageKey]);
  }

  /** The storage keys of a course's media (to remove the bytes with the course). */
  async storageKeysOfCourse(courseId: string, db: Db = this.dataSource): Promise<string[]> {
    const rows = await queryRows<{ storage_key: string }>(db, `SELECT storage_key FROM course_media WHERE course_id = $1`, [courseId]);
    return rows.map((r) => r.storage_key);
  }
}
