// Shell transcripts in a paste: the prompt lines people copy from their terminal with the
// command they ran, so `ulimit -n` followed by `1024` reads as one piece of evidence.

// Prompts as pasted from terminals: `$ cmd`, `user@host:~$ cmd`, `root@OpenWrt:~# cmd`,
// `[user@host ~]$ cmd`, `host:~ user$ cmd` (macOS), `~$ cmd` (the folder alone), `PS C:\> cmd`, `C:\Users\x> cmd`, `# cmd`.
const PROMPT = /^(?:\[[^\]\s]+@[^\]]+\]\s?[$#]|~[^\s$#]*\s?[$#]|[\w.-]+@[\w.-]+(?::[^\s$#]*)?\s?[$#%]|[\w.-]+:[^\s$#]*\s[\w.-]+[$#%]|PS [A-Za-z]:\\[^>]*>|[A-Za-z]:\\[^>]*>|([$#%]))\s+(\S.*)$/;
// After a bare `#` the first word must be a command people run for a report: `# Problem` is a heading.
const COMMANDS = /^(?:sudo |doas )?(?:\.?\/|~\/|i2pd|systemctl|journalctl|service|rc-service|rc-update|sysctl|ulimit|cat|grep|egrep|tail|head|less|ls|ps|pgrep|pidof|top|ip|ifconfig|iptables|ip6tables|nft|ufw|pfctl|firewall-cmd|upnpc|netstat|ss|sockstat|lsof|docker|podman|kubectl|logread|uname|echo|curl|wget|ping6?|traceroute|dig|nslookup|apt|apt-get|dpkg|opkg|apk|pkg|dnf|yum|pacman|id|whoami|mkdir|chown|chmod|df|free|dmesg|aa-status|stat|file|ldd|gdb|coredumpctl|launchctl|brew|date|timedatectl|ntpq|chronyc|hwclock|which|cd|env|export|find|du|mount|cp|mv|rm|touch)\b/;

// A code span holding a command with its arguments: a word of COMMANDS, or a signal sent to i2pd.
export const SPAN_COMMAND = /^(?:(?:sudo |doas )?(?:kill|pkill|killall) -\S+(?: \S+)*|(?:sudo |doas )?(?:systemctl|service|rc-service|sysctl|ulimit|journalctl|i2pd) \S.*)$/;

/** A prompt with nothing typed after it (`root@host:~#`), as a transcript often ends. */
export function isEmptyPrompt(s: string): boolean {
  return /^(?:\[[^\]\s]+@[^\]]+\]|[\w.-]+@[\w.-]+(?::[^\s$#]*)?)\s?[$#%]$/.test(s);
}

// i2pd's own command line pasted without a prompt (`/usr/sbin/i2pd --conf=… --daemon`), as a start
// command, a unit's ExecStart or a process list shows it.
const I2PD_COMMAND = /^(?:sudo (?:-u \S+ )?)?(?:\.{0,2}\/\S*\/|\.\/|~\/\S*\/)?i2pd(?:\.exe)?(?: +--?[a-z][\w.-]*(?:[= ]\S+)?)+$/;

/** The command a shell prompt line runs, or undefined when the line is no prompt. */
export function shellCommand(s: string): string | undefined {
  const c = s.charCodeAt(0);
  if ((c === 47 || c === 46 || c === 105 || c === 115 || c === 126) && I2PD_COMMAND.test(s)) return s;
  // Every prompt starts with a sigil, a letter, '[' or '~': a log or a number never does.
  if (c === 36 || c === 35 || c === 37 || c === 91 || c === 126 || ((c | 32) >= 97 && (c | 32) <= 122)) {
    if (s.indexOf(' ') === -1) return undefined;
    const m = PROMPT.exec(s);
    if (!m) return undefined;
    const cmd = m[2].trim();
    if (m[1] === '#' && !COMMANDS.test(cmd)) return undefined;
    return cmd;
  }
  return undefined;
}
