// Builds ZIP archives in tests, byte by byte, as Windows' "Compressed folder" writes them.
import { crc32, deflateRawSync } from 'node:zlib';

export interface Member {
  name: string;
  data: Buffer;
  /** 0 stored, 8 deflate (default). */
  method?: number;
  /** Claim this uncompressed size in the headers (a lying archive). */
  claimSize?: number;
}

/** A ZIP archive as Windows' "Compressed folder" writes one: local headers, data, central directory, end record. */
export function zip(members: Member[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const m of members) {
    const method = m.method ?? 8;
    const body = method === 8 ? deflateRawSync(m.data) : m.data;
    const name = Buffer.from(m.name, 'utf8');
    const crc = crc32(m.data);
    const size = m.claimSize ?? m.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(members.length, 8);
  end.writeUInt16LE(members.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

/**
 * A hostile ZIP: one local header holding `member`, and `entries` central-directory entries (named `name`, with a
 * number before the extension after the first) that all point at it — each read again, the archive expands
 * `entries` times what it holds.
 */
export function overlappingZip(member: Member, entries: number): Buffer {
  const one = zip([member]);
  const dirAt = one.readUInt32LE(one.length - 22 + 16);
  const local = one.subarray(0, dirAt);
  const central = one.subarray(dirAt, one.length - 22);
  const centrals: Buffer[] = [];
  for (let i = 0; i < entries; i++) {
    const name = Buffer.from(i === 0 ? member.name : member.name.replace(/^([^.]*)/, `$1-${i}`), 'utf8');
    const c = Buffer.from(central.subarray(0, 46));
    c.writeUInt16LE(name.length, 28);
    centrals.push(c, name);
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.from(one.subarray(one.length - 22));
  end.writeUInt16LE(entries, 8);
  end.writeUInt16LE(entries, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(local.length, 16);
  return Buffer.concat([local, dir, end]);
}
