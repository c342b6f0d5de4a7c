import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, MaxLength } from 'class-validator';
import { trimmedLowercase } from '@app/core';
import { ROLES, Role } from '../../access/role';

export class CreateInvitationDto {
  @ApiProperty({ example: 'grace@example.com', description: 'Whoever will accept; an account with this email may exist or not' })
  @Transform(trimmedLowercase)
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role: Role;
}

export class InvitationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The user id of the member who invited' })
  invitedBy: string | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() expiresAt: Date;
  @ApiProperty({ nullable: true, type: Date }) acceptedAt: Date | null;
  @ApiProperty({ nullable: true, type: Date }) revokedAt: Date | null;
}

export class CreatedInvitationView {
  @ApiProperty({ type: InvitationView }) invitation: InvitationView;
  @ApiProperty({ description: 'The one-time token. It is shown only in this response; share the acceptUrl with the person invited.' })
  token: string;
  @ApiProperty({ example: '/invite/tl_inv_…', description: 'Dashboard path that accepts the invitation (relative to the dashboard)' })
  acceptUrl: string;
}

export class InvitationWorkspaceView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class MyInvitationView extends InvitationView {
  @ApiProperty({ type: InvitationWorkspaceView }) workspace: InvitationWorkspaceView;
}
