import { applyDecorators } from '@nestjs/common';
import {
  ApiBadGatewayResponse,
  ApiGatewayTimeoutResponse,
  ApiServiceUnavailableResponse,
} from '@nestjs/swagger';
import { ErrorBodyDto } from '../common/error-body';

/** Documents the answers of a route that reads `service`: the 502, 503 and 504 of `UpstreamError`. */
export const UpstreamFailures = (service: string) =>
  applyDecorators(
    ApiBadGatewayResponse({
      type: ErrorBodyDto,
      description: `${service} is down, refused the credentials, or answered an error or something the panel does not understand`,
    }),
    ApiGatewayTimeoutResponse({ type: ErrorBodyDto, description: `${service} did not answer in time` }),
    ApiServiceUnavailableResponse({ type: ErrorBodyDto, description: `${service} is not configured` }),
  );
