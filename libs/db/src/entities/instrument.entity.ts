import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'instruments' })
export class InstrumentEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) key!: string;
  @Column({ type: 'integer' }) version!: number;
  @Column({ type: 'jsonb' }) title!: Record<string, string>;
  /** The InstrumentDefinition of @kindling/domain (scale, scales, items in every edition). */
  @Column({ type: 'jsonb' }) definition!: unknown;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
