using HazardPortal.Core.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HazardPortal.Core.Data.Migrations
{
    /// <summary>
    /// Drafts by their registering unit (the only ones who see them), so that the ledger's "未整改" count
    /// (awaiting rectification, plus the caller's drafts) is two capped index counts, never a scan of a
    /// province. No model change; the SQL is carried here as text.
    /// </summary>
    [DbContext(typeof(AppDbContext))]
    [Migration("20261204230000_DraftHazardIndex")]
    public partial class DraftHazardIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE INDEX IF NOT EXISTS ix_hazards_drafts_by_unit ON hazards (registered_by_unit_id, found_on)
                    WHERE status = 'Draft';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_hazards_drafts_by_unit;");
        }
    }
}
