-- One row per consent record received (README, "Consent records service").
-- seq: the order of arrival (breaks ties between equal timestamps).
-- consent_id: the record's consentId, lower-case.
-- ts: the record's timestamp as an instant, in UTC with nine fractional digits
--     (YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ); collation "C", so that text order is time order
--     whatever the database's locale.
-- action: given / changed / withdrawn.
-- body: the record as received (compact JSON text, unknown fields and their order kept).
-- received_at: the server's clock when the record was stored (same format as ts).
CREATE TABLE records (
    seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    consent_id TEXT NOT NULL,
    ts TEXT COLLATE "C" NOT NULL,
    action TEXT NOT NULL,
    body TEXT NOT NULL,
    received_at TEXT COLLATE "C" NOT NULL,
    UNIQUE (consent_id, ts, action)
);
CREATE INDEX records_by_ts ON records (ts, seq);
