import { pdfBytes } from './registration';

/** A file part as the document routes take it. */
export interface FilePart {
  bytes: Uint8Array<ArrayBuffer>;
  name: string;
  type: string;
}

/** The answer's JSON when its status is the one expected; otherwise a failure naming the step and the body. */
export async function expectStatus<T>(res: Response | Promise<Response>, status: number, what: string): Promise<T> {
  const answer = await res;
  if (answer.status !== status) throw new Error(`${what}: ${answer.status} ${await answer.text()}`);
  return (status === 204 ? undefined : await answer.json()) as T;
}

/** The multipart body of the document routes: a `data` JSON field and the files under `field`. */
export function dataForm(data: unknown, field: string, files: readonly FilePart[]): FormData {
  const form = new FormData();
  form.append('data', JSON.stringify(data));
  for (const file of files) form.append(field, new Blob([file.bytes], { type: file.type }), file.name);
  return form;
}

/** A small valid PDF whose text carries `marker`. */
export const pdfPart = (marker: string): FilePart => ({ bytes: pdfBytes(marker), name: `${marker}.pdf`, type: 'application/pdf' });
