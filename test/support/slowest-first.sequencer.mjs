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
    const ordered = await super.sort(tests);
    return ordered
      .map((test, i) => ({ test, i }))
      .sort((a, b) => rank(a.test) - rank(b.test) || a.i - b.i)
      .map(({ test }) => test);
  }
}

export default SlowestFirstSequencer;
