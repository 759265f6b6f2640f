import { ArrayMaxSize, IsArray, IsEmail, IsIn, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import type { CreateUserRequest, Role } from '../../../contract/auth.contract';
import { MIN_PASSWORD_LENGTH } from '../password';

export const ROLES: readonly Role[] = ['admin', 'commissioner', 'network', 'practice'];

export class CreateUserDto implements CreateUserRequest {
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254, { message: 'email must be at most 254 characters' })
  email!: string;

  @IsString({ message: 'name must be text' })
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(200, { message: 'name must be at most 200 characters' })
  name!: string;

  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role!: Role;

  @IsArray({ message: 'areas must be a list of organisation codes' })
  @ArrayMaxSize(50, { message: 'areas must list at most 50 organisations' })
  @Matches(/^[A-Z0-9]{1,8}$/, { each: true, message: 'areas must hold organisation codes (1 to 8 capital letters or digits)' })
  areas!: string[];

  @IsString({ message: 'password must be text' })
  @MinLength(MIN_PASSWORD_LENGTH, { message: `password must be at least ${MIN_PASSWORD_LENGTH} characters` })
  @MaxLength(200, { message: 'password must be at most 200 characters' })
  password!: string;
}
