using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HazardPortal.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class DueIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_hazards_county_code_due_on_id",
                table: "hazards",
                columns: new[] { "county_code", "due_on", "id" },
                filter: "awaiting_rectification");

            migrationBuilder.CreateIndex(
                name: "ix_hazards_prefecture_code_due_on_id",
                table: "hazards",
                columns: new[] { "prefecture_code", "due_on", "id" },
                filter: "awaiting_rectification");

            migrationBuilder.CreateIndex(
                name: "ix_hazards_province_code_due_on_id",
                table: "hazards",
                columns: new[] { "province_code", "due_on", "id" },
                filter: "awaiting_rectification");

            migrationBuilder.CreateIndex(
                name: "ix_hazards_township_code_due_on_id",
                table: "hazards",
                columns: new[] { "township_code", "due_on", "id" },
                filter: "awaiting_rectification");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_hazards_county_code_due_on_id",
                table: "hazards");

            migrationBuilder.DropIndex(
                name: "ix_hazards_prefecture_code_due_on_id",
                table: "hazards");

            migrationBuilder.DropIndex(
                name: "ix_hazards_province_code_due_on_id",
                table: "hazards");

            migrationBuilder.DropIndex(
                name: "ix_hazards_township_code_due_on_id",
                table: "hazards");
        }
    }
}
