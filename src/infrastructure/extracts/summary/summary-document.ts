/** The plain building blocks of the summaries: escaped HTML and semicolon CSV as Hungarian spreadsheets read it. */

/** UTF-8 byte order mark: spreadsheet programs read the accents right only with it. */
export const UTF8_BOM = '\uFEFF';

export function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function csvCell(value: string | number): string {
  const text = String(value);
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV file: BOM, `;` separators (the Hungarian locale's list separator), CRLF line ends. */
export function csvDocument(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  return UTF8_BOM + [header, ...rows].map((row) => row.map(csvCell).join(';')).join('\r\n') + '\r\n';
}

export interface HtmlSection {
  readonly heading: string;
  /** Rows of label and value. */
  readonly facts?: readonly (readonly [string, string])[];
  /** A table with a header row. */
  readonly table?: { readonly header: readonly string[]; readonly rows: readonly (readonly (string | number)[])[] };
  readonly note?: string;
}

/** A self-contained HTML page (no scripts, no external resources) that prints well. */
export function htmlDocument(title: string, sections: readonly HtmlSection[]): string {
  const body = sections
    .map((s) => {
      const parts = [`<h2>${escapeHtml(s.heading)}</h2>`];
      if (s.note) parts.push(`<p>${escapeHtml(s.note)}</p>`);
      if (s.facts) parts.push(`<table class="facts">\n${s.facts.map(([k, v]) => `<tr><th scope="row">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('\n')}\n</table>`);
      if (s.table) {
        const head = `<tr>${s.table.header.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr>`;
        const rows = s.table.rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(String(c))}</td>`).join('')}</tr>`).join('\n');
        parts.push(`<table class="grid">\n${head}\n${rows}\n</table>`);
      }
      return `<section>\n${parts.join('\n')}\n</section>`;
    })
    .join('\n');
  return `<!DOCTYPE html>
<html lang="hu">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>
body { font-family: sans-serif; margin: 2em; color: #111; }
table { border-collapse: collapse; margin-bottom: 1.5em; }
th, td { border: 1px solid #999; padding: 0.3em 0.6em; text-align: left; vertical-align: top; }
table.facts th { background: #f0f0f0; width: 16em; }
table.grid th { background: #e4e4e4; }
td { white-space: pre-wrap; word-break: break-word; }
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
${body}
</body>
</html>
`;
}
