/**
 * An operation's output shapes as the service model types them (generated into outputShapes.ts): what
 * the awsQuery (XML) and RPCv2 CBOR wire formats need beyond the JSON the operations return, namely
 * which numbers are timestamps and which are integers or floating point.
 */
export type OutputRef = string;

export interface OutputShapeTable {
  /** The awsQuery XML namespace of the service's answers. */
  xmlNamespace: string;
  /** The service's awsJson target prefix, also its RPCv2 CBOR service name in request paths. */
  targetPrefix: string;
  operations: Record<string, { output: OutputRef | null; resultWrapper: string | null }>;
  shapes: Record<string, { members?: Record<string, OutputRef>; list?: OutputRef; map?: OutputRef } | null>;
}
