// One kind of click or browser identifier a platform matches on, as ingest captures and restores it:
// where it is read from (landing URL parameters, first-party cookies) and how long after its
// capture it may still be restored onto a later event of the same visitor.
export interface ClickIdKind {
  // The key of the kind in the normalized event's click id map and in the click id store.
  kind: string;
  urlParams: string[];
  cookies: string[];
  windowMs: number;
}
