import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export function fixturePath(name: string): string {
  return fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
}

export function fixture(name: string): Buffer {
  return readFileSync(fixturePath(name));
}

/** The KB's client example, as the blog post quotes it (PT-prefixed, spaces instead of TABs). */
export const KB_CLIENT_EXAMPLE = [
  'PT  +++++++++++  PT: Synchronizing server updates  +++++++++++',
  'PT    + ServiceId = {3DA21691-E39D-4DA6-8A4B-B43877BCB1B7}, Server URL = http://wsusebc/ClientWebService/client.asmx',
  'PT  WARNING: SyncUpdates failure, error = 0x8024400E, soap client error = 7, soap error code = 400, HTTP status code = 200',
  'PT  WARNING: SOAP Fault: 0x000190',
  'PT  WARNING:     faultstring:Fault occurred',
  'PT  WARNING:     ErrorCode:InternalServerError(5)',
  'PT  WARNING:     Message:(null)',
  'PT  WARNING:     Method:"http://www.microsoft.com/SoftwareDistribution/Server/ClientWebService/SyncUpdates"',
  'PT  WARNING:     ID:c0a7445f-b989-43fa-ac20-11f8ca65fa8c',
].join('\n');

/** The KB's client example as a client of `server` logs it (its server, wsusebc, renamed). */
export function clientExampleOn(server: string): string {
  return KB_CLIENT_EXAMPLE.replace(/wsusebc/g, server);
}

export const KB_SERVER_LINE =
  'SoapUtilities.CreateException ThrowException: actor = http://wsusebc/ClientWebService/client.asmx, ID=c0a7445f-b989-43fa-ac20-11f8ca65fa8c, ErrorCode=InternalServerError, Message=, Client=?';

/** The server's side of a KB954960 failure as SoftwareDistribution.log writes it, on `server` with fault ID `id`. */
export function serverLogLine(server: string, id: string): string {
  return `2008-08-12 00:15:41.187 UTC\tError\tw3wp.7\tSoapUtilities.CreateException\tThrowException: actor = http://${server}/ClientWebService/client.asmx, ID=${id}, ErrorCode=InternalServerError, Message=, Client=?`;
}

export const SEED_RUN_TOGETHER = 'SOAP Fault: 0x000190 ErrorCode:InternalServerError(5)SyncUpdates failure, error = 0x8024400E';
