import test from 'ava';
import { Writable } from 'node:stream';
import { startProgress } from '../../src/cli/progress.js';

function fakeStderr(isTTY: boolean): NodeJS.WriteStream & { text: string } {
  const w = new Writable({
    write(chunk, _enc, cb) {
      w.text += String(chunk);
      cb();
    },
  }) as unknown as NodeJS.WriteStream & { text: string };
  w.text = '';
  Object.assign(w, { isTTY, columns: 100, cursorTo: () => true, clearLine: () => true, moveCursor: () => true });
  return w;
}

test('the progress bar shows only on a terminal and for a long batch', (t) => {
  t.is(startProgress(500, fakeStderr(false)), undefined, 'quiet in a pipe or a log file');
  t.is(startProgress(5, fakeStderr(true)), undefined, 'quiet for a short batch');
  const tty = fakeStderr(true);
  const p = startProgress(50, tty)!;
  for (let i = 0; i < 10; i++) p.tick();
  p.stop();
  t.regex(tty.text, /analysing .* \d+\/50 cases/);
});
