// Root's password reset mail, sent through the SMTP server the operator configured
// (`--smtp-url smtp://host:port`). The link is the secret: it is never logged.

import { createTransport } from 'nodemailer';

export interface ResetMail {
  readonly to: string;
  /** `<origin>/console/reset-password?token=...` */
  readonly link: string;
  readonly accountId: string;
}

export const RESET_MAIL_FROM = 'Keyward <no-reply@keyward.invalid>';

export function resetMailText(mail: ResetMail): string {
  return [
    `Someone asked to reset the root user's password of account ${mail.accountId}.`,
    '',
    'To choose a new password, open this link within 15 minutes (it works once):',
    mail.link,
    '',
    "If you did not ask for this, ignore this mail: the password stays as it is. Root's MFA device is still required to sign in.",
  ].join('\n');
}

export async function sendResetMail(smtpUrl: string, mail: ResetMail): Promise<void> {
  const url = new URL(smtpUrl);
  const transport = createTransport({
    host: url.hostname,
    port: url.port === '' ? (url.protocol === 'smtps:' ? 465 : 25) : Number(url.port),
    secure: url.protocol === 'smtps:',
    ...(url.username !== '' && { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } }),
    // A plain smtp:// server on loopback (the tests', a local relay) need not offer STARTTLS.
    ignoreTLS: url.protocol === 'smtp:' && (url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]'),
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  try {
    await transport.sendMail({ from: RESET_MAIL_FROM, to: mail.to, subject: 'Reset your Keyward root user password', text: resetMailText(mail) });
  } finally {
    transport.close();
  }
}
