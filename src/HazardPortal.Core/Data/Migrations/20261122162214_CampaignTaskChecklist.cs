using System;
using HazardPortal.Core.Data;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HazardPortal.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class CampaignTaskChecklist : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "campaign_tasks",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    campaign_code = table.Column<string>(type: "character varying(20)", nullable: false),
                    issuer_unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    issuer_jurisdiction_code = table.Column<string>(type: "text", nullable: false),
                    issuer_path = table.Column<string>(type: "ltree", nullable: false),
                    phase = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    level = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    no = table.Column<int>(type: "integer", nullable: false),
                    text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    recipients = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_campaign_tasks", x => x.id);
                    table.ForeignKey(
                        name: "fk_campaign_tasks_campaigns_campaign_code",
                        column: x => x.campaign_code,
                        principalTable: "campaigns",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_campaign_tasks_units_issuer_unit_id",
                        column: x => x.issuer_unit_id,
                        principalTable: "units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "task_completions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    task_id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit_key = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    unit_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    path = table.Column<string>(type: "ltree", nullable: false),
                    enterprise_id = table.Column<Guid>(type: "uuid", nullable: true, computedColumnSql: "NULL::uuid", stored: true),
                    done_on = table.Column<DateOnly>(type: "date", nullable: false),
                    note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    file_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    content_type = table.Column<string>(type: "text", nullable: true),
                    size = table.Column<int>(type: "integer", nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: true),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recorded_by = table.Column<string>(type: "text", nullable: false),
                    late = table.Column<bool>(type: "boolean", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_task_completions", x => x.id);
                    table.ForeignKey(
                        name: "fk_task_completions_campaign_tasks_task_id",
                        column: x => x.task_id,
                        principalTable: "campaign_tasks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_campaign_tasks_campaign_code_issuer_jurisdiction_code_posit~",
                table: "campaign_tasks",
                columns: new[] { "campaign_code", "issuer_jurisdiction_code", "position" });

            migrationBuilder.CreateIndex(
                name: "ix_campaign_tasks_issuer_unit_id",
                table: "campaign_tasks",
                column: "issuer_unit_id");

            migrationBuilder.CreateIndex(
                name: "ix_task_completions_path",
                table: "task_completions",
                column: "path")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_task_completions_task_id_unit_key",
                table: "task_completions",
                columns: new[] { "task_id", "unit_key" },
                unique: true);

            // A unit's report is a business row under the tenant rule, like its uploads.
            migrationBuilder.Sql("""
                ALTER TABLE task_completions ENABLE ROW LEVEL SECURITY;
                ALTER TABLE task_completions FORCE ROW LEVEL SECURITY;
                DROP POLICY IF EXISTS tenant ON task_completions;
                CREATE POLICY tenant ON task_completions USING ((SELECT hp_scope_path()) IS NOT NULL AND path <@ (SELECT hp_scope_path()) AND (SELECT hp_scope_business()) AND ((SELECT hp_scope_enterprise()) IS NULL OR enterprise_id = (SELECT hp_scope_enterprise()))) WITH CHECK ((SELECT hp_scope_path()) IS NOT NULL AND path <@ (SELECT hp_scope_path()) AND (SELECT hp_scope_business()) AND ((SELECT hp_scope_enterprise()) IS NULL OR enterprise_id = (SELECT hp_scope_enterprise())));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "task_completions");

            migrationBuilder.DropTable(
                name: "campaign_tasks");
        }
    }
}
