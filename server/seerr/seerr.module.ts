import { Module } from '@nestjs/common';
import { SeerrClient } from './seerr.client';
import { SeerrController } from './seerr.controller';
import { SeerrService } from './seerr.service';

/** Exports SeerrClient for the sync engine. */
@Module({ controllers: [SeerrController], providers: [SeerrClient, SeerrService], exports: [SeerrClient] })
export class SeerrModule {}
