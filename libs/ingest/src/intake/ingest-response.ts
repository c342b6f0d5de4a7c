export interface FieldProblem {
  field: string;
  message: string;
}

export type IngestResult =
  | { index: number; status: 'accepted'; eventId: string; id: string; warnings?: FieldProblem[] }
  | { index: number; status: 'duplicate'; eventId: string; originalId: string }
  | { index: number; status: 'rejected'; reason: string; errors: FieldProblem[] }
  // A drop-in identify, group or alias call: its identities are linked, nothing is delivered.
  | { index: number; status: 'remembered' };

export interface IngestResponse {
  accepted: number;
  duplicates: number;
  rejected: number;
  results: IngestResult[];
}
