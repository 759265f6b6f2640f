import { IsString, MaxLength, MinLength } from 'class-validator';
import type { LoginRequest } from '../../../contract/auth.contract';

export class LoginDto implements LoginRequest {
  @IsString({ message: 'email must be text' })
  @MinLength(3, { message: 'email must be an email address' })
  @MaxLength(254, { message: 'email must be at most 254 characters' })
  email!: string;

  @IsString({ message: 'password must be text' })
  @MinLength(1, { message: 'password must not be empty' })
  @MaxLength(200, { message: 'password must be at most 200 characters' })
  password!: string;
}
