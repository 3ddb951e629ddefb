using HazardPortal.Core.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HazardPortal.Core.Data.Migrations
{
    /// <summary>
    /// The roll-up aggregates are kept for counties too (depth 4), so a county's form reads them instead of
    /// scanning its records (see <see cref="global::HazardPortal.Core.Dispatch.MetricAggregates"/>). No model change.
    /// </summary>
    [DbContext(typeof(AppDbContext))]
    [Migration("20261122160000_CountyAggregates")]
    public partial class CountyAggregates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION hp_apply_contributions(src uuid, sign int) RETURNS void LANGUAGE sql AS $$
                    INSERT INTO metric_counts (node, path, metric, epoch, day, n)
                    SELECT ltree2text(subpath(c.path, lvl - 1, 1)), subpath(c.path, 0, lvl), c.metric, r.epoch, r.day, sum(c.n) * sign
                    FROM metric_contributions c, generate_series(1, 4) lvl, LATERAL hp_epoch_rows(c.metric, c.since, c.day) r
                    WHERE c.source_id = src AND nlevel(c.path) >= lvl
                    GROUP BY 1, 2, 3, 4, 5
                    ON CONFLICT (node, epoch, metric, day) DO UPDATE SET n = metric_counts.n + EXCLUDED.n
                $$;
                DELETE FROM metric_counts WHERE nlevel(path) = 4;
                INSERT INTO metric_counts (node, path, metric, epoch, day, n)
                SELECT ltree2text(subpath(c.path, 3, 1)), subpath(c.path, 0, 4), c.metric, r.epoch, r.day, sum(c.n)
                FROM metric_contributions c, LATERAL hp_epoch_rows(c.metric, c.since, c.day) r
                WHERE nlevel(c.path) >= 4
                GROUP BY 1, 2, 3, 4, 5;
                ANALYZE metric_counts;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION hp_apply_contributions(src uuid, sign int) RETURNS void LANGUAGE sql AS $$
                    INSERT INTO metric_counts (node, path, metric, epoch, day, n)
                    SELECT ltree2text(subpath(c.path, lvl - 1, 1)), subpath(c.path, 0, lvl), c.metric, r.epoch, r.day, sum(c.n) * sign
                    FROM metric_contributions c, generate_series(1, 3) lvl, LATERAL hp_epoch_rows(c.metric, c.since, c.day) r
                    WHERE c.source_id = src AND nlevel(c.path) >= lvl
                    GROUP BY 1, 2, 3, 4, 5
                    ON CONFLICT (node, epoch, metric, day) DO UPDATE SET n = metric_counts.n + EXCLUDED.n
                $$;
                DELETE FROM metric_counts WHERE nlevel(path) = 4;
                """);
        }
    }
}
