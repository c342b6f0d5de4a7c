import { ApiProperty } from '@nestjs/swagger';
import { ROLES, Role } from '../../access/role';

export class UserView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
}

export class WorkspaceMembershipView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() slug: string;
  @ApiProperty({ enum: ROLES }) role: Role;
}

export class SignupResponse {
  @ApiProperty() accessToken: string;
  @ApiProperty({ type: UserView }) user: UserView;
  @ApiProperty({ type: WorkspaceMembershipView }) workspace: WorkspaceMembershipView;
}

export class LoginResponse {
  @ApiProperty() accessToken: string;
}

export class MeResponse {
  @ApiProperty({ type: UserView }) user: UserView;
  @ApiProperty({ type: [WorkspaceMembershipView] }) workspaces: WorkspaceMembershipView[];
}
