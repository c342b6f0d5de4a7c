import { ApiProperty } from '@nestjs/swagger';
import { UserView } from './auth-responses.dto';

export class SessionResponse {
  @ApiProperty({ type: UserView }) user: UserView;
  @ApiProperty({ description: 'Send it as the X-CSRF-Token header with every POST, PUT, PATCH and DELETE of this session' })
  csrfToken: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
}
