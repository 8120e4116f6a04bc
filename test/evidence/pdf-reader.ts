import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface OutlineEntry {
  title: string;
  children: OutlineEntry[];
}

export interface PdfContent {
  /** Each page's text, items joined with spaces and line ends with newlines. */
  pages: string[];
  outline: OutlineEntry[];
}

interface RawOutline {
  title: string;
  items: RawOutline[];
}

function toEntries(items: RawOutline[] | null): OutlineEntry[] {
  return (items ?? []).map((item) => ({ title: item.title, children: toEntries(item.items) }));
}

/** Reads a PDF back with pdf.js, as a viewer would: the text of every page and the outline (bookmarks). */
export async function readPdf(bytes: Uint8Array): Promise<PdfContent> {
  // pdf.js takes ownership of the buffer it is given.
  const document = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, useSystemFonts: false, verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= document.numPages; n++) {
    const content = await (await document.getPage(n)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? `${item.str}${item.hasEOL ? '\n' : ' '}` : '')).join(''));
  }
  const outline = toEntries((await document.getOutline()) as RawOutline[] | null);
  await document.destroy();
  return { pages, outline };
}

/** Text without any whitespace, so that a path PDFKit wrapped across lines still matches. */
export function squeeze(text: string): string {
  return text.replace(/\s+/g, '');
}
