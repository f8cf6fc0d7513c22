// CreateVirtualMFADevice's QRCodePNG: the device's otpauth:// key URI drawn as a real PNG
// QR code, ready for authenticator apps to scan.
import { toBuffer } from 'qrcode';

/** Error correction M (15 %), 6-pixel modules and the standard 4-module quiet zone. */
export async function totpQrPng(uri: string): Promise<Buffer> {
  return toBuffer(uri, { type: 'png', errorCorrectionLevel: 'M', margin: 4, scale: 6 });
}
