import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiExtraModels, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { type Actor, CurrentActor, OrgRoles, Scoped } from '../common/auth/index.js';
import { scopeOf } from '../common/auth/access.service.js';
import { UsersRepository } from '@kindling/db';
import { accountLocales, callerLocale } from '../common/i18n/caller-locale.js';
import { translate } from '@kindling/i18n';
import { invalid, msg } from '@kindling/common';
import { learnersFromTable, parseLearnersJson, proposeMapping, parsePupilsJson, pupilsFromTable, readTable, SYNC_LIMIT, tableLineErrors, UPLOAD_LIMIT, XLSX_TYPE } from '@kindling/enrolment';
import { CohortPupilsService } from './cohort-pupils.service.js';
import { CohortUploadsService } from './cohort-uploads.service.js';
import { CohortVersionMigrationService } from './cohort-version-migration.service.js';
import { CohortsService } from './cohorts.service.js';
import {
  CohortDto,
  CreateCohortDto,
  EnrolmentReportDto,
  JobAcceptedDto,
  PupilsResultDto,
  VersionMigrationResultDto,
} from './dto/cohort.dto.js';
import { IdDto } from './dto/enrolment.dto.js';
import { parseMappingQuery, uploadBytes, uploadKind } from './upload-body.js';

const LEARNERS_BODY = {
  type: 'object',
  required: ['learners'],
  additionalProperties: false,
  properties: {
    learners: {
      type: 'array',
      maxItems: UPLOAD_LIMIT,
      items: {
        type: 'object',
        required: ['email'],
        properties: {
          email: { type: 'string' },
          name: { type: 'string', maxLength: 200 },
          firstName: { type: 'string', description: 'joined with lastName when name is absent' },
          lastName: { type: 'string' },
          language: { type: 'string', enum: ['en', 'it', 'de', 'fr'], description: "the new account's language" },
          employeeNumber: {
            type: 'string',
            maxLength: 64,
            description: "stored on the person's membership in the cohort's organisation (replaces a stored one); longer than 64 characters → 400 naming the field",
          },
          group: { type: 'string', maxLength: 64, description: "class or ward; stored on the membership like employeeNumber" },
        },
      },
    },
  },
};

const PUPILS_BODY = {
  type: 'object',
  required: ['pupils'],
  additionalProperties: false,
  properties: {
    pupils: {
      type: 'array',
      items: { type: 'object', required: ['name'], properties: { name: { type: 'string', maxLength: 200 }, class: { type: 'string', maxLength: 60 } } },
    },
  },
};

@ApiTags('cohorts')
@ApiExtraModels(EnrolmentReportDto, JobAcceptedDto)
@Controller()
export class CohortsController {
  constructor(
    private readonly cohorts: CohortsService,
    private readonly uploads: CohortUploadsService,
    private readonly pupilAccounts: CohortPupilsService,
    private readonly versions: CohortVersionMigrationService,
    private readonly users: UsersRepository,
  ) {}

  @Post('organizations/:orgId/cohorts')
  @OrgRoles(['manager'], 'orgId')
  @ApiOperation({ summary: 'Create a cohort for a published course' })
  @ApiResponse({ status: 201, type: IdDto })
  @ApiResponse({ status: 400, description: 'invalid body, the course is not published, or dueOn is before startsOn' })
  @ApiResponse({ status: 404, description: 'organisation not found (or not managed by the caller)' })
  create(@Param('orgId') orgId: string, @CurrentActor() actor: Actor, @Body() dto: CreateCohortDto): Promise<IdDto> {
    return this.cohorts.create(orgId, actor.userId, dto);
  }

  @Get('organizations/:orgId/cohorts')
  @OrgRoles(['manager'], 'orgId')
  @ApiOperation({ summary: "The organisation's cohorts, newest first, with counts (enrolled, completed, overdue)" })
  @ApiResponse({ status: 200, type: [CohortDto] })
  @ApiResponse({ status: 404, description: 'organisation not found (or not managed by the caller)' })
  list(@Param('orgId') orgId: string, @CurrentActor() actor: Actor): Promise<CohortDto[]> {
    return this.cohorts.list(orgId, actor.userId);
  }

  @Get('cohorts/:id')
  @Scoped('cohort', 'manager')
  @ApiOperation({ summary: 'One cohort with its counts (dashboard header)' })
  @ApiResponse({ status: 200, type: CohortDto })
  @ApiResponse({ status: 404, description: 'cohort not found (or not managed by the caller)' })
  get(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<CohortDto> {
    return this.cohorts.get(scopeOf(actor), id);
  }

  @Post('cohorts/:id/enrolments')
  @HttpCode(200)
  @Scoped('cohort', 'manager')
  @ApiOperation({
    summary: 'Enrol learners by e-mail (JSON or CSV)',
    description:
      `JSON {learners:[{email, name?}]} or Content-Type text/csv with the header line "email,name". Known e-mails are enrolled; ` +
      `unknown ones get an account without a password and an invitation e-mail. Every bad line (invalid e-mail, duplicate in the ` +
      `file, name over 200 characters) is reported with its line number (CSV: header = line 1; JSON: position in the list, first = 1) ` +
      `and the good lines are kept. A learner withdrawn earlier from this organisation is re-enrolled on the same enrolment; an ` +
      `enrolment in the same course that belongs to another organisation is neither moved nor reported (this organisation gets ` +
      `its own, starting from nothing). Up to ${SYNC_LIMIT} lines are ` +
      `answered at once (200); up to ${UPLOAD_LIMIT} lines are queued as a job (202 {jobId}; follow it at GET /api/jobs/:id); more → 413. ` +
      `?dryRun=true answers the same report without writing anything.\n\n` +
      `Spreadsheets as people have them: text/csv with comma, semicolon or tab separators, in UTF-8 (with or without BOM), ` +
      `UTF-16 or Windows-1252 (detected), or an XLSX workbook (${XLSX_TYPE}; the first sheet, or ?sheet=<name>). Headers in ` +
      `en/it/de/fr are recognised (E-Mail, Vorname, Nachname, Cognome, Prénom, Personalnummer, Station…) and mapped to ` +
      `email, firstName, lastName, fullName, language, employeeNumber and group; ?mapping=email:2,firstName:0,lastName:1 ` +
      `(0-based columns) replaces the proposal. The employee number and class/ward (group) are stored on the person's membership ` +
      `in the cohort's organisation (at most 64 characters each: a longer cell is a line error, a longer JSON field a 400). ` +
      `The answer's "spreadsheet" names the encoding, separator, sheet and mapping used ` +
      `and previews the first lines; line errors are in the caller's language.`,
  })
  @ApiConsumes('application/json', 'text/csv', XLSX_TYPE)
  @ApiBody({ schema: LEARNERS_BODY })
  @ApiQuery({ name: 'dryRun', required: false, type: Boolean })
  @ApiQuery({ name: 'sheet', required: false, type: String, description: 'XLSX: the sheet to read (default: the first)' })
  @ApiQuery({ name: 'mapping', required: false, type: String, description: 'field:column pairs, 0-based, e.g. email:2,firstName:0,lastName:1' })
  @ApiResponse({ status: 200, type: EnrolmentReportDto })
  @ApiResponse({ status: 202, type: JobAcceptedDto, description: `more than ${SYNC_LIMIT} lines: queued` })
  @ApiResponse({ status: 400, description: 'missing header, unreadable CSV, or a body that is not {learners:[…]}' })
  @ApiResponse({ status: 404, description: 'cohort not found (or not managed by the caller)' })
  @ApiResponse({ status: 413, description: `more than ${UPLOAD_LIMIT} lines` })
  @ApiResponse({ status: 415, description: 'neither JSON nor CSV' })
  async enrol(
    @Param('id') id: string,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Body() body: unknown,
    @Query('dryRun') dryRun: string | undefined,
    @Query('sheet') sheet: unknown,
    @Query('mapping') mappingRaw: unknown,
    @Res({ passthrough: true }) res: Response,
  ): Promise<EnrolmentReportDto | JobAcceptedDto> {
    // Line errors are messages for the caller: the contract's language rule, account first.
    const locale = await callerLocale(accountLocales(this.users), actor.userId, req.headers['accept-language']);
    const kind = uploadKind(req);
    let parsed;
    let spreadsheet: EnrolmentReportDto['spreadsheet'];
    if (kind === 'json') {
      parsed = parseLearnersJson(body, locale);
    } else {
      const mapping = parseMappingQuery(mappingRaw);
      // A line that cannot be read (a stray quote) is a line error; every other line still counts.
      const table = await readTable(uploadBytes(body), { sheet: typeof sheet === 'string' && sheet !== '' ? sheet : undefined, lineProblems: 'report' });
      const isDryRun = dryRun === 'true' || dryRun === '1';
      const proposal = mapping ?? proposeMapping(table.header);
      if (isDryRun && proposal.email === undefined) {
        // The preview is where the manager says which column holds the e-mail: show what was read
        // and the (incomplete) proposal instead of refusing the file.
        await this.cohorts.requireManaged(scopeOf(actor), id);
        return {
          enrolled: 0,
          alreadyEnrolled: 0,
          invited: 0,
          errors: [{ line: 1, message: translate(locale, 'office.file.noEmailColumn') }],
          dryRun: true,
          spreadsheet: {
            format: table.format,
            encoding: table.encoding,
            delimiter: table.delimiter,
            sheet: table.sheet,
            sheets: table.sheets,
            header: table.header,
            mapping: proposal,
            lines: table.rows.length,
            preview: [],
          },
        };
      }
      const read = learnersFromTable(table, mapping, locale);
      parsed = { rows: read.rows, errors: [...tableLineErrors(table, locale), ...read.errors].sort((a, b) => a.line - b.line) };
      spreadsheet = {
        format: table.format,
        encoding: table.encoding,
        delimiter: table.delimiter,
        sheet: table.sheet,
        sheets: table.sheets,
        header: table.header,
        mapping: read.mapping,
        lines: table.rows.length,
        preview: read.rows.slice(0, 20),
      };
    }
    const outcome = await this.uploads.enrol(scopeOf(actor), id, parsed, dryRun === 'true' || dryRun === '1', { acceptLanguage: req.headers['accept-language'] });
    if (outcome.kind === 'job') {
      res.status(202);
      return { jobId: outcome.jobId };
    }
    return spreadsheet ? { ...outcome.report, spreadsheet } : outcome.report;
  }

  @Post('cohorts/:id/pupils')
  @Scoped('cohort', 'manager')
  @ApiOperation({
    summary: 'Create pupil accounts without e-mail',
    description:
      'JSON {pupils:[{name, class?}]}, or a spreadsheet: text/csv or text/tab-separated-values with comma, semicolon or tab ' +
      'separators in UTF-8 (with or without BOM), UTF-16 or Windows-1252 (detected), or an XLSX workbook ' +
      `(${XLSX_TYPE}; the first sheet, or ?sheet=<name>). The first line names the columns: "name,class" (class optional), ` +
      'or first and last name apart, in en/it/de/fr (Vorname;Nachname;Klasse, Cognome;Nome;Classe, Prénom;Nom;Classe); an ' +
      'optional language column. Each pupil gets a generated username and a one-time sign-in code; no e-mail and no birth ' +
      'date are stored. The printable PDF of the codes is made by the worker: follow jobId at GET /api/jobs/:id and download ' +
      'it from GET /api/jobs/:id/result. Every bad line (no name, a name over 200 or a class over 60 characters, a misplaced ' +
      'quote, control characters) is reported with its line number (header = line 1; JSON: position in the list, first = 1) ' +
      "in the caller's language, and the good lines are kept.",
  })
  @ApiConsumes('application/json', 'text/csv', 'text/tab-separated-values', XLSX_TYPE)
  @ApiBody({ schema: PUPILS_BODY })
  @ApiQuery({ name: 'sheet', required: false, type: String, description: 'XLSX: the sheet to read (default: the first)' })
  @ApiResponse({ status: 201, type: PupilsResultDto })
  @ApiResponse({ status: 400, description: 'no name column, an unreadable header or workbook, or a body that is not {pupils:[…]}' })
  @ApiResponse({ status: 404, description: 'cohort not found (or not managed by the caller)' })
  @ApiResponse({ status: 413, description: 'more than 5,000 pupils at once' })
  @ApiResponse({ status: 415, description: 'neither JSON nor a spreadsheet (CSV, TSV, XLSX)' })
  async pupils(
    @Param('id') id: string,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Body() body: unknown,
    @Query('sheet') sheet: unknown,
  ): Promise<PupilsResultDto> {
    // Line errors are messages for the caller: the contract's language rule, account first.
    const locale = await callerLocale(accountLocales(this.users), actor.userId, req.headers['accept-language']);
    const parsed =
      uploadKind(req) === 'json'
        ? parsePupilsJson(body, locale)
        : pupilsFromTable(
            await readTable(uploadBytes(body), { sheet: typeof sheet === 'string' && sheet !== '' ? sheet : undefined, lineProblems: 'report' }),
            locale,
          );
    return this.pupilAccounts.addPupils(scopeOf(actor), id, parsed, { acceptLanguage: req.headers['accept-language'] });
  }

  @Post('cohorts/:id/version-migration')
  @HttpCode(200)
  @Scoped('cohort', 'manager')
  @ApiOperation({
    summary: "Move the cohort's active enrolments to the course's published version",
    description: 'Lesson completions and passed quiz attempts are carried across to the same lessons and quizzes of the new version; counters are recomputed and completion evaluated. Audited.',
  })
  @ApiResponse({ status: 200, type: VersionMigrationResultDto })
  @ApiResponse({ status: 404, description: 'cohort not found (or not managed by the caller)' })
  @ApiQuery({
    name: 'learners', required: false, enum: ['all', 'not-started'],
    description: 'all (default): every active enrolment on an older version; not-started: only those who have not started the course yet',
  })
  migrate(@Param('id') id: string, @CurrentActor() actor: Actor, @Query('learners') learners?: string): Promise<VersionMigrationResultDto> {
    if (learners !== undefined && learners !== 'all' && learners !== 'not-started') throw invalid(msg('authoring2.learnersParam'));
    return this.versions.migrateVersion(scopeOf(actor), id, learners === 'not-started');
  }
}
