import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Scoped } from '../common/auth/index.js';
import { CourseEditionsService } from './course-editions.service.js';
import { EditionsOverviewView, EditionTextsView, EditionUpdateDto } from './dto/edition.dto.js';
import { UuidParam } from './uuid-param.js';
import { invalid, msg } from '@kindling/common';
import { isLocale, type Locale } from '@kindling/domain';

function localeParam(value: string): Locale {
  if (!isLocale(value)) throw invalid(msg('errors.locale.unknown'));
  return value;
}

const NOT_YOURS = 'No such course, or it is not yours to edit (authors edit their own courses, admins all)';
const EDITIONS =
  'A course is written in its default language (`locale`); a language edition gives every text of the course in another language ' +
  '(course title and summary, module titles, lesson titles and bodies, quiz titles, question prompts, option texts and feedback) — ' +
  'the same structure, one text per language. A learner reads the edition of their language (the account language, set by the ' +
  'language rule) when the course has one, else the default; a text an edition lacks falls back to the default language’s.';

@ApiTags('courses')
@Controller('courses')
export class EditionsController {
  constructor(private readonly editions: CourseEditionsService) {}

  @Get(':id/editions')
  @Scoped('course', 'author', 'id')
  @ApiOperation({ summary: 'The language editions of a course and what each lacks', description: `${EDITIONS} Reads the draft, else the published version.` })
  @ApiResponse({ status: 200, type: EditionsOverviewView })
  @ApiResponse({ status: 404, description: NOT_YOURS })
  overview(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<EditionsOverviewView> {
    return this.editions.overview(actor, id);
  }

  @Get(':id/editions/:locale')
  @Scoped('course', 'author', 'id')
  @ApiOperation({
    summary: 'The texts of one language edition beside the default language’s',
    description: `${EDITIONS} Every text as {source, text}; text is null where the edition lacks it (listed in missing).`,
  })
  @ApiResponse({ status: 200, type: EditionTextsView })
  @ApiResponse({ status: 400, description: 'locale is not en, it, de or fr' })
  @ApiResponse({ status: 404, description: NOT_YOURS })
  texts(@CurrentActor() actor: Actor, @UuidParam() id: string, @Param('locale') locale: string): Promise<EditionTextsView> {
    return this.editions.texts(actor, id, localeParam(locale));
  }

  @Put(':id/editions/:locale')
  @Scoped('course', 'author', 'id')
  @ApiOperation({
    summary: 'Write texts of one language edition',
    description:
      `${EDITIONS} Only the fields sent change. Ids of any version of the course are accepted and mapped to the draft by lineage; ` +
      'the first edit of a published course creates its draft, as every edit does (learners keep their version). Quiz texts are ' +
      'aligned with the default language’s questions and options by position.',
  })
  @ApiResponse({ status: 200, type: EditionTextsView })
  @ApiResponse({ status: 400, description: 'The default language, an id not in the course, a question or option count that does not match, bad fields' })
  @ApiResponse({ status: 404, description: NOT_YOURS })
  @ApiResponse({ status: 409, description: 'The course is archived' })
  update(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Param('locale') locale: string,
    @Body() dto: EditionUpdateDto,
  ): Promise<EditionTextsView> {
    return this.editions.update(actor, id, localeParam(locale), dto);
  }
}
