using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace HazardPortal.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class AuditLogAndIssuerPolicies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateSequence(
                name: "audit_log_hilo",
                incrementBy: 10);

            migrationBuilder.AlterColumn<long>(
                name: "id",
                table: "audit_log",
                type: "bigint",
                nullable: false,
                oldClrType: typeof(long),
                oldType: "bigint")
                .OldAnnotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);

            // The SQL this migration ran, as text (it never changes with the code).
            migrationBuilder.Sql(Sql);
        }

        /// <summary>
        /// The audit log: ids continue above the last one, inserts stay open to everyone, reads only for the
        /// Auditor's path (hp.audit_reader, set from the signed-in user's roles). The five tables the penetration
        /// test found without a policy are scoped by their issuer: a row is visible to the issuer's own subtree
        /// (the office that issued it and the units below, to whom it applies) and to the offices above it
        /// (who see what their subordinates issued); a row is written only within one's own subtree.
        /// campaign_phases carries no path: its issuer is a label of the reader's path (the phases of the
        /// chain above), or the reader is the whole tree.
        /// </summary>
        public const string Sql = """
            SELECT setval('audit_log_hilo', (SELECT coalesce(max(id), 0) + 1 FROM audit_log));
            ALTER TABLE audit_log ALTER COLUMN id SET DEFAULT nextval('audit_log_hilo');

            CREATE OR REPLACE FUNCTION hp_audit_reader() RETURNS boolean
                LANGUAGE sql STABLE PARALLEL SAFE
                AS $$ SELECT coalesce(current_setting('hp.audit_reader', true) = 'on', false) $$;

            ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
            ALTER TABLE audit_log FORCE ROW LEVEL SECURITY;
            DROP POLICY IF EXISTS audit_write ON audit_log;
            CREATE POLICY audit_write ON audit_log FOR INSERT WITH CHECK (true);
            DROP POLICY IF EXISTS audit_read ON audit_log;
            CREATE POLICY audit_read ON audit_log FOR SELECT USING ((SELECT hp_audit_reader()));
            -- An UPDATE or DELETE reaches the append-only trigger and fails loudly, rather than matching no row.
            DROP POLICY IF EXISTS audit_frozen_update ON audit_log;
            CREATE POLICY audit_frozen_update ON audit_log FOR UPDATE USING (true);
            DROP POLICY IF EXISTS audit_frozen_delete ON audit_log;
            CREATE POLICY audit_frozen_delete ON audit_log FOR DELETE USING (true);

            ALTER TABLE dispatch_issues ENABLE ROW LEVEL SECURITY;
            ALTER TABLE dispatch_issues FORCE ROW LEVEL SECURITY;
            DROP POLICY IF EXISTS tenant ON dispatch_issues;
            CREATE POLICY tenant ON dispatch_issues
                USING ((SELECT hp_scope_path()) IS NOT NULL AND (path @> (SELECT hp_scope_path()) OR path <@ (SELECT hp_scope_path())))
                WITH CHECK ((SELECT hp_scope_path()) IS NOT NULL AND path <@ (SELECT hp_scope_path()));

            ALTER TABLE flag_settings ENABLE ROW LEVEL SECURITY;
            ALTER TABLE flag_settings FORCE ROW LEVEL SECURITY;
            DROP POLICY IF EXISTS tenant ON flag_settings;
            CREATE POLICY tenant ON flag_settings
                USING ((SELECT hp_scope_path()) IS NOT NULL AND (path @> (SELECT hp_scope_path()) OR path <@ (SELECT hp_scope_path())))
                WITH CHECK ((SELECT hp_scope_path()) IS NOT NULL AND path <@ (SELECT hp_scope_path()));

            ALTER TABLE deliverables ENABLE ROW LEVEL SECURITY;
            ALTER TABLE deliverables FORCE ROW LEVEL SECURITY;
            DROP POLICY IF EXISTS tenant ON deliverables;
            CREATE POLICY tenant ON deliverables
                USING ((SELECT hp_scope_path()) IS NOT NULL AND (issuer_path @> (SELECT hp_scope_path()) OR issuer_path <@ (SELECT hp_scope_path())))
                WITH CHECK ((SELECT hp_scope_path()) IS NOT NULL AND issuer_path <@ (SELECT hp_scope_path()));

            ALTER TABLE campaign_tasks ENABLE ROW LEVEL SECURITY;
            ALTER TABLE campaign_tasks FORCE ROW LEVEL SECURITY;
            DROP POLICY IF EXISTS tenant ON campaign_tasks;
            CREATE POLICY tenant ON campaign_tasks
                USING ((SELECT hp_scope_path()) IS NOT NULL AND (issuer_path @> (SELECT hp_scope_path()) OR issuer_path <@ (SELECT hp_scope_path())))
                WITH CHECK ((SELECT hp_scope_path()) IS NOT NULL AND issuer_path <@ (SELECT hp_scope_path()));

            ALTER TABLE campaign_phases ENABLE ROW LEVEL SECURITY;
            ALTER TABLE campaign_phases FORCE ROW LEVEL SECURITY;
            DROP POLICY IF EXISTS tenant ON campaign_phases;
            CREATE POLICY tenant ON campaign_phases
                USING ((SELECT hp_scope_path()) IS NOT NULL AND ((SELECT hp_scope_path()) = '000000000000'::ltree
                    OR (SELECT hp_scope_path()) ~ ('*.' || issuer_jurisdiction_code || '.*')::lquery))
                WITH CHECK ((SELECT hp_scope_path()) IS NOT NULL AND ((SELECT hp_scope_path()) = '000000000000'::ltree
                    OR (SELECT hp_scope_path()) ~ ('*.' || issuer_jurisdiction_code || '.*')::lquery));
            """;

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP POLICY IF EXISTS audit_write ON audit_log; DROP POLICY IF EXISTS audit_read ON audit_log;
                DROP POLICY IF EXISTS audit_frozen_update ON audit_log; DROP POLICY IF EXISTS audit_frozen_delete ON audit_log;
                ALTER TABLE audit_log NO FORCE ROW LEVEL SECURITY; ALTER TABLE audit_log DISABLE ROW LEVEL SECURITY;
                ALTER TABLE audit_log ALTER COLUMN id DROP DEFAULT;
                DROP POLICY IF EXISTS tenant ON dispatch_issues; ALTER TABLE dispatch_issues DISABLE ROW LEVEL SECURITY;
                DROP POLICY IF EXISTS tenant ON flag_settings; ALTER TABLE flag_settings DISABLE ROW LEVEL SECURITY;
                DROP POLICY IF EXISTS tenant ON deliverables; ALTER TABLE deliverables DISABLE ROW LEVEL SECURITY;
                DROP POLICY IF EXISTS tenant ON campaign_tasks; ALTER TABLE campaign_tasks DISABLE ROW LEVEL SECURITY;
                DROP POLICY IF EXISTS tenant ON campaign_phases; ALTER TABLE campaign_phases DISABLE ROW LEVEL SECURITY;
                DROP FUNCTION IF EXISTS hp_audit_reader();
                """);
            migrationBuilder.DropSequence(
                name: "audit_log_hilo");

            migrationBuilder.AlterColumn<long>(
                name: "id",
                table: "audit_log",
                type: "bigint",
                nullable: false,
                oldClrType: typeof(long),
                oldType: "bigint")
                .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);
        }
    }
}
