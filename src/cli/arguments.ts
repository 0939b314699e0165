// The values of the command line's options, checked as commander reads them: a bad one is a
// usage error that says what is expected.
import { InvalidArgumentError } from 'commander';
import { parseBytes } from '../read/limits.js';

/** A repeatable option's values, in the order given. */
export function collect(v: string, prev: string[]): string[] {
  return [...prev, v];
}

export function wholeNumber(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('a whole number (0 or more)');
  return n;
}

export function size(v: string): number {
  const n = parseBytes(v);
  if (n === undefined) throw new InvalidArgumentError('a size in bytes, or with a unit: KiB, MiB, GiB (or k, M, G), e.g. 1GiB');
  return n;
}

export function positiveNumber(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('a number above 0, e.g. 0.5 or 2');
  return n;
}

export function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('a whole number of at least 1');
  return n;
}
