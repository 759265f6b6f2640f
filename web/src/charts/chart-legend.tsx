export interface LegendItem {
  label: string;
  colour: string;
  /** SVG stroke-dasharray of a line swatch; omitted for a solid line. */
  dash?: string;
  shape?: 'line' | 'band' | 'dot';
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
              <circle cx="14" cy="6" r="5" fill={item.colour} />
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
