import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import { trimmedLowercase, trimmed } from '@app/core';

export class SignupDto {
  @ApiProperty({ example: 'ada@example.com' })
  @Transform(trimmedLowercase)
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ minLength: 10, maxLength: 200, example: 'correct horse battery staple' })
  @IsString()
  @MinLength(10, { message: 'password must be at least 10 characters long' })
  @MaxLength(200)
  password: string;

  @ApiProperty({ example: 'Acme Shop' })
  @Transform(trimmed)
  @IsString()
  @MinLength(1, { message: 'workspaceName must not be empty' })
  @MaxLength(100)
  workspaceName: string;
}
