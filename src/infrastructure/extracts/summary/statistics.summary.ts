import { FIGURE_TABLES, type ComplaintFigures, type FigureTableName } from '../../../domain/extract/complaint-statistics.js';
import { csvDocument, htmlDocument, type HtmlSection } from './summary-document.js';
import { extractFacts, type ManifestHeader } from './extract-facts.js';
import { CHANNEL_HU, COMPLAINT_KIND_HU, FIGURE_TABLE_HU, FINDING_HU, hu, OUTCOME_HU, TIMELINESS_HU } from './summary-labels.hu.js';

const CATEGORY_HU: Readonly<Record<FigureTableName, Readonly<Record<string, string>>>> = {
  byChannel: CHANNEL_HU,
  byKind: COMPLAINT_KIND_HU,
  byOutcome: OUTCOME_HU,
  byFinding: FINDING_HU,
  byReplyTimeliness: TIMELINESS_HU,
};

export interface StatisticsSection {
  readonly from: string;
  readonly to: string;
  readonly asOf: string;
  readonly figures: ComplaintFigures;
}

/**
 * The statistics summary as HTML and CSV. It depends only on the manifest and the figures,
 * so the offline verifier renders it again from the figures it recomputed and compares bytes.
 */
export function renderStatisticsSummary(manifest: ManifestHeader, statistics: StatisticsSection): { html: string; csv: string } {
  const { figures } = statistics;
  const sections: HtmlSection[] = [
    { heading: 'A kivonat adatai', facts: extractFacts(manifest) },
    {
      heading: 'Panaszok az időszakban',
      facts: [
        ['Időszak (a panasz beérkezése)', `${statistics.from} – ${statistics.to}`],
        ['Határidők vizsgálatának napja', statistics.asOf],
        ['Panaszok száma', String(figures.complaints)],
      ],
    },
    ...FIGURE_TABLES.map((name) => ({
      heading: FIGURE_TABLE_HU[name] ?? name,
      table: { header: ['Kategória', 'Darab'], rows: [...Object.entries(figures[name]).map(([key, n]) => [hu(CATEGORY_HU[name], key), n] as const), ['Összesen', figures.complaints] as const] },
    })),
    { heading: 'Ellenőrzés', note: 'A számok a kivonatban átadott eseményekből (events.jsonl) újraszámolhatók; a kivonat hitelessége a mellékelt ellenőrző programmal, adatbázis nélkül ellenőrizhető.' },
  ];
  const rows: (string | number)[][] = [['Összesen', 'Panaszok száma', figures.complaints]];
  for (const name of FIGURE_TABLES) for (const [key, n] of Object.entries(figures[name])) rows.push([FIGURE_TABLE_HU[name] ?? name, hu(CATEGORY_HU[name], key), n]);
  return {
    html: htmlDocument(`Panaszstatisztika ${statistics.from} – ${statistics.to}`, sections),
    csv: csvDocument(['Szempont', 'Kategória', 'Darab'], rows),
  };
}
