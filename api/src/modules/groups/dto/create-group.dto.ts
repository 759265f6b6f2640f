import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import type { CreateGroupRequest, UpdateGroupRequest } from '../../../contract/groups.contract';

export class CreateGroupDto implements CreateGroupRequest {
  @IsString({ message: 'name must be text' })
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(100, { message: 'name must be at most 100 characters' })
  name!: string;

  @IsArray({ message: 'practices must be a list of practice codes' })
  @ArrayMinSize(2, { message: 'practices must list 2 to 200 practices' })
  @ArrayMaxSize(200, { message: 'practices must list 2 to 200 practices' })
  @ArrayUnique({ message: 'practices must not list a practice twice' })
  @Matches(/^[A-Z0-9]{1,8}$/, { each: true, message: 'practices must hold practice codes (1 to 8 capital letters or digits)' })
  practices!: string[];

  @IsOptional()
  @IsBoolean({ message: 'shared must be true or false' })
  shared?: boolean;
}

/** The same rules as a new group's, each field optional (left out = unchanged). */
export class UpdateGroupDto implements UpdateGroupRequest {
  @IsOptional()
  @IsString({ message: 'name must be text' })
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(100, { message: 'name must be at most 100 characters' })
  name?: string;

  @IsOptional()
  @IsArray({ message: 'practices must be a list of practice codes' })
  @ArrayMinSize(2, { message: 'practices must list 2 to 200 practices' })
  @ArrayMaxSize(200, { message: 'practices must list 2 to 200 practices' })
  @ArrayUnique({ message: 'practices must not list a practice twice' })
  @Matches(/^[A-Z0-9]{1,8}$/, { each: true, message: 'practices must hold practice codes (1 to 8 capital letters or digits)' })
  practices?: string[];

  @IsOptional()
  @IsBoolean({ message: 'shared must be true or false' })
  shared?: boolean;
}
