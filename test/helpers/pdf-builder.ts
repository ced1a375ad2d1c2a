/**
 * Builds small PDFs byte by byte for tests (no PDF library in the project): text in a standard font,
 * an optional page-sized JPEG, and optionally a Standard-security /Encrypt dictionary.
 */
export interface PdfPageSpec {
  /** Text runs in PDF points from the bottom-left corner (Helvetica, ASCII only). */
  texts?: Array<{ x: number; y: number; size: number; text: string }>;
  /** A JPEG painted over the whole page (a scan). */
  jpeg?: { data: Buffer; width: number; height: number };
  /** Page size in points; A4 by default. */
  size?: [number, number];
}

const A4: [number, number] = [595, 842];

export function buildPdf(pages: PdfPageSpec[], options: { encrypted?: boolean } = {}): Buffer {
  const objects: Buffer[] = [];
  const add = (body: Buffer | string): number => {
    objects.push(typeof body === 'string' ? Buffer.from(body, 'latin1') : body);
    return objects.length;
  };
  const stream = (dict: string, data: Buffer): Buffer =>
    Buffer.concat([Buffer.from(`<< ${dict} /Length ${data.length} >>\nstream\n`, 'latin1'), data, Buffer.from('\nendstream', 'latin1')]);

  const catalog = add('PLACEHOLDER');
  const pagesObj = add('PLACEHOLDER');
  const font = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const kids: number[] = [];
  for (const spec of pages) {
    const [pw, ph] = spec.size ?? A4;
    let content = '';
    let resources = `/Font << /F1 ${font} 0 R >>`;
    if (spec.jpeg) {
      const img = add(stream(`/Type /XObject /Subtype /Image /Width ${spec.jpeg.width} /Height ${spec.jpeg.height} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode`, spec.jpeg.data));
      resources += ` /XObject << /Im1 ${img} 0 R >>`;
      content += `q ${pw} 0 0 ${ph} 0 0 cm /Im1 Do Q\n`;
    }
    for (const t of spec.texts ?? []) {
      const escaped = t.text.replace(/[\\()]/g, (c) => `\\${c}`);
      content += `BT /F1 ${t.size} Tf ${t.x} ${t.y} Td (${escaped}) Tj ET\n`;
    }
    const contents = add(stream('', Buffer.from(content, 'latin1')));
    kids.push(add(`<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 ${pw} ${ph}] /Resources << ${resources} >> /Contents ${contents} 0 R >>`));
  }
  objects[catalog - 1] = Buffer.from(`<< /Type /Catalog /Pages ${pagesObj} 0 R >>`, 'latin1');
  objects[pagesObj - 1] = Buffer.from(`<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`, 'latin1');
  let encrypt = '';
  if (options.encrypted) {
    // RC4 40-bit standard handler whose /U does not match the empty user password: a password is needed.
    const hex = (byte: number) => byte.toString(16).padStart(2, '0').repeat(32);
    const enc = add(`<< /Filter /Standard /V 1 /R 2 /O <${hex(0x4f)}> /U <${hex(0x55)}> /P -4 >>`);
    encrypt = ` /Encrypt ${enc} 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>]`;
  }
  const chunks: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const offsets: number[] = [];
  let length = chunks[0]!.length;
  objects.forEach((body, i) => {
    offsets.push(length);
    const chunk = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, 'latin1'), body, Buffer.from('\nendobj\n', 'latin1')]);
    chunks.push(chunk);
    length += chunk.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n`, '0000000000 65535 f \n', ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
  chunks.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R${encrypt} >>\nstartxref\n${length}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(chunks);
}
