import { describe, expect, it } from 'vitest';
import { isAnimated, refusalMessage, sniffImage } from '../../../src/images/sniff';
import type { SniffResult } from '../../../src/images/types';
import { HTML, SVG, apng, avif, bmp, concat, gif, ico, isoBmff, jpeg, png, text, webp, webpAnimated } from './corpus';

/** The refusal message for bytes that must be refused (fails the test if they were accepted). */
function refused(bytes: Uint8Array): string {
  const r: SniffResult = sniffImage(bytes);
  if (r.ok) throw new Error(`accepted as ${r.format}`);
  return refusalMessage(r);
}

describe('sniffImage: images', () => {
  it.each([
    ['png', png(), 'image/png'],
    ['jpeg', jpeg(), 'image/jpeg'],
    ['gif', gif(), 'image/gif'],
    ['webp', webp(), 'image/webp'],
    ['webp', webpAnimated(false), 'image/webp'],
    ['avif', avif(), 'image/avif'],
    ['avif', isoBmff('mif1', ['mif1', 'avif']), 'image/avif'],
    ['bmp', bmp(), 'image/bmp'],
    ['ico', ico(), 'image/x-icon'],
  ] as const)('%s is found from the bytes, with its content type', (format, bytes, mime) => {
    expect(sniffImage(bytes)).toEqual({ ok: true, format, mime, animated: false });
  });

  it('finds animation: GIF with two frames, APNG, animated WebP, AVIF sequence', () => {
    expect(sniffImage(gif(2))).toMatchObject({ ok: true, format: 'gif', animated: true });
    expect(sniffImage(apng())).toMatchObject({ ok: true, format: 'png', animated: true });
    expect(sniffImage(webpAnimated())).toMatchObject({ ok: true, format: 'webp', animated: true });
    expect(sniffImage(avif('avis'))).toMatchObject({ ok: true, format: 'avif', animated: true });
  });

  it('isAnimated counts GIF frames past the first 4 KB', () => {
    // A big first frame pushes the second one beyond a 4 KB head.
    const one = gif(1);
    const bigFrame = concat(one.subarray(0, 19), [0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2], ...Array(40).fill([0xff, ...Array(255).fill(1)]), [0]);
    const two = concat(bigFrame, one.subarray(19));
    expect(two.length).toBeGreaterThan(8192);
    expect(isAnimated(two, 'gif')).toBe(true);
    expect(isAnimated(two.subarray(0, 4096), 'gif')).toBe(false);
    expect(isAnimated(gif(1), 'gif')).toBe(false);
  });

  it('an acTL after IDAT does not make a PNG animated', () => {
    const p = png();
    const iend = p.length - 12;
    const late = concat(p.subarray(0, iend), [0, 0, 0, 8], 'acTL', Array(8).fill(0), [0, 0, 0, 0], p.subarray(iend));
    expect(isAnimated(late, 'png')).toBe(false);
  });
});

describe('sniffImage: refusals say what the bytes are', () => {
  it('an HTML page renamed .png', () => {
    expect(refused(text(HTML))).toMatch(/^This is an HTML page\. /);
    expect(refused(text('<!-- error --><html><body>404</body></html>'))).toMatch(/^This is an HTML page/);
    expect(refused(text('\n\n  <head><meta charset="utf-8"></head>'))).toMatch(/^This is an HTML page/);
    expect(refused(text('<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"/>'))).toMatch(/^This is an HTML page/);
  });

  const svgMessage =
    'This is an SVG drawing. Glean stores pictures, and an SVG can carry scripts, so it is not uploaded as SVG. Upload a PNG export of it instead.';
  it.each([
    ['plain', SVG],
    ['with an XML prolog', `<?xml version="1.0" encoding="UTF-8"?>\n${SVG}`],
    ['with leading whitespace', `\n \t ${SVG}`],
    ['with a doctype and comment', `<?xml version="1.0"?><!-- made by hand --><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x">${SVG}`],
    ['with a namespace prefix', '<svg:svg xmlns:svg="http://www.w3.org/2000/svg"/>'],
  ])('SVG %s', (_, source) => {
    expect(refused(text(source))).toBe(svgMessage);
  });

  it('SVG behind a UTF-8 or UTF-16 byte order mark', () => {
    expect(refused(concat([0xef, 0xbb, 0xbf], SVG))).toBe(svgMessage);
    const utf16 = new Uint8Array([0xff, 0xfe, ...[...SVG].flatMap((c) => [c.charCodeAt(0), 0])]);
    expect(refused(utf16)).toBe(svgMessage);
  });

  it.each([
    ['PDF', text('%PDF-1.7\n%\xe2\xe3\n1 0 obj'), /^This is a PDF document\. .*PNG or JPEG/],
    ['plain text', text('just some words\nand more'), /^This is plain text, not an image\.$/],
    ['JSON', text('  {"error": "not found"}'), /^This is JSON data, not an image\.$/],
    ['XML', text('<?xml version="1.0"?><Error><Code>AccessDenied</Code></Error>'), /^This is an XML document/],
    ['XML without a prolog', text('<Error><Code>NoSuchKey</Code></Error>'), /^This is an XML document/],
    ['empty', new Uint8Array(0), /^This is an empty file\./],
    ['ZIP', concat('PK\x03\x04', Array(26).fill(0)), /^This is a ZIP archive\./],
    ['HEIC', isoBmff('heic', ['mif1', 'heic']), /^This is a HEIC photo\. .*convert it to JPEG/],
    ['TIFF', concat('II*\0', Array(12).fill(0)), /^This is a TIFF image\./],
    ['MP4', isoBmff('isom', ['isom', 'mp41']), /^This is a video \(MP4\)\./],
    ['WebM', concat([0x1a, 0x45, 0xdf, 0xa3], Array(12).fill(0)), /^This is a video \(WebM\)/],
    ['unknown binary', new Uint8Array([0x00, 0x13, 0x99, 0xfe, 0x01, 0x02, 0x00, 0x80]), /^This is a file of an unknown kind\. .*PNG, JPEG/],
    ['text starting with BM', text('BMW sells cars, not pictures'), /^This is plain text/],
  ])('%s', (_, bytes, message) => {
    expect(refused(bytes)).toMatch(message);
  });
});
