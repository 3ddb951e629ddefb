using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HazardPortal.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class AuditNames : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "action_name",
                table: "audit_log",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "subject_name",
                table: "audit_log",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            // The chain covers the names too. A row written before them (both NULL) hashes exactly as it did, so
            // the chain sealed so far still verifies.
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION hp_audit_content(a audit_log) RETURNS text
                    LANGUAGE sql IMMUTABLE PARALLEL SAFE
                    AS $$ SELECT CASE WHEN a.action_name IS NULL AND a.subject_name IS NULL
                        THEN jsonb_build_array(to_char(a.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'), a.actor, a.user_id, a.unit_id,
                             a.action, a.entity_type, a.entity_id, a.before, a.after, a.ip_address, a.detail)::text
                        ELSE jsonb_build_array(to_char(a.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'), a.actor, a.user_id, a.unit_id,
                             a.action, a.entity_type, a.entity_id, a.before, a.after, a.ip_address, a.detail, a.action_name, a.subject_name)::text
                        END $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION hp_audit_content(a audit_log) RETURNS text
                    LANGUAGE sql IMMUTABLE PARALLEL SAFE
                    AS $$ SELECT jsonb_build_array(to_char(a.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'), a.actor, a.user_id, a.unit_id,
                           a.action, a.entity_type, a.entity_id, a.before, a.after, a.ip_address, a.detail)::text $$;
                """);
            migrationBuilder.DropColumn(
                name: "action_name",
                table: "audit_log");

            migrationBuilder.DropColumn(
                name: "subject_name",
                table: "audit_log");
        }
    }
}
