import { Controller, Get, HttpStatus, Param, Post, Req, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiOperation, ApiParam, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { type Actor, CurrentActor, Scoped } from '../common/auth/index.js';
import { UuidParam } from '../courses/uuid-param.js';
import { MediaView } from './dto/media.dto.js';
import { MAX_PDF_BYTES } from './media-files.js';
import { MediaService, type UploadedMedia } from './media.service.js';

const NOT_YOURS = 'No such course, or it is not yours to edit';

@ApiTags('courses')
@Controller()
export class MediaController {
  constructor(private readonly media: MediaService) {}

  @Post('courses/:id/media')
  @Scoped('course', 'author', 'id')
  // The limit is the largest kind (PDF); the service applies each kind's own limit with a clearer message.
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_PDF_BYTES + 1, files: 1, fields: 4, parts: 5 } }))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiOperation({
    summary: 'Upload an image or a PDF for the course’s lessons (its authors, admins)',
    description:
      'Multipart field `file`. The type is read from the bytes: PNG, JPEG, WebP (at most 10 MB, 40 megapixels), SVG (checked for scripts, ' +
      'entities and external references, then rasterised to PNG) or PDF (at most 20 MB). Images are re-encoded without metadata (EXIF, XMP, ' +
      'ICC) and scaled to at most 2400 px on the longer side. Answers the media with its URL on Kindling’s own origin and a Markdown ' +
      'snippet; the same bytes uploaded again for the course answer the same media (200). The URL never changes content, so it is ' +
      'served as immutable; only the course’s authors, admins and learners enrolled in the course can read it.',
  })
  @ApiResponse({ status: 201, type: MediaView })
  @ApiResponse({ status: 200, type: MediaView, description: 'the same content was uploaded before' })
  @ApiResponse({ status: 400, description: 'no file, an unreadable image, an SVG with scripts or external references' })
  @ApiResponse({ status: 404, description: NOT_YOURS })
  @ApiResponse({ status: 409, description: 'The course is archived' })
  @ApiResponse({ status: 413, description: 'larger than the limit of its kind' })
  @ApiResponse({ status: 415, description: 'not PNG, JPEG, WebP, SVG or PDF' })
  async upload(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @UploadedFile() file: UploadedMedia | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MediaView> {
    const { view, created } = await this.media.upload(actor, id, file);
    res.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return view;
  }

  @Get('courses/:id/media')
  @Scoped('course', 'author', 'id')
  @ApiOperation({ summary: 'The course’s media, newest first (its authors, admins)' })
  @ApiResponse({ status: 200, type: [MediaView] })
  @ApiResponse({ status: 404, description: NOT_YOURS })
  list(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<MediaView[]> {
    return this.media.list(actor, id);
  }

  @Get('media/:id')
  @Scoped('media', 'reader', 'id')
  @ApiOperation({
    summary: 'A media item’s bytes (the course’s authors, admins, learners enrolled in the course)',
    description:
      'Cache-Control: private, max-age=31536000, immutable, with the SHA-256 as ETag (If-None-Match answers 304). PDFs are served as ' +
      'attachments; every answer carries X-Content-Type-Options: nosniff and a CSP that forbids scripts.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiProduces('image/png', 'image/jpeg', 'image/webp', 'application/pdf')
  @ApiResponse({ status: 200, description: 'the bytes', schema: { type: 'string', format: 'binary' } })
  @ApiResponse({ status: 304, description: 'not modified (If-None-Match)' })
  @ApiResponse({ status: 401, description: 'not signed in' })
  @ApiResponse({ status: 404, description: 'no such media, or the caller may not read it' })
  async read(@Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const { row, bytes } = await this.media.read(id);
    const etag = `"${row.sha256}"`;
    const headers: Record<string, string> = {
      'Cache-Control': 'private, max-age=31536000, immutable',
      ETag: etag,
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
      'Cross-Origin-Resource-Policy': 'same-origin',
    };
    if (req.headers['if-none-match'] === etag) {
      res.status(304).set(headers).end();
      return;
    }
    const disposition = row.kind === 'pdf' ? 'attachment' : 'inline';
    res
      .status(200)
      .set({
        ...headers,
        'Content-Type': row.content_type,
        'Content-Length': String(bytes.length),
        'Content-Disposition': `${disposition}; filename="${row.file_name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(row.file_name)}`,
      })
      .end(bytes);
  }
}
