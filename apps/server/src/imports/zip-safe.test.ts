import { IMPORT_FAILURE_CODES } from '@phuluc/domain';
import { Deflate, strToU8, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { docxFromBodyXml, tblXml, zipBuild, zipDeclaredSizesForge, zipEntries } from './import-files.test-helper.ts';
import { ZIP_LIMITS, zipMacrosRefuse, zipOpen } from './zip-safe.ts';

/** A ZIP with one entry of `megabytes` MB of zeros, deflated at a low level in 1 MB steps (~1 KB per MB). */
function zerosZip(name: string, megabytes: number): Uint8Array {
  const parts: Uint8Array[] = [];
  const deflate = new Deflate({ level: 9 }, (chunk) => parts.push(chunk));
  const mb = new Uint8Array(1024 * 1024);
  for (let k = 0; k < megabytes; k += 1) deflate.push(mb, k === megabytes - 1);
  const raw = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    raw.set(p, at);
    at += p.length;
  }
  // Stored as is, then marked deflated with its true inflated size (the CRC is not checked).
  const zip = zipSync({ [name]: [raw, { level: 0 }] });
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  for (let k = 0; k + 4 <= zip.length; k += 1) {
    const sig = view.getUint32(k, true);
    if (sig === 0x04034b50) {
      view.setUint16(k + 8, 8, true);
      view.setUint32(k + 22, megabytes * 1024 * 1024, true);
    } else if (sig === 0x02014b50) {
      view.setUint16(k + 10, 8, true);
      view.setUint32(k + 24, megabytes * 1024 * 1024, true);
    }
  }
  return zip;
}

function failure<T>(result: { ok: true; value: T } | { ok: false; code: string; reason: string }): { code: string; reason: string } {
  if (result.ok) throw new Error('expected a failure');
  return result;
}

describe('zipOpen on hostile files', () => {
  let bomb: Uint8Array;
  beforeAll(() => {
    bomb = zerosZip('word/document.xml', 200);
  });

  it('refuses a file larger than 10 MB before reading it', () => {
    const big = new Uint8Array(ZIP_LIMITS.maxUploadBytes + 1);
    big.set([0x50, 0x4b, 0x03, 0x04]);
    const f = failure(zipOpen(big));
    expect(f.code).toBe(IMPORT_FAILURE_CODES.tooLarge);
    expect(f.reason).toMatch(/quá lớn.*tối đa 10 MB/);
  });

  it('refuses bytes that are not a ZIP', () => {
    const f = failure(zipOpen(strToU8('STT\tNội dung công việc\n1\tViệc')));
    expect(f.code).toBe(IMPORT_FAILURE_CODES.notZip);
    expect(f.reason).toMatch(/không phải tệp Word \(\.docx\) hay Excel \(\.xlsx\)/);
  });

  it('refuses a truncated ZIP as corrupt', () => {
    const whole = docxFromBodyXml(tblXml([['STT', 'Nội dung công việc', 'Đơn vị chủ trì']]));
    const f = failure(zipOpen(whole.subarray(0, whole.length - 30)));
    expect(f.code).toBe(IMPORT_FAILURE_CODES.zipCorrupt);
    expect(f.reason).toMatch(/Tệp bị hỏng/);
  });

  it('refuses a 200 MB bomb from what its directory declares, without inflating it', () => {
    expect(bomb.length).toBeLessThan(400 * 1024);
    const f = failure(zipOpen(bomb));
    expect(f.code).toBe(IMPORT_FAILURE_CODES.zipBomb);
    expect(f.reason).toMatch(/word\/document\.xml.*giải nén ra 200 MB.*bom nén/);
  });

  it('stops a bomb that lies about its size after about a megabyte of output', () => {
    const lying = zipDeclaredSizesForge(bomb, 1000);
    const opened = zipOpen(lying);
    if (!opened.ok) throw new Error(opened.reason);
    const started = performance.now();
    const f = failure(opened.value.read('word/document.xml'));
    expect(f.code).toBe(IMPORT_FAILURE_CODES.zipBomb);
    expect(f.reason).toMatch(/bom nén/);
    // Refused after ~1 MB of output, not 200 MB: a few milliseconds, against several seconds for
    // the whole bomb; the bound leaves room for a 2-core machine running two suites at once
    // (1.3 s was seen there).
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('stops an entry that inflates beyond the per-part limit even at an ordinary ratio', () => {
    // Text compressing ~10:1, 40 MB once inflated, declaring 1 KB.
    const line = (k: number): string => `<w:tr><w:tc><w:p><w:r><w:t>${(k * 7919) % 100000}</w:t></w:r></w:p></w:tc></w:tr>`;
    const parts: string[] = [];
    let length = 0;
    for (let k = 0; length < 40 * 1024 * 1024; k += 1) {
      const l = line(k);
      parts.push(l);
      length += l.length;
    }
    const huge = zipBuild({ 'word/document.xml': parts.join('') });
    expect(huge.length).toBeLessThan(ZIP_LIMITS.maxUploadBytes);
    const declared = failure(zipOpen(huge));
    expect(declared.code).toBe(IMPORT_FAILURE_CODES.xmlTooLarge);
    const lying = zipOpen(zipDeclaredSizesForge(huge, 1024));
    if (!lying.ok) throw new Error(lying.reason);
    const f = failure(lying.value.read('word/document.xml'));
    expect(f.code).toBe(IMPORT_FAILURE_CODES.xmlTooLarge);
    expect(f.reason).toMatch(/quá lớn khi giải nén \(hơn 32 MB\)/);
  });

  it('refuses more entries than any Office file has', () => {
    const many: Record<string, Uint8Array> = {};
    for (let k = 0; k <= ZIP_LIMITS.maxEntries; k += 1) many[`x/${k}.xml`] = new Uint8Array(0);
    const f = failure(zipOpen(zipSync(many, { level: 0 })));
    expect(f.code).toBe(IMPORT_FAILURE_CODES.zipBomb);
    expect(f.reason).toMatch(/5\.001 mục/);
  });

  it('refuses an encrypted entry with a hint to remove the password', () => {
    const zip = zipBuild({ 'word/document.xml': '<w:document/>' });
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    for (let k = 0; k + 4 <= zip.length; k += 1) if (view.getUint32(k, true) === 0x02014b50) view.setUint16(k + 8, 1, true);
    const f = failure(zipOpen(zip));
    expect(f.code).toBe(IMPORT_FAILURE_CODES.encrypted);
    expect(f.reason).toMatch(/mật khẩu/);
  });

  it('reads ordinary entries, deflated and stored, byte for byte', () => {
    const text = 'Ủy ban nhân dân xã '.repeat(1000);
    const zip = zipSync({ 'a.xml': [strToU8(text), { level: 6 }], 'b.xml': [strToU8('stored'), { level: 0 }] });
    const opened = zipOpen(zip);
    if (!opened.ok) throw new Error(opened.reason);
    const a = opened.value.read('a.xml');
    const b = opened.value.read('b.xml');
    expect(a.ok && new TextDecoder().decode(a.value)).toBe(text);
    expect(b.ok && new TextDecoder().decode(b.value)).toBe('stored');
    expect(failure(opened.value.read('c.xml')).code).toBe(IMPORT_FAILURE_CODES.zipCorrupt);
  });
});

describe('zipMacrosRefuse', () => {
  const docx = docxFromBodyXml(tblXml([['STT', 'Nội dung công việc', 'Đơn vị chủ trì']]));

  it('accepts a plain .docx', () => {
    const opened = zipOpen(docx);
    if (!opened.ok) throw new Error(opened.reason);
    expect(zipMacrosRefuse(opened.value).ok).toBe(true);
  });

  it('refuses a .docm carrying vbaProject.bin', () => {
    const entries = zipEntries(docx);
    entries['word/vbaProject.bin'] = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]);
    const opened = zipOpen(zipBuild(entries));
    if (!opened.ok) throw new Error(opened.reason);
    const f = failure(zipMacrosRefuse(opened.value));
    expect(f.code).toBe(IMPORT_FAILURE_CODES.macros);
    expect(f.reason).toMatch(/macro.*\.docx hoặc \.xlsx/);
  });

  it('refuses a macro-enabled content type even without the VBA part', () => {
    const entries = zipEntries(docx);
    const types = new TextDecoder().decode(entries['[Content_Types].xml']);
    entries['[Content_Types].xml'] = strToU8(types.replace('wordprocessingml.document.main+xml', 'ms-word.document.macroEnabled.main+xml'));
    const opened = zipOpen(zipBuild(entries));
    if (!opened.ok) throw new Error(opened.reason);
    expect(failure(zipMacrosRefuse(opened.value)).code).toBe(IMPORT_FAILURE_CODES.macros);
  });
});
