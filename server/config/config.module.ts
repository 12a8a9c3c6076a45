import { DynamicModule, Global, Module } from '@nestjs/common';
import { CONFIG_OPTIONS, ConfigOptions, ConfigStore } from './config.store';

@Global()
@Module({})
export class ConfigModule {
  static forRoot(options: ConfigOptions): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: CONFIG_OPTIONS, useValue: options }, ConfigStore],
      exports: [ConfigStore],
    };
  }
}
