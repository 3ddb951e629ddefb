using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HazardPortal.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class TemplateIssuers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "issued_at",
                table: "dispatch_templates",
                type: "jsonb",
                nullable: false,
                defaultValue: "[]");

            // Who may issue the seeded templates (issue #15 §1): the levels each document addresses. The reference import
            // keeps them current; written here so that the rule holds from this migration on.
            migrationBuilder.Sql("""
                UPDATE dispatch_templates SET issued_at = '["County"]' WHERE code = 'JX-COUNTY-2023';
                UPDATE dispatch_templates SET issued_at = '["Prefecture","County"]' WHERE code = 'HH-PREF-2023';
                UPDATE dispatch_templates SET issued_at = '["Township"]' WHERE code = 'GC-VILLAGE-2023';
                UPDATE dispatch_templates SET issued_at = '["Prefecture"]' WHERE code = 'HH-SECTOR-2023';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "issued_at",
                table: "dispatch_templates");
        }
    }
}
