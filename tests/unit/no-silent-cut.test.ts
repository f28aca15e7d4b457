import { describe, expect, it } from 'vitest';

// Issue 13, finding 8: text pasted beyond a field's limit was cut silently by the browser
// (`maxLength`, 2,260 -> 2,000 characters). Every field with a limit uses LimitedInput /
// LimitedTextarea (components/forms/limited-text.tsx), which keeps the text and says how far over
// it is. This reads every component and page on disk, so a new form cannot bring the cut back.
const SOURCES = Object.entries(
  import.meta.glob<string>(['../../app/**/*.tsx', '../../components/**/*.tsx'], { query: '?raw', import: 'default', eager: true }),
).filter(([file]) => !file.endsWith('limited-text.tsx'));

describe('no field cuts pasted text silently', () => {
  it('finds the forms on disk', () => {
    expect(SOURCES.length).toBeGreaterThan(40);
  });
  it('no component or page uses maxLength', () => {
    const offenders = SOURCES.filter(([, source]) => /\bmaxLength\b/.test(source)).map(([file]) => file);
    expect(offenders).toEqual([]);
  });
});
