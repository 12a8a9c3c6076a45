import { Global, Module } from '@nestjs/common';
import { ContainerFilterService } from './container-filter.service';
import { ContainerLogsService } from './container-logs.service';
import { ContainersController } from './containers.controller';
import { ContainersService } from './containers.service';
import { DockerEngineClient } from './docker-engine.client';
import { ServiceContainers } from './service-containers';

/**
 * Applications: the stack's containers through the Docker Engine API. Global because Plex and rTorrent
 * restart their containers through it (ServiceContainers).
 */
@Global()
@Module({
  controllers: [ContainersController],
  providers: [
    DockerEngineClient,
    ContainersService,
    ContainerLogsService,
    ContainerFilterService,
    ServiceContainers,
  ],
  exports: [DockerEngineClient, ServiceContainers],
})
export class ContainersModule {}
