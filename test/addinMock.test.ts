/**
 * The Office.js adapter on office-addin-mock objects, with context.sync wrapped to count: the
 * number of syncs per command is the same for 10, 1,000 and 10,000 register rows. The mock
 * leaves an unloaded property as an error string, so a read before load()+sync() breaks the
 * command and the test.
 */
import { OfficeMockObject } from 'office-addin-mock';

// office-addin-mock takes only the host names from office-addin-manifest, whose own imports
// are ES modules jest cannot load as CommonJS
jest.mock('office-addin-manifest', () => ({
  OfficeApp: { Excel: 'excel', OneNote: 'onenote', Outlook: 'outlook', PowerPoint: 'powerpoint', Project: 'project', Word: 'word' },
}));
import { REGISTER_FIELDS } from '../core/register/fields';
import { JalaliDate } from '../core/jalali';
import { toPersianDigits } from '../core/text';
import { colorRegister, validateRegister, writeSummary } from '../addin/excel/commands';

type Data = Record<string, unknown>;
const TODAY = JalaliDate.parse('1401/05/20');

/** A register grid: the header and `n` rows cycling through statuses and due dates. */
function registerGrid(n: number): unknown[][] {
  const header = REGISTER_FIELDS.map((f) => f.fa);
  const rows: unknown[][] = [header];
  const statuses = ['', 'در حال انجام', 'انجام شده', 'منتفی'];
  for (let i = 0; i < n; i++) {
    const cells: Record<string, unknown> = {
      id: `1401-04-09-${i}`, meeting: 'جلسه', meetingDate: '۱۴۰۱/۰۴/۰۹', row: i + 1, text: `متن مصوبه ${i}`,
      agency: `دستگاه ${i % 7}`, deadlineText: i % 5 === 0 ? 'مستمر' : 'یک ماه', due: i % 5 === 0 ? '' : '۱۴۰۱/۰۵/۰۹',
      status: statuses[i % 4], percent: i % 4 === 1 ? 50 : '', report: '', doneDate: i % 4 === 2 ? '۱۴۰۱/۰۵/۰۱' : '',
    };
    rows.push(REGISTER_FIELDS.map((f) => cells[f.name] ?? ''));
  }
  return rows;
}

function letterNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

/** A mock Excel.run over `grid` as the only sheet; returns the sync counter. */
function installMock(grid: unknown[][]): { syncs: () => number } {
  const created: OfficeMockObject[] = [];
  const mock = (data: Data): OfficeMockObject => {
    const object = new OfficeMockObject(data as never);
    created.push(object);
    return object;
  };
  // load('items/…') on a collection: the mock knows 'items' as one value
  const collection = (data: Data): Data => ({
    ...data,
    load(this: OfficeMockObject) { return OfficeMockObject.prototype.load.call(this, 'items'); },
  });
  const width = grid[0].length;
  const range = (address: string): OfficeMockObject => {
    const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(address);
    const [c1, r1] = m ? [letterNumber(m[1]), Number(m[2])] : [1, 1];
    const [c2, r2] = m && m[3] ? [letterNumber(m[3]), Number(m[4])] : [c1, r1];
    const values: unknown[][] = [];
    for (let r = r1; r <= Math.min(r2, r1 + 20_000); r++) {
      const line: unknown[] = [];
      for (let c = c1; c <= Math.min(c2, c1 + 60); c++) line.push(grid[r - 1]?.[c - 1] ?? '');
      values.push(line);
    }
    const types = values.map((l) => l.map((v) => (v === '' ? 'Empty' : typeof v === 'number' ? 'Double' : 'String')));
    return mock({
      values, valueTypes: types, numberFormat: values.map((l) => l.map(() => 'General')), address,
      format: {
        fill: { color: '' }, font: { bold: false, name: '', size: 0 }, columnWidth: 0, rowHeight: 0, useStandardHeight: false, wrapText: false,
        horizontalAlignment: '', verticalAlignment: '', readingOrder: '',
        borders: { getItem: () => mock({ style: '', weight: '', color: '' }) },
      },
      columnHidden: false,
      merge: () => undefined,
      unmerge: () => undefined,
      clear: () => undefined,
      dataValidation: { rule: {}, errorAlert: {}, ignoreBlanks: true, clear: () => undefined },
      conditionalFormats: collection({
        items: [],
        add: () => mock({ custom: { rule: { formula: '' }, format: { fill: { color: '' }, numberFormat: '' } }, stopIfTrue: false, priority: 0 }),
      }),
      select: () => undefined,
    });
  };
  // Office loads isNullObject with every sync, unasked: a plain property the mock never hides
  const present = (object: OfficeMockObject): OfficeMockObject => Object.assign(object, { isNullObject: false });
  const sheet = present(mock({
    name: 'مصوبات',
    getRange: (address?: string) => range(address ?? 'A1'),
    getRanges: () => mock({
      format: {
        fill: { color: '' }, font: { bold: false, name: '', size: 0 }, wrapText: false, horizontalAlignment: '', verticalAlignment: '', readingOrder: '',
        borders: { getItem: () => mock({ style: '', weight: '', color: '' }) },
      },
    }),
    autoFilter: { enabled: false, isDataFiltered: false, apply: () => undefined, remove: () => undefined },
    freezePanes: { freezeRows: () => undefined, unfreeze: () => undefined },
    position: 0,
    getUsedRangeOrNullObject: () => present(mock({ rowIndex: 0, columnIndex: 0, rowCount: grid.length, columnCount: width })),
    activate: () => undefined,
    delete: () => undefined,
    pageLayout: {
      orientation: '', paperSize: '', zoom: {}, centerHorizontally: false, setPrintTitleRows: () => undefined,
      headersFooters: { defaultForAllPages: { centerFooter: '' } },
    },
    charts: collection({
      items: [],
      add: () => mock({ title: { text: '' }, series: { getItemAt: () => ({ format: { fill: { setSolidColor: () => undefined } }, delete: () => undefined }) }, setPosition: () => undefined }),
    }),
  }));
  const worksheets = collection({
    items: [{ name: 'مصوبات' }],
    getActiveWorksheet: () => sheet,
    getItem: () => sheet,
    getItemOrNullObject: () => sheet,
    add: () => sheet,
  });
  const context = mock({ workbook: { worksheets, name: 'register.xlsx' } });
  let syncs = 0;
  created.splice(created.indexOf(context), 1);
  const baseSync = context.sync.bind(context);
  (context as unknown as { sync: () => Promise<void> }).sync = async () => {
    await baseSync();
    syncs++;
    for (const object of created) await object.sync();
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  Object.assign(globalThis, {
    Excel: {
      run: (callback: (c: unknown) => Promise<unknown>) => callback(context),
      ConditionalFormatType: { custom: 'Custom' },
      ChartType: { barStacked: 'BarStacked' },
      ChartSeriesBy: { columns: 'Columns' },
      PageOrientation: { landscape: 'Landscape' },
      PaperType: { a4: 'A4' },
    },
    Office: { context: { requirements: { isSetSupported: (_name: string, version: string) => Number(version.split('.')[1]) <= 9 } } },
  });
  return { syncs: () => syncs };
}

describe('syncs per command do not grow with the register (office-addin-mock)', () => {
  const sizes = [10, 1_000, 10_000];
  // find the register (sheet names, header, sample, used range), read its columns, write
  for (const [name, command, expected] of [
    ['colour', () => colorRegister({ today: TODAY }), 3],
    ['validate', () => validateRegister({ today: TODAY }), 2],
    ['summary', () => writeSummary({ today: TODAY }), 3],
  ] as const) {
    it(`${name}: ${expected} syncs at ${sizes.join(', ')} rows`, async () => {
      const counts: number[] = [];
      for (const n of sizes) {
        const { syncs } = installMock(registerGrid(n));
        const outcome = await command();
        expect(outcome).toMatchObject({ ok: true });
        // every row was read: the message counts them
        expect(outcome.message).toContain(`${toPersianDigits(String(n))} ردیف`);
        counts.push(syncs());
      }
      expect(counts).toEqual(sizes.map(() => expected));
    });
  }
});
