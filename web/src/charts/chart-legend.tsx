export interface LegendItem {
  label: string;
  colour: string;
  /** SVG stroke-dasharray of a line swatch; omitted for a solid line. */
  dash?: string;
  shape?: 'line' | 'band' | 'dot';
  /** For a dot: the Plot symbol it is drawn with. */
  symbol?: string;
  /** For a dot: drawn as an outline in its colour on white, as the chart draws it. */
  hollow?: boolean;
}

/** A legend drawn as HTML beside a chart, with line styles as well as colours. */
export function ChartLegend({ items }: { items: LegendItem[] }) {
  return (
    <ul className="app-legend" aria-label="Legend">
      {items.map((item) => (
        <li key={item.label} className="app-legend__item">
          <svg width="28" height="12" aria-hidden="true" focusable="false">
            {item.shape === 'band' ? (
              <rect x="0" y="1" width="28" height="10" fill={item.colour} fillOpacity="0.3" />
            ) : item.shape === 'dot' ? (
              <Symbol symbol={item.symbol} colour={item.colour} hollow={item.hollow ?? false} />
            ) : (
              <line x1="0" y1="6" x2="28" y2="6" stroke={item.colour} strokeWidth="3" strokeDasharray={item.dash} />
            )}
          </svg>
          {item.label}
        </li>
      ))}
    </ul>
  );
}

function Symbol({ symbol = 'circle', colour, hollow }: { symbol?: string; colour: string; hollow: boolean }) {
  const paint = hollow ? { fill: 'white', stroke: colour, strokeWidth: 1.5 } : { fill: colour };
  if (symbol === 'triangle') return <path d="M14,0.5 L20,11 L8,11 Z" {...paint} />;
  if (symbol === 'diamond') return <path d="M14,0 L20,6 L14,12 L8,6 Z" {...paint} />;
  if (symbol === 'square') return <rect x="9" y="1" width="10" height="10" {...paint} />;
  return <circle cx="14" cy="6" r="5" {...paint} />;
}
