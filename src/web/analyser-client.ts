// The page's handle on its analyser: a Web Worker started from the bundled analyser's source,
// or, when the browser will not start one, the same analyser on the page's own thread (the page
// then works as it did before there was a worker, and says nothing about it).
import type { CaseReport } from '../report/report-model.js';
import type { CaseInput, ContentSummary, Port, Reply, Request } from './messages.js';

type AnalyserBundle = () => { serve: (port: Port) => void };

export type Progress = (read: number, total: number) => void;

export interface Analyser {
  /** 'worker' or 'page': where the analysis runs. */
  where: 'worker' | 'page';
  ready: Promise<ContentSummary>;
  /** Analyses a case; cancels the one running, if any. Undefined when this one is cancelled. */
  run(input: CaseInput, redact: boolean, progress: Progress): Promise<CaseReport | undefined>;
  /** Cancels the running analysis, if any: its run() gives undefined at once. */
  cancel(): void;
}

interface Pending {
  id: number;
  request: Request;
  progress: Progress;
  done: (r: CaseReport | undefined) => void;
  failed: (e: Error) => void;
}

/** The worker's script is the analyser function's own source: no file of its own to be refused. */
function workerPort(bundle: AnalyserBundle): { worker: Worker; url: string } | undefined {
  try {
    const url = URL.createObjectURL(new Blob([`(${bundle.toString()})();`], { type: 'text/javascript' }));
    return { worker: new Worker(url), url };
  } catch {
    return undefined;
  }
}

function pagePort(bundle: AnalyserBundle): Port {
  const channel = new MessageChannel();
  bundle().serve(channel.port2);
  return channel.port1;
}

export function startAnalyser(): Analyser {
  const bundle = (globalThis as { i2pdDoctorAnalyser?: AnalyserBundle }).i2pdDoctorAnalyser;
  if (!bundle) throw new Error('the page is missing analyser.js');
  let next = 0;
  let pending: Pending | undefined;
  let ready!: (s: ContentSummary) => void;
  let isReady = false;
  const analyser: Analyser = {
    where: 'worker',
    ready: new Promise((r) => (ready = r)),
    run(input, redact, progress) {
      analyser.cancel();
      const id = ++next;
      const request: Request = { kind: 'analyse', id, input, redact };
      return new Promise((done, failed) => {
        pending = { id, request, progress, done, failed };
        port.postMessage(request);
      });
    },
    cancel() {
      if (!pending) return;
      port.postMessage({ kind: 'cancel', id: pending.id } satisfies Request);
      pending.done(undefined);
      pending = undefined;
    },
  };
  const listen = (p: Port) => {
    p.onmessage = (e: MessageEvent<Reply>) => {
      const m = e.data;
      if (m.kind === 'ready') {
        isReady = true;
        // The worker has run its script: the page's copy of it (the whole analyser) can go.
        if (started) URL.revokeObjectURL(started.url);
        return ready(m);
      }
      // Replies of a cancelled run may still come while its worker stops: they are not ours.
      if (!pending || m.id !== pending.id) return;
      if (m.kind === 'progress') return pending.progress(m.read, m.total);
      const p = pending;
      pending = undefined;
      if (m.kind === 'failed') p.failed(new Error(m.message));
      else p.done(m.kind === 'report' ? m.report : undefined);
    };
  };
  const started = workerPort(bundle);
  const worker = started?.worker;
  let port: Port = worker ?? pagePort(bundle);
  if (!worker) analyser.where = 'page';
  listen(port);
  // A worker the browser refuses late (its policy, its script) fails before it is ready: the
  // page takes over, with the request it may already have been sent.
  worker?.addEventListener('error', () => {
    if (isReady || analyser.where === 'page') return;
    worker.terminate();
    analyser.where = 'page';
    port = pagePort(bundle);
    listen(port);
    if (pending) port.postMessage(pending.request);
  });
  return analyser;
}
