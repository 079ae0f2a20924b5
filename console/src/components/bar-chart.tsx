/**
 * A bar chart drawn with Chart.js (only the bar parts are registered, so the rest of the library is
 * not bundled). Staff pages only, loaded with them. The canvas carries a text summary for screen
 * readers, and the figures are also listed in a table under it.
 */
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { useEffect, useRef } from 'react';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

/** Colour-blind-safe (Okabe–Ito), distinguishable in grey too by their order in the legend. */
const COLOURS = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#CC79A7',
  '#56B4E9',
  '#D55E00',
  '#F0E442',
  '#000000',
  '#999999',
];

export interface BarSeries {
  label: string;
  data: number[];
}

export function BarChart({
  title,
  labels,
  series,
  horizontal = false,
  stacked = false,
  testId,
}: {
  title: string;
  labels: string[];
  series: BarSeries[];
  horizontal?: boolean;
  stacked?: boolean;
  testId: string;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const data = JSON.stringify({ labels, series });
  // biome-ignore lint/correctness/useExhaustiveDependencies: redrawn when the figures (serialised in data) change
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, {
      type: 'bar',
      data: {
        labels,
        datasets: series.map((s, i) => ({
          label: s.label,
          data: s.data,
          backgroundColor: COLOURS[i % COLOURS.length],
        })),
      },
      options: {
        indexAxis: horizontal ? 'y' : 'x',
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        plugins: { legend: { display: series.length > 1 } },
        scales: {
          x: { stacked, ...(horizontal ? { ticks: { precision: 0 } } : {}) },
          y: { stacked, ...(horizontal ? {} : { ticks: { precision: 0 } }) },
        },
      },
    });
    return () => chart.destroy();
  }, [data, horizontal, stacked]);

  const summary = `${title}: ${labels
    .map((label, i) => `${label} ${series.map((s) => s.data[i] ?? 0).join('/')}`)
    .join(', ')}`;
  return (
    <figure className="chart card" data-testid={testId}>
      <figcaption>
        <h2>{title}</h2>
      </figcaption>
      <div className="chart-canvas">
        <canvas ref={canvas} role="img" aria-label={summary} />
      </div>
      <details>
        <summary>{title}</summary>
        <table className="table">
          <thead>
            <tr>
              <th scope="col" />
              {series.map((s) => (
                <th key={s.label} scope="col">
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {labels.map((label, i) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                {series.map((s) => (
                  <td key={s.label}>{s.data[i] ?? 0}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
