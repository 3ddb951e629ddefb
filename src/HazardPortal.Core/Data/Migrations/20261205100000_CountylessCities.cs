using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HazardPortal.Core.Data.Migrations
{
    /// <summary>
    /// The cities without counties (东莞市, 中山市, 儋州市): their townships' paths repeat the city's label at the county's
    /// depth (<c>DivisionImport.ChildPath</c>), so depth stays level. The roll-up counts one row per node — a label
    /// repeated at the next depth is the same node, counted once, at its own (the city's) depth; rows already recorded
    /// under such a city move to the new paths (every table with a path, but the append-only audit log, which keeps the
    /// path as it was), and the counts are rebuilt when any moved. No model change.
    /// </summary>
    [DbContext(typeof(AppDbContext))]
    [Migration("20261205100000_CountylessCities")]
    public partial class CountylessCities : Migration
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
                      AND CASE WHEN lvl = 1 THEN true ELSE subpath(c.path, lvl - 1, 1) <> subpath(c.path, lvl - 2, 1) END
                    GROUP BY 1, 2, 3, 4, 5
                    ON CONFLICT (node, epoch, metric, day) DO UPDATE SET n = metric_counts.n + EXCLUDED.n
                $$;
                """);
            migrationBuilder.Sql(MoveRows);
        }

        /// <summary>
        /// Moves the rows under a city whose townships hang directly under it (depth 4) to paths that repeat the city's
        /// label, and rebuilds the counts when any moved. Idempotent: nothing is at depth 4 under such a city afterwards.
        /// </summary>
        public const string MoveRows = """
                DO $$
                DECLARE
                    cities ltree[];
                    t record;
                    n bigint;
                    moved bigint := 0;
                BEGIN
                    -- The whole tree, whoever runs this (row security would otherwise hide every row and move none).
                    PERFORM set_config('hp.scope_path', '000000000000', true), set_config('hp.enterprise_id', '', true),
                            set_config('hp.business', 'on', true);
                    -- A township one level too shallow hangs directly under its city.
                    SELECT coalesce(array_agg(DISTINCT subpath(path, 0, 3)), '{}') INTO cities
                    FROM jurisdictions WHERE level = 'Township' AND nlevel(path) = 4;
                    IF cardinality(cities) = 0 THEN
                        RETURN;
                    END IF;
                    -- Every ltree column (path, issuer_path …) of every table but the counts, rebuilt below.
                    FOR t IN
                        SELECT c.table_name, c.column_name FROM information_schema.columns c
                        JOIN information_schema.tables b ON b.table_schema = c.table_schema AND b.table_name = c.table_name
                        WHERE c.table_schema = 'public' AND c.udt_name = 'ltree' AND c.is_generated = 'NEVER'
                          AND b.table_type = 'BASE TABLE' AND c.table_name NOT IN ('audit_log', 'metric_counts')
                        ORDER BY c.table_name = 'jurisdictions' DESC, c.table_name, c.column_name
                    LOOP
                        EXECUTE format('UPDATE %1$I SET %2$I = subpath(%2$I, 0, 3) || subpath(%2$I, 2, 1) || subpath(%2$I, 3) '
                            'WHERE %2$I <@ $1 AND CASE WHEN nlevel(%2$I) >= 4 THEN subpath(%2$I, 3, 1) <> subpath(%2$I, 2, 1) ELSE false END',
                            t.table_name, t.column_name) USING cities;
                        GET DIAGNOSTICS n = ROW_COUNT;
                        moved := moved + n;
                    END LOOP;
                    IF moved > 0 THEN
                        TRUNCATE metric_counts;
                        INSERT INTO metric_counts (node, path, metric, epoch, day, n)
                        SELECT ltree2text(subpath(c.path, lvl - 1, 1)), subpath(c.path, 0, lvl), c.metric, r.epoch, r.day, sum(c.n)
                        FROM metric_contributions c, generate_series(1, 4) lvl, LATERAL hp_epoch_rows(c.metric, c.since, c.day) r
                        WHERE nlevel(c.path) >= lvl AND CASE WHEN lvl = 1 THEN true ELSE subpath(c.path, lvl - 1, 1) <> subpath(c.path, lvl - 2, 1) END
                        GROUP BY 1, 2, 3, 4, 5;
                        -- Signed-in accounts there carry their old path in their cookie or token: a new security stamp
                        -- signs them out at the next check, and they sign in with the new one.
                        UPDATE users u SET security_stamp = gen_random_uuid()::text
                        WHERE u.unit_id IN (SELECT x.id FROM units x WHERE x.path <@ cities)
                           OR u.enterprise_id IN (SELECT e.id FROM enterprises e WHERE e.path <@ cities);
                    END IF;
                END $$;
                """;

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Nothing to undo that would be safe: the earlier function counts a label repeated at the next depth twice
            // (under one key), so it must not come back while such paths exist; the moved rows stay where they are.
        }
    }
}
