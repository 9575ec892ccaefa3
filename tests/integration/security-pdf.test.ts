/**
 * XSS and PDF-syntax payloads in names stay inert in the certificate and the pupils' code
 * sheet (issue 11, point 4): the text is drawn as text — no JavaScript, no automatic
 * actions, no link other than the verification URL — and reads back exactly as typed.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CertificateRenderer, type CertificateContent } from '@kindling/certificates';
import { PdfTools } from '../../libs/certificates/src/__tests__/poppler.js';

const PAYLOADS = [
  '<script>alert(1)</script>',
  'Zoë <img src=x onerror=alert(1)>',
  'a) Tj /JavaScript (app.alert(1)) /S /JS (',
  '>> /OpenAction << /S /JavaScript /JS (app.alert(1)) >>',
  '\\) /AA << /O << /S /Launch /F (calc.exe) >> >> (',
];

/** Dictionary keys that make a PDF act on its own: scripts, automatic actions, launches, forms, attachments. */
const ACTIVE = /\/(JavaScript|JS|OpenAction|AA|Launch|SubmitForm|ImportData|EmbeddedFile|RichMedia|GoToR)\b/;

let renderer: CertificateRenderer;
let tools: PdfTools;

beforeAll(async () => {
  [renderer, tools] = await Promise.all([CertificateRenderer.create(), PdfTools.create()]);
});
afterAll(async () => {
  await tools?.cleanup();
});

const certificate = (holderName: string): CertificateContent => ({
  number: 'KND-2026-000001',
  holderName,
  courseTitle: `Course ${holderName}`.slice(0, 120),
  hours: 4,
  accreditationBody: 'Board <b>of</b> Kindness',
  accreditationReference: 'REF-1',
  completedAt: new Date('2026-06-01T10:00:00Z'),
  issuedAt: new Date('2026-06-01T10:05:00Z'),
  organizationName: `Org ${holderName}`.slice(0, 120),
  verificationUrl: 'http://localhost:3000/verify/abcdefghijklmnopqrstuv',
  locale: 'en',
});

describe('names in PDFs are inert text', () => {
  it.each(PAYLOADS)('certificate for %j: no active content, and the name reads back as typed', async (name) => {
    const pdf = await renderer.render(certificate(name));
    const raw = pdf.toString('latin1');
    // The PDF/A XMP packet carries the title as XML text: there the name is escaped character
    // data (inert by construction); everywhere else in the file no active key may appear.
    const xmp = /<\?xpacket begin[\s\S]*?<\?xpacket end[^>]*>/.exec(raw)?.[0] ?? '';
    expect(raw.replace(xmp, '')).not.toMatch(ACTIVE);
    if (/[<>&]/.test(name)) expect(xmp).not.toContain(name);
    // The only link annotations point at the verification page.
    for (const m of raw.matchAll(/\/URI\s*\(([^)]*)\)/g)) expect(m[1]).toMatch(/^http:\/\/localhost:3000\/verify\//);
    const text = (await tools.text(pdf)).replace(/\s+/g, ' ');
    expect(text).toContain(name.replace(/\s+/g, ' '));
  });

  it('the pupils’ code sheet prints hostile names as text too', async () => {
    const pdf = await renderer.renderCodeSheet({
      organizationName: PAYLOADS[3]!,
      cohortName: PAYLOADS[0]!,
      locale: 'en',
      pupils: PAYLOADS.map((name, i) => ({ name, className: '<b>3A</b>', username: `pupil-${i}`, code: 'abcde-fghjk' })),
      generatedAt: new Date('2026-06-01T10:00:00Z'),
    });
    expect(pdf.toString('latin1')).not.toMatch(ACTIVE);
    const text = (await tools.text(pdf)).replace(/\s+/g, ' ');
    expect(text).toContain('<script>alert(1)</script>');
  });
});
