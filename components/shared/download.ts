/** Saves `text` as a file through the browser's downloads (extension pages may do this without a permission). */
export function downloadText(text: string, fileName: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

/** A file name with the current time, safe on every file system. */
export function timestampedName(prefix: string): string {
  return `${prefix}-${new Date().toISOString().replaceAll(':', '-')}.json`;
}
