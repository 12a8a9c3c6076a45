import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldErrorDto {
  @ApiProperty({ example: 'username' }) field!: string;
  @ApiProperty({ example: 'username must be a string' }) message!: string;
}

/** The one shape of every error response. */
export class ErrorBodyDto {
  @ApiProperty({ example: 400 }) statusCode!: number;
  @ApiProperty({ example: 'Bad Request' }) error!: string;
  @ApiProperty({ example: 'Invalid request: username must be a string' }) message!: string;
  @ApiProperty({
    example: 'Invalid request: username must be a string',
    description: 'The same sentence as `message`, under the name Seerrsync clients read',
  })
  detail!: string;
  @ApiPropertyOptional({ type: [FieldErrorDto] }) details?: FieldErrorDto[];
}
