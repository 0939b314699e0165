// What every lint check reports, and the samples it reads: the checks' shared vocabulary, kept
// apart so a check module and the driver (lint.ts) need not import each other.

export interface Finding {
  level: 'error' | 'warning';
  file: string;
  message: string;
}

export interface LintSample {
  expectFile: string;
  fire: string[];
  quiet: string[];
}
