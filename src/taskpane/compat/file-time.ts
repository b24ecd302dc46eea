/** A file's modification time: File.lastModified, or lastModifiedDate in Internet Explorer 11, which lacks it. */
export function fileTime(file: File): number {
  if (typeof file.lastModified === 'number') return file.lastModified;
  const d = (file as File & { lastModifiedDate?: Date }).lastModifiedDate;
  return d ? d.getTime() : NaN;
}
