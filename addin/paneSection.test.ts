import { paneSection } from './paneSection';

describe('paneSection', () => {
  it('reads the section a ribbon button put in the pane URL, wherever Office puts its own parameters', () => {
    expect(paneSection('?section=validate')).toBe('validate');
    expect(paneSection('?section=summary&_host_Info=Excel$Win32$16.01$fa-IR$$$$0')).toBe('summary');
    expect(paneSection('?_host_Info=Excel$Web$16.00$en-US&section=minutes')).toBe('minutes');
    expect(paneSection('section=minutes')).toBe('minutes');
  });

  it('opens the start of the pane for no section or one it does not know', () => {
    expect(paneSection('')).toBe('start');
    expect(paneSection('?_host_Info=Excel$Mac$16.00$fa-IR')).toBe('start');
    expect(paneSection('?section=colour')).toBe('start');
    expect(paneSection('?section=VALIDATE')).toBe('start');
    expect(paneSection('?section=start')).toBe('start');
  });
});
