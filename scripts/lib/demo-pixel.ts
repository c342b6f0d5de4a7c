// The pixel `npm run dev` connects to the demo workspace: it exists only in the local sandbox.
export const DEMO_PIXEL = { pixelCode: 'CDEMOPIXEL0000000001', accessToken: 'tracklayer-demo-sandbox-token' } as const;
