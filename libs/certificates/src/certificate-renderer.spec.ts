import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { access } from 'node:fs/promises';
import { inflateSync } from 'node:zlib';
import { PdfTools } from './__tests__/poppler.js';
import {
  CERTIFICATE_LABELS,
  CertificateContentError,
  CertificateRenderer,
  FONT_FILES,
  renderBarePdfkit,
  sha256Hex,
  type CertificateContent,
  type CertificateLocale,
} from './index.js';

const SLOW = 60_000;

const base: CertificateContent = {
  number: 'KND-2026-000042',
  holderName: 'Zoë Müller-Ćosić',
  courseTitle: 'Kindness in the classroom: practical tools for teachers',
  hours: 25,
  accreditationBody: 'Ministero dell’Istruzione e del Merito',
  accreditationReference: 'MIM-2026-0815',
  completedAt: new Date('2026-03-03T17:45:00Z'),
  issuedAt: new Date('2026-03-04T08:15:30Z'),
  organizationName: 'Istituto Comprensivo Giovanni Pascoli',
  verificationUrl: 'https://kindling.example.org/verify/7f3c9a1e2b4d6f80a1c3e5b7',
  locale: 'en',
};

/** Every Flate stream of the file, inflated (those that do not inflate are skipped). */
function inflatedStreams(pdf: Buffer): string[] {
  const out: string[] = [];
  let at = 0;
  for (;;) {
    const start = pdf.indexOf('stream\n', at);
    if (start < 0) break;
    const end = pdf.indexOf('\nendstream', start);
    if (end < 0) break;
    try {
      out.push(inflateSync(pdf.subarray(start + 7, end)).toString('latin1'));
    } catch {
      // not compressed, or not Flate
    }
    at = end + 10;
  }
  return out;
}

/** pdftotext -layout keeps words but may vary spacing: compare with runs of spaces collapsed. */
const flat = (s: string): string => s.replace(/[ \t]+/g, ' ');

let renderer: CertificateRenderer;
let tools: PdfTools;

beforeAll(async () => {
  [renderer, tools] = await Promise.all([CertificateRenderer.create(), PdfTools.create()]);
}, SLOW);

afterAll(async () => {
  await tools.cleanup();
});

describe('assets', () => {
  it('ships DejaVu Sans regular and bold with its licence, resolved from the module', async () => {
    await expect(access(FONT_FILES.regular)).resolves.toBeUndefined();
    await expect(access(FONT_FILES.bold)).resolves.toBeUndefined();
    await expect(access(FONT_FILES.license)).resolves.toBeUndefined();
    expect(renderer.fontsParsedOnce).toBe(true);
  });
});

describe('CertificateRenderer.render', () => {
  const holders = ['Zoë Müller-Ćosić', 'Łukasz Żółć', 'Şebnem Öztürk'];

  it.each(holders)('prints %s with course, number, hours and URL on one A4 landscape page', async (holderName) => {
    const pdf = await renderer.render({ ...base, holderName });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = flat(await tools.text(pdf));
    expect(text).toContain(holderName);
    expect(text).toContain(base.courseTitle);
    expect(text).toContain(base.number);
    expect(text).toContain('25 training hours');
    expect(text).toContain(base.verificationUrl);
    expect(text).toContain('accredited by Ministero dell’Istruzione e del Merito · reference MIM-2026-0815');
    expect(text).toContain('3 March 2026'); // completedAt (issuedAt is the 4th)
    // The issuer is in a narrow column and may wrap.
    expect(text.replace(/\s+/g, ' ')).toContain(base.organizationName ?? '');
    const notPrintedHere = new Set(['validUntil', 'qrAlt', 'logoAlt', 'signatureAlt', 'credentialAttachment']);
    for (const [key, label] of Object.entries(CERTIFICATE_LABELS.en)) {
      if (typeof label === 'string' && !notPrintedHere.has(key)) expect(text).toContain(label);
    }
    const info = await tools.info(pdf);
    expect(info['Pages']).toBe('1');
    expect(await tools.pageSize(pdf)).toBe('842 x 595');
  }, SLOW);

  it.each([
    ['Łukasz Żółć', base.verificationUrl],
    ['Şebnem Öztürk', 'https://verify.kindling.example.org/c/KND-2026-000042?code=Ab3-x_Z9~q&lang=it'],
  ])('draws a vector QR code that decodes to exactly the verification URL (%s)', async (holderName, verificationUrl) => {
    const pdf = await renderer.render({ ...base, holderName, verificationUrl });
    expect(await tools.qrCodes(pdf)).toEqual([verificationUrl]);
    // Vector, not an embedded PNG.
    expect(pdf.includes(Buffer.from('/Subtype /Image'))).toBe(false);
    expect(flat(await tools.text(pdf))).toContain(verificationUrl);
  }, SLOW);

  it('sets Title, Author, Subject and dates from issuedAt', async () => {
    const info = await tools.info(await renderer.render({ ...base, holderName: 'Şebnem Öztürk' }));
    expect(info['Title']).toBe('Certificate of completion KND-2026-000042');
    expect(info['Author']).toBe('Kindling');
    expect(info['Subject']).toBe(`${base.courseTitle} — Şebnem Öztürk`);
    expect(info['CreationDate']).toBe('2026-03-04T08:15:30Z');
    expect(info['ModDate']).toBe('2026-03-04T08:15:30Z');
  }, SLOW);

  const localized: Array<[CertificateLocale, string[]]> = [
    ['it', ['Attestato di completamento', 'conferito a', 'per aver completato', '1,5 ore di formazione', 'accreditato da', 'riferimento', 'completato il', 'rilasciato da', 'numero attestato', 'verifica su', '3 marzo 2026']],
    ['de', ['Abschlusszertifikat', 'verliehen an', 'für den erfolgreichen Abschluss von', '1,5 Fortbildungsstunden', 'akkreditiert von', 'Referenz', 'abgeschlossen am', 'ausgestellt von', 'Zertifikatsnummer', 'prüfen unter', '3. März 2026']],
    ['fr', ['Certificat de réussite', 'décerné à', 'pour avoir suivi', '1,5 heure de formation', 'accrédité par', 'référence', 'terminé le', 'délivré par', 'numéro du certificat', 'vérifier sur', '3 mars 2026']],
  ];
  it.each(localized)('prints labels, date and hours in %s', async (locale, expected) => {
    const pdf = await renderer.render({ ...base, locale, hours: 1.5, holderName: 'Łukasz Żółć' });
    const text = flat(await tools.text(pdf));
    for (const s of expected) expect(text).toContain(s);
    expect(text).toContain('Łukasz Żółć');
    expect((await tools.info(pdf))['Title']).toBe(`${CERTIFICATE_LABELS[locale].title} KND-2026-000042`);
  }, SLOW);

  it('uses the singular for one hour and omits missing optional fields', async () => {
    const text = flat(
      await tools.text(await renderer.render({ ...base, hours: 1, accreditationBody: null, accreditationReference: '', organizationName: null })),
    );
    expect(text).toContain('1 training hour');
    expect(text).not.toContain('training hours');
    expect(text).not.toContain('accredited by');
    expect(text).not.toContain('issued by');
  }, SLOW);

  it('is deterministic: same input, same SHA-256, whatever was rendered before', async () => {
    const first = sha256Hex(await renderer.render(base));
    // Glyphs met while rendering other documents (composites such as Ş, Ö, Ć) must not leak.
    await renderer.render({ ...base, holderName: 'ŞÖĆŁŻ ǅ ﬁ', courseTitle: 'Ospedale · Sigmaringen', locale: 'fr' });
    expect(sha256Hex(await renderer.render(base))).toBe(first);
    const fresh = await CertificateRenderer.create();
    expect(sha256Hex(await fresh.render(base))).toBe(first);
    // Sharing parsed fonts is an optimisation only: pdfkit's parse-per-document path gives the same bytes.
    const unshared = await CertificateRenderer.create({ shareParsedFonts: false });
    expect(unshared.fontsParsedOnce).toBe(false);
    expect(sha256Hex(await unshared.render(base))).toBe(first);
    expect(sha256Hex(await renderer.render({ ...base, issuedAt: new Date('2026-03-04T08:15:31Z') }))).not.toBe(first);
  }, SLOW);

  it('shares shaped words and decoded glyphs across documents without changing a byte', async () => {
    // Words met before in other combinations (ligature candidates, composites, shared words):
    // the shared caches must give exactly what pdfkit's parse-per-document path gives.
    const unshared = await CertificateRenderer.create({ shareParsedFonts: false });
    const inputs: CertificateContent[] = [
      { ...base, holderName: 'Office officiel ﬁnal Ωmega', courseTitle: 'Affiliation efficace', locale: 'fr' },
      { ...base, holderName: 'Şebnem Öztürk', courseTitle: 'Office Sigmaringen', locale: 'de' },
      { ...base, holderName: 'Sofia Olsen officiel', courseTitle: 'Affiliation', locale: 'it' },
      { ...base, holderName: 'Office', courseTitle: 'ﬁnal final', locale: 'en' },
      // "office" is shaped into a three-letter ligature (one glyph, three code points).
      { ...base, holderName: 'Dott. µ μ Ω Ω office', courseTitle: 'K K', locale: 'it' },
      { ...base, holderName: 'Dott. μ Ω', courseTitle: 'K', locale: 'it' },
    ];
    for (const c of inputs) await renderer.render(c);
    for (const c of inputs) expect(sha256Hex(await renderer.render(c))).toBe(sha256Hex(await unshared.render(c)));
  }, SLOW);

  it('keeps text extractable after composite glyphs were subset in earlier documents', async () => {
    await renderer.render({ ...base, holderName: 'Şebnem Öztürk' });
    const text = flat(await tools.text(await renderer.render({ ...base, holderName: 'Sofia Olsen', organizationName: 'Ospedale San Raffaele' })));
    expect(text).toContain('Sofia Olsen');
    expect(text).toContain('Ospedale San Raffaele');
  }, SLOW);

  it('gives the same bytes when renders run concurrently', async () => {
    const inputs = holders.map((holderName, i) => ({ ...base, holderName, number: `KND-2026-00000${i}` }));
    const sequential: string[] = [];
    for (const c of inputs) sequential.push(sha256Hex(await renderer.render(c)));
    const concurrent = await Promise.all(inputs.map(async (c) => sha256Hex(await renderer.render(c))));
    expect(concurrent).toEqual(sequential);
  }, SLOW);

  it('shrinks long names and titles to fit one page', async () => {
    const holderName = 'Maria Magdalena Alexandra Theodora von und zu Hohenzollern-Sigmaringen-Württemberg-Lichtenstein Ćosić-Żółć';
    const courseTitle =
      'Gentilezza in corsia: comunicazione compassionevole, ascolto attivo e prevenzione del burnout per il personale sanitario delle strutture ospedaliere — modulo avanzato con tirocinio supervisionato';
    const pdf = await renderer.render({ ...base, holderName, courseTitle, organizationName: 'Azienda Ospedaliera Universitaria Integrata di Verona — Ospedale della Donna e del Bambino' });
    expect((await tools.info(pdf))['Pages']).toBe('1');
    const words = flat(await tools.text(pdf)).replace(/\s+/g, ' ');
    expect(words).toContain(holderName);
    expect(words).toContain(courseTitle);
    expect(await tools.qrCodes(pdf)).toEqual([base.verificationUrl]);

    // Absurd input still makes one page (the excess is ellipsised).
    const absurd = await renderer.render({ ...base, holderName: 'W'.repeat(2000), courseTitle: 'Kindness '.repeat(300), accreditationBody: 'x'.repeat(900) });
    expect((await tools.info(absurd))['Pages']).toBe('1');
    expect(await tools.qrCodes(absurd)).toEqual([base.verificationUrl]);
  }, SLOW);

  it('draws markup and control characters as plain text', async () => {
    const pdf = await renderer.render({ ...base, holderName: '<script>alert(1)</script>', courseTitle: 'Line\none\ttab\u0000 & "quotes" (parens) \\ backslash' });
    const text = flat(await tools.text(pdf));
    expect(text).toContain('<script>alert(1)</script>');
    expect(text).toContain('Line one tab & "quotes" (parens) \\ backslash');
    expect(pdf.includes(Buffer.from('/JavaScript'))).toBe(false);
    expect((await tools.info(pdf))['Pages']).toBe('1');
  }, SLOW);

  it('rejects content it cannot print faithfully', async () => {
    const bad: Array<[Partial<Record<keyof CertificateContent, unknown>>, string]> = [
      [{ locale: 'es' }, 'locale'],
      [{ issuedAt: new Date('nope') }, 'issuedAt'],
      [{ completedAt: '2026-03-03' }, 'completedAt'],
      [{ hours: -1 }, 'hours'],
      [{ hours: Number.NaN }, 'hours'],
      [{ holderName: '   ' }, 'holderName'],
      [{ verificationUrl: 'javascript:alert(1)' }, 'verificationUrl'],
      [{ verificationUrl: 'https://x.example/a b' }, 'verificationUrl'],
      [{ verificationUrl: `https://x.example/${'a'.repeat(600)}` }, 'verificationUrl'],
    ];
    for (const [patch, field] of bad) {
      const content = { ...base, ...patch } as CertificateContent;
      const error: unknown = await renderer.render(content).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(CertificateContentError);
      expect((error as CertificateContentError).field).toBe(field);
    }
  });
});

describe('archival, accessible PDF (PDF/A-3b, tagged)', () => {
  const credential = JSON.stringify({ '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential', 'OpenBadgeCredential'], name: 'Zoë Müller-Ćosić' });

  it('is tagged, carries an XMP metadata stream with PDF/A-3b identification and an sRGB output intent', async () => {
    const pdf = await renderer.render({ ...base, holderName: 'Anna & <Bo> Ćosić' });
    const info = await tools.info(pdf);
    expect(info['Tagged']).toBe('yes');
    expect(info['Metadata Stream']).toBe('yes');
    expect(info['PDF version']).toBe('1.7');
    const xmp = await tools.xmp(pdf);
    expect(xmp).toMatch(/<pdfaid:part>3<\/pdfaid:part>/);
    expect(xmp).toMatch(/<pdfaid:conformance>B<\/pdfaid:conformance>/);
    // Values are XML-escaped, and the dates mirror the Info dictionary.
    expect(xmp).toContain('Anna &amp; &lt;Bo&gt; Ćosić');
    expect(xmp).toContain('<xmp:CreateDate>2026-03-04T08:15:30Z</xmp:CreateDate>');
    expect(xmp).toContain('<xmp:ModifyDate>2026-03-04T08:15:30Z</xmp:ModifyDate>');
    expect(pdf.includes(Buffer.from('/S /GTS_PDFA1'))).toBe(true);
    expect(pdf.includes(Buffer.from('/OutputConditionIdentifier (sRGB IEC61966-2.1)'))).toBe(true);
    // Fonts are embedded subsets (never the 14 standard fonts).
    expect(pdf.includes(Buffer.from('/FontFile2'))).toBe(true);
    expect(pdf.includes(Buffer.from('/BaseFont /Helvetica'))).toBe(false);
  }, SLOW);

  it('reads in order through the structure tree, with the QR code described by its verification URL', async () => {
    const structure = await tools.structure(await renderer.render({ ...base, locale: 'de' }));
    const order = ['H1', 'Abschlusszertifikat', base.holderName, base.courseTitle, 'Zertifikatsnummer', 'Link', base.verificationUrl, 'Figure'];
    let at = -1;
    for (const part of order) {
      const next = structure.indexOf(part, at + 1);
      expect(next).toBeGreaterThan(at);
      at = next;
    }
    const pdf = await renderer.render(base);
    expect(pdf.includes(Buffer.from(`/Alt (QR code linking to the verification page ${base.verificationUrl})`))).toBe(true);
    expect(pdf.includes(Buffer.from(base.verificationUrl))).toBe(true);
    expect(await tools.qrCodes(pdf)).toEqual([base.verificationUrl]);
  }, SLOW);

  it('embeds the credential as credential.json (AFRelationship Alternative) that pdfdetach extracts unchanged', async () => {
    const pdf = await renderer.render({ ...base, credentialJson: credential });
    expect(await tools.attachments(pdf)).toEqual(['credential.json']);
    expect((await tools.detach(pdf, 'credential.json')).toString('utf8')).toBe(credential);
    expect(pdf.includes(Buffer.from('/AFRelationship /Alternative'))).toBe(true);
    expect(pdf.includes(Buffer.from('/Subtype /application#2Fjson'))).toBe(true);
    expect(await tools.attachments(await renderer.render(base))).toEqual([]);
    // Still deterministic with an attachment.
    expect(sha256Hex(await renderer.render({ ...base, credentialJson: credential }))).toBe(sha256Hex(pdf));
  }, SLOW);

  it('rejects a credential that is not JSON', async () => {
    await expect(renderer.render({ ...base, credentialJson: '{not json' })).rejects.toThrow(CertificateContentError);
  });
});

describe('validity and branding', () => {
  const png = (w: number, h: number): Buffer => {
    // A tiny valid PNG drawn by hand would be long; sharp is a dependency of the API anyway.
    return PNG_CACHE.get(`${w}x${h}`) as Buffer;
  };
  const PNG_CACHE = new Map<string, Buffer>();
  beforeAll(async () => {
    const sharp = (await import('sharp')).default;
    PNG_CACHE.set('300x120', await sharp({ create: { width: 300, height: 120, channels: 4, background: { r: 170, g: 51, b: 85, alpha: 0.6 } } }).png().toBuffer());
    PNG_CACHE.set('200x60', await sharp({ create: { width: 200, height: 60, channels: 3, background: { r: 20, g: 20, b: 90 } } }).jpeg().toBuffer());
  });

  const validity: Array<[CertificateLocale, string]> = [
    ['en', 'valid until 4 March 2028'],
    ['it', 'valido fino al 4 marzo 2028'],
    ['de', 'gültig bis 4. März 2028'],
    ['fr', 'valable jusqu’au 4 mars 2028'],
  ];
  it.each(validity)('prints the end of validity in %s', async (locale, expected) => {
    const text = flat(await tools.text(await renderer.render({ ...base, locale, validUntil: new Date('2028-03-04T00:00:00Z') })));
    expect(text).toContain(expected);
  }, SLOW);

  it('prints no validity line when the certificate does not expire', async () => {
    expect(flat(await tools.text(await renderer.render({ ...base, validUntil: null })))).not.toContain('valid until');
  }, SLOW);

  it('prints the logo, the signatory, the signature and the issuing organisation, in the accent colour', async () => {
    const pdf = await renderer.render({
      ...base,
      branding: {
        logo: { data: png(300, 120), mime: 'image/png' },
        signatureImage: { data: png(200, 60), mime: 'image/jpeg' },
        signatoryName: 'Dr. Maria Rossi',
        signatoryTitle: 'Head of School',
        accentColor: '#AA3355',
      },
    });
    const text = (await tools.text(pdf)).replace(/\s+/g, ' ');
    for (const s of ['Dr. Maria Rossi', 'Head of School', 'issued by', 'Istituto Comprensivo', 'Giovanni Pascoli', base.holderName]) expect(text).toContain(s);
    expect((await tools.info(pdf))['Pages']).toBe('1');
    expect(pdf.includes(Buffer.from('/Subtype /Image'))).toBe(true);
    expect(pdf.includes(Buffer.from('/Alt (Logo of Istituto Comprensivo Giovanni Pascoli)'))).toBe(true);
    expect(pdf.includes(Buffer.from('/Alt (Signature of Dr. Maria Rossi)'))).toBe(true);
    // #aa3355 as an RGB stroke colour of the frame (in the Flate-compressed page content).
    expect(inflatedStreams(pdf).some((s) => /0\.66666\d* 0\.2 0\.33333\d* SCN/.test(s))).toBe(true);
    expect(await tools.qrCodes(pdf)).toEqual([base.verificationUrl]);
  }, SLOW);

  it('rejects branding it cannot print faithfully', async () => {
    await expect(renderer.render({ ...base, branding: { accentColor: 'red' } })).rejects.toThrow(/branding.accentColor/);
    await expect(renderer.render({ ...base, branding: { logo: { data: Buffer.from('<svg/>'), mime: 'image/png' } } })).rejects.toThrow(/branding.logo/);
  });
});

describe('renderBarePdfkit', () => {
  it('renders the same layout with Helvetica and no QR code', async () => {
    const pdf = await renderBarePdfkit(base);
    const info = await tools.info(pdf);
    expect(info['Pages']).toBe('1');
    expect(await tools.pageSize(pdf)).toBe('842 x 595');
    const text = flat(await tools.text(pdf));
    expect(text).toContain(base.number);
    expect(text).toContain(base.verificationUrl);
    expect(text).toContain('Certificate of completion');
    expect(await tools.qrCodes(pdf)).toEqual([]);
    expect(pdf.includes(Buffer.from('/BaseFont /Helvetica'))).toBe(true);
  }, SLOW);
});

describe('sha256Hex', () => {
  it('returns the lower-case hex digest', () => {
    expect(sha256Hex(Buffer.from('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

// Render speed is measured by `npm run bench` (line e, with and without signing), never asserted
// here: a timed assertion flakes on a busy machine and proves nothing on a quiet one.
