import { IsIn, IsOptional } from 'class-validator';
import { PageLimit, PageOffset } from './page-query.decorators';
import { ProblemException } from './problem';
import { createValidationPipe } from './validation.pipe';

class ListQueryDto {
  @IsOptional()
  @IsIn(['a'], { message: 'first must be a' })
  first?: string;

  @PageLimit(50)
  limit: number = 20;

  @PageOffset()
  offset: number = 0;

  @IsOptional()
  @IsIn(['z'], { message: 'last must be z' })
  last?: string;
}

const pipe = createValidationPipe();
const parse = (query: Record<string, string>): Promise<ListQueryDto> => pipe.transform(query, { type: 'query', metatype: ListQueryDto });
const problem = async (query: Record<string, string>): Promise<string> => {
  const error: unknown = await parse(query).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof ProblemException)) throw new Error(`expected a ProblemException for ${JSON.stringify(query)}`);
  return error.detail;
};

describe('PageLimit and PageOffset through the validation pipe', () => {
  it('keeps the DTO’s defaults and turns query text of digits into numbers, up to the maximum', async () => {
    expect(await parse({})).toMatchObject({ limit: 20, offset: 0 });
    expect(await parse({ limit: '1', offset: '0' })).toMatchObject({ limit: 1, offset: 0 });
    expect(await parse({ limit: '50', offset: '999' })).toMatchObject({ limit: 50, offset: 999 });
  });

  it('rejects a limit outside 1 to the maximum, and an offset below 0 or not whole, quoting what was sent', async () => {
    expect(await problem({ limit: '0' })).toBe('limit must be a whole number from 1 to 50 (got 0)');
    expect(await problem({ limit: '51' })).toBe('limit must be a whole number from 1 to 50 (got 51)');
    expect(await problem({ limit: 'ten' })).toBe('limit must be a whole number from 1 to 50 (got "ten")');
    // "-1" and "1.5" are not all digits, so they stay text.
    expect(await problem({ offset: '-1' })).toBe('offset must be a whole number ≥ 0 (got "-1")');
    expect(await problem({ offset: '1.5' })).toBe('offset must be a whole number ≥ 0 (got "1.5")');
  });

  it('leaves limit and offset where the DTO declares them among its own parameters, so several problems are told in that order', async () => {
    expect(await problem({ last: 'y', offset: '-1', limit: '0', first: 'b' })).toBe(
      'first must be a (got "b"); limit must be a whole number from 1 to 50 (got 0); offset must be a whole number ≥ 0 (got "-1"); last must be z (got "y")',
    );
  });
});
