using System;
using System.Collections.Generic;
using HazardPortal.Core.Data;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HazardPortal.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class Dispatch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "dispatch_templates",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    title = table.Column<string>(type: "text", nullable: false),
                    unit_caption = table.Column<string>(type: "text", nullable: false),
                    source = table.Column<string>(type: "text", nullable: false),
                    cadence = table.Column<string>(type: "text", nullable: false),
                    cutoff_day = table.Column<int>(type: "integer", nullable: false),
                    window = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    holiday_shift = table.Column<bool>(type: "boolean", nullable: false),
                    campaign_code = table.Column<string>(type: "character varying(20)", nullable: false),
                    sections = table.Column<string>(type: "jsonb", nullable: false),
                    footer_lines = table.Column<string>(type: "jsonb", nullable: false),
                    notes = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_dispatch_templates", x => x.code);
                    table.ForeignKey(
                        name: "fk_dispatch_templates_campaigns_campaign_code",
                        column: x => x.campaign_code,
                        principalTable: "campaigns",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "dispatch_forms",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    template_code = table.Column<string>(type: "character varying(40)", nullable: false),
                    unit_key = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    unit_name = table.Column<string>(type: "text", nullable: false),
                    jurisdiction_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    department_id = table.Column<Guid>(type: "uuid", nullable: true),
                    path = table.Column<string>(type: "ltree", nullable: false),
                    province_code = table.Column<string>(type: "text", nullable: true, computedColumnSql: "CASE WHEN nlevel(path) >= 2 THEN ltree2text(subpath(path, 1, 1)) END", stored: true),
                    prefecture_code = table.Column<string>(type: "text", nullable: true, computedColumnSql: "CASE WHEN nlevel(path) >= 3 THEN ltree2text(subpath(path, 2, 1)) END", stored: true),
                    county_code = table.Column<string>(type: "text", nullable: true, computedColumnSql: "CASE WHEN nlevel(path) >= 4 THEN ltree2text(subpath(path, 3, 1)) END", stored: true),
                    township_code = table.Column<string>(type: "text", nullable: true, computedColumnSql: "CASE WHEN nlevel(path) >= 5 THEN ltree2text(subpath(path, 4, 1)) END", stored: true),
                    enterprise_id = table.Column<Guid>(type: "uuid", nullable: true, computedColumnSql: "NULL::uuid", stored: true),
                    period = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    cutoff_day = table.Column<int>(type: "integer", nullable: false),
                    window_start = table.Column<DateOnly>(type: "date", nullable: false),
                    as_of = table.Column<DateOnly>(type: "date", nullable: false),
                    due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    entries = table.Column<string>(type: "jsonb", nullable: false),
                    revision = table.Column<int>(type: "integer", nullable: false),
                    submitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    submitted_by = table.Column<string>(type: "text", nullable: true),
                    late = table.Column<bool>(type: "boolean", nullable: false),
                    return_reason = table.Column<string>(type: "text", nullable: true),
                    reviewed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    reviewed_by = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_dispatch_forms", x => x.id);
                    table.ForeignKey(
                        name: "fk_dispatch_forms_dispatch_templates_template_code",
                        column: x => x.template_code,
                        principalTable: "dispatch_templates",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_dispatch_forms_jurisdictions_jurisdiction_code",
                        column: x => x.jurisdiction_code,
                        principalTable: "jurisdictions",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_dispatch_forms_units_department_id",
                        column: x => x.department_id,
                        principalTable: "units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "dispatch_issues",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    template_code = table.Column<string>(type: "character varying(40)", nullable: false),
                    issuer_unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    issuer_jurisdiction_code = table.Column<string>(type: "character varying(12)", nullable: false),
                    path = table.Column<string>(type: "ltree", nullable: false),
                    recipients = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    cutoff_days = table.Column<List<int>>(type: "integer[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_dispatch_issues", x => x.id);
                    table.ForeignKey(
                        name: "fk_dispatch_issues_dispatch_templates_template_code",
                        column: x => x.template_code,
                        principalTable: "dispatch_templates",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_dispatch_issues_jurisdictions_issuer_jurisdiction_code",
                        column: x => x.issuer_jurisdiction_code,
                        principalTable: "jurisdictions",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_dispatch_issues_units_issuer_unit_id",
                        column: x => x.issuer_unit_id,
                        principalTable: "units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "form_submissions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    form_id = table.Column<Guid>(type: "uuid", nullable: false),
                    path = table.Column<string>(type: "ltree", nullable: false),
                    enterprise_id = table.Column<Guid>(type: "uuid", nullable: true, computedColumnSql: "NULL::uuid", stored: true),
                    revision = table.Column<int>(type: "integer", nullable: false),
                    submitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    submitted_by = table.Column<string>(type: "text", nullable: false),
                    late = table.Column<bool>(type: "boolean", nullable: false),
                    cells = table.Column<string>(type: "jsonb", nullable: false),
                    warning_reasons = table.Column<string>(type: "jsonb", nullable: false),
                    status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    return_reason = table.Column<string>(type: "text", nullable: true),
                    reviewed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    reviewed_by = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_form_submissions", x => x.id);
                    table.ForeignKey(
                        name: "fk_form_submissions_dispatch_forms_form_id",
                        column: x => x.form_id,
                        principalTable: "dispatch_forms",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_dispatch_forms_department_id",
                table: "dispatch_forms",
                column: "department_id");

            migrationBuilder.CreateIndex(
                name: "ix_dispatch_forms_jurisdiction_code",
                table: "dispatch_forms",
                column: "jurisdiction_code");

            migrationBuilder.CreateIndex(
                name: "ix_dispatch_forms_path",
                table: "dispatch_forms",
                column: "path")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_dispatch_forms_template_code_period_cutoff_day_county_code",
                table: "dispatch_forms",
                columns: new[] { "template_code", "period", "cutoff_day", "county_code" });

            migrationBuilder.CreateIndex(
                name: "ix_dispatch_forms_template_code_period_cutoff_day_township_code",
                table: "dispatch_forms",
                columns: new[] { "template_code", "period", "cutoff_day", "township_code" });

            migrationBuilder.CreateIndex(
                name: "ix_dispatch_forms_template_code_unit_key_period_cutoff_day",
                table: "dispatch_forms",
                columns: new[] { "template_code", "unit_key", "period", "cutoff_day" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_dispatch_issues_issuer_jurisdiction_code",
                table: "dispatch_issues",
                column: "issuer_jurisdiction_code");

            migrationBuilder.CreateIndex(
                name: "ix_dispatch_issues_issuer_unit_id",
                table: "dispatch_issues",
                column: "issuer_unit_id");

            migrationBuilder.CreateIndex(
                name: "ix_dispatch_issues_template_code_issuer_jurisdiction_code",
                table: "dispatch_issues",
                columns: new[] { "template_code", "issuer_jurisdiction_code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_dispatch_templates_campaign_code",
                table: "dispatch_templates",
                column: "campaign_code");

            migrationBuilder.CreateIndex(
                name: "ix_form_submissions_form_id_revision",
                table: "form_submissions",
                columns: new[] { "form_id", "revision" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_form_submissions_path",
                table: "form_submissions",
                column: "path")
                .Annotation("Npgsql:IndexMethod", "gist");

            // The tenant rule in PostgreSQL for the forms and their submissions (SPEC §2); issuances are organisation data.
            migrationBuilder.Sql("""
                ALTER TABLE dispatch_forms ENABLE ROW LEVEL SECURITY;
                ALTER TABLE dispatch_forms FORCE ROW LEVEL SECURITY;
                DROP POLICY IF EXISTS tenant ON dispatch_forms;
                CREATE POLICY tenant ON dispatch_forms USING (COALESCE(((SELECT hp_scope_path()) IS NOT NULL AND path <@ (SELECT hp_scope_path()) AND (SELECT hp_scope_business()) AND ((SELECT hp_scope_enterprise()) IS NULL OR enterprise_id = (SELECT hp_scope_enterprise()))), false)) WITH CHECK (COALESCE(((SELECT hp_scope_path()) IS NOT NULL AND path <@ (SELECT hp_scope_path()) AND (SELECT hp_scope_business()) AND ((SELECT hp_scope_enterprise()) IS NULL OR enterprise_id = (SELECT hp_scope_enterprise()))), false));
                """);
            migrationBuilder.Sql("""
                ALTER TABLE form_submissions ENABLE ROW LEVEL SECURITY;
                ALTER TABLE form_submissions FORCE ROW LEVEL SECURITY;
                DROP POLICY IF EXISTS tenant ON form_submissions;
                CREATE POLICY tenant ON form_submissions USING ((SELECT hp_scope_path()) IS NOT NULL AND path <@ (SELECT hp_scope_path()) AND (SELECT hp_scope_business()) AND ((SELECT hp_scope_enterprise()) IS NULL OR enterprise_id = (SELECT hp_scope_enterprise()))) WITH CHECK ((SELECT hp_scope_path()) IS NOT NULL AND path <@ (SELECT hp_scope_path()) AND (SELECT hp_scope_business()) AND ((SELECT hp_scope_enterprise()) IS NULL OR enterprise_id = (SELECT hp_scope_enterprise())));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "dispatch_issues");

            migrationBuilder.DropTable(
                name: "form_submissions");

            migrationBuilder.DropTable(
                name: "dispatch_forms");

            migrationBuilder.DropTable(
                name: "dispatch_templates");
        }
    }
}
