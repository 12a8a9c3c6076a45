import { BadRequestException } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Min } from 'class-validator';
import { createValidationPipe } from '../../../server/common/validation.pipe';

class PageQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;
}

describe('the validation pipe with query strings', () => {
  const pipe = createValidationPipe();
  const asQuery = { type: 'query' as const, metatype: PageQuery, data: '' };

  it('answers a repeated query with an equal object of its own', async () => {
    const first = (await pipe.transform({ page: '2' }, asQuery)) as PageQuery;
    const second = (await pipe.transform({ page: '2' }, asQuery)) as PageQuery;
    expect(second).toBeInstanceOf(PageQuery);
    expect(second).toEqual(first);
    expect(second).not.toBe(first);
    // A handler changing its copy changes nobody else's.
    second.page = 99;
    expect(((await pipe.transform({ page: '2' }, asQuery)) as PageQuery).page).toBe(2);
    expect(((await pipe.transform({ page: '3' }, asQuery)) as PageQuery).page).toBe(3);
  });

  it('refuses an invalid query every time, naming the field', async () => {
    for (let i = 0; i < 2; i++) {
      await expect(pipe.transform({ page: '0' }, asQuery)).rejects.toThrow(BadRequestException);
      await expect(pipe.transform({ page: '0' }, asQuery)).rejects.toThrow(/page/);
    }
    await expect(pipe.transform({ page: '1', extra: 'x' }, asQuery)).rejects.toThrow(/extra/);
  });
});
