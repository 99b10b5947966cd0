// One number formatter for every figure the dashboard prints: building an Intl formatter per
// call (what Number#toLocaleString does) dominated the page's render time in bench:dashboard.
const integers = new Intl.NumberFormat("en-GB");

export function formatCount(value: number): string {
  return integers.format(value);
}
