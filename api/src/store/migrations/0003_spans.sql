-- Spans from OTLP and from broker hops, normalized (shared/src/traces.ts). Duplicates are
-- ignored on insert (ON CONFLICT DO NOTHING), so an exporter's retry is harmless.
CREATE TABLE spans (
  trace_id text NOT NULL,
  span_id text NOT NULL,
  parent_span_id text,
  service text NOT NULL,
  name text NOT NULL,
  kind text NOT NULL,
  started_at timestamptz NOT NULL,
  start_time_unix_nano bigint NOT NULL,
  duration_ms double precision NOT NULL,
  status_code text NOT NULL,
  status_message text,
  attributes jsonb NOT NULL,
  source text NOT NULL,
  topic text,
  messaging jsonb NOT NULL,
  links jsonb NOT NULL,
  correlation_ids text[] NOT NULL,
  PRIMARY KEY (trace_id, span_id)
);

-- Retention deletes by age. Rows arrive roughly in time order, so BRIN is enough and costs
-- almost nothing per insert (ingest must sustain tens of thousands of spans per second).
CREATE INDEX spans_started_at_brin ON spans USING brin (started_at);

-- The search index: one row per trace per ingested batch, written by the same statement as
-- the spans (from the rows actually inserted). Per-span secondary indexes would cost every
-- span an index insert; here a batch of 512 spans costs one row per trace it touches.
-- Searches aggregate the rows of a trace.
CREATE TABLE trace_index (
  trace_id text NOT NULL,
  first_started_at timestamptz NOT NULL,
  last_started_at timestamptz NOT NULL,
  start_ns bigint NOT NULL,
  end_ns bigint NOT NULL,
  span_count integer NOT NULL,
  error_count integer NOT NULL,
  services text[] NOT NULL,
  topics text[] NOT NULL,
  correlation_ids text[] NOT NULL
);

CREATE INDEX trace_index_trace_id_idx ON trace_index (trace_id);
CREATE INDEX trace_index_last_started_idx ON trace_index (last_started_at);
CREATE INDEX trace_index_services_idx ON trace_index USING gin (services);
CREATE INDEX trace_index_topics_idx ON trace_index USING gin (topics);
CREATE INDEX trace_index_correlation_ids_idx ON trace_index USING gin (correlation_ids);

-- Span links (batch consumers link to their producers), for following links backwards:
-- from a producer's trace to the traces of the consumers that link to it.
CREATE TABLE span_links (
  trace_id text NOT NULL,
  span_id text NOT NULL,
  linked_trace_id text NOT NULL,
  linked_span_id text NOT NULL,
  started_at timestamptz NOT NULL,
  PRIMARY KEY (trace_id, span_id, linked_trace_id, linked_span_id)
);

CREATE INDEX span_links_linked_trace_id_idx ON span_links (linked_trace_id);
CREATE INDEX span_links_started_at_brin ON span_links USING brin (started_at);
