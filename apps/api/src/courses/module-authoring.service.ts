import { Injectable } from '@nestjs/common';
import { CourseItemsRepository, DraftDeletionsRepository } from '@kindling/db';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/index.js';
import { authorScopeOf } from '../common/auth/access.service.js';
import { CourseDraftService } from './course-drafts.js';
import type { ModuleOrderDto, ModuleTitleDto } from './dto/module.dto.js';
import type { ModuleOrderView, PositionedView } from './dto/responses.js';

/** Writing modules on the course's draft (see course-drafts.ts). */
@Injectable()
export class ModuleAuthoringService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly drafts: CourseDraftService,
    private readonly items: CourseItemsRepository,
    private readonly deletions: DraftDeletionsRepository,
  ) {}

  async addModule(actor: Actor, courseId: string, dto: ModuleTitleDto): Promise<PositionedView> {
    const scope = authorScopeOf(actor);
    return this.dataSource.transaction(async (em) => {
      const draftId = await this.drafts.ensureDraft(courseId, scope, em);
      return this.items.insertModule(draftId, dto.title.trim(), em);
    });
  }

  async renameModule(actor: Actor, moduleId: string, dto: ModuleTitleDto): Promise<{ id: string; title: string }> {
    const scope = authorScopeOf(actor, 'module');
    return this.dataSource.transaction(async (em) => {
      const item = await this.drafts.draftItem('module', moduleId, scope, em);
      await this.items.renameModule(item.id, dto.title.trim(), em);
      return { id: item.id, title: dto.title.trim() };
    });
  }

  async deleteModule(actor: Actor, moduleId: string): Promise<void> {
    const scope = authorScopeOf(actor, 'module');
    await this.dataSource.transaction(async (em) => {
      const item = await this.drafts.draftItem('module', moduleId, scope, em);
      // Kept for undo while the draft is open (DraftDeletionsService.restore).
      await this.deletions.snapshot({ courseId: item.courseId, versionId: item.draftVersionId, kind: 'module', itemId: item.id, deletedBy: actor.userId }, em);
      await this.items.deleteModule(item.id, item.draftVersionId, em);
    });
  }

  async orderModules(actor: Actor, courseId: string, dto: ModuleOrderDto): Promise<ModuleOrderView> {
    const scope = authorScopeOf(actor);
    return this.dataSource.transaction(async (em) => {
      const draftId = await this.drafts.ensureDraft(courseId, scope, em);
      const ids = await this.drafts.reorder({ kind: 'module', parentId: draftId, courseId, given: dto.moduleIds, field: 'moduleIds' }, em);
      return { moduleIds: ids };
    });
  }
}
