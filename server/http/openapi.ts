/**
 * The API described as OpenAPI 3 (served at /api/openapi.json). test/openapi.test.ts checks
 * that every route the app has is here and every path here is a route.
 */

const json = (schema: Record<string, unknown> = { type: 'object' }) => ({ 'application/json': { schema } });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const error = { $ref: '#/components/schemas/Error' };
const errors = (...codes: number[]) => Object.fromEntries(codes.map((code) => [String(code), { description: DESCRIPTIONS[code], content: json(error) }]));
const DESCRIPTIONS: Record<number, string> = {
  400: 'bad input (Persian message, English beside it)', 401: 'no token or an unknown one', 403: 'the token may not do this',
  404: 'not found', 409: 'stale revision: the body has the current row', 413: 'too large', 415: 'unsupported file',
  422: 'every file refused', 428: 'If-Match missing', 429: 'too many requests',
};
const query = (name: string, description: string) => ({ name, in: 'query', required: false, schema: { type: 'string' }, description });
const today = query('today', 'Jalali YYYY/MM/DD (any digits): the states as of that day; default today in Asia/Tehran');
const rowFilters = [
  query('meeting', 'meeting id, e.g. 14010409-12'), query('agency', 'agency, any spelling or alias'),
  query('state', 'comma-separated deadline states: done, done_late, overdue, due_soon, on_track, ongoing, needs_date, void, invalid'),
  query('requested', '`true`: only rows with a requested new due date awaiting a decision'), today,
];
/** `limit` and `before` of a newest-first listing read in pages. */
const newestFirstPages = (what: string) => [query('limit', `${what} per page, 1 to 1000 (default 100)`), query('before', 'the `nextBefore` of the previous page')];
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' }, description: 'the row id (شناسه)' };
const ifMatch = { name: 'If-Match', in: 'header', required: true, schema: { type: 'string' }, description: 'the row revision read, e.g. "5"' };
const files = {
  required: true,
  content: {
    'multipart/form-data': { schema: { type: 'object', properties: { file: { type: 'array', items: { type: 'string', format: 'binary' } } } } },
    'application/octet-stream': { schema: { type: 'string', format: 'binary' } },
  },
  description: 'several files as multipart/form-data (any field name), or one file as the raw body with ?name=',
};
const uploadAnswer = {
  description: 'one answer per file (`files[i].status`, `report` or `error`); 200 when any file was read',
  content: json({ $ref: '#/components/schemas/Uploads' }),
};
const secretariat = 'secretariat token';
const anyToken = 'secretariat token, or an agency token (its own rows only)';

export const OPENAPI = {
  openapi: '3.0.3',
  info: {
    title: 'mosavabat',
    version: '1.0.0',
    description: 'The register of record for the resolutions (مصوبات) of a secretariat\'s meetings and its agencies\' reports. Every route but /api/health needs `Authorization: Bearer <token>`.',
  },
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    schemas: {
      Error: {
        type: 'object',
        properties: {
          error: {
            type: 'object',
            properties: {
              code: { type: 'string' }, message: { type: 'string', description: 'Persian' }, en: { type: 'string' },
              where: { type: 'object', properties: { file: { type: 'string' }, sheet: { type: 'string' }, cell: { type: 'string' } } },
              current: { type: 'object', description: 'the row now (409 only)' },
            },
          },
        },
      },
      Row: { type: 'object', description: 'one (resolution, agency) row with its revision and, in lists, its deadline state' },
      Uploads: {
        type: 'object',
        properties: {
          files: {
            type: 'array',
            items: {
              type: 'object',
              properties: { file: { type: 'string' }, status: { type: 'integer' }, duplicate: { type: 'boolean' }, report: { type: 'object' }, error: { type: 'object' } },
            },
          },
        },
      },
    },
  },
  security: [{ bearer: [] }],
  paths: {
    '/api/health': { get: { summary: 'is the service up; today in Asia/Tehran', security: [], responses: { 200: { description: '{ ok, today }', content: json() } } } },
    '/api/openapi.json': { get: { summary: 'this document', description: anyToken, responses: { 200: { description: 'OpenAPI 3', content: json() }, ...errors(401) } } },
    '/api/me': { get: { summary: 'who the token is: role, agency, label', description: anyToken, responses: { 200: { description: 'the token holder', content: json() }, ...errors(401) } } },
    '/api/palette': { get: { summary: 'the state colours', description: anyToken, responses: { 200: { description: '{ states }', content: json() }, ...errors(401) } } },
    '/api/minutes': { post: { summary: 'minutes in (.txt in UTF-8/UTF-16/Windows-1256, or .docx): the meeting and one row per (resolution, agency); agencies matched against the store\'s as the CLI\'s import does (agenciesJoined, agencyProposals)', description: secretariat, requestBody: files, responses: { 200: uploadAnswer, ...errors(400, 401, 403, 413, 429) } } },
    '/api/meetings': { get: { summary: 'the stored meetings with their row counts', description: secretariat, responses: { 200: { description: '{ meetings }', content: json() }, ...errors(401, 403) } } },
    '/api/agencies': {
      get: { summary: 'the agency directory: each agency\'s name and the other spellings it goes by', description: secretariat, responses: { 200: { description: '{ agencies: [{ name, aliases }] }', content: json() }, ...errors(401, 403) } },
      put: {
        summary: 'replace the agency directory (minutes imports, returns, tokens and the summary read an alias as its agency); in the history',
        description: secretariat,
        requestBody: { required: true, content: json({ type: 'object', properties: { agencies: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, aliases: { type: 'array', items: { type: 'string' } } } } } } }) },
        responses: { 200: { description: '{ agencies } as stored', content: json() }, ...errors(400, 401, 403) },
      },
    },
    '/api/settings': {
      get: { summary: 'the register\'s settings (what a workbook\'s تنظیمات sheet holds): dueSoonDays, urgentDays, thursdayIsWorkday, holidays', description: secretariat, responses: { 200: { description: '{ settings }', content: json() }, ...errors(401, 403) } },
      put: {
        summary: 'change the settings named in the body (the others kept), judged as the تنظیمات sheet is: days 0..365, true/false, Jalali holidays; in the history; states, summary and new minutes follow them',
        description: secretariat,
        requestBody: { required: true, content: json({ type: 'object', properties: { dueSoonDays: { type: 'integer', minimum: 0, maximum: 365 }, urgentDays: { type: 'integer', minimum: 0, maximum: 365 }, thursdayIsWorkday: { type: 'boolean' }, holidays: { type: 'array', items: { type: 'string', example: '1404/01/10' } } } }) },
        responses: { 200: { description: '{ settings } as stored', content: json() }, ...errors(400, 401, 403) },
      },
    },
    '/api/assignments': {
      get: {
        summary: 'the register as JSON, each row with its deadline state; filters; in pages, register order',
        description: `${anyToken}. A page holds \`limit\` rows (default 100, at most 1,000); \`next\` (also a \`Link: <…>; rel="next"\` header) is the address of the next page, null on the last. The whole register as one file: /api/register.xlsx.`,
        parameters: [...rowFilters, query('limit', 'rows per page, 1 to 1000 (default 100)'), query('cursor', 'where the page starts: the `cursor` in the previous page\'s `next` (opaque)')],
        responses: { 200: { description: '{ today, total (rows matching, all pages), next (address or null), assignments }', content: json() }, ...errors(400, 401, 403) },
      },
    },
    '/api/assignments/{id}': {
      get: { summary: 'one row; ETag is its revision', description: anyToken, parameters: [idParam], responses: { 200: { description: '{ row }', content: json() }, ...errors(401, 403, 404) } },
      patch: {
        summary: 'change fields of a row read at the revision in If-Match',
        description: `${secretariat}. Fields: text, agency, deadlineText, due, status, percent, report, doneDate, requestedDue, requestReason (values as in the register: Persian status words or codes, dates with any digits).`,
        parameters: [idParam, ifMatch], requestBody: { required: true, content: json({ type: 'object', properties: { fields: { type: 'object' } } }) },
        responses: { 200: { description: '{ row } with the new revision', content: json() }, ...errors(400, 401, 403, 404, 409, 428) },
      },
    },
    '/api/assignments/{id}/extension': {
      post: {
        summary: 'accept (the requested date becomes the due date) or refuse an agency\'s request for a new due date',
        description: secretariat, parameters: [idParam, ifMatch],
        requestBody: { required: true, content: json({ type: 'object', properties: { decision: { type: 'string', enum: ['accept', 'refuse'] } } }) },
        responses: { 200: { description: '{ row }', content: json() }, ...errors(400, 401, 403, 404, 409, 428) },
      },
    },
    '/api/assignments/{id}/history': { get: { summary: 'every change of a row: when, who, source, field, old, new', description: anyToken, parameters: [idParam], responses: { 200: { description: '{ id, history }', content: json() }, ...errors(401, 403, 404) } } },
    '/api/register.xlsx': { get: { summary: 'the register workbook (coloured, with its side sheets)', description: secretariat, parameters: [today], responses: { 200: { description: 'the workbook', content: { [XLSX]: { schema: { type: 'string', format: 'binary' } } } }, ...errors(401, 403) } } },
    '/api/register': { post: { summary: 'register workbook(s) in: rows merged three ways into the store, new rows added; a report per file', description: secretariat, requestBody: files, responses: { 200: uploadAnswer, ...errors(400, 401, 403, 413, 429) } } },
    '/api/summary': {
      get: {
        summary: 'the summary: per agency and per meeting counts by state, percent done, the overdue list (most days late first)',
        description: `${secretariat}. The overdue list holds its first \`overdueLimit\` rows (default 100); \`overdueTotal\` says how many there are; the summary workbook has them all.`,
        parameters: [...rowFilters, query('overdueLimit', 'overdue rows listed: a whole number (default 100), or `all`')],
        responses: { 200: { description: '{ today, total, agencies, meetings, overdue, overdueTotal }', content: json() }, ...errors(400, 401, 403) },
      },
    },
    '/api/summary.xlsx': { get: { summary: 'the summary workbook', description: secretariat, parameters: rowFilters, responses: { 200: { description: 'the workbook', content: { [XLSX]: { schema: { type: 'string', format: 'binary' } } } }, ...errors(400, 401, 403) } } },
    '/api/return.xlsx': { get: { summary: 'an agency\'s return workbook (the file agency-sheets makes), signed with the store\'s key', description: `${anyToken}; the secretariat names the agency with ?agency=`, parameters: [query('agency', 'the agency (secretariat; an agency token gets its own)')], responses: { 200: { description: 'the workbook', content: { [XLSX]: { schema: { type: 'string', format: 'binary' } } } }, ...errors(400, 401, 403, 404) } } },
    '/api/returns': { post: { summary: 'filled return workbook(s) in: the signature checked as mosavabat merge checks it, then merged with the merge report (applied, refused with reason, conflicts, outdated, notes); the same file twice is a no-op', description: anyToken, requestBody: files, responses: { 200: uploadAnswer, ...errors(400, 401, 403, 413, 422, 429) } } },
    '/api/history': {
      get: {
        summary: 'the changes of the register\'s settings and agency directory, newest first: when, who, from which edit or uploaded register, the setting, old and new value (a row\'s changes: /api/assignments/{id}/history)',
        description: secretariat,
        parameters: newestFirstPages('changes'),
        responses: { 200: { description: '{ changes: [{ seq, at, atTehran, who, source, field, label, old, new }], nextBefore }', content: json() }, ...errors(400, 401, 403) },
      },
    },
    '/api/uploads': {
      get: {
        summary: 'the files received (return and register workbooks), newest first: who sent each, when, its SHA-256, the outcome (applied, nothing_new, already_merged, rejected) and, for a file refused whole (an edited or foreign return), the reason',
        description: secretariat,
        parameters: newestFirstPages('uploads'),
        responses: { 200: { description: '{ uploads: [{ id, kind, name, size, hash, receivedAt, receivedTehran, sender, outcome, refusal, cellsApplied, conflicts }], nextBefore }', content: json() }, ...errors(400, 401, 403) },
      },
    },
    '/api/sync': {
      post: {
        summary: 'the add-in\'s rows with their revisions in; the merged rows, new revisions, conflicts and the rows the sheet lacks out',
        description: secretariat,
        requestBody: { required: true, content: json({ type: 'object', properties: { rows: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, revision: { type: 'integer' }, sheetRow: { type: 'integer' }, values: { type: 'object' } } } }, fields: { type: 'array', items: { type: 'string' } }, known: { type: 'array', items: { type: 'string' }, description: 'ids the sheet has besides rows (sent in other parts): not listed as missing' }, withMissing: { type: 'boolean', description: 'false: no missing list (every part of a split sync but the last)' } } }) },
        responses: { 200: { description: '{ rows, missing, conflicts, rejected, report }', content: json() }, ...errors(400, 401, 403, 409, 413) },
      },
    },
  },
} as const;
