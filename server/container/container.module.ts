import { Global, Module } from '@nestjs/common';
import { ContainerRuntimeClient } from './container-runtime.client';

@Global()
@Module({ providers: [ContainerRuntimeClient], exports: [ContainerRuntimeClient] })
export class ContainerModule {}
