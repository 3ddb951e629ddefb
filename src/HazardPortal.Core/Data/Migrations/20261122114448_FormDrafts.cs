using System;
using HazardPortal.Core.Data;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HazardPortal.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class FormDrafts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "form_drafts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    form_key = table.Column<string>(type: "text", nullable: false),
                    json = table.Column<string>(type: "jsonb", nullable: false),
                    path = table.Column<string>(type: "ltree", nullable: false),
                    enterprise_id = table.Column<Guid>(type: "uuid", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_form_drafts", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_form_drafts_path",
                table: "form_drafts",
                column: "path")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_form_drafts_user_id_form_key",
                table: "form_drafts",
                columns: new[] { "user_id", "form_key" },
                unique: true);

            migrationBuilder.Sql("""
                ALTER TABLE form_drafts ENABLE ROW LEVEL SECURITY;
                ALTER TABLE form_drafts FORCE ROW LEVEL SECURITY;
                DROP POLICY IF EXISTS tenant ON form_drafts;
                CREATE POLICY tenant ON form_drafts USING ((SELECT hp_scope_path()) IS NOT NULL AND path <@ (SELECT hp_scope_path()) AND (SELECT hp_scope_business()) AND ((SELECT hp_scope_enterprise()) IS NULL OR enterprise_id = (SELECT hp_scope_enterprise()))) WITH CHECK ((SELECT hp_scope_path()) IS NOT NULL AND path <@ (SELECT hp_scope_path()) AND (SELECT hp_scope_business()) AND ((SELECT hp_scope_enterprise()) IS NULL OR enterprise_id = (SELECT hp_scope_enterprise())));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "form_drafts");
        }
    }
}
