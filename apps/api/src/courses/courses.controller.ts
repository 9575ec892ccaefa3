import { Body, Controller, Get, HttpCode, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, PlatformRoles, Scoped, SignedIn } from '../common/auth/index.js';
import { CourseAuthoringService } from './course-authoring.service.js';
import { CourseCatalogueService } from './course-catalogue.service.js';
import { ModuleAuthoringService } from './module-authoring.service.js';
import { CatalogueQueryDto, CreateCourseDto, OutlineQueryDto, UpdateCourseDto } from './dto/course.dto.js';
import { ModuleOrderDto, ModuleTitleDto } from './dto/module.dto.js';
import {
  CataloguePageView, CourseCreatedView, CourseOutlineView, CourseVersionView, ModuleOrderView, PositionedView, PublishResultView,
} from './dto/responses.js';
import { UuidParam } from './uuid-param.js';

const DRAFT_NOTE =
  'Edits act on the draft version. When the course is published and has no draft, the first edit copies the published version ' +
  '(modules, lessons, quizzes: new ids, same lineage) into a new draft version n+1; learners enrolled in a published version keep it.';
const NOT_YOURS = 'No such course, or it is not yours to edit (authors edit their own courses, admins all)';

@ApiTags('courses')
@Controller('courses')
export class CoursesController {
  constructor(
    private readonly authoring: CourseAuthoringService,
    private readonly catalogue: CourseCatalogueService,
    private readonly modules: ModuleAuthoringService,
  ) {}

  @Get()
  @SignedIn()
  @ApiOperation({
    summary: 'The course catalogue',
    description:
      'Published courses that are not archived (with the fields of their published version) and, for authors, their own courses ' +
      'in any state (drafts show their draft). Filters: locale, q (words of title and summary, prefix match, plus a substring match). ' +
      'Paged: answers {items, total, page, pageSize}, ordered by title.',
  })
  @ApiResponse({ status: 200, type: CataloguePageView })
  @ApiResponse({ status: 400, description: 'A bad filter or page (pageSize at most 100)' })
  @ApiResponse({ status: 401, description: 'Not signed in' })
  list(@CurrentActor() actor: Actor, @Query() query: CatalogueQueryDto): Promise<CataloguePageView> {
    return this.catalogue.list(actor, query);
  }

  @Post()
  @PlatformRoles('author')
  @ApiOperation({ summary: 'Create a course', description: 'Creates the course and its version 1 as a draft.' })
  @ApiResponse({ status: 201, type: CourseCreatedView })
  @ApiResponse({ status: 400, description: 'Invalid fields (title 1–200 characters, locale en/it/de/fr, hours > 0, …)' })
  @ApiResponse({ status: 403, description: 'The caller is not an author' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateCourseDto): Promise<CourseCreatedView> {
    return this.authoring.createCourse(actor, dto);
  }

  @Get(':id')
  @Scoped('course', 'reader', 'id')
  @ApiOperation({
    summary: 'Course outline',
    description:
      'The outline of the published version (what new enrolments get). The course author and admins may ask for ?version=draft: ' +
      'the draft being edited (or the published version when there is no draft) — use its module, lesson and quiz ids for editing. ' +
      'A course never published is visible only to its author and admins. Never contains correct answers.',
  })
  @ApiResponse({ status: 200, type: CourseOutlineView })
  @ApiResponse({ status: 404, description: 'No such course, or not visible to the caller' })
  outline(@CurrentActor() actor: Actor, @UuidParam() id: string, @Query() query: OutlineQueryDto): Promise<CourseOutlineView> {
    return this.catalogue.outline(actor, id, query.version ?? 'published');
  }

  @Patch(':id')
  @Scoped('course', 'author', 'id')
  @ApiOperation({ summary: 'Edit the course fields', description: `${DRAFT_NOTE} Answers the draft outline. accreditation: null removes it.` })
  @ApiResponse({ status: 200, type: CourseOutlineView })
  @ApiResponse({ status: 400, description: 'Invalid fields' })
  @ApiResponse({ status: 404, description: NOT_YOURS })
  @ApiResponse({ status: 409, description: 'The course is archived' })
  async update(@CurrentActor() actor: Actor, @UuidParam() id: string, @Body() dto: UpdateCourseDto): Promise<CourseOutlineView> {
    await this.authoring.updateCourse(actor, id, dto);
    return this.catalogue.outline(actor, id, 'draft');
  }

  @Post(':id/modules')
  @Scoped('course', 'author', 'id')
  @ApiOperation({ summary: 'Add a module at the end', description: DRAFT_NOTE })
  @ApiResponse({ status: 201, type: PositionedView })
  @ApiResponse({ status: 400, description: 'Invalid title' })
  @ApiResponse({ status: 404, description: NOT_YOURS })
  @ApiResponse({ status: 409, description: 'The course is archived' })
  addModule(@CurrentActor() actor: Actor, @UuidParam() id: string, @Body() dto: ModuleTitleDto): Promise<PositionedView> {
    return this.modules.addModule(actor, id, dto);
  }

  @Put(':id/modules/order')
  @Scoped('course', 'author', 'id')
  @ApiOperation({
    summary: 'Reorder the modules',
    description: `${DRAFT_NOTE} moduleIds must be a permutation of the draft's modules (ids of another version of the course are mapped by lineage).`,
  })
  @ApiResponse({ status: 200, type: ModuleOrderView })
  @ApiResponse({ status: 400, description: 'moduleIds is not a permutation of the modules' })
  @ApiResponse({ status: 404, description: NOT_YOURS })
  orderModules(@CurrentActor() actor: Actor, @UuidParam() id: string, @Body() dto: ModuleOrderDto): Promise<ModuleOrderView> {
    return this.modules.orderModules(actor, id, dto);
  }

  @Post(':id/publish')
  @HttpCode(200)
  @Scoped('course', 'author', 'id')
  @ApiBody({ required: false, description: 'No body' })
  @ApiOperation({
    summary: 'Publish the draft',
    description:
      'The draft becomes the version for new enrolments; the previously published version is retired (its enrolments keep it). ' +
      'Without a draft, answers the current published version and changes nothing.',
  })
  @ApiResponse({ status: 200, type: PublishResultView })
  @ApiResponse({ status: 400, description: 'The course has no lesson' })
  @ApiResponse({ status: 404, description: NOT_YOURS })
  @ApiResponse({ status: 409, description: 'The course is archived' })
  publish(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<PublishResultView> {
    return this.authoring.publish(actor, id);
  }

  @Post(':id/archive')
  @HttpCode(200)
  @Scoped('course', 'author', 'id')
  @ApiOperation({
    summary: 'Archive the course',
    description: 'Leaves the catalogue and takes no new enrolments; existing enrolments keep their version. Idempotent; cannot be undone through the API.',
  })
  @ApiResponse({ status: 200, type: PublishResultView })
  @ApiResponse({ status: 404, description: NOT_YOURS })
  archive(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<PublishResultView> {
    return this.authoring.archive(actor, id);
  }

  @Get(':id/versions')
  @Scoped('course', 'author', 'id')
  @ApiOperation({ summary: 'The versions of a course, newest first, with their enrolment counts' })
  @ApiResponse({ status: 200, type: [CourseVersionView] })
  @ApiResponse({ status: 404, description: NOT_YOURS })
  versions(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<CourseVersionView[]> {
    return this.catalogue.versions(actor, id);
  }
}
