import { z } from 'zod';

/** ISO calendar date, YYYY-MM-DD. */
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const Relation = z.enum(['implements', 'replies-to', 'mentions', 'amends', 'replaces', 'repeals', 'guides']);
export type Relation = z.infer<typeof Relation>;

/** A document named by another document: a legal basis or any other citation. */
export const Citation = z.object({
  type: z.string().nullable(),
  ref: z.string().nullable(),
  title: z.string().nullable().optional(),
  date: IsoDate.nullable(),
  issuer: z.string().nullable(),
});
export type Citation = z.infer<typeof Citation>;

export const Reference = Citation.extend({ relation: Relation });
export type Reference = z.infer<typeof Reference>;

export const Signer = z.object({
  name: z.string().nullable(),
  authority: z.array(z.string()),
  title: z.string().nullable(),
});
export type Signer = z.infer<typeof Signer>;

export const Arrival = z.object({
  receiver: z.string().nullable(),
  number: z.string().nullable(),
  date: IsoDate.nullable(),
});
export type Arrival = z.infer<typeof Arrival>;

export const Urgency = z.enum(['Khẩn', 'Thượng khẩn', 'Hỏa tốc']);

/** Where a value was read: page (1-based within the file), box in page pixels, source text. */
export const Evidence = z.object({
  page: z.number().int().positive(),
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).nullable(),
  text: z.string(),
});
export type Evidence = z.infer<typeof Evidence>;

export const Secrecy = z.enum(['Mật', 'Tối mật', 'Tuyệt mật']);

/** The visible box of a digital signature found in the PDF's own text layer of a scanned page. */
export const DigitalSignature = z.object({
  /** "Người ký" / "Signed by": a person or, for an organisation's certificate, the office. */
  signer: z.string().nullable(),
  /** "Cơ quan" / "Tổ chức". */
  organization: z.string().nullable(),
  email: z.string().nullable(),
  /** Signing time as ISO 8601 (with the offset when printed), or the date alone. */
  signedAt: z.string().nullable(),
  evidence: Evidence,
});
export type DigitalSignature = z.infer<typeof DigitalSignature>;

export const DocumentRecord = z.object({
  pages: z.array(z.number().int().positive()),
  type: z.string().nullable(),
  ref: z.string().nullable(),
  number: z.string().nullable(),
  symbol: z.string().nullable(),
  issuedDate: IsoDate.nullable(),
  place: z.string().nullable(),
  issuer: z.string().nullable(),
  parentBody: z.string().nullable(),
  subject: z.string().nullable(),
  recipients: z.array(z.string()),
  signer: Signer.nullable(),
  urgency: Urgency.nullable(),
  /** Security classification mark (Mật / Tối mật / Tuyệt mật), when printed. */
  secrecy: Secrecy.nullable().optional(),
  legalBases: z.array(Citation),
  references: z.array(Reference),
  arrival: Arrival.nullable(),
  digitalSignature: DigitalSignature.nullable().optional(),
  /** Field name → confidence in [0, 1]. */
  confidence: z.record(z.string(), z.number().min(0).max(1)),
  evidence: z.record(z.string(), Evidence).optional(),
  needsReview: z.array(z.string()).optional(),
  text: z.string(),
});
export type DocumentRecord = z.infer<typeof DocumentRecord>;

export const FileStatus = z.enum(['done', 'failed', 'duplicate']);

export const FileError = z.object({ code: z.string(), message: z.string() });

/** One entry of `vanthu ingest --json` / `vanthu export --format json`. */
export const FileResult = z.object({
  file: z.string(),
  sha256: z.string(),
  status: FileStatus,
  error: FileError.nullable(),
  pages: z.number().int().nonnegative(),
  documents: z.array(DocumentRecord),
});
export type FileResult = z.infer<typeof FileResult>;

export const FileResults = z.array(FileResult);
