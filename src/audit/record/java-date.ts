// Dates inside CloudTrail's IAM responseElements are written the way Java's default
// DateFormat writes them (`Mar 24, 2014 9:11:59 PM`), in UTC; STS credentials'
// expiration has a comma after the year (`Feb 12, 2025, 11:16:48 PM`).

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function javaDate(date: Date, options: { commaAfterYear?: boolean } = {}): string {
  const hours = date.getUTCHours();
  const h12 = hours % 12 === 0 ? 12 : hours % 12;
  const mm = String(date.getUTCMinutes()).padStart(2, '0');
  const ss = String(date.getUTCSeconds()).padStart(2, '0');
  const year = `${date.getUTCFullYear()}${options.commaAfterYear === true ? ',' : ''}`;
  return `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}, ${year} ${h12}:${mm}:${ss} ${hours < 12 ? 'AM' : 'PM'}`;
}
