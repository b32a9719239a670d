import { crc32, listZipEntries, readZip, readZipEntry, tableCrc32, writeZip, ZipFormatError } from './zip';

describe('zip reader and writer', () => {
  it('round-trips names (Persian too) and contents', () => {
    const files = [
      { name: 'xl/workbook.xml', data: '<workbook/>' },
      { name: 'xl/برگه.xml', data: Buffer.from('سلام '.repeat(1000)) },
    ];
    const zip = writeZip(files);
    const back = readZip(zip);
    expect(back.map((f) => f.name)).toEqual(files.map((f) => f.name));
    expect(back[1].data.toString()).toBe('سلام '.repeat(1000));
  });

  it('reads only the start of a large entry when asked', () => {
    const zip = writeZip([{ name: 'big.xml', data: `<dimension ref="A1:R100001"/>${'x'.repeat(1_000_000)}` }]);
    const [entry] = listZipEntries(zip);
    const head = readZipEntry(zip, entry, 4096).toString();
    expect(head.startsWith('<dimension ref="A1:R100001"/>')).toBe(true);
    expect(head.length).toBeLessThanOrEqual(4096);
  });

  it('refuses truncated archives and non-zips', () => {
    const zip = writeZip([{ name: 'a', data: 'b'.repeat(100) }]);
    expect(() => listZipEntries(zip.subarray(0, zip.length - 30))).toThrow(ZipFormatError);
    expect(() => listZipEntries(Buffer.from('not a zip at all, just text'))).toThrow(ZipFormatError);
  });
});

describe('crc32', () => {
  it('gives the standard check value for "123456789", natively and by table', () => {
    const bytes = Buffer.from('123456789', 'latin1');
    expect(crc32(bytes)).toBe(0xcbf43926);
    expect(tableCrc32(bytes)).toBe(0xcbf43926);
    expect(tableCrc32(Buffer.alloc(0))).toBe(0);
  });
});
