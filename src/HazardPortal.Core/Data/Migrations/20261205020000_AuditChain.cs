using HazardPortal.Core.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HazardPortal.Core.Data.Migrations
{
    /// <summary>
    /// A tamper-evident audit log (等保 安全审计): every row, as it is inserted, gets the next number of one chain
    /// (<c>chain_seq</c>) and a SHA-256 over the previous row's hash and its own content (<c>chain_hash</c>), computed
    /// by a trigger in the database in insertion order (inserting transactions take the chain's head row in turn).
    /// A row changed or removed afterwards — even by the database owner with the append-only trigger switched off —
    /// breaks the chain at that row, which <c>hp_audit_first_break()</c> finds. The rows already in the log are
    /// chained once here, in the order they were written. The columns are not in the EF model: the application never
    /// writes them and reads them only through the verification. No model change; the SQL is carried here as text.
    /// </summary>
    [DbContext(typeof(AppDbContext))]
    [Migration("20261205020000_AuditChain")]
    public partial class AuditChain : Migration
    {
        public const string Sql = """
            ALTER TABLE audit_log ADD COLUMN chain_seq bigint;
            ALTER TABLE audit_log ADD COLUMN chain_hash text;
            CREATE UNIQUE INDEX ix_audit_log_chain_seq ON audit_log (chain_seq);

            CREATE TABLE audit_chain_head (id int PRIMARY KEY CHECK (id = 1), seq bigint NOT NULL, hash text NOT NULL);
            INSERT INTO audit_chain_head VALUES (1, 0, repeat('0', 64));

            -- The content a row's hash covers: every column as stored, in one unambiguous JSON array (NULL ≠ "").
            CREATE OR REPLACE FUNCTION hp_audit_content(a audit_log) RETURNS text
                LANGUAGE sql IMMUTABLE PARALLEL SAFE
                AS $$ SELECT jsonb_build_array(to_char(a.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'), a.actor, a.user_id, a.unit_id,
                       a.action, a.entity_type, a.entity_id, a.before, a.after, a.ip_address, a.detail)::text $$;

            CREATE OR REPLACE FUNCTION hp_audit_link(previous text, content text) RETURNS text
                LANGUAGE sql IMMUTABLE PARALLEL SAFE
                AS $$ SELECT encode(sha256(convert_to(previous || '|' || content, 'UTF8')), 'hex') $$;

            CREATE OR REPLACE FUNCTION hp_audit_chain() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                head audit_chain_head%ROWTYPE;
            BEGIN
                SELECT * INTO head FROM audit_chain_head WHERE id = 1 FOR UPDATE;
                NEW.chain_seq := head.seq + 1;
                NEW.chain_hash := hp_audit_link(head.hash, hp_audit_content(NEW));
                UPDATE audit_chain_head SET seq = NEW.chain_seq, hash = NEW.chain_hash WHERE id = 1;
                RETURN NEW;
            END $$;

            -- The rows written so far, chained in the order they were written.
            SELECT set_config('hp.audit_reader', 'on', true);
            ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only;
            DO $$
            DECLARE
                r audit_log%ROWTYPE;
                v_seq bigint := 0;
                v_hash text := repeat('0', 64);
            BEGIN
                FOR r IN SELECT * FROM audit_log ORDER BY at, id LOOP
                    v_seq := v_seq + 1;
                    v_hash := hp_audit_link(v_hash, hp_audit_content(r));
                    UPDATE audit_log SET chain_seq = v_seq, chain_hash = v_hash WHERE audit_log.id = r.id;
                END LOOP;
                UPDATE audit_chain_head SET seq = v_seq, hash = v_hash WHERE audit_chain_head.id = 1;
            END $$;
            ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only;

            CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION hp_audit_chain();

            -- The first row whose hash or number does not follow from the one before (or no row: the chain holds).
            CREATE OR REPLACE FUNCTION hp_audit_first_break() RETURNS TABLE (chain_seq bigint, id bigint, expected_seq bigint)
                LANGUAGE sql STABLE AS $$
                SELECT x.chain_seq, x.id, x.expected_seq FROM (
                    SELECT a.chain_seq, a.id, a.chain_hash,
                           lag(a.chain_hash, 1, repeat('0', 64)) OVER w AS previous,
                           lag(a.chain_seq, 1, 0::bigint) OVER w + 1 AS expected_seq,
                           hp_audit_content(a) AS content
                    FROM audit_log a WINDOW w AS (ORDER BY a.chain_seq)) x
                WHERE x.chain_seq <> x.expected_seq OR x.chain_hash IS DISTINCT FROM hp_audit_link(x.previous, x.content)
                ORDER BY x.chain_seq LIMIT 1 $$;
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(Sql);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
            DROP FUNCTION IF EXISTS hp_audit_first_break();
            DROP TRIGGER IF EXISTS audit_log_chain ON audit_log;
            DROP FUNCTION IF EXISTS hp_audit_chain();
            DROP FUNCTION IF EXISTS hp_audit_link(text, text);
            DROP FUNCTION IF EXISTS hp_audit_content(audit_log);
            DROP TABLE IF EXISTS audit_chain_head;
            ALTER TABLE audit_log DROP COLUMN IF EXISTS chain_hash;
            ALTER TABLE audit_log DROP COLUMN IF EXISTS chain_seq;
            """);
    }
}
