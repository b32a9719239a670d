import { fillArgb, PALETTE, PALETTE_TEXT, paletteLegend } from './palette';
import { DEADLINE_STATES, STATE_LABELS } from './state';

/** WCAG 2 relative luminance of an `RRGGBB` colour. */
function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
}

/** WCAG contrast ratio between two colours. */
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

function distance(a: string, b: string): number {
  const rgb = (h: string) => [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16));
  const [x, y] = [rgb(a), rgb(b)];
  return Math.hypot(x[0] - y[0], x[1] - y[1], x[2] - y[2]);
}

describe('the palette', () => {
  it('has an entry for each of the nine states', () => {
    expect(Object.keys(PALETTE).sort()).toEqual([...DEADLINE_STATES].sort());
  });

  it.each(DEADLINE_STATES)('gives %s a fill written as six upper-case hex digits', (state) => {
    expect(PALETTE[state].fill).toMatch(/^[0-9A-F]{6}$/);
    expect(fillArgb(state)).toBe(`FF${PALETTE[state].fill}`);
  });

  it.each(DEADLINE_STATES)('keeps black text on %s readable (contrast at least 7:1)', (state) => {
    expect(PALETTE_TEXT).toBe('000000');
    expect(contrast(PALETTE[state].fill, PALETTE_TEXT)).toBeGreaterThanOrEqual(7);
  });

  it('uses colours far enough apart to tell in a legend', () => {
    for (const a of DEADLINE_STATES) {
      for (const b of DEADLINE_STATES) {
        if (a < b) expect(distance(PALETTE[a].fill, PALETTE[b].fill)).toBeGreaterThan(40);
      }
    }
  });

  it('labels each colour with the state words of the وضعیت مهلت column', () => {
    for (const state of DEADLINE_STATES) expect(PALETTE[state].fa).toBe(STATE_LABELS[state]);
  });

  it('lists the legend in state order', () => {
    expect(paletteLegend().map((e) => e.state)).toEqual(DEADLINE_STATES);
  });

  it('computes contrast the WCAG way (white on black is 21)', () => {
    expect(contrast('FFFFFF', '000000')).toBeCloseTo(21, 5);
  });
});

describe('the fills', () => {
  it('are the agreed colours (written out by hand)', () => {
    expect(Object.fromEntries(DEADLINE_STATES.map((s) => [s, fillArgb(s)]))).toEqual({
      overdue: 'FFFF7F7F', due_soon: 'FFFFD966', on_track: 'FF9DC3E6', done: 'FF8FD18F', done_late: 'FFD4E88A',
      ongoing: 'FFC5A5E8', needs_date: 'FFFFB07A', void: 'FFD9D9D9', invalid: 'FFF08CD8',
    });
  });
});
