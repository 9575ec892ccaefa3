import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { notFound } from '@kindling/common';
import { versionChanges } from '@kindling/domain';
import { DataSource } from 'typeorm';
import { type Actor, CurrentActor, Scoped } from '../common/auth/index.js';
import { authorScopeOf } from '../common/auth/access.service.js';
import { CoursesRepository } from '@kindling/db';
import { VersionChangesView } from './dto/changes.dto.js';
import { UuidParam } from './uuid-param.js';
import { VersionContentLoader } from './version-content.js';

/** Safe publishing (issue 22 point 4): what publishing the draft would change for learners. */
@ApiTags('courses')
@Controller('courses')
export class PublishingController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly content: VersionContentLoader,
    private readonly courses: CoursesRepository,
  ) {}

  @Get(':id/changes')
  @Scoped('course', 'author', 'id')
  @ApiOperation({
    summary: 'What publishing the draft would change: items added, removed and edited since the live version',
    description:
      'Compares the draft with the published (live) version by lineage. Quiz changes say whether they affect grading. ' +
      'No draft: no changes. Never published: every item of the draft is added (fromVersion null).',
  })
  @ApiResponse({ status: 200, type: VersionChangesView })
  @ApiResponse({ status: 404, description: 'No such course, or it is not yours to edit' })
  async changes(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<VersionChangesView> {
    const owned = await this.courses.versions(id, authorScopeOf(actor));
    if (owned.length === 0) throw notFound('course');
    const { published, draft } = await this.content.versionsOf(id, this.dataSource);
    if (!draft) return { fromVersion: published?.version ?? null, toVersion: published?.version ?? null, changes: [] };
    const empty = { modules: [], lessons: [], quizzes: [] };
    const [older, newer] = await Promise.all([published ? this.content.load(published.id) : Promise.resolve(empty), this.content.load(draft.id)]);
    return { fromVersion: published?.version ?? null, toVersion: draft.version, changes: versionChanges(older, newer) };
  }
}
