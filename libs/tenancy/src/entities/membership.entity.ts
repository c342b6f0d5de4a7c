import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { Role } from '../access/role';

@Entity({ name: 'memberships' })
export class Membership {
  @PrimaryColumn({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'text' })
  role: Role;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
