import 'server-only';
import type { Spool } from './spool';

/**
 * The Office 97–2003 formats (.doc, .xls, .ppt) are Compound File Binary containers ([MS-CFB]),
 * and so are Windows Installer packages (.msi) and Outlook messages. The container says nothing
 * about which; the names of its streams do ([MS-DOC] "WordDocument", [MS-XLS] "Workbook" or
 * "Book", [MS-PPT] "PowerPoint Document"). This walks the directory (its sector chain through the
 * FAT, and the DIFAT past 109 FAT sectors) and returns the stream names, reading at most a few
 * sectors of the spooled file at a time.
 * Spec: https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-cfb/
 */
const END_OF_CHAIN = 0xfffffffe;
const MAX_DIRECTORY_SECTORS = 4096; // a directory of 131,072+ entries is not an Office file
const MAX_SECTOR = 0xfffffffa; // above: FREESECT, ENDOFCHAIN, FATSECT, DIFSECT markers

export async function compoundFileStreamNames(spool: Spool): Promise<string[] | null> {
  const header = await spool.read(0, 512);
  if (header.length < 512) return null;
  const shift = header.readUInt16LE(0x1e);
  if (shift !== 9 && shift !== 12) return null;
  const sectorSize = 1 << shift;
  const perSector = sectorSize / 4;
  const fatSectorCount = header.readUInt32LE(0x2c);
  const sectorAt = (n: number) => (n + 1) * sectorSize;

  // Where the FAT lives: the first 109 sectors are listed in the header, the rest in the DIFAT chain.
  const fatSectors: number[] = [];
  for (let i = 0; i < 109 && fatSectors.length < fatSectorCount; i += 1) fatSectors.push(header.readUInt32LE(0x4c + i * 4));
  let difat = header.readUInt32LE(0x44);
  for (let hops = 0; fatSectors.length < fatSectorCount && difat <= MAX_SECTOR; hops += 1) {
    if (hops > 1024) return null;
    const sector = await spool.read(sectorAt(difat), sectorSize);
    if (sector.length < sectorSize) return null;
    for (let i = 0; i < perSector - 1 && fatSectors.length < fatSectorCount; i += 1) fatSectors.push(sector.readUInt32LE(i * 4));
    difat = sector.readUInt32LE(sectorSize - 4);
  }

  const nextSector = async (n: number): Promise<number | null> => {
    const fat = fatSectors[Math.floor(n / perSector)];
    if (fat === undefined || fat > MAX_SECTOR) return null;
    const entry = await spool.read(sectorAt(fat) + (n % perSector) * 4, 4);
    return entry.length === 4 ? entry.readUInt32LE(0) : null;
  };

  const names: string[] = [];
  const seen = new Set<number>();
  let sector = header.readUInt32LE(0x30);
  while (sector !== END_OF_CHAIN) {
    if (sector > MAX_SECTOR || seen.has(sector) || seen.size >= MAX_DIRECTORY_SECTORS) return null;
    seen.add(sector);
    const entries = await spool.read(sectorAt(sector), sectorSize);
    if (entries.length < sectorSize) return null;
    for (let at = 0; at < sectorSize; at += 128) {
      const length = entries.readUInt16LE(at + 64); // bytes, with the terminating NUL
      const kind = entries[at + 66]; // 1 storage, 2 stream, 5 root
      if (length >= 2 && length <= 64 && (kind === 1 || kind === 2 || kind === 5)) {
        names.push(entries.toString('utf16le', at, at + length - 2));
      }
    }
    const next = await nextSector(sector);
    if (next === null) return null;
    sector = next;
  }
  return names;
}

/** The Office 97–2003 type of a compound file, or why it is not one. */
export async function legacyOfficeType(spool: Spool): Promise<{ contentType: string } | { refused: string }> {
  const names = await compoundFileStreamNames(spool);
  if (!names) return { refused: 'a damaged Compound File (its directory cannot be read)' };
  if (names.includes('WordDocument')) return { contentType: 'application/msword' };
  if (names.includes('Workbook') || names.includes('Book')) return { contentType: 'application/vnd.ms-excel' };
  if (names.includes('PowerPoint Document')) return { contentType: 'application/vnd.ms-powerpoint' };
  if (names.includes('EncryptedPackage')) return { refused: 'a password-protected Office file (remove the password, then upload it)' };
  return { refused: 'a Compound File that is not a Word, Excel or PowerPoint document (such as an installer package or an Outlook message)' };
}
