using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HazardPortal.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class HazardMetricIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "verification_failed",
                table: "hazards",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            // Hazards that ever failed verification, from their history; then the covering indexes the
            // county and township forms read (index-only: the major, counted hazards of a node).
            migrationBuilder.Sql("""
                UPDATE hazards h SET verification_failed = true
                WHERE EXISTS (SELECT 1 FROM hazard_events e WHERE e.hazard_id = h.id AND e.kind = 'VerificationFailed');
                CREATE INDEX IF NOT EXISTS ix_hazards_major_county ON hazards (county_code, found_on)
                    INCLUDE (source, supervision_tagged_on, rectified_on, verification_failed, id)
                    WHERE grade = 'Major' AND status NOT IN ('Draft', 'Voided');
                CREATE INDEX IF NOT EXISTS ix_hazards_major_township ON hazards (township_code, found_on)
                    INCLUDE (source, supervision_tagged_on, rectified_on, verification_failed, id)
                    WHERE grade = 'Major' AND status NOT IN ('Draft', 'Voided');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_hazards_major_county; DROP INDEX IF EXISTS ix_hazards_major_township;");
            migrationBuilder.DropColumn(
                name: "verification_failed",
                table: "hazards");
        }
    }
}
