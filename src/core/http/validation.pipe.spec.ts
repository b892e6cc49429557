import { Type } from 'class-transformer';
import { IsIn, IsNotEmpty, IsString, MaxLength, ValidateNested } from 'class-validator';
import { ValidationFailedError } from './domain.errors';
import { createValidationPipe } from './validation.pipe';

class Target {
  @IsString()
  @IsNotEmpty()
  institutionId: string;
}

class TransferDto {
  @IsIn(['public', 'internal'])
  visibility: string;

  @IsString()
  @MaxLength(10)
  reason: string;

  @ValidateNested()
  @Type(() => Target)
  target: Target;
}

describe('validation pipe', () => {
  const pipe = createValidationPipe();
  const validate = (value: unknown) => pipe.transform(value, { type: 'body', metatype: TransferDto });

  it('lists every invalid field, nested ones with a dotted path', async () => {
    const err = (await validate({
      visibility: 'secret',
      reason: 'x'.repeat(11),
      target: { institutionId: '' },
    }).catch((e: unknown) => e)) as ValidationFailedError;
    expect(err).toBeInstanceOf(ValidationFailedError);
    expect(err.status).toBe(400);
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.extras.errors).toEqual(
      expect.arrayContaining([
        { field: 'visibility', message: expect.stringContaining('visibility must be one of') },
        { field: 'reason', message: expect.stringContaining('shorter than or equal to 10') },
        { field: 'target.institutionId', message: 'institutionId should not be empty' },
      ]),
    );
  });

  it('refuses fields the endpoint does not know', async () => {
    const err = (await validate({
      visibility: 'public',
      reason: 'ok',
      target: { institutionId: '1' },
      isAdmin: true,
    }).catch((e: unknown) => e)) as ValidationFailedError;
    expect(err.extras.errors).toEqual([{ field: 'isAdmin', message: 'property isAdmin should not exist' }]);
  });

  it('passes a valid body through as an instance of the DTO', async () => {
    const ok = (await validate({
      visibility: 'public',
      reason: 'ok',
      target: { institutionId: '1' },
    })) as TransferDto;
    expect(ok).toBeInstanceOf(TransferDto);
    expect(ok.target).toBeInstanceOf(Target);
  });
});
