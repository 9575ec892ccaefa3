import { Injectable } from '@nestjs/common';
import { CourseItemsRepository, DraftDeletionsRepository, type LessonChanges, type LessonContent } from '@kindling/db';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/index.js';
import { authorScopeOf } from '../common/auth/access.service.js';
import { CourseDraftService, editedRow } from './course-drafts.js';
import { lessonView } from './course-views.js';
import type { CreateLessonDto, UpdateLessonDto } from './dto/lesson.dto.js';
import type { LessonOrderDto } from './dto/module.dto.js';
import type { LessonOrderView, LessonView, PositionedView } from './dto/responses.js';
import { renderLessonHtml } from './lesson-markdown.js';

/** A lesson as the routes and the course seeds give it. */
export interface LessonFields {
  title: string;
  body: string;
  minutes?: number | null;
  videoUrl?: string | null;
  videoText?: string | null;
}

/** What is stored for a lesson: the title trimmed, the Markdown body with its sanitised HTML. */
export function lessonContent(lesson: LessonFields): LessonContent {
  return {
    title: lesson.title.trim(),
    body: lesson.body,
    bodyHtml: renderLessonHtml(lesson.body),
    videoUrl: lesson.videoUrl ?? null,
    videoText: lesson.videoText?.trim() ? lesson.videoText.trim() : null,
    minutes: lesson.minutes ?? null,
  };
}

/** Writing lessons on the course's draft (see course-drafts.ts). */
@Injectable()
export class LessonAuthoringService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly drafts: CourseDraftService,
    private readonly items: CourseItemsRepository,
    private readonly deletions: DraftDeletionsRepository,
  ) {}

  async addLesson(actor: Actor, moduleId: string, dto: CreateLessonDto): Promise<PositionedView> {
    const scope = authorScopeOf(actor, 'module');
    return this.dataSource.transaction(async (em) => {
      const item = await this.drafts.draftItem('module', moduleId, scope, em);
      return this.items.insertLesson(item.draftVersionId, item.id, lessonContent(dto), em);
    });
  }

  async updateLesson(actor: Actor, lessonId: string, dto: UpdateLessonDto): Promise<LessonView> {
    const scope = authorScopeOf(actor, 'lesson');
    return this.dataSource.transaction(async (em) => {
      const item = await this.drafts.draftItem('lesson', lessonId, scope, em);
      const changes: LessonChanges = {};
      if (dto.title !== undefined) changes.title = dto.title.trim();
      if (dto.body !== undefined) {
        changes.body = dto.body;
        changes.bodyHtml = renderLessonHtml(dto.body);
      }
      if (dto.minutes !== undefined) changes.minutes = dto.minutes;
      if (dto.videoUrl !== undefined) changes.videoUrl = dto.videoUrl;
      if (dto.videoText !== undefined) changes.videoText = dto.videoText?.trim() ? dto.videoText.trim() : null;
      return lessonView(editedRow(await this.items.updateLesson(item.id, changes, em)));
    });
  }

  async deleteLesson(actor: Actor, lessonId: string): Promise<void> {
    const scope = authorScopeOf(actor, 'lesson');
    await this.dataSource.transaction(async (em) => {
      const item = await this.drafts.draftItem('lesson', lessonId, scope, em);
      // Kept for undo while the draft is open (DraftDeletionsService.restore).
      await this.deletions.snapshot({ courseId: item.courseId, versionId: item.draftVersionId, kind: 'lesson', itemId: item.id, deletedBy: actor.userId }, em);
      await this.items.deleteLesson(item.id, item.moduleId, em);
    });
  }

  async orderLessons(actor: Actor, moduleId: string, dto: LessonOrderDto): Promise<LessonOrderView> {
    const scope = authorScopeOf(actor, 'module');
    return this.dataSource.transaction(async (em) => {
      const item = await this.drafts.draftItem('module', moduleId, scope, em);
      const ids = await this.drafts.reorder({ kind: 'lesson', parentId: item.id, courseId: item.courseId, given: dto.lessonIds, field: 'lessonIds' }, em);
      return { lessonIds: ids };
    });
  }
}
