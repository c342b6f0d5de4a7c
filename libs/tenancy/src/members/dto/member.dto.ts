import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn } from 'class-validator';
import { ROLES, Role } from '../../access/role';
import { trimmedLowercase } from '@app/core';

const ROLE_MESSAGE = `role must be one of ${ROLES.join(', ')}`;

export class AddMemberDto {
  @ApiProperty({ example: 'grace@example.com', description: 'An existing TrackLayer user' })
  @Transform(trimmedLowercase)
  @IsEmail({}, { message: 'email must be a valid email address' })
  email: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: ROLE_MESSAGE })
  role: Role;
}

export class UpdateMemberDto {
  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: ROLE_MESSAGE })
  role: Role;
}

export class MemberView {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty() createdAt: Date;
}
