export interface Figure {
  check: string;
  figure: string;
  value: string | number;
  pass: boolean;
}

export function table(figures: Figure[]): string {
  const rows = figures.map(
    (f) => `| ${f.check} | ${f.figure} | ${f.value} | ${f.pass ? 'ok' : '**FAIL**'} |`,
  );
  return ['| check | figure | value | result |', '| --- | --- | --- | --- |', ...rows].join('\n');
}
