// The fields a Meta connector is made of, for the connect form and the platform contract (#17).
export interface MetaCredentials {
  // The pixel, also called dataset, id: a number, in Events Manager > Data sources.
  pixelId: string;
  accessToken: string;
  testEventCode?: string;
}

export interface MetaCredentialField {
  name: keyof MetaCredentials;
  label: string;
  secret: boolean;
  required: boolean;
  help: string;
  pattern?: RegExp;
}

export const META_PIXEL_ID_PATTERN = /^\d{1,32}$/;

export const META_CREDENTIAL_FIELDS: readonly MetaCredentialField[] = [
  { name: 'pixelId', label: 'Pixel ID', secret: false, required: true, help: 'Events Manager > Data sources > your pixel > Settings', pattern: META_PIXEL_ID_PATTERN },
  {
    name: 'accessToken',
    label: 'Conversions API access token',
    secret: true,
    required: true,
    help: 'Events Manager > your pixel > Settings > Conversions API > Generate access token',
  },
  {
    name: 'testEventCode',
    label: 'Test event code',
    secret: false,
    required: false,
    help: 'Events Manager > Test events; events sent with it still count at Meta',
  },
];
