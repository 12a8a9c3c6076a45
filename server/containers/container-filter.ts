import { DEFAULT_CONTAINERS_FILTER, type PanelConfig } from '../config/config.schema';
import type { ContainerFilterDto } from './containers.dto';

/** The Applications filter in force: config.json `containers`, with the defaults for what it leaves out. */
export function containerFilter(config: PanelConfig): ContainerFilterDto {
  const section = config.containers ?? {};
  return {
    mode: section.show ?? DEFAULT_CONTAINERS_FILTER.show,
    names: section.names ?? [],
    label: section.label || DEFAULT_CONTAINERS_FILTER.label,
  };
}

/** The filter as a sentence, for refusals. */
export function filterText(filter: ContainerFilterDto): string {
  return filter.mode === 'named'
    ? `only the containers named ${filter.names.join(', ')}`
    : filter.mode === 'label'
      ? `only containers labelled ${filter.label}`
      : 'every container';
}
