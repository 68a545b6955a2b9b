// The analysis record (see src/record/analysis.schema.json, copied from the spec) and the
// typed hand-offs between pipeline stages. Offsets are UTF-16, half-open, into the cleaned text.

export interface Span { start: number; end: number }

export type EntityType = 'PERSON' | 'ORG' | 'GPE' | 'LOC' | 'NORP' | 'EVENT';
export type OrgSubtype = 'armed_group' | 'government' | 'military_unit' | 'intelligence_agency' | 'media'
  | 'academic' | 'international_org' | 'political_party' | 'company' | 'other';

export interface QualityFlag { kind: string; text: string; start?: number; end?: number }
export interface RemovedSegment { text: string; reason: string }

export interface DocumentRecord {
  id: string;
  uri: string | null;
  title: string | null;
  publisher: string | null;
  original_publisher: string | null;
  republication: boolean;
  published: string | null;
  language: string;
  byline: string[];
  credits: string[];
  text: string;
  removed: RemovedSegment[];
  quality: { score: number; flags: QualityFlag[] };
}

export interface Mention extends Span { id: string; text: string; type: EntityType; entity: string }

export interface Geo {
  lat: number; lon: number; country: string; admin1?: string | null; admin2?: string | null;
  feature: 'country' | 'admin1' | 'admin2' | 'city' | 'region'; source: string; id: string | null;
}

export interface Entity {
  id: string; name: string; type: EntityType; subtype?: OrgSubtype | string | null;
  aliases: string[]; mentions: string[]; salience: number;
  kb?: { source: string; id: string } | null; geo?: Geo | null;
}

export type Precision = 'year' | 'month' | 'day';
export interface TimeExpr extends Span { id: string; text: string; value: string | null; precision: Precision | null }
export interface Quantity extends Span { id: string; text: string; low: number | null; high: number | null; unit?: string | null }

export interface Source {
  id: string; entity?: string | null; description?: string | null; anonymous: boolean;
  affiliation?: string | null; role?: string | null; quotes: string[];
}
export interface Quote extends Span {
  id: string; text: string; direct: boolean; source: string | null; cue?: string | null; recipient?: string | null;
  /** a short phrase of the speaker's words embedded in narration ("spoke of a “shared agenda”"); always direct: false */
  partial?: boolean;
}

export type EventType = 'armed_clash' | 'airstrike' | 'explosion' | 'killing' | 'capture' | 'recruitment'
  | 'pledge_of_allegiance' | 'training' | 'agreement' | 'withdrawal' | 'threat' | 'negotiation' | 'protest' | 'other';
export type Role = 'agent' | 'target' | 'victim' | 'ally' | 'recruit' | 'beneficiary';
export interface Participant { role: Role; entity?: string | null; description?: string | null }
export interface EventRecord {
  id: string; type: EventType; trigger: Span; evidence: Span;
  time?: string | { value: string | null; precision: Precision | null } | null;
  location?: string | null; participants: Participant[]; quantities: string[];
  source?: string | null; negated: boolean; hypothetical: boolean; confidence: number;
}

export type RelationType = 'member_of' | 'leader_of' | 'founder_of' | 'part_of' | 'allied_with' | 'fights_alongside'
  | 'opposes' | 'trains' | 'harbors' | 'supports' | 'kinship_with' | 'pledged_allegiance_to' | 'recruits_from'
  | 'affiliated_with' | 'located_in' | 'spokesperson_for';
export interface Relation {
  id: string; type: RelationType; subject: string; object: string; evidence: Span[]; sources: string[]; confidence: number;
}
export interface Claim {
  id: string; text: string; evidence: Span; source: string | null; subject?: string | null; quantities: string[]; stance?: string | null;
}

export interface AnalysisRecord {
  document: DocumentRecord;
  mentions: Mention[];
  entities: Entity[];
  times: TimeExpr[];
  quantities: Quantity[];
  sources: Source[];
  quotes: Quote[];
  events: EventRecord[];
  relations: Relation[];
  claims: Claim[];
  pipeline: { version: string; model: string | null; took_ms: number };
}

// ---- stage hand-offs ----

/** ingest → clean: decoded input. */
export interface RawDocument {
  uri: string | null;
  /** decoded text, newlines normalised to \n */
  content: string;
  kind: 'html' | 'text';
  charset: string;
}

/** clean → nlp: the cleaned body plus metadata (document record minus id). */
export type CleanDocument = Omit<DocumentRecord, 'id'>;

/** nlp: tokens carry offsets into the cleaned text. */
export interface Token extends Span { text: string; pos: string; sentence: number; index: number }
export interface Sentence extends Span { index: number; firstToken: number; lastToken: number }
export interface NlpDocument { text: string; tokens: Token[]; sentences: Sentence[] }

/** ner → resolve: typed spans before alias resolution. */
export interface MentionCandidate extends Span { text: string; type: EntityType; confidence?: number }

/** What extractors see: text, tokens, entities resolved so far. */
export interface ExtractionContext {
  doc: CleanDocument;
  nlp: NlpDocument;
  mentions: Mention[];
  entities: Entity[];
  times: TimeExpr[];
  quantities: Quantity[];
}

export class InputError extends Error {
  constructor(public readonly input: string, message: string) { super(`${input}: ${message}`); this.name = 'InputError'; }
}

/** A user-facing failure that is not about one input (a bad option, an unusable database or model): one line, exit 2. */
export class UsageError extends Error {
  constructor(message: string) { super(message); this.name = 'UsageError'; }
}
