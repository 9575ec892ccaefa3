import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type PlatformRole = 'admin' | 'author';
export type Locale = 'en' | 'it' | 'de' | 'fr';

@Entity({ name: 'users' })
export class UserEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text', nullable: true }) email!: string | null;
  @Column({ type: 'text', nullable: true }) username!: string | null;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text', default: 'en' }) locale!: Locale;
  @Column({ name: 'password_hash', type: 'text', nullable: true }) passwordHash!: string | null;
  /** When the holder proved the address (verification link, accepted invitation, completed reset). */
  @Column({ name: 'email_verified_at', type: 'timestamptz', nullable: true }) emailVerifiedAt!: Date | null;
  @Column({ name: 'sign_in_code_hash', type: 'text', nullable: true }) signInCodeHash!: string | null;
  @Column({ name: 'platform_roles', type: 'text', array: true, default: () => "'{}'" }) platformRoles!: PlatformRole[];
  @Column({ name: 'is_pupil', type: 'boolean', default: false }) isPupil!: boolean;
  @Column({ name: 'class_name', type: 'text', nullable: true }) className!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
