using HazardPortal.Core.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HazardPortal.Core.Data.Migrations
{
    /// <summary>
    /// The audit chain, sealed after the insert instead of during it. Chaining in an insert trigger held the chain's
    /// head row from a transaction's first audit row to its commit, so every writing transaction of the portal waited
    /// for the one before: the bench's 200 submissions a second went from a p95 of 22 ms to 981 ms. Rows are now
    /// written as before (no lock) and <c>hp_audit_seal(n)</c> — run every few seconds by the portal's sealer, and
    /// by anyone at any time — numbers and hashes the rows not yet sealed, in the order they were written (time, id),
    /// under the head row's lock for the duration of one seal only. The append-only trigger lets the sealer, and only
    /// it, fill the chain columns of a row once, leaving everything else as it was; verification covers the sealed rows
    /// and says how many are still waiting. No model change; the SQL is carried here as text.
    /// </summary>
    [DbContext(typeof(AppDbContext))]
    [Migration("20261205030000_AuditChainSealer")]
    public partial class AuditChainSealer : Migration
    {
        public const string Sql = """
            DROP TRIGGER IF EXISTS audit_log_chain ON audit_log;
            DROP FUNCTION IF EXISTS hp_audit_chain();
            CREATE INDEX IF NOT EXISTS ix_audit_log_unsealed ON audit_log (at, id) WHERE chain_seq IS NULL;

            -- Verification over the sealed rows (the newest few seconds wait for the sealer).
            CREATE OR REPLACE FUNCTION hp_audit_first_break() RETURNS TABLE (chain_seq bigint, id bigint, expected_seq bigint)
                LANGUAGE sql STABLE AS $$
                SELECT x.chain_seq, x.id, x.expected_seq FROM (
                    SELECT a.chain_seq, a.id, a.chain_hash,
                           lag(a.chain_hash, 1, repeat('0', 64)) OVER w AS previous,
                           lag(a.chain_seq, 1, 0::bigint) OVER w + 1 AS expected_seq,
                           hp_audit_content(a) AS content
                    FROM audit_log a WHERE a.chain_seq IS NOT NULL WINDOW w AS (ORDER BY a.chain_seq)) x
                WHERE x.chain_seq <> x.expected_seq OR x.chain_hash IS DISTINCT FROM hp_audit_link(x.previous, x.content)
                ORDER BY x.chain_seq LIMIT 1 $$;

            CREATE OR REPLACE FUNCTION hp_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'UPDATE' AND coalesce(current_setting('hp.audit_sealer', true) = 'on', false)
                   AND OLD.chain_seq IS NULL AND NEW.chain_seq IS NOT NULL AND NEW.chain_hash IS NOT NULL
                   AND NEW.id = OLD.id AND hp_audit_content(NEW) = hp_audit_content(OLD) THEN
                    RETURN NEW;
                END IF;
                RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
            END $$;

            -- SECURITY DEFINER: the application role may not UPDATE the log (its grant says so); the seal runs as the owner,
            -- and the append-only trigger still lets it fill nothing but the chain columns of unsealed rows.
            CREATE OR REPLACE FUNCTION hp_audit_seal(max_rows int) RETURNS int LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
            DECLARE
                head audit_chain_head%ROWTYPE;
                r record;
                sealed int := 0;
            BEGIN
                PERFORM set_config('hp.audit_sealer', 'on', true);
                SELECT * INTO head FROM audit_chain_head WHERE audit_chain_head.id = 1 FOR UPDATE;
                FOR r IN SELECT a.id, hp_audit_content(a) AS content FROM audit_log a WHERE a.chain_seq IS NULL ORDER BY a.at, a.id LIMIT max_rows LOOP
                    head.seq := head.seq + 1;
                    head.hash := hp_audit_link(head.hash, r.content);
                    UPDATE audit_log SET chain_seq = head.seq, chain_hash = head.hash WHERE audit_log.id = r.id;
                    sealed := sealed + 1;
                END LOOP;
                UPDATE audit_chain_head SET seq = head.seq, hash = head.hash WHERE audit_chain_head.id = 1;
                PERFORM set_config('hp.audit_sealer', 'off', true);
                RETURN sealed;
            END $$;
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(Sql);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
            DROP FUNCTION IF EXISTS hp_audit_seal(int);
            DROP INDEX IF EXISTS ix_audit_log_unsealed;
            -- Verification over the sealed rows (the newest few seconds wait for the sealer).
            CREATE OR REPLACE FUNCTION hp_audit_first_break() RETURNS TABLE (chain_seq bigint, id bigint, expected_seq bigint)
                LANGUAGE sql STABLE AS $$
                SELECT x.chain_seq, x.id, x.expected_seq FROM (
                    SELECT a.chain_seq, a.id, a.chain_hash,
                           lag(a.chain_hash, 1, repeat('0', 64)) OVER w AS previous,
                           lag(a.chain_seq, 1, 0::bigint) OVER w + 1 AS expected_seq,
                           hp_audit_content(a) AS content
                    FROM audit_log a WHERE a.chain_seq IS NOT NULL WINDOW w AS (ORDER BY a.chain_seq)) x
                WHERE x.chain_seq <> x.expected_seq OR x.chain_hash IS DISTINCT FROM hp_audit_link(x.previous, x.content)
                ORDER BY x.chain_seq LIMIT 1 $$;

            CREATE OR REPLACE FUNCTION hp_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
            END $$;
            """);
    }
}
