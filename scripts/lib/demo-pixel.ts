// The pixel `npm run dev` connects to the demo workspace: it exists only in the local sandbox.
export const DEMO_PIXEL = { pixelCode: 'CDEMOPIXEL0000000001', accessToken: 'tracklayer-demo-sandbox-token' } as const;
// The demo workspace's Meta pixel, on the sandbox's Meta side (Meta's pixel ids are numbers).
export const DEMO_META_PIXEL = { pixelCode: '1000000000000001', accessToken: 'EAAB-tracklayer-demo-sandbox-token' } as const;
