// Lines that are not written by i2pd's logger but are evidence in a report: what the C++ runtime
// and the shell print when i2pd dies, systemd's and the kernel's words about it, and the text of
// i2pd's web console that users copy.
import type { EntryKind } from '../model.js';

const CRASH = [
  /^terminate called (?:after throwing an instance of|without an active exception)/,
  /^\s*what\(\):\s/,
  /Segmentation fault|Aborted(?: \(core dumped\))?$|^Illegal instruction|^Bus error|\*\*\* stack smashing detected|double free or corruption|free\(\): invalid pointer|^\*\*\* Error in `|munmap_chunk\(\)|pure virtual method called/,
  // gdb and coredumpctl: frames (`#3  0x… in i2p::data::NetDb::Run () at …`), signals, threads.
  /^#\d{1,3}\s+(?:0x[0-9a-f]+ in )?[\w:~<>*&, .[\]-]+ \(|^(?:Thread \d+ "[^"]*" r|Program r)eceived signal SIG[A-Z]+|^Stack trace of thread \d+:|^\(gdb\) (?:bt|backtrace|run|where)\b/,
  // Android's debuggerd and Windows debuggers.
  /Fatal signal \d+ \(SIG[A-Z]+\)|^\*\*\* \*\*\* \*\*\*|^backtrace:$|i2pd(?:_d|_qt)?\.exe!|^(?:Exception thrown|Unhandled exception) at 0x/,
];
// journalctl's own markers between runs: `-- Boot 3b73… --`, `-- Logs begin at … --`, `-- Reboot --`.
const JOURNAL = /^-- (?:Boot [0-9a-f]{32}|Logs begin at |Journal begins at |Reboot|No entries)/;
const SYSTEMD = /^(?:[●○×*]\s+)?[\w@.-]+\.(?:service|socket|target)(?::| - )|^(?:Loaded|Active|Main PID|Process|Docs|CGroup|Tasks|Memory):\s|^(?:Started|Starting|Stopped|Stopping|Failed to start) .*(?:i2pd|I2P)/;
const KERNEL = /apparmor="DENIED"|\btype=(?:1400|AVC)\b|Out of memory: Kill|oom-kill|invoked oom-killer|^\[\s*\d+\.\d+\] /;
const CONSOLE = /^(?:Network status(?: v6)?|Tunnel creation success rate|Uptime|Version|Router Caps|Router Ident|Router Family|Data path|Client Tunnels|Transit Tunnels|Routers|Floodfills|LeaseSets|Our external address|Received|Sent|Transit):\s?\S/;

export function classifyEvidence(s: string, process?: string): EntryKind | undefined {
  if (process === 'kernel') return 'kernel';
  if (process === 'systemd' || process === 'init') return 'systemd';
  for (const re of CRASH) if (re.test(s)) return 'crash';
  if (KERNEL.test(s)) return 'kernel';
  if (SYSTEMD.test(s) || JOURNAL.test(s)) return 'systemd';
  if (CONSOLE.test(s)) return 'console';
  return undefined;
}
