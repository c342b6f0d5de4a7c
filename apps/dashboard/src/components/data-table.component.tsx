import type { ReactNode } from 'react';

export interface Column<Row> {
  header: ReactNode;
  cell: (row: Row) => ReactNode;
}

// Every table of the dashboard: column headers scoped for screen readers, one row per item.
export function DataTable<Row>({
  columns,
  rows,
  rowKey,
  caption,
  rowClassName,
  className,
}: {
  columns: ReadonlyArray<Column<Row> | false>;
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  caption?: string;
  rowClassName?: (row: Row) => string | undefined;
  className?: string;
}) {
  const shown = columns.filter((column): column is Column<Row> => column !== false);
  return (
    <table className={className}>
      {caption && <caption className="visually-hidden">{caption}</caption>}
      <thead>
        <tr>
          {shown.map((column, index) => (
            <th scope="col" key={index}>
              {column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)} className={rowClassName?.(row)}>
            {shown.map((column, index) => (
              <td key={index}>{column.cell(row)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
