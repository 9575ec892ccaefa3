import QRCode from 'qrcode';

export const QR_QUIET_ZONE_MODULES = 4;

/**
 * Draws `text` as a QR code (error correction M) made of vector rectangles, inside a white
 * square of side `size` at (x, y) that includes a 4-module quiet zone. Horizontal runs of dark
 * modules become one rectangle each, all filled as one path (no seams, small content stream).
 */
export function drawQrCode(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number, color = '#000000'): void {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const data = qr.modules.data;
  const m = size / (n + 2 * QR_QUIET_ZONE_MODULES);
  const ox = x + QR_QUIET_ZONE_MODULES * m;
  const oy = y + QR_QUIET_ZONE_MODULES * m;
  doc.save();
  doc.rect(x, y, size, size).fill('#ffffff');
  for (let row = 0; row < n; row++) {
    let col = 0;
    while (col < n) {
      if (!data[row * n + col]) {
        col++;
        continue;
      }
      const start = col;
      while (col < n && data[row * n + col]) col++;
      doc.rect(ox + start * m, oy + row * m, (col - start) * m, m);
    }
  }
  doc.fill(color);
  doc.restore();
}
