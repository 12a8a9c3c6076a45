import { Module } from '@nestjs/common';
import { SeerrClient } from './seerr.client';

/** The Seerr client alone, for the sync engine and the users module (the Seerr page reads the sync times through a token). */
@Module({ providers: [SeerrClient], exports: [SeerrClient] })
export class SeerrClientModule {}
