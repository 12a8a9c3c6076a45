import { ApiProperty } from '@nestjs/swagger';
import { IntField } from '../common/validation.decorators';

/** TMDB's image host at the thumbnail width; the panel's img-src allows exactly this host. */
export const TMDB_POSTER_BASE = 'https://image.tmdb.org/t/p/w92';

export class UserRequestDto {
  @ApiProperty({ type: 'integer' }) id!: number;
  @ApiProperty({ enum: ['movie', 'tv'], enumName: 'MediaType' }) type!: 'movie' | 'tv';
  @ApiProperty({ type: String, nullable: true }) title!: string | null;
  @ApiProperty({ type: 'integer' }) tmdb_id!: number;
  @ApiProperty({
    enum: ['pending', 'approved', 'declined', 'failed', 'completed'],
    enumName: 'RequestStatus',
  })
  status!: string;
  @ApiProperty({
    description: 'The media was removed from the library after it was available (media status 7)',
  })
  media_deleted!: boolean;
  @ApiProperty() is4k!: boolean;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ type: 'integer', description: 'The Seerr id of the person who asked' }) user_id!: number;
  @ApiProperty({ description: 'Their Seerr display name' }) display_name!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: `The TMDB poster thumbnail (${TMDB_POSTER_BASE}/…); null when TMDB has none or Seerr could not get it`,
  })
  poster_url!: string | null;
  @ApiProperty({ description: "The item's page in Seerr (<Seerr URL>/movie/<tmdb id> or /tv/<tmdb id>)" })
  seerr_url!: string;
}

export class UserRequestsGroupDto {
  @ApiProperty({ type: 'integer' }) user_id!: number;
  @ApiProperty() display_name!: string;
  @ApiProperty({ type: [UserRequestDto] }) requests!: UserRequestDto[];
  @ApiProperty({
    type: 'integer',
    description:
      "Seerr's requestCount for the person (every request, blocklisted media too): the Users page's figure; more than `requests` when some are for blocklisted media",
  })
  request_count!: number;
}

/** Seerr's `GET /request/count`: the one source of request counts for the Requests page and the dashboard. */
export class RequestCountsDto {
  @ApiProperty({ type: 'integer' }) total!: number;
  @ApiProperty({ type: 'integer' }) movie!: number;
  @ApiProperty({ type: 'integer' }) tv!: number;
  @ApiProperty({ type: 'integer', description: 'Waiting for approval' }) pending!: number;
  @ApiProperty({ type: 'integer' }) approved!: number;
  @ApiProperty({ type: 'integer' }) declined!: number;
  @ApiProperty({ type: 'integer', description: 'Approved, media not yet available' }) processing!: number;
  @ApiProperty({ type: 'integer', description: 'Approved, media available' }) available!: number;
  @ApiProperty({ type: 'integer' }) completed!: number;
}

export class UserRequestsDto {
  @ApiProperty({ type: [UserRequestsGroupDto] }) users!: UserRequestsGroupDto[];
  @ApiProperty({
    type: 'integer',
    description:
      "Requests listed: Seerr's request list (GET /request), which leaves out those for blocklisted media",
  })
  total!: number;
  @ApiProperty({
    type: 'integer',
    description:
      'Every request Seerr holds, blocklisted media too (its totalRequests): the figure the dashboard shows',
  })
  all_requests!: number;
  @ApiProperty({
    type: RequestCountsDto,
    description: "Seerr's counts by status, the figures the dashboard's pending count comes from too",
  })
  counts!: RequestCountsDto;
}

export class RequestIdParams {
  @IntField({ min: 1, max: 2147483647, description: 'The Seerr request id' }) id!: number;
}

export class RequestActionResultDto {
  @ApiProperty({
    type: UserRequestDto,
    nullable: true,
    description: 'The request as Seerr saved it; null after a delete',
  })
  request!: UserRequestDto | null;
  @ApiProperty({
    type: RequestCountsDto,
    nullable: true,
    description: "Seerr's counts after the change; null when they could not be read (the change was made)",
  })
  counts!: RequestCountsDto | null;
  @ApiProperty({ example: 'Approved request 12 (The Last Harbor).' }) message!: string;
}
