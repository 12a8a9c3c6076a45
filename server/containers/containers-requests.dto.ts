import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsString,
  Matches,
  MaxLength,
  ValidateBy,
  type ValidationArguments,
  ValidateIf,
} from 'class-validator';
import { CONTAINER_SHOW_MODES, type ContainerShowMode } from '../config/config.schema';
import { DateTimeField, EnumField, IntField, StringField } from '../common/validation.decorators';

/** Docker's container names: a letter or digit, then letters, digits, `_`, `.` and `-`. */
export const CONTAINER_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}$/;
const NAME_MESSAGE = 'must be a Docker container name (letters, digits, _ . -)';

export class ContainerNameParamsDto {
  @StringField({ maxLength: 128, pattern: { regex: CONTAINER_NAME, message: NAME_MESSAGE }, example: 'plex' })
  name!: string;
}

export class ContainerStopQueryDto {
  @IntField({
    optional: true,
    min: 0,
    max: 600,
    default: 10,
    description: 'Seconds Docker waits before it kills the container',
  })
  t?: number;
}

export class ContainerLogsQueryDto {
  @IntField({ optional: true, min: 1, max: 5000, default: 200, description: 'Lines from the end of the log' })
  tail?: number;
  @StringField({ optional: true, maxLength: 200, description: 'Only lines holding this text, in any case' })
  search?: string;
  @DateTimeField({ optional: true, description: 'Only lines from this time on' })
  since?: string;
}

export class ContainerLogDownloadQueryDto {
  @IntField({
    optional: true,
    min: 1,
    max: 1_000_000,
    description: 'Lines from the end; the whole log when absent',
  })
  tail?: number;
}

export class ContainerLogEventsQueryDto {
  @IntField({
    optional: true,
    min: 0,
    max: 5000,
    default: 0,
    description: 'Earlier lines sent first (0: only new ones)',
  })
  tail?: number;
}

export class UpdateContainerFilterDto {
  @EnumField(CONTAINER_SHOW_MODES, {
    enumName: 'ContainerShowMode',
    description: 'all, named (names) or label (label)',
  })
  mode!: ContainerShowMode;

  @ApiPropertyOptional({
    type: [String],
    example: ['plex', 'tautulli'],
    description: 'The containers shown in mode named',
  })
  @ValidateIf((o: UpdateContainerFilterDto) => o.mode === 'named' || o.names !== undefined)
  @IsArray({ message: 'names must be a list of container names' })
  @ValidateBy({
    name: 'namesForNamedMode',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) =>
        (args?.object as UpdateContainerFilterDto).mode !== 'named' ||
        (Array.isArray(value) && value.length > 0),
      defaultMessage: () => 'names must list at least one container when mode is named',
    },
  })
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @Matches(CONTAINER_NAME, { each: true, message: `each of names ${NAME_MESSAGE}` })
  names?: string[];

  @ApiPropertyOptional({
    example: 'seedbox-panel.show=true',
    description: 'key=value or key, for mode label',
  })
  @ValidateIf(
    (o: UpdateContainerFilterDto) => o.mode === 'label' || (o.label !== undefined && o.label !== ''),
  )
  @IsString({ message: 'label must be key=value or key' })
  @MaxLength(300)
  @Matches(/^[^\s=,]+(=[^\s,]*)?$/, { message: 'label must be key=value or key (no spaces or commas)' })
  label?: string;
}
