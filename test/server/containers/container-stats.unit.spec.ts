import {
  cpuPercent,
  cpuSample,
  earlierSample,
  memoryBytes,
  networkBytes,
} from '../../../server/containers/container-stats';

const ONE_SECOND_TWO_CPUS = 2e9;

describe('CPU %', () => {
  it('is the share of host CPU time between two readings times the CPUs (100 % = one core)', () => {
    const before = { container: 1e9, system: 100e9, cpus: 2 };
    const now = { container: 1.5e9, system: 100e9 + ONE_SECOND_TWO_CPUS, cpus: 2 };
    expect(cpuPercent(now, before)).toBe(50);
    expect(cpuPercent({ ...now, container: 3e9 }, before)).toBe(200);
  });

  it('is null without an earlier reading, or when the counters went back (a restart)', () => {
    const now = { container: 5e8, system: 200e9, cpus: 2 };
    expect(cpuPercent(now, undefined)).toBeNull();
    expect(cpuPercent(now, { container: 9e8, system: 100e9, cpus: 2 })).toBeNull();
    expect(cpuPercent(now, { ...now })).toBeNull();
  });

  it("uses precpu_stats when the engine filled it (no one-shot), else the panel's previous reading", () => {
    const previous = { container: 1, system: 2, cpus: 1 };
    // What a 20.10 engine answers with one-shot=true: precpu_stats without system_cpu_usage.
    const oneShot = { precpu_stats: { cpu_usage: { total_usage: 0 } } };
    expect(earlierSample(oneShot, previous)).toBe(previous);
    const streamed = { precpu_stats: { cpu_usage: { total_usage: 7 }, system_cpu_usage: 9, online_cpus: 4 } };
    expect(earlierSample(streamed, previous)).toEqual({ container: 7, system: 9, cpus: 4 });
  });

  it('counts CPUs from percpu_usage when online_cpus is absent (API before 1.27)', () => {
    expect(
      cpuSample({ cpu_usage: { total_usage: 5, percpu_usage: [1, 2, 2] }, system_cpu_usage: 10 }),
    ).toEqual({
      container: 5,
      system: 10,
      cpus: 3,
    });
  });
});

describe('memory and network', () => {
  it.each([
    ['cgroup v2', { usage: 100, stats: { inactive_file: 30 } }, 70],
    ['cgroup v1', { usage: 100, stats: { total_inactive_file: 40 } }, 60],
    ['no cache figure', { usage: 100 }, 100],
    ['a stopped container', {}, null],
  ])('memory without the page cache (%s)', (_what, memory_stats, expected) => {
    expect(memoryBytes({ memory_stats })).toBe(expected);
  });

  it('sums every network; none (host network) is null', () => {
    expect(
      networkBytes({
        networks: { eth0: { rx_bytes: 1, tx_bytes: 2 }, eth1: { rx_bytes: 10, tx_bytes: 20 } },
      }),
    ).toEqual({
      rx: 11,
      tx: 22,
    });
    expect(networkBytes({})).toBeNull();
  });
});
