import type { ParsedMinutes, ParsedResolution } from '../minutes/types';
import { AgencyDirectory } from './directory';
import { joinAgencies, joinMinutesAgencies } from './join';

const KARAJ = 'فرمانداری کرج';
const WELFARE = 'اداره کل بهزیستی استان';

function directory(): AgencyDirectory {
  return AgencyDirectory.from([{ name: KARAJ }, { name: WELFARE }]);
}

describe('joinAgencies', () => {
  test('a spelling certainly of a known agency is written with its name, once noted', () => {
    const joined = joinAgencies(['بهزیستی استان', 'شهرداری کرج', 'بهزیستی استان'], directory());
    expect(joined.names).toEqual([WELFARE, 'شهرداری کرج', WELFARE]);
    expect(joined.joined).toEqual([{ written: 'بهزیستی استان', agency: WELFARE }]);
    expect(joined.proposals).toEqual([]);
    expect([...joined.warnings]).toEqual([['بهزیستی استان', {
      code: 'agency_joined',
      fa: '«بهزیستی استان» همان دستگاه «اداره کل بهزیستی استان» دانسته شد و با همین نام ثبت شد',
      en: '"بهزیستی استان" is the agency "اداره کل بهزیستی استان" and was written with that name',
    }]]);
  });

  test('a name the directory holds (any letter variant), or an empty one, is written as given, without a note', () => {
    const joined = joinAgencies(['فرمانداري كرج', ''], directory());
    expect(joined.names).toEqual(['فرمانداري كرج', '']);
    expect(joined).toMatchObject({ joined: [], proposals: [] });
    expect(joined.warnings.size).toBe(0);
  });

  test('a likely spelling stays a new agency and is proposed as an alias of the known one', () => {
    const joined = joinAgencies(['فرمانداری شهرستان کرج'], directory());
    expect(joined.names).toEqual(['فرمانداری شهرستان کرج']);
    expect(joined.joined).toEqual([]);
    expect(joined.proposals).toEqual([{ name: 'فرمانداری شهرستان کرج', existing: KARAJ }]);
    expect(joined.warnings.get('فرمانداری شهرستان کرج')).toEqual({
      code: 'agency_alias_proposed',
      fa: '«فرمانداری شهرستان کرج» شاید همان «فرمانداری کرج» باشد؛ دستگاه تازه ثبت شد و در برگه دستگاه‌ها پیشنهاد شد. اگر یکی‌اند، این نام را در «نام‌های دیگر» آن دستگاه بنویسید',
      en: '"فرمانداری شهرستان کرج" may be the agency "فرمانداری کرج"; it was added as a new agency and proposed as an alias in the agencies sheet',
    });
  });

  test('a spelling certainly of an alias is written with its agency\'s name', () => {
    const withAlias = AgencyDirectory.from([{ name: 'دفتر امور شهری', aliases: ['شهرداری کرج'] }]);
    // only an honorific differs from the alias
    const joined = joinAgencies(['شهرداری محترم کرج'], withAlias);
    expect(joined.names).toEqual(['دفتر امور شهری']);
    expect(joined.joined).toEqual([{ written: 'شهرداری محترم کرج', agency: 'دفتر امور شهری' }]);
  });

  test('of two likely agencies the one listed first is proposed', () => {
    const two = AgencyDirectory.from([{ name: 'اداره فناوری اطلاعات شهرداری' }, { name: 'شرکت فناوری اطلاعات شهرداری' }]);
    expect(joinAgencies(['سازمان فناوری اطلاعات شهرداری'], two).proposals)
      .toEqual([{ name: 'سازمان فناوری اطلاعات شهرداری', existing: 'اداره فناوری اطلاعات شهرداری' }]);
  });

  test('names met earlier in the same list count as known, and the directory given is not changed', () => {
    const given = directory();
    const joined = joinAgencies(['فرمانداری شهرستان طالقان', 'فرمانداری طالقان', 'بهزیستی', 'اداره کل بهزیستی استان البرز'], AgencyDirectory.from([]));
    expect(joined.names).toEqual(['فرمانداری شهرستان طالقان', 'فرمانداری طالقان', 'بهزیستی', 'بهزیستی']);
    expect(joined.proposals).toEqual([{ name: 'فرمانداری طالقان', existing: 'فرمانداری شهرستان طالقان' }]);
    joinAgencies(['شهرداری کرج', 'فرمانداری شهرستان کرج'], given);
    expect(given.list().map((e) => e.name)).toEqual([KARAJ, WELFARE]);
    expect(given.proposalFor('فرمانداری شهرستان کرج')).toBeUndefined();
  });
});

describe('joinMinutesAgencies', () => {
  function resolution(row: number, agencies: string[]): ParsedResolution {
    return { row, text: `مصوبه ${row}`, agencies, deadline: { text: '', kind: 'none' as ParsedResolution['deadline']['kind'], due: null }, warnings: [] };
  }

  test('each resolution gets the known names and the notes about its own agencies; one agency named twice is written once', () => {
    const minutes = {
      meeting: {}, warnings: [],
      resolutions: [
        resolution(1, ['بهزیستی استان', 'شهرداری کرج']),
        resolution(2, ['شهرداری کرج']),
        resolution(3, [WELFARE, 'بهزیستی استان', 'فرمانداری شهرستان کرج']),
      ],
    } as unknown as ParsedMinutes;
    const joined = joinMinutesAgencies(minutes, directory());
    expect(minutes.resolutions.map((r) => r.agencies)).toEqual([
      [WELFARE, 'شهرداری کرج'],
      ['شهرداری کرج'],
      [WELFARE, 'فرمانداری شهرستان کرج'],
    ]);
    expect(minutes.resolutions.map((r) => r.warnings.map((w) => w.code))).toEqual([
      ['agency_joined'],
      [],
      ['agency_joined', 'agency_alias_proposed'],
    ]);
    expect(joined.names).toEqual([WELFARE, 'شهرداری کرج', 'شهرداری کرج', WELFARE, WELFARE, 'فرمانداری شهرستان کرج']);
  });
});
