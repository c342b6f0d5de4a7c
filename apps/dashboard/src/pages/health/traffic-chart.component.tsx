import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Schema } from '../../api/api-client';

type SeriesPoint = Schema<'SeriesPointView'>;

// uPlot (canvas, ~20 KB gzipped), loaded with the Health page only. The figure's table below it
// carries the same numbers for screen readers and for copying.
export function TrafficChart({ series, from, to, label }: { series: SeriesPoint[]; from: string; to: string; label: string }) {
  const container = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = container.current;
    if (!element) return undefined;
    const data: uPlot.AlignedData = [
      series.map((p) => new Date(p.bucket).getTime() / 1000),
      series.map((p) => p.received),
      series.map((p) => p.delivered),
      series.map((p) => p.rejected),
      series.map((p) => p.ttclidCoverage * 100),
    ];
    const chart = new uPlot(
      {
        width: Math.max(320, element.clientWidth),
        height: 260,
        // The report's period, not the data's extent: one bucket of data must not stretch to years.
        scales: { x: { time: true, range: [Date.parse(from) / 1000, Date.parse(to) / 1000] }, share: { range: [0, 100] } },
        axes: [{}, { label: 'events' }, { scale: 'share', side: 1, label: 'ttclid %', grid: { show: false } }],
        series: [
          {},
          { label: 'Received', stroke: '#1d4ed8', width: 2, points: { show: true } },
          { label: 'Delivered', stroke: '#15803d', width: 2, points: { show: true } },
          { label: 'Rejected', stroke: '#b91c1c', width: 2, points: { show: true } },
          { label: 'ttclid coverage (%)', stroke: '#7c3aed', width: 1, dash: [6, 4], scale: 'share', points: { show: true } },
        ],
      },
      data,
      element,
    );
    const resize = new ResizeObserver(() => chart.setSize({ width: Math.max(320, element.clientWidth), height: 260 }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [series, from, to]);

  return <div ref={container} className="chart" role="img" aria-label={label} />;
}
