/** A figure the system already knows, offered beside a result-report section and insertable into the text. */
export interface Fact {
  /** Stable id, e.g. "grants.fund.landsbygdspotten.granted". */
  id: string;
  /** The result-report section it belongs beside (1–6). */
  section: number;
  /** What the figure is, in Swedish, e.g. "Landsbygdspotten 2024: beviljade ansökningar". */
  label: string;
  /** The text inserted on one click, in Swedish, e.g. "Under 2024 behandlades 22 ansökningar, varav 11 beviljades." */
  text: string;
  /** Where it comes from (shown with the figure). */
  source: string;
}
