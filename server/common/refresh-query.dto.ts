import { BooleanField } from './validation.decorators';

/** `?refresh=true`: read the upstream lists anew instead of answering from the user-list cache. */
export class RefreshQueryDto {
  @BooleanField({ optional: true, description: 'Read the lists anew instead of using the cached ones' })
  refresh?: boolean;
}
