/**
 * ingest/errors — the one error ingest throws (`InputError`, a user-facing English sentence) and the mapping of
 * raw fs / zlib / stream errors onto it. Nothing else in ingest builds refusal messages.
 */
export type InputProblem = 'too-large' | 'binary' | 'truncated-gzip' | 'bad-gzip' | 'empty' | 'unreadable' | 'bad-archive' | 'archive-limit' | 'event-log';

/**
 * Why an archive is refused, as data, where the reader needs the true reason in their own language (the catalogues
 * word it; `message` stays the English sentence for the CLI and the logs).
 */
export type ArchiveRefusal =
  | { readonly kind: 'zip64' }
  | { readonly kind: 'split' }
  | { readonly kind: 'too-many-entries'; readonly count: number; readonly max: number }
  | { readonly kind: 'overlapping'; readonly first: string; readonly second: string };

export class InputError extends Error {
  override readonly name = 'InputError';
  readonly reason?: ArchiveRefusal;
  constructor(
    readonly problem: InputProblem,
    message: string,
    options?: { cause?: unknown; reason?: ArchiveRefusal },
  ) {
    super(message, options);
    if (options?.reason) this.reason = options.reason;
  }
}

/** 104857600 → "100 MB"; 1536 → "1.5 KB". Binary multiples, as the limits are set in bytes. */
export function formatBytes(n: number): string {
  const units: Array<[number, string]> = [
    [1024 ** 4, 'TB'],
    [1024 ** 3, 'GB'],
    [1024 ** 2, 'MB'],
    [1024, 'KB'],
  ];
  for (const [size, unit] of units) {
    if (n >= size) {
      const v = n / size;
      const s = v >= 100 || Number.isInteger(v) ? String(Math.round(v)) : v.toFixed(1).replace(/\.0$/, '');
      return `${s} ${unit}`;
    }
  }
  return n === 1 ? '1 byte' : `${n} bytes`;
}

export interface LimitOptions {
  /** Cap on raw input bytes AND on decompressed bytes (gzip bombs). */
  maxBytes: number;
  /** Name of the setting behind `maxBytes`, quoted in the too-large message. Default `MAX_FILE_BYTES`. */
  limitName?: string;
}

export function tooLarge(options: LimitOptions, decompressed: boolean): InputError {
  const what = decompressed ? 'The decompressed file' : 'The file';
  return new InputError('too-large', `${what} is larger than the ${formatBytes(options.maxBytes)} limit (${options.limitName ?? 'MAX_FILE_BYTES'}).`);
}

export function emptyError(): InputError {
  return new InputError('empty', 'The file is empty: there is nothing to scan.');
}

export function binaryError(kind?: string): InputError {
  const what = kind ? `This looks like ${kind}, not a text log` : 'This does not look like a text log (it contains binary data)';
  return new InputError('binary', `${what}. Send WindowsUpdate.log or SoftwareDistribution.log as plain text (a gzip'd log is fine too).`);
}

/** The command that exports the one event the bot asks for (MsiInstaller 1022) as text it reads. */
export const WEVTUTIL_EXPORT = `wevtutil qe Application /q:"*[System[Provider[@Name='MsiInstaller'] and (EventID=1022)]]" /f:text > MsiInstaller.txt`;

/** .evtx is binary XML (no well-kept pure-JS parser on the registry): ask for the events as text instead. */
export function eventLogError(): InputError {
  return new InputError(
    'event-log',
    `This is a Windows event log (.evtx), which the bot cannot read: on the server run ${WEVTUTIL_EXPORT} and send MsiInstaller.txt.`,
  );
}

function errorCode(e: unknown): string | undefined {
  if (e && typeof e === 'object' && 'code' in e && typeof (e as { code: unknown }).code === 'string') {
    return (e as { code: string }).code;
  }
  return undefined;
}

/** Any error from reading the source → an InputError ('unreadable' unless it already is one). */
export function toInputError(e: unknown): InputError {
  if (e instanceof InputError) return e;
  const code = errorCode(e);
  const reason =
    code === 'ENOENT'
      ? ': file not found'
      : code === 'EACCES' || code === 'EPERM'
        ? ': permission denied'
        : code === 'EISDIR'
          ? ': it is a directory'
          : code === 'ABORT_ERR' || (e instanceof Error && e.name === 'AbortError')
            ? ': the download was aborted'
            : '';
  return new InputError('unreadable', `The file could not be read${reason}.`, { cause: e });
}

/** A zlib error → truncated / corrupt; `what` names the container ("gzip file", "ZIP member x.log"). */
export function zlibError(e: unknown, what = 'gzip file'): InputError {
  if (e instanceof InputError) return e;
  const code = errorCode(e);
  if (code === 'Z_BUF_ERROR' || (e instanceof Error && /unexpected end of file/i.test(e.message))) {
    return new InputError('truncated-gzip', `The ${what} is truncated (it ends before the compressed data does). Upload the complete file.`, { cause: e });
  }
  if (code !== undefined && (code.startsWith('Z_') || code.startsWith('ERR_ZLIB') || code === 'ERR_BUFFER_TOO_LARGE')) {
    const starts = what === 'gzip file' ? 'The file starts like gzip but is not valid gzip data' : `The ${what} is not valid compressed data`;
    return new InputError('bad-gzip', `${starts} (it is corrupt).`, { cause: e });
  }
  return toInputError(e);
}
