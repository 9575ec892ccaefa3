import { Injectable } from '@nestjs/common';
import { CourseItemsRepository, CoursesRepository, EditionsRepository } from '@kindling/db';
import { DataSource } from 'typeorm';
import { notFound } from '@kindling/common';
import type { Actor } from '../common/auth/index.js';
import { authorScopeOf } from '../common/auth/access.service.js';
import { CourseDraftService } from './course-drafts.js';
import { authorQuestionView } from './course-views.js';
import type { QuestionBankDto } from './dto/quiz.dto.js';
import type { QuestionBankView } from './dto/responses.js';
import { bankContent, realignEditions, requireBankDraws } from './quiz-authoring.service.js';

/**
 * The course's question bank (issue 22 point 5): questions of the same kinds as a quiz's, with
 * tags, that quizzes draw from per attempt (`draws: [{count, tag?, from: 'bank'}]`). Versioned
 * with the course: edits land on the draft; a published version keeps its copy, so attempts are
 * graded against the bank of the version they were taken in.
 */
@Injectable()
export class QuestionBankService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly courses: CoursesRepository,
    private readonly items: CourseItemsRepository,
    private readonly drafts: CourseDraftService,
    private readonly editions: EditionsRepository,
  ) {}

  async get(actor: Actor, courseId: string): Promise<QuestionBankView> {
    const scope = authorScopeOf(actor);
    const course = await this.courses.forOutline(courseId, { userId: scope.userId, admin: scope.admin, author: true });
    if (!course || !course.can_author) throw notFound('course');
    const versionId = course.draft_version_id ?? course.published_version_id;
    if (!versionId) throw notFound('course');
    return bankView(courseId, versionId, await this.items.questionBank(versionId));
  }

  /** Replaces the draft's bank; 400 naming each question at fault, or each quiz whose bank draws the new bank cannot fill. */
  async replace(actor: Actor, courseId: string, dto: QuestionBankDto): Promise<QuestionBankView> {
    const scope = authorScopeOf(actor);
    bankContent(dto.questions); // a body at fault answers 400 before anything is opened
    return this.dataSource.transaction(async (em) => {
      const draftId = await this.drafts.ensureDraft(courseId, scope, em);
      const previous = await this.items.questionBank(draftId, em, true);
      const questions = bankContent(dto.questions, previous);
      requireBankDraws(await this.items.quizDraws(draftId, em), questions);
      await this.items.setQuestionBank(draftId, questions, em);
      // The editions' bank texts follow their questions (the bank's texts are keyed by the course id).
      await realignEditions(this.editions, draftId, 'bank', courseId, previous, questions, em);
      return bankView(courseId, draftId, questions);
    });
  }
}

function bankView(courseId: string, versionId: string, questions: Parameters<typeof authorQuestionView>[0][]): QuestionBankView {
  const tags = [...new Set(questions.flatMap((q) => q.tags ?? []))].sort((a, b) => a.localeCompare(b));
  return { courseId, versionId, questions: questions.map(authorQuestionView), tags };
}
