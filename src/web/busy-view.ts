// What the page shows while it analyses: the Cancel button, and a progress bar of the bytes read
// against the bytes of the input (its text is for the eye and for a screen reader's query; the
// status line alone is announced, so a screen reader is not read ten numbers a second).
import { byId } from './dom.js';

/** What is being made: the report, or the redacted copy for sharing. */
export type Work = 'report' | 'copy';

const LABEL: Record<Work, string> = { report: 'Reading the input', copy: 'Making the redacted copy' };

function size(n: number): string {
  return n < 1e6 ? `${(n / 1e3).toFixed(1)} kB` : `${(n / 1e6).toFixed(1)} MB`;
}

export function busyView(): { start: (w: Work) => void; progress: (read: number, total: number) => void; stop: () => Work | undefined } {
  const row = byId<HTMLElement>('progress-row');
  const bar = byId<HTMLProgressElement>('progress');
  const label = byId<HTMLElement>('progress-label');
  const text = byId<HTMLElement>('progress-text');
  const cancel = byId<HTMLButtonElement>('cancel');
  const results = byId<HTMLElement>('results');
  let work: Work | undefined;
  const progress = (read: number, total: number) => {
    bar.max = Math.max(total, 1);
    bar.value = read;
    text.textContent = `${size(read)} of ${size(total)}`;
    bar.setAttribute('aria-valuetext', `${text.textContent} read`);
  };
  return {
    start(w) {
      work = w;
      label.textContent = LABEL[w];
      progress(0, 0);
      text.textContent = '';
      row.hidden = false;
      cancel.hidden = false;
      // Only a report being made replaces what the results show.
      results.setAttribute('aria-busy', String(w === 'report'));
    },
    progress,
    /** Hides it all; says what was under way, if anything. */
    stop() {
      const was = work;
      work = undefined;
      row.hidden = true;
      cancel.hidden = true;
      results.setAttribute('aria-busy', 'false');
      return was;
    },
  };
}
