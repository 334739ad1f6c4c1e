-- Spans are stored per trace and ingested batch (ADR 0008): one row holds a chunk of a trace's
-- spans as JSON text together with the trace's search columns. A row per span cost every span a
-- heap row, a primary-key entry and JSONB parsing, which capped ingest near 14,000 spans/s on
-- two cores; a chunk costs one row per trace per batch.
CREATE TABLE span_chunks (
  trace_id text NOT NULL,
  -- Hash of the spans text: a retried batch hashes the same and is not stored twice.
  digest text NOT NULL,
  first_started_at timestamptz NOT NULL,
  last_started_at timestamptz NOT NULL,
  start_ns bigint NOT NULL,
  end_ns bigint NOT NULL,
  span_count integer NOT NULL,
  error_count integer NOT NULL,
  services text[] NOT NULL,
  topics text[] NOT NULL,
  correlation_ids text[] NOT NULL,
  -- Traces the chunk's spans link to (batch consumers link to their producers).
  linked_trace_ids text[] NOT NULL,
  -- Latency of the chunk's OTLP spans, for span-latency alert rules, without parsing `spans`.
  latency_services text[] NOT NULL,
  latency_names text[] NOT NULL,
  latency_ms double precision[] NOT NULL,
  -- JSON array of spans in the Span shape (shared/src/traces.ts): byte 0x01 then Brotli, as the
  -- writer packs them (api/src/traces/chunks.ts), or plain JSON for the rows migrated below.
  spans bytea NOT NULL,
  PRIMARY KEY (trace_id, digest)
);

CREATE INDEX span_chunks_last_started_idx ON span_chunks (last_started_at);
CREATE INDEX span_chunks_services_idx ON span_chunks USING gin (services);
CREATE INDEX span_chunks_topics_idx ON span_chunks USING gin (topics);
CREATE INDEX span_chunks_correlation_ids_idx ON span_chunks USING gin (correlation_ids);
CREATE INDEX span_chunks_linked_trace_ids_idx ON span_chunks USING gin (linked_trace_ids);

-- Existing spans move over as one chunk per trace.
INSERT INTO span_chunks (trace_id, digest, first_started_at, last_started_at, start_ns, end_ns,
  span_count, error_count, services, topics, correlation_ids, linked_trace_ids,
  latency_services, latency_names, latency_ms, spans)
SELECT s.trace_id, md5(s.spans), s.first_started_at, s.last_started_at, s.start_ns, s.end_ns,
  s.span_count, s.error_count, s.services, s.topics, s.correlation_ids, s.linked_trace_ids,
  s.latency_services, s.latency_names, s.latency_ms, convert_to(s.spans, 'UTF8')
FROM (
  SELECT trace_id,
    min(started_at) AS first_started_at, max(started_at) AS last_started_at,
    min(start_time_unix_nano) AS start_ns,
    max(start_time_unix_nano + round(duration_ms * 1000000)::bigint) AS end_ns,
    count(*)::int AS span_count,
    (count(*) FILTER (WHERE status_code = 'error'))::int AS error_count,
    array_agg(DISTINCT service) AS services,
    coalesce(array_agg(DISTINCT topic) FILTER (WHERE topic IS NOT NULL), '{}') AS topics,
    coalesce((SELECT array_agg(DISTINCT c) FROM spans i, unnest(i.correlation_ids) c
      WHERE i.trace_id = o.trace_id), '{}') AS correlation_ids,
    coalesce((SELECT array_agg(DISTINCT l->>'traceId') FROM spans i,
      jsonb_array_elements(i.links) l WHERE i.trace_id = o.trace_id
        AND l->>'traceId' <> o.trace_id), '{}') AS linked_trace_ids,
    coalesce(array_agg(service) FILTER (WHERE source = 'otlp'), '{}') AS latency_services,
    coalesce(array_agg(name) FILTER (WHERE source = 'otlp'), '{}') AS latency_names,
    coalesce(array_agg(duration_ms) FILTER (WHERE source = 'otlp'), '{}') AS latency_ms,
    json_agg(json_build_object(
      'traceId', trace_id, 'spanId', span_id, 'parentSpanId', parent_span_id, 'links', links,
      'service', service, 'name', name, 'kind', kind,
      'startedAt', to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
      'startTimeUnixNano', start_time_unix_nano::text, 'durationMs', duration_ms,
      'status', CASE WHEN status_message IS NULL THEN json_build_object('code', status_code)
        ELSE json_build_object('code', status_code, 'message', status_message) END,
      'attributes', attributes, 'source', source, 'correlationIds', correlation_ids,
      'messaging', messaging))::text AS spans
  FROM spans o
  GROUP BY trace_id
) s;

DROP TABLE spans;
DROP TABLE trace_index;
DROP TABLE span_links;
