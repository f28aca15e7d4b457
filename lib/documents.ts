// Evidence and partnership documents (issue 15, docs/decisions/007-documents.md). Safe on both
// sides: the upload form shows the same limits the server enforces.

/** The largest file accepted: 25 MB (MiB), as the issue states it. One byte more is a 413. */
export const MAX_DOCUMENT_BYTES = 25 * 1024 * 1024;

/** Bytes per stored chunk (`document_chunks.bytes`): 1 MiB, so no query ever carries more. */
export const DOCUMENT_CHUNK_BYTES = 1024 * 1024;

/** A file name is kept for display (and the download's name); longer names are refused, not cut. */
export const MAX_FILE_NAME_CHARACTERS = 200;

/** What can be uploaded, in the words the form and the 415 message use. */
export const ACCEPTED_DOCUMENTS =
  'PDF, images (PNG, JPEG, GIF, WebP, TIFF, HEIC), Word, Excel and PowerPoint (including the older .doc, .xls, .ppt), OpenDocument, plain text and CSV';

/** "2.4 MB", "830 KB", "12 bytes": sizes in the binary units the limit is stated in. */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} byte${bytes === 1 ? '' : 's'}`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  const mb = bytes / (1024 * 1024);
  return `${mb < 10 ? mb.toFixed(1) : Math.round(mb)} MB`;
}

/**
 * The types Accord stores, by the content type sniffed from the bytes (server/documents/sniff.ts):
 * a label for people, and the extensions a download's name may end with. A name that does not end
 * with one of them gets the first appended when downloaded ("licence.txt" holding a PDF downloads
 * as "licence.txt.pdf"), so the name never makes another program open the bytes.
 */
export const DOCUMENT_TYPES: Record<string, { label: string; extensions: readonly string[] }> = {
  'application/pdf': { label: 'PDF', extensions: ['.pdf'] },
  'image/png': { label: 'PNG image', extensions: ['.png'] },
  'image/jpeg': { label: 'JPEG image', extensions: ['.jpg', '.jpeg', '.jpe'] },
  'image/gif': { label: 'GIF image', extensions: ['.gif'] },
  'image/webp': { label: 'WebP image', extensions: ['.webp'] },
  'image/tiff': { label: 'TIFF image', extensions: ['.tif', '.tiff'] },
  'image/heic': { label: 'HEIC image', extensions: ['.heic', '.heif'] },
  'image/heif': { label: 'HEIF image', extensions: ['.heif', '.heic'] },
  'image/heic-sequence': { label: 'HEIC image sequence', extensions: ['.heics', '.heic'] },
  'image/heif-sequence': { label: 'HEIF image sequence', extensions: ['.heifs', '.heif'] },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { label: 'Word document', extensions: ['.docx'] },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { label: 'Excel workbook', extensions: ['.xlsx'] },
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': { label: 'PowerPoint presentation', extensions: ['.pptx'] },
  'application/msword': { label: 'Word 97–2003 document', extensions: ['.doc', '.dot'] },
  'application/vnd.ms-excel': { label: 'Excel 97–2003 workbook', extensions: ['.xls', '.xlt'] },
  'application/vnd.ms-powerpoint': { label: 'PowerPoint 97–2003 presentation', extensions: ['.ppt', '.pps', '.pot'] },
  'application/vnd.oasis.opendocument.text': { label: 'OpenDocument text', extensions: ['.odt'] },
  'application/vnd.oasis.opendocument.spreadsheet': { label: 'OpenDocument spreadsheet', extensions: ['.ods'] },
  'application/vnd.oasis.opendocument.presentation': { label: 'OpenDocument presentation', extensions: ['.odp'] },
  'application/vnd.oasis.opendocument.graphics': { label: 'OpenDocument drawing', extensions: ['.odg'] },
  'text/plain': { label: 'Text', extensions: ['.txt', '.text', '.md', '.log'] },
  'text/csv': { label: 'CSV', extensions: ['.csv'] },
};

/** The name a download is saved under: the uploaded name, with the type's extension added when it has another. */
export function downloadFileName(fileName: string, contentType: string): string {
  const extensions = DOCUMENT_TYPES[contentType]?.extensions;
  if (!extensions) return fileName;
  const lower = fileName.toLowerCase();
  return extensions.some((e) => lower.endsWith(e)) ? fileName : `${fileName}${extensions[0]}`;
}

/** The label of a stored type ("PDF", "Excel workbook"), for lists and download links. */
export function documentTypeLabel(contentType: string): string {
  return DOCUMENT_TYPES[contentType]?.label ?? contentType;
}
