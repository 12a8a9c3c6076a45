import { HttpModule } from '@nestjs/axios';
import { Global, Module } from '@nestjs/common';
import { UpstreamHttp } from './upstream-http.service';

@Global()
@Module({ imports: [HttpModule], providers: [UpstreamHttp], exports: [UpstreamHttp] })
export class UpstreamModule {}
