import { type Signal, computed, inject } from '@angular/core';

import { type ContainerDto } from '../../api';
import { remoteState } from '../../core/util/remote-state';
import { type LinkedService } from './container-labels';
import { ContainersClient } from './containers-client.service';

/** The containers the panel links to its services, for their cards' links and Restart buttons. */
export interface LinkedContainers {
  /** The container of a service; null while unknown, or when Docker cannot be read or has none. */
  of(service: LinkedService): Signal<ContainerDto | null>;
  reload(): void;
}

/**
 * Reads the container list once (and on `reload()`); a Docker that cannot be read only leaves the
 * links out. Call it in an injection context.
 */
export function linkedContainers(): LinkedContainers {
  const client = inject(ContainersClient);
  const list = remoteState(() => client.listQuietly(), { keepValueOnFailure: true, whileReloading: 'value' });
  const byService = computed(() => {
    const map = new Map<string, ContainerDto>();
    for (const container of list.value()?.containers ?? []) {
      if (container.service && !map.has(container.service)) map.set(container.service, container);
    }
    return map;
  });
  return {
    of: (service) => computed(() => byService().get(service) ?? null),
    reload: () => list.reload(),
  };
}
