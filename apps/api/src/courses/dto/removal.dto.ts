import { ApiProperty } from '@nestjs/swagger';

export class DraftDeletionView {
  @ApiProperty({ format: 'uuid', description: 'the deletion (restore with POST …/deletions/:id/restore)' }) id!: string;
  @ApiProperty({ enum: ['module', 'lesson', 'quiz'] }) kind!: 'module' | 'lesson' | 'quiz';
  @ApiProperty({ format: 'uuid', description: 'the deleted item’s id (the same again after restoring)' }) itemId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ format: 'date-time' }) deletedAt!: string;
}
