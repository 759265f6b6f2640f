import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsString, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import type { CreateGroupRequest, UpdateGroupRequest } from '../../../contract/groups.contract';
import { reason } from '../../../common/validation.pipe';

/**
 * A field that may be left out: validated whenever it is given, null included (IsOptional would let null through to
 * the service, where it failed as a 500).
 */
const WhenGiven = () => ValidateIf((_object, value) => value !== undefined);

/** Rules run bottom up and a 400 gives the first that failed: the most basic (the type) is listed last. */
export class CreateGroupDto implements CreateGroupRequest {
  @Matches(/\S/, { message: 'name must not be blank', ...reason('blank') })
  @MaxLength(100, { message: 'name must be at most 100 characters', ...reason('too_long') })
  @MinLength(1, { message: 'name must not be empty', ...reason('blank') })
  @IsString({ message: 'name must be text', ...reason('wrong_type') })
  name!: string;

  @Matches(/^[A-Z0-9]{1,8}$/, { each: true, message: 'practices must hold practice codes (1 to 8 capital letters or digits)', ...reason('not_a_practice_code') })
  @ArrayUnique({ message: 'practices must not list a practice twice', ...reason('duplicate') })
  @ArrayMaxSize(200, { message: 'practices must list 2 to 200 practices', ...reason('practice_count') })
  @ArrayMinSize(2, { message: 'practices must list 2 to 200 practices', ...reason('practice_count') })
  @IsArray({ message: 'practices must be a list of practice codes', ...reason('wrong_type') })
  practices!: string[];

  @WhenGiven()
  @IsBoolean({ message: 'shared must be true or false', ...reason('wrong_type') })
  shared?: boolean;
}

/** The same rules as a new group's, each field optional (left out = unchanged). */
export class UpdateGroupDto implements UpdateGroupRequest {
  @WhenGiven()
  @Matches(/\S/, { message: 'name must not be blank', ...reason('blank') })
  @MaxLength(100, { message: 'name must be at most 100 characters', ...reason('too_long') })
  @MinLength(1, { message: 'name must not be empty', ...reason('blank') })
  @IsString({ message: 'name must be text', ...reason('wrong_type') })
  name?: string;

  @WhenGiven()
  @Matches(/^[A-Z0-9]{1,8}$/, { each: true, message: 'practices must hold practice codes (1 to 8 capital letters or digits)', ...reason('not_a_practice_code') })
  @ArrayUnique({ message: 'practices must not list a practice twice', ...reason('duplicate') })
  @ArrayMaxSize(200, { message: 'practices must list 2 to 200 practices', ...reason('practice_count') })
  @ArrayMinSize(2, { message: 'practices must list 2 to 200 practices', ...reason('practice_count') })
  @IsArray({ message: 'practices must be a list of practice codes', ...reason('wrong_type') })
  practices?: string[];

  @WhenGiven()
  @IsBoolean({ message: 'shared must be true or false', ...reason('wrong_type') })
  shared?: boolean;
}
