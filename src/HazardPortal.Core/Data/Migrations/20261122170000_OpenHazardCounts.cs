using HazardPortal.Core.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HazardPortal.Core.Data.Migrations
{
    /// <summary>
    /// A covering partial index of the open major hazards for the dashboards' counts (all, overdue, due soon,
    /// supervised — in total and per child node) in one index-only scan, row-security columns included. No model change.
    /// </summary>
    [DbContext(typeof(AppDbContext))]
    [Migration("20261122170000_OpenHazardCounts")]
    public partial class OpenHazardCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE INDEX IF NOT EXISTS ix_hazards_open_major ON hazards (province_code, prefecture_code, county_code, township_code)
                    INCLUDE (due_on, supervision_tagged_on, supervision_removed_on, path, enterprise_id)
                    WHERE awaiting_rectification AND grade = 'Major';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_hazards_open_major;");
        }
    }
}
