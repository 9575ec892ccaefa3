import { ApiProperty } from '@nestjs/swagger';

export class MediaView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'On Kindling’s own origin; immutable (the content never changes under this URL)', example: '/api/media/6f1c…' })
  url!: string;
  @ApiProperty({ enum: ['image', 'pdf'] }) kind!: 'image' | 'pdf';
  @ApiProperty({ enum: ['image/png', 'image/jpeg', 'image/webp', 'application/pdf'] }) contentType!: string;
  @ApiProperty({ description: 'bytes stored (after re-encoding)' }) byteSize!: number;
  @ApiProperty({ type: Number, nullable: true }) width!: number | null;
  @ApiProperty({ type: Number, nullable: true }) height!: number | null;
  @ApiProperty() fileName!: string;
  @ApiProperty({ description: 'SHA-256 of the stored bytes' }) sha256!: string;
  @ApiProperty({ description: 'A Markdown snippet that inserts it: an image, or a link to the PDF' }) markdown!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}
