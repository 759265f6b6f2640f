import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsString, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import type { CreateGroupRequest, UpdateGroupRequest } from '../../../contract/groups.contract';

/**
 * A field that may be left out: validated whenever it is given, null included (IsOptional would let null through to
 * the service, where it failed as a 500).
 */
const WhenGiven = () => ValidateIf((_object, value) => value !== undefined);

/** Rules run bottom up and a 400 gives the first that failed: the most basic (the type) is listed last. */
export class CreateGroupDto implements CreateGroupRequest {
  @Matches(/\S/, { message: 'name must not be blank' })
  @MaxLength(100, { message: 'name must be at most 100 characters' })
  @MinLength(1, { message: 'name must not be empty' })
  @IsString({ message: 'name must be text' })
  name!: string;

  @Matches(/^[A-Z0-9]{1,8}$/, { each: true, message: 'practices must hold practice codes (1 to 8 capital letters or digits)' })
  @ArrayUnique({ message: 'practices must not list a practice twice' })
  @ArrayMaxSize(200, { message: 'practices must list 2 to 200 practices' })
  @ArrayMinSize(2, { message: 'practices must list 2 to 200 practices' })
  @IsArray({ message: 'practices must be a list of practice codes' })
  practices!: string[];

  @WhenGiven()
  @IsBoolean({ message: 'shared must be true or false' })
  shared?: boolean;
}

/** The same rules as a new group's, each field optional (left out = unchanged). */
export class UpdateGroupDto implements UpdateGroupRequest {
  @WhenGiven()
  @Matches(/\S/, { message: 'name must not be blank' })
  @MaxLength(100, { message: 'name must be at most 100 characters' })
  @MinLength(1, { message: 'name must not be empty' })
  @IsString({ message: 'name must be text' })
  name?: string;

  @WhenGiven()
  @Matches(/^[A-Z0-9]{1,8}$/, { each: true, message: 'practices must hold practice codes (1 to 8 capital letters or digits)' })
  @ArrayUnique({ message: 'practices must not list a practice twice' })
  @ArrayMaxSize(200, { message: 'practices must list 2 to 200 practices' })
  @ArrayMinSize(2, { message: 'practices must list 2 to 200 practices' })
  @IsArray({ message: 'practices must be a list of practice codes' })
  practices?: string[];

  @WhenGiven()
  @IsBoolean({ message: 'shared must be true or false' })
  shared?: boolean;
}
