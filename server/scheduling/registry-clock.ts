import type { SchedulerRegistry } from '@nestjs/schedule';
import { SYSTEM_CLOCK, type TaskClock } from './task-clock';

/** The system clock whose one pending timer is listed in the SchedulerRegistry under `name`. */
export function registryClock(registry: SchedulerRegistry, name: string): TaskClock {
  return {
    now: () => SYSTEM_CLOCK.now(),
    setTimeout: (fire, ms) => {
      const timer = SYSTEM_CLOCK.setTimeout(fire, ms) as NodeJS.Timeout;
      registry.addTimeout(name, timer);
      return timer;
    },
    clearTimeout: () => {
      if (registry.doesExist('timeout', name)) registry.deleteTimeout(name);
    },
  };
}
