import type { APIResponse } from '@playwright/test';
import { extractText, getDocumentProxy } from 'unpdf';

/** The text of a PDF response, all pages in one string, as a reader's copy-and-paste would give it. */
export const pdfText = async (response: APIResponse) => (await extractText(await getDocumentProxy(new Uint8Array(await response.body())), { mergePages: true })).text;
