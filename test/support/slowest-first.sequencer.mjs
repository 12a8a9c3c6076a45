// With two jest workers, the suites that take longest start first so they overlap the many short ones
// instead of running alone at the end: the Docker image build, then the browser suites (each boots the
// panel and chromium), then the rest in jest's own order (its recorded durations, else file size).
import sequencer from '@jest/test-sequencer';

const Sequencer = sequencer.default;

const FIRST = ['docker', 'browser'];
const rank = (test) => {
  const i = FIRST.indexOf(test.context.config.displayName?.name);
  return i === -1 ? FIRST.length : i;
};

class SlowestFirstSequencer extends Sequencer {
  async sort(tests) {
    // Array sort is stable: within a rank, jest's order stays.
    return [...(await super.sort(tests))].sort((a, b) => rank(a) - rank(b));
  }
}

export default SlowestFirstSequencer;
