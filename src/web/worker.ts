// The analyser's bundle (scripts/build-web.ts wraps it in the function i2pdDoctorAnalyser). The
// page starts a Worker from that function's source in a Blob URL, which works where a worker
// script's own URL is refused (a page opened as a file); in the worker the bundle serves the
// worker's messages. On the page, calling the function hands back serve for a MessageChannel.
import { serve } from './analyser.js';

declare const WorkerGlobalScope: unknown;

if (typeof WorkerGlobalScope !== 'undefined') serve(self as unknown as Parameters<typeof serve>[0]);

export { serve };
