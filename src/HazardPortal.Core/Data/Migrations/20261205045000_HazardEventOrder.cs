using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HazardPortal.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class HazardEventOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "event_count",
                table: "hazards",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            // Each hazard's counter starts after its last event (old events were numbered by clock ticks), so every new
            // event follows the history it joins. Only the counter changes: the user triggers (the aggregates, which do
            // not read it) are off for this one statement.
            migrationBuilder.Sql("""
                ALTER TABLE hazards DISABLE TRIGGER USER;
                UPDATE hazards h SET event_count = m.last
                FROM (SELECT hazard_id, max(sequence) AS last FROM hazard_events GROUP BY hazard_id) m
                WHERE m.hazard_id = h.id;
                ALTER TABLE hazards ENABLE TRIGGER USER;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "event_count",
                table: "hazards");
        }
    }
}
