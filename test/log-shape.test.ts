import { describe, expect, it } from 'vitest';
import { isChatLine } from '../src/detect/log-shape.js';
import { fixture, KB_CLIENT_EXAMPLE } from './support/fixtures.js';

describe('isChatLine', () => {
  it.each(['anyone seen 0x80244022?', 'we get 8024401c on every client since monday', '  0x80072EE2  '])('a chat line: %s', (text) => {
    expect(isChatLine(text)).toBe(true);
  });

  it.each([
    ['a classic log line', '2008-08-12\t09:15:41:203\t 940\tf54\tPT\tWARNING: Sync of Updates: 0x80244022'],
    ['a Windows 10 log line', '2023/05/22 08:08:33.1234567 8096  8116  ProtocolTalker  SyncUpdates failed 0x80244022'],
    ['a fragment without its timestamp', 'PT  WARNING: Sync of Updates: 0x80244022'],
    ['a server log line', 'SoapUtilities.CreateException ThrowException: actor = http://wsus/ClientWebService/client.asmx'],
    ['several lines', KB_CLIENT_EXAMPLE],
    ['a whole log', fixture('client-other-errors.log').toString('utf8')],
  ])('a log: %s', (_name, text) => {
    expect(isChatLine(text)).toBe(false);
  });
});
