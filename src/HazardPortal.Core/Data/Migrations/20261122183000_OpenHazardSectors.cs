using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HazardPortal.Core.Data.Migrations
{
    /// <summary>
    /// The dashboard's open hazards by sector read the covering partial index of open major hazards too:
    /// it now carries the sector, so a national grouping does not visit the table row by row.
    /// </summary>
    [DbContext(typeof(AppDbContext))]
    [Migration("20261122183000_OpenHazardSectors")]
    public partial class OpenHazardSectors : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX IF EXISTS ix_hazards_open_major;
                CREATE INDEX ix_hazards_open_major ON hazards (province_code, prefecture_code, county_code, township_code)
                    INCLUDE (due_on, supervision_tagged_on, supervision_removed_on, path, enterprise_id, sector_code)
                    WHERE awaiting_rectification AND grade = 'Major';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX IF EXISTS ix_hazards_open_major;
                CREATE INDEX ix_hazards_open_major ON hazards (province_code, prefecture_code, county_code, township_code)
                    INCLUDE (due_on, supervision_tagged_on, supervision_removed_on, path, enterprise_id)
                    WHERE awaiting_rectification AND grade = 'Major';
                """);
        }
    }
}
