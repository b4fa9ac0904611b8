/**
 * Explicit territorial rules of Lombardy that are NOT in the ISTAT list of municipalities:
 * the 8 ATS, which ATS each province belongs to, the municipalities that are exceptions to the
 * province rule, and the Ambiti territoriali (Piani di Zona) with their members.
 *
 * Every list carries the source it was taken from. Keep ISTAT codes as strings (6 digits).
 * When ISTAT merges or renames comuni, `refresh-territory` fails if a code listed here no longer
 * exists: update the list (the new comune's code) and its source comment, then regenerate.
 * See docs/territory.md.
 */

export interface AtsRule {
  /** Ministry of Health company code of the ATS (region 030 + 3 digits, shown without the region prefix). */
  code: string;
  name: string;
}

/** L.R. 33/2009 art. 6 and Allegato 1, as rewritten by L.R. 23/2015 (in force since 1 January 2016). */
export const ATS: readonly AtsRule[] = [
  { code: '321', name: 'ATS della Città Metropolitana di Milano' },
  { code: '322', name: "ATS dell'Insubria" },
  { code: '323', name: 'ATS della Montagna' },
  { code: '324', name: 'ATS della Brianza' },
  { code: '325', name: 'ATS di Bergamo' },
  { code: '326', name: 'ATS di Brescia' },
  { code: '327', name: 'ATS della Val Padana' },
  { code: '328', name: 'ATS di Pavia' },
];

/**
 * Default ATS of each province (sigla), from L.R. 23/2015 Allegato 1: each ATS takes over the
 * territory of former ASL that coincided with provinces.
 * - 321 Milano: former ASL Milano, Milano 1, Milano 2 and Lodi = provinces MI + LO.
 * - 322 Insubria: former ASL Varese and Como = VA + CO (less the Alto Lario, below).
 * - 323 Montagna: former ASL Sondrio and Vallecamonica-Sebino + Medio Alto Lario (below).
 * - 324 Brianza: former ASL Lecco and Monza e Brianza = LC + MB ("143 comuni ... perfettamente
 *   coincidenti con le ex ASL della Brianza e di Lecco": 55 MB + 88 LC, ATS Brianza planning document
 *   2016). Busnago, Caponago, Cornate d'Adda and Roncello, which joined the MB province in 2009 while
 *   staying with ASL Milano 2, were the object of a regional bill moving them to ASL Monza e Brianza
 *   (Il Cittadino MB); the ATS Brianza count of all 55 MB comuni shows MB needs no exception.
 * - 325 Bergamo: BG. 326 Brescia: BS (less Valle Camonica, below). 327 Val Padana: CR + MN. 328 Pavia: PV.
 */
export const ATS_BY_PROVINCE: Readonly<Record<string, string>> = {
  MI: '321',
  LO: '321',
  CO: '322',
  VA: '322',
  SO: '323',
  LC: '324',
  MB: '324',
  BG: '325',
  BS: '326',
  CR: '327',
  MN: '327',
  PV: '328',
};

export interface AtsException {
  atsCode: string;
  /** Province the listed comuni are in (checked by the refresh script). */
  province: string;
  label: string;
  source: string;
  istatCodes: readonly string[];
}

/** Municipalities whose ATS differs from their province's default. */
export const ATS_EXCEPTIONS: readonly AtsException[] = [
  {
    atsCode: '323',
    province: 'BS',
    label: 'Valle Camonica (former ASL Vallecamonica-Sebino, ASST della Valcamonica)',
    source:
      'L.R. 23/2015 (Allegato 1 of L.R. 33/2009): ATS della Montagna includes the former ASL Vallecamonica-Sebino',
    // Source: L.R. 23/2015 (ATS della Montagna = former ASL di Sondrio + ASL di Vallecamonica-Sebino
    // + Medio Alto Lario). The ASL covered the 41 comuni of the Comunità Montana di Valle Camonica.
    // No official page listing them was found: compiled from the Comunità Montana membership; the
    // Valle Camonica names legible in the ATS Montagna Conferenza dei Sindaci minutes of 7 May 2019
    // (Angolo Terme, Artogne, ..., Darfo Boario Terme, Edolo) are all here, and the total matches the
    // 134 comuni of ATS Montagna reported in Feb 2019 (Corriere di Brescia): 77 SO + 41 + 16 Alto Lario.
    istatCodes: [
      '017006', // Angolo Terme
      '017007', // Artogne
      '017016', // Berzo Demo
      '017017', // Berzo Inferiore
      '017018', // Bienno
      '017022', // Borno
      '017027', // Braone
      '017028', // Breno
      '017035', // Capo di Ponte
      '017047', // Cedegolo
      '017049', // Cerveno
      '017050', // Ceto
      '017051', // Cevo
      '017054', // Cimbergo
      '017055', // Cividate Camuno
      '017063', // Corteno Golgi
      '017065', // Darfo Boario Terme
      '017068', // Edolo
      '017070', // Esine
      '017079', // Gianico
      '017083', // Incudine
      '017094', // Losine
      '017095', // Lozio
      '017100', // Malegno
      '017101', // Malonno
      '017110', // Monno
      '017118', // Niardo
      '017124', // Ono San Pietro
      '017128', // Ossimo
      '017131', // Paisco Loveno
      '017135', // Paspardo
      '017142', // Pian Camuno
      '017206', // Piancogno
      '017143', // Pisogne
      '017148', // Ponte di Legno
      '017175', // Saviore dell'Adamello
      '017176', // Sellero
      '017181', // Sonico
      '017184', // Temù
      '017198', // Vezza d'Oglio
      '017202', // Vione
    ],
  },
  {
    atsCode: '323',
    province: 'CO',
    label: 'Alto Lario (part of the former ASL Como district Medio Alto Lario that stayed with ATS Montagna)',
    source: 'L.R. 23/2015 as amended by L.R. 15/2018 (Medio Lario back to Insubria from 2019; Alto Lario stays)',
    // Source: L.R. 28 novembre 2018 n. 15 (amending Allegato 1 of L.R. 33/2009) moved 29 comuni of the
    // Medio Lario to ATS Insubria from 1 January 2019 (list below); "tutti gli altri Comuni del Distretto
    // (area dell'Alto Lario)" stay with ATS Montagna (ATS Montagna, "Riassegnazione dell'Area del Medio
    // Lario da ATS Montagna ad ATS Insubria", 14 Jan 2019). The 16 Alto Lario comuni "da Sorico a Cremia"
    // are named in La Provincia di Lecco, 19 Sep 2015 (comitato per la fusione dell'Alto Lario).
    istatCodes: [
      '013083', // Cremia
      '013183', // Pianello del Lario
      '013160', // Musso
      '013090', // Dongo
      '013249', // Gravedona ed Uniti
      '013218', // Stazzona
      '013106', // Garzeno
      '013092', // Dosso del Liro
      '013178', // Peglio
      '013130', // Livo
      '013089', // Domaso
      '013239', // Vercana
      '013107', // Gera Lario
      '013226', // Trezzone
      '013155', // Montemezzo
      '013216', // Sorico
    ],
  },
];

/**
 * The 29 Medio Lario comuni returned from ATS Montagna to ATS Insubria on 1 January 2019 by
 * L.R. 15/2018 (list published by ATS Montagna, 14 Jan 2019). They follow the province rule (CO -> 322);
 * the list is kept so the refresh script can check that they stay in ATS Insubria.
 */
export const MEDIO_LARIO_TO_INSUBRIA: readonly string[] = [
  '013253', // Alta Valle Intelvi
  '013011', // Argegno
  '013021', // Bene Lario
  '013025', // Blessagno
  '013047', // Carlazzo
  '013062', // Cavargna
  '013063', // Cerano d'Intelvi
  '013254', // Centro Valle Intelvi
  '013071', // Claino con Osteno
  '013074', // Colonno
  '013077', // Corrido
  '013085', // Cusino
  '013087', // Dizzasco
  '013111', // Grandola ed Uniti
  '013113', // Griante
  '013120', // Laino
  '013145', // Menaggio
  '013184', // Pigra
  '013185', // Plesio
  '013187', // Ponna
  '013189', // Porlezza
  '013203', // Sala Comacina
  '013204', // San Bartolomeo Val Cavargna
  '013207', // San Nazzaro Val Cavargna
  '013248', // San Siro
  '013211', // Schignano
  '013252', // Tremezzina
  '013233', // Val Rezzo
  '013234', // Valsolda
];

export interface AmbitoRule {
  /** Stable code "AMB-<ATS code>-<SLUG>" (upper case) (no official regional code was found). */
  code: string;
  name: string;
  atsCode: string;
  source: string;
  /**
   * Date of the source (YYYY-MM-DD; 1 January when only the year is known; null when undated):
   * where two sources disagree on a municipality, the newer one wins (docs/territory.md).
   */
  asOf: string | null;
  /** ISTAT codes of the members found in the source; may be a subset of the real members. */
  members: readonly string[];
}

/**
 * Ambiti territoriali (Piani di Zona, L. 328/2000; Ambiti distrettuali of L.R. 22/2021).
 * Only the Ambiti for which a public list of members was found are here; every other municipality
 * gets ambitoCode null and is assigned by an ADMIN through the API.
 */
export const AMBITI: readonly AmbitoRule[] = [
  {
    code: 'AMB-326-BRESCIA',
    name: 'Ambito 1 Brescia',
    atsCode: '326',
    source:
      'Brescia is the capofila of the city Piano di Zona; Collebeato "rientra nel Piano di zona cittadino" ' +
      '(Valtrompia News, "Collebeato e un piano da quasi mezzo milione di euro", 2012)',
    asOf: '2012-01-01',
    members: [
      '017029', // Brescia
      '017057', // Collebeato
    ],
  },
  {
    code: 'AMB-326-BRESCIA-EST',
    name: 'Ambito 3 Brescia Est',
    atsCode: '326',
    source:
      "Piano triennale dell'offerta abitativa pubblica 2021-2023, Ambito 3 Brescia Est (also Piano di Zona 2006-2008, Distretto 3 Brescia Est)",
    asOf: '2021-01-01',
    members: [
      '017008', // Azzano Mella
      '017021', // Borgosatollo
      '017023', // Botticino
      '017037', // Capriano del Colle
      '017043', // Castenedolo
      '017072', // Flero
      '017107', // Mazzano
      '017114', // Montirone
      '017119', // Nuvolento
      '017120', // Nuvolera
      '017147', // Poncarale
      '017161', // Rezzato
      '017173', // San Zeno Naviglio
    ],
  },
  {
    code: 'AMB-326-SEBINO',
    name: 'Ambito 5 Sebino',
    atsCode: '326',
    source:
      'Voce Camuna, "Il Comune di Iseo con l\'assessore Brescianini guida l\'Ambito distrettuale del Sebino" ' +
      '(Iseo capofila; mayors of the other 11 member comuni named)',
    asOf: null,
    members: [
      '017085', // Iseo
      '017106', // Marone
      '017169', // Sale Marasino
      '017205', // Zone
      '017182', // Sulzano
      '017111', // Monte Isola
      '017062', // Corte Franca
      '017112', // Monticelli Brusati
      '017130', // Paderno Franciacorta
      '017134', // Paratico
      '017123', // Ome
      '017156', // Provaglio d'Iseo
    ],
  },
  {
    code: 'AMB-326-MONTE-ORFANO',
    name: 'Ambito 6 Monte Orfano',
    atsCode: '326',
    source: "Giornale di Brescia, 20 Jan 2026: assemblea dei sindaci dell'ambito Monte Orfano (Palazzolo capofila)",
    asOf: '2026-01-20',
    members: [
      '017002', // Adro
      '017038', // Capriolo
      '017059', // Cologne
      '017069', // Erbusco
      '017133', // Palazzolo sull'Oglio
      '017150', // Pontoglio
    ],
  },
  {
    code: 'AMB-326-BASSA-BRESCIANA-OCCIDENTALE',
    name: 'Ambito 8 Bassa Bresciana Occidentale',
    atsCode: '326',
    source:
      "Piano annuale dell'offerta abitativa 2020, Ambito n. 8 Bassa Bresciana Occidentale: only 4 member names " +
      'were legible in the copy found; the other members are left to an ADMIN',
    asOf: '2020-01-01',
    members: [
      '017011', // Barbariga
      '017066', // Dello
      '017097', // Maclodio
      '017159', // Quinzano d'Oglio
    ],
  },
  {
    code: 'AMB-326-BASSA-BRESCIANA-CENTRALE',
    name: 'Ambito 9 Bassa Bresciana Centrale',
    atsCode: '326',
    source: 'Piano annuale offerta abitativa 2021, Ambito Distrettuale 9 - Bassa Bresciana Centrale',
    asOf: '2021-01-01',
    members: [
      '017004', // Alfianello
      '017009', // Bagnolo Mella
      '017013', // Bassano Bresciano
      '017053', // Cigole
      '017071', // Fiesse
      '017073', // Gambara
      '017078', // Ghedi
      '017080', // Gottolengo
      '017086', // Isorella
      '017088', // Leno
      '017103', // Manerbio
      '017108', // Milzano
      '017122', // Offlaga
      '017137', // Pavone del Mella
      '017149', // Pontevico
      '017152', // Pralboino
      '017172', // San Gervasio Bresciano
      '017177', // Seniga
      '017195', // Verolanuova
      '017196', // Verolavecchia
    ],
  },
  {
    code: 'AMB-325-SERIATE',
    name: 'Ambito di Seriate',
    atsCode: '325',
    source: 'Ambito territoriale di Seriate, "Configurazione del territorio" (ambitodiseriate.it): 11 comuni',
    asOf: null,
    members: [
      '016003', // Albano Sant'Alessandro
      '016018', // Bagnatica
      '016042', // Brusaporto
      '016066', // Cavernago
      '016084', // Costa di Mezzate
      '016117', // Grassobbio
      '016139', // Montello
      '016160', // Pedrengo
      '016194', // Scanzorosciate
      '016198', // Seriate
      '016216', // Torre de' Roveri
    ],
  },
  {
    code: 'AMB-323-SONDRIO',
    name: 'Ambito di Sondrio',
    atsCode: '323',
    source: 'Comune di Sondrio, "Piano di zona dell\'ambito territoriale di Sondrio" (22 comuni, updated 1 Jun 2022)',
    asOf: '2022-06-01',
    members: [
      '014002', // Albosaggia
      '014007', // Berbenno di Valtellina
      '014011', // Caiolo
      '014013', // Caspoggio
      '014014', // Castello dell'Acqua
      '014015', // Castione Andevenno
      '014016', // Cedrasco
      '014019', // Chiesa in Valmalenco
      '014020', // Chiuro
      '014023', // Colorina
      '014028', // Faedo Valtellino
      '014030', // Fusine
      '014036', // Lanzada
      '014044', // Montagna in Valtellina
      '014049', // Piateda
      '014051', // Poggiridenti
      '014052', // Ponte in Valtellina
      '014053', // Postalesio
      '014061', // Sondrio
      '014062', // Spriana
      '014067', // Torre di Santa Maria
      '014070', // Tresivio
    ],
  },
];
