/**
 * The register's settings in the service: the secretariat reads and changes them with the rules
 * the تنظیمات sheet is read by, and the states the service gives follow them.
 */
import request from 'supertest';
import { bearer, closeParser, makeService, type Service } from './serviceHelpers';

let service: Service;
beforeAll(async () => {
  service = await makeService();
});
afterAll(closeParser);

const settings = () => request(service.app).get('/api/settings').set(bearer(service.tokens.secretariat));
const put = (body: unknown, token = service.tokens.secretariat) => request(service.app).put('/api/settings').set(bearer(token)).send(body as object);

/** The state of the seed's row due 1401/05/09 ("یک ماه" after the meeting of 1401/04/09); today is 1401/04/14. */
async function stateOfMonthRow(): Promise<string> {
  const res = await request(service.app).get('/api/assignments?limit=1000').set(bearer(service.tokens.secretariat));
  const states = (res.body.assignments as Array<{ due: string | null; state: string }>).filter((r) => r.due === '1401/05/09').map((r) => r.state);
  expect(states.length).toBeGreaterThan(0);
  expect(new Set(states).size).toBe(1);
  return states[0];
}

test('a fresh store has the defaults: due soon 7 days, urgent 3 days, Thursday a day off, no extra holidays', async () => {
  const res = await settings();
  expect(res.status).toBe(200);
  expect(res.body.settings).toEqual({ dueSoonDays: 7, urgentDays: 3, thursdayIsWorkday: false, holidays: [] });
});

test('only the secretariat reads or changes them', async () => {
  expect((await request(service.app).get('/api/settings')).status).toBe(401);
  expect((await request(service.app).get('/api/settings').set(bearer('wrong'))).status).toBe(401);
  expect((await request(service.app).get('/api/settings').set(bearer(service.tokens.karaj))).status).toBe(403);
  expect((await put({ dueSoonDays: 30 }, service.tokens.karaj)).status).toBe(403);
  expect((await settings()).body.settings.dueSoonDays).toBe(7);
});

test('bad values are refused with a Persian message naming the setting, and nothing changes', async () => {
  for (const [body, named] of [
    [{ dueSoonDays: 400 }, 'نزدیک به پایان مهلت'],
    [{ dueSoonDays: 2.5 }, 'نزدیک به پایان مهلت'],
    [{ urgentDays: -1 }, 'فوری'],
    [{ thursdayIsWorkday: 'شاید' }, 'پنجشنبه'],
    [{ holidays: ['1401/13/01'] }, 'تعطیلات'],
    [{ holidays: '1401/04/20' }, 'تعطیلات'],
    [{ holiday: ['1401/04/20'] }, 'holiday'],
    [[1, 2], 'JSON'],
  ] as const) {
    const res = await put(body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('setting_invalid');
    expect(`${res.body.error.message} ${res.body.error.en}`).toContain(named);
  }
  expect((await settings()).body.settings).toEqual({ dueSoonDays: 7, urgentDays: 3, thursdayIsWorkday: false, holidays: [] });
});

test('a change keeps the settings it does not name, reads Persian digits and yes/no words, and the states follow it', async () => {
  expect(await stateOfMonthRow()).toBe('on_track'); // 25 days left, more than 7
  const res = await put({ dueSoonDays: '۳۰', thursdayIsWorkday: 'بله', holidays: ['۱۴۰۱/۰۴/۲۰', '1401/4/20', '1401/05/01'] });
  expect(res.status).toBe(200);
  expect(res.body.settings).toEqual({ dueSoonDays: 30, urgentDays: 3, thursdayIsWorkday: true, holidays: ['1401/04/20', '1401/05/01'] });
  expect((await settings()).body.settings).toEqual(res.body.settings);
  expect(await stateOfMonthRow()).toBe('due_soon'); // 25 days left, within 30
});
