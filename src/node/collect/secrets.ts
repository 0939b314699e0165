// What the address redactor cannot know: the secrets a config holds (the console's and
// I2PControl's passwords, encrypted-LeaseSet keys, credentials in proxy URLs) and this machine's
// own name, which syslog prefixes, prompts and `uname -a` print. Replaced by fixed words, counted
// for the manifest.

// Options whose value is a secret: http.pass, i2pcontrol.password, i2cp.leaseSetPrivKey,
// i2cp.leaseSetClient.dh.N / .psk.N (libi2pd_client/ClientContext.cpp), and any *password.
const SECRET_KEY = /^(\s*(?:[\w.-]*\.)?(?:pass|password|leasesetprivkey|leasesetclient\.(?:dh|psk)\.\d+|[\w-]*password)\s*=\s*)(\S.*?)(\s*(?:#.*)?)$/gim;
// `scheme://user:pass@host` in reseed.proxy, httpproxy.outproxy, ntcp2.proxy…
const URL_CREDENTIALS = /(\b[a-z][a-z0-9+.-]*:\/\/)([^\s/@:]+:[^\s/@]+)@/gi;

export interface SecretCount {
  secrets: number;
  hostnames: number;
}

export class SecretRedactor {
  readonly count: SecretCount = { secrets: 0, hostnames: 0 };
  private readonly host?: RegExp;

  constructor(hostname: string | undefined) {
    // A default name identifies nobody, and OpenWrt's tells the platform (root@OpenWrt).
    const h = hostname?.trim();
    if (h && h.length >= 3 && !/^(?:localhost|openwrt|raspberrypi|debian|ubuntu)$/i.test(h)) {
      this.host = new RegExp(`(?<![\\w.-])${h.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`, 'g');
    }
  }

  config(text: string): string {
    return this.text(
      text.replace(SECRET_KEY, (_m, key: string, _v: string, rest: string) => {
        this.count.secrets++;
        return `${key}<redacted>${rest}`;
      }),
    );
  }

  text(text: string): string {
    let out = text.replace(URL_CREDENTIALS, (_m, scheme: string) => {
      this.count.secrets++;
      return `${scheme}<redacted>@`;
    });
    if (this.host) {
      out = out.replace(this.host, () => {
        this.count.hostnames++;
        return 'redacted-host';
      });
    }
    return out;
  }
}
