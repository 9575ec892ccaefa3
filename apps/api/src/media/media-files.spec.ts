import { describe, expect, it } from '@jest/globals';
import { cleanFileName, sniffMedia } from './media-files.js';

describe('lesson media files', () => {
  it('tells the type from the bytes, whatever the name says', () => {
    expect(sniffMedia(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('png');
    expect(sniffMedia(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg');
    expect(sniffMedia(Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 ')]))).toBe('webp');
    expect(sniffMedia(Buffer.from('%PDF-1.7\n'))).toBe('pdf');
    expect(sniffMedia(Buffer.from('\ufeff<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBe('svg');
    expect(sniffMedia(Buffer.from('GIF89a'))).toBeNull();
    expect(sniffMedia(Buffer.from('<html><body>hi</body></html>'))).toBeNull();
  });

  it('keeps a display name without paths, quotes or control characters, with the stored extension', () => {
    expect(cleanFileName('C:\\Users\\me\\Holiday "best".JPEG', 'jpg')).toBe('Holiday best.jpg');
    expect(cleanFileName('../../etc/passwd', 'png')).toBe('passwd.png');
    expect(cleanFileName('a\u0000b\u001fc.svg', 'png')).toBe('abc.png');
    expect(cleanFileName(undefined, 'pdf')).toBe('file.pdf');
    expect(cleanFileName(`${'x'.repeat(300)}.png`, 'png')).toHaveLength(114);
  });
});
