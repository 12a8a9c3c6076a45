import { Injectable } from '@nestjs/common';
import { ConfigStore } from '../config/config.store';
import { containerFilter } from './container-filter';
import type { ContainerFilterDto } from './containers.dto';
import type { UpdateContainerFilterDto } from './containers-requests.dto';
import { ContainersService } from './containers.service';

/** Saves the Applications filter to config.json (`containers`), through the store's serialized atomic writes. */
@Injectable()
export class ContainerFilterService {
  constructor(
    private readonly config: ConfigStore,
    private readonly containers: ContainersService,
  ) {}

  async update(dto: UpdateContainerFilterDto): Promise<ContainerFilterDto> {
    await this.config.update((draft) => {
      const section = (draft.containers ??= {});
      section.show = dto.mode;
      if (dto.names !== undefined) section.names = [...new Set(dto.names)];
      if (dto.label) section.label = dto.label;
    });
    this.containers.invalidate();
    return containerFilter(this.config.get());
  }
}
