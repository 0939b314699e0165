// The module prefixes i2pd puts before its messages (`SSU2: …`), gathered from the first string
// literal of every LogPrint call in i2pd's sources at the release tags 2.1.0 to 2.58.0, misspelt
// ones included (they were printed). A pasted line with no time and no level — quoted in prose,
// in backticks — is taken for an i2pd message only when it starts with one of these.
const MODULES = [
  'API', 'AddressBook', 'Addressbook', 'Adressbook', 'Addresbook', 'BOB', 'Blinding', 'Clients', 'Daemon', 'Datagram',
  'DatagramDestination', 'DatagramSession', 'Destination', 'Destinations', 'Event', 'FS', 'Family', 'Garlic', 'Gzip',
  'HTTP Server', 'HTTPClient', 'HTTPProxy', 'HTTPServer', 'I2CP', 'I2NP', 'I2PControl', 'I2PService', 'I2PTunnel',
  'Identity', 'LeaseSet', 'LeaseSet2', 'Log', 'NTCP', 'NTCP2', 'NetDB', 'NetDb', 'NetDbReq', 'NetIface', 'NetState',
  'Profiling', 'Reseed', 'Router', 'RouterContext', 'RouterInfo', 'SAM', 'SOCKS', 'SSU', 'SSU2', 'SocketsPipe', 'Streaming',
  'TCPIPPipe', 'Timestamp', 'TransitTunnel', 'TransitTunnle', 'Transports', 'Tunnel', 'TunnelGateway', 'TunnelMessage',
  'Tunnels', 'UDP Client', 'UDP Server', 'UDP Tunnel', 'UDPServer', 'UDPSession', 'UPnP', 'Win32Service', 'WinSVC',
];

const KNOWN = new Set(MODULES);

export function isI2pdModule(name: string): boolean {
  return KNOWN.has(name);
}
