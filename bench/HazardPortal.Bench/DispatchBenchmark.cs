using System.Globalization;
using System.Text;
using HazardPortal.Core;
using HazardPortal.Core.Dispatch;
using HazardPortal.Core.Identity;
using HazardPortal.Core.Tenancy;
using HazardPortal.Web.Features.Dispatch;
using HazardPortal.Web.Features.Shared;
using Npgsql;

namespace HazardPortal.Bench;

/// <summary>
/// The dispatch roll-ups (#5) through <see cref="DispatchService.OpenAsync"/> — the handler the API and
/// the form page call — as the application role under row security: the national four-section form
/// (from the maintained aggregates), the largest county's form and a township's prefill (set-based SQL
/// over the records), beside the naive roll-up (one query per province over the raw rows) and the
/// floor (one count(*) scan of the hazards table) in the same run.
/// </summary>
public sealed class DispatchBenchmark(BenchContext ctx)
{
    public const string Template = SeededTemplates.JinxianCounty;
    // The campaign's last month: a form's period must fall inside the campaign (2023-05 to 2023-12).
    public const string Period = "2023-12";

    public sealed record Setup(string CountyCode, string CountyPath, string TownshipCode, string TownshipPath, Guid NationalUnit, Guid CountyUnit, Guid TownshipUnit);

    /// <summary>Issues the template from the national office and from the largest county (with every cutoff day, for the load test).</summary>
    public static async Task<Setup> PrepareAsync(BenchContext ctx, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(ctx.SuperDb);
        await conn.OpenAsync(ct);
        var countyPath = await NationalDataset.ScalarAsync<string>(conn,
            "SELECT p FROM (SELECT subpath(path, 0, 4)::text AS p, count(*) AS n FROM hazards WHERE nlevel(path) >= 5 AND subpath(path, 3, 1) <> subpath(path, 2, 1) GROUP BY 1) x ORDER BY n DESC LIMIT 1", ct);
        var townshipPath = await NationalDataset.ScalarAsync<string>(conn,
            "SELECT path::text FROM jurisdictions WHERE path <@ @c::ltree AND level = 'Township' ORDER BY code LIMIT 1", ct, ("c", countyPath));
        var county = countyPath.Split('.')[^1];
        var township = townshipPath.Split('.')[^1];
        async Task<Guid> UnitAsync(string code, string path, string name, string kind)
        {
            var existing = await NationalDataset.ScalarAsync<Guid?>(conn, "SELECT id FROM units WHERE jurisdiction_code = @c AND kind = @k ORDER BY created_at LIMIT 1", ct, ("c", code), ("k", kind));
            if (existing is { } id)
            {
                return id;
            }

            var created = Guid.CreateVersion7();
            await using var insert = new NpgsqlCommand(
                "INSERT INTO units (id, name, kind, jurisdiction_code, path, sector_codes, disabled, created_at) VALUES (@id, @n, @k, @c, @p::ltree, '{}', false, now())", conn);
            insert.Parameters.AddWithValue("id", created);
            insert.Parameters.AddWithValue("n", name);
            insert.Parameters.AddWithValue("k", kind);
            insert.Parameters.AddWithValue("c", code);
            insert.Parameters.AddWithValue("p", path);
            await insert.ExecuteNonQueryAsync(ct);
            return created;
        }

        var national = await UnitAsync("000000000000", "000000000000", "国务院安委会办公室", "SafetyOffice");
        var countyUnit = await UnitAsync(county, countyPath, "基准县安委办", "SafetyOffice");
        var townshipUnit = await UnitAsync(township, townshipPath, "基准镇人民政府", "Government");
        await using (var issue = new NpgsqlCommand("""
            INSERT INTO dispatch_issues (id, template_code, issuer_unit_id, issuer_jurisdiction_code, path, recipients, cutoff_days)
            VALUES (gen_random_uuid(), @t, @nu, '000000000000', '000000000000', 'ChildJurisdictions', '{23}'),
                   (gen_random_uuid(), @t, @cu, @c, @cp::ltree, 'ChildJurisdictions', @days)
            ON CONFLICT (template_code, issuer_jurisdiction_code) DO NOTHING
            """, conn))
        {
            issue.Parameters.AddWithValue("t", Template);
            issue.Parameters.AddWithValue("nu", national);
            issue.Parameters.AddWithValue("cu", countyUnit);
            issue.Parameters.AddWithValue("c", county);
            issue.Parameters.AddWithValue("cp", countyPath);
            issue.Parameters.AddWithValue("days", Enumerable.Range(1, 28).ToArray());
            await issue.ExecuteNonQueryAsync(ct);
        }

        return new Setup(county, countyPath, township, townshipPath, national, countyUnit, townshipUnit);
    }

    public async Task RunAsync(Setup setup, CancellationToken ct)
    {
        var nationalScope = AccessScope.ForUser(Guid.NewGuid(), "bench.national", [Roles.SafetyOffice], "000000000000", setup.NationalUnit, null, "基准", "国务院安委会办公室");
        var countyScope = AccessScope.ForUser(Guid.NewGuid(), "bench.county", [Roles.SafetyOffice], setup.CountyPath, setup.CountyUnit, null, "基准", "基准县安委办");
        var townshipScope = AccessScope.ForUser(Guid.NewGuid(), "bench.township", [Roles.TownshipCadre], setup.TownshipPath, setup.TownshipUnit, null, "基准", "基准镇人民政府");
        using var reference = new DispatchReference(ctx.Clock, Microsoft.Extensions.Logging.Abstractions.NullLogger<DispatchReference>.Instance);
        DispatchService Service(AccessScope scope) => new(ctx.PortalDb(scope), reference, ctx.Clock);

        async Task<decimal> OpenAsync(AccessScope scope, string unit)
        {
            var form = await Service(scope).OpenAsync(unit, Template, Period, null, ct);
            if (!form.Succeeded)
            {
                throw new InvalidOperationException($"{unit}: {form.Error!.Title} {string.Join("；", form.Error!.Messages)}");
            }

            return form.Value!.Items.Sum(i => i.Computed);
        }

        // The handlers run thousands of times a day: warm them past .NET's tiered compilation (a method is
        // recompiled optimised after 30 calls, in the background) before measuring, as a server in use is.
        var warmup = Math.Max(ctx.Warmup, 60);
        var national = await Timing.RunAsync("national roll-up", warmup, ctx.Runs, async _ => await OpenAsync(nationalScope, "000000000000"));
        var county = await Timing.RunAsync("county form", warmup, ctx.Runs, async _ => await OpenAsync(countyScope, setup.CountyCode));
        var township = await Timing.RunAsync("township prefill", warmup, ctx.Runs, async _ => await OpenAsync(townshipScope, setup.TownshipCode));

        // Naive: the national figures as the sum of one raw-rows query per province (no aggregates).
        var days = ReportingCalendar.For(Period, 23, WindowKind.CumulativeToCutoff, true, NationalDataset.FirstDay, ReportingCalendar.Calendar.Empty);
        List<string> provinces;
        await using (var conn = new NpgsqlConnection(ctx.SuperDb))
        {
            await conn.OpenAsync(ct);
            provinces = [];
            await using var cmd = new NpgsqlCommand("SELECT path::text FROM jurisdictions WHERE level = 'Province' ORDER BY code", conn);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                provinces.Add(reader.GetString(0));
            }
        }

        decimal naiveTotal = 0;
        var naive = await Timing.RunAsync("naive per-province roll-up", 1, 3, async _ =>
        {
            await using var db = ctx.PortalDb(nationalScope).Open();
            decimal sum = 0;
            foreach (var p in provinces)
            {
                var values = await MetricComputer.ComputeAsync(db, MetricSubject.Subtree(p), days.Start, days.AsOf, aggregates: false, ct: ct);
                sum += values.Where(v => v.Key != "leadership.media_column").Sum(v => v.Value);
            }

            naiveTotal = sum;
        });

        // The floor: one scan of the hazards table, as the superuser (no row security).
        await using var floorConn = new NpgsqlConnection(ctx.SuperDb);
        await floorConn.OpenAsync(ct);
        var floor = await Timing.RunAsync("floor count(*) scan", 2, 10, async run =>
            await NationalDataset.ScalarAsync<long>(floorConn, "SELECT count(*) FROM hazards", ct));

        // The fast path must give the same national figures as the naive one.
        await using (var db = ctx.PortalDb(nationalScope).Open())
        {
            var fast = await MetricComputer.ComputeAsync(db, MetricSubject.Subtree("000000000000"), days.Start, days.AsOf, ct: ct);
            var fastTotal = fast.Where(v => v.Key != "leadership.media_column").Sum(v => v.Value);
            if (fastTotal != naiveTotal)
            {
                throw new InvalidOperationException($"national roll-up {fastTotal} differs from the naive sum {naiveTotal}");
            }
        }

        ctx.Figure("national_rollup_p95_ms", national.P95, "national four-section form through DispatchService.OpenAsync (aggregates)");
        ctx.Figure("national_rollup_vs_naive", naive.P95 / national.P95, "naive per-province raw-rows roll-up p95 ÷ national roll-up p95");
        ctx.Figure("national_rollup_vs_floor", national.P95 / floor.P95, "national roll-up p95 ÷ one count(*) scan of hazards (below 1 = faster than the floor)");
        ctx.Figure("county_rollup_p95_ms", county.P95, "largest county's form through DispatchService.OpenAsync");
        ctx.Figure("township_prefill_p95_ms", township.P95, "a township's prefilled form through DispatchService.OpenAsync");

        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"Template {Template}, period {Period} (as of {days.AsOf:yyyy-MM-dd}, window from {days.Start:yyyy-MM-dd}); p95 (p50) in ms, as the application role under row security, after {warmup} warm-up calls of each.");
        md.AppendLine();
        md.AppendLine("| measurement | p95 | p50 | runs |");
        md.AppendLine("|---|---:|---:|---:|");
        foreach (var t in new[] { national, county, township, naive, floor })
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {t.Name} | {t.P95:F2} | {t.P50:F2} | {t.Runs} |");
        }

        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"National roll-up vs naive: {naive.P95 / national.P95:F0}×; vs the floor scan: {national.P95 / floor.P95:F3} (the roll-up takes that fraction of one count(*) of the hazards). Largest county: {setup.CountyCode}; township: {setup.TownshipCode}.");
        ctx.Section("Dispatch roll-ups (#5)", md.ToString());
        ctx.Log.WriteLine($"  dispatch: national {national.P95:F2} ms, county {county.P95:F2} ms, township {township.P95:F2} ms, naive {naive.P95:F0} ms, floor {floor.P95:F0} ms");

        // Dashboards (#6): the same computation for the unit and each child, plus the open-hazard counts.
        async Task DashboardAsync(AccessScope scope)
        {
            var result = await new Web.Features.Dashboards.Dashboards(ctx.PortalDb(scope), reference, ctx.Reads, ctx.Clock).GetAsync(null, days.AsOf, ct);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"dashboard: {result.Error!.Title}");
            }
        }

        var countyDashboard = await Timing.RunAsync("county dashboard", 10, Math.Min(ctx.Runs, 30), async _ => await DashboardAsync(countyScope));
        var nationalDashboard = await Timing.RunAsync("national dashboard", 3, Math.Min(ctx.Runs, 10), async _ => await DashboardAsync(nationalScope));
        ctx.Figure("county_dashboard_p95_ms", countyDashboard.P95, "largest county's dashboard data through Dashboards.GetAsync (target < 300 ms)");
        ctx.Figure("national_dashboard_p95_ms", nationalDashboard.P95, "national dashboard data through Dashboards.GetAsync (target < 1000 ms)");
        var dash = new StringBuilder();
        dash.AppendLine(CultureInfo.InvariantCulture, $"As of {days.AsOf:yyyy-MM-dd}: the forms' metrics for the unit and each child, and its open / overdue / due-soon / supervised hazards (per child too).");
        dash.AppendLine();
        dash.AppendLine("| measurement | p95 | p50 | runs |");
        dash.AppendLine("|---|---:|---:|---:|");
        foreach (var t in new[] { countyDashboard, nationalDashboard })
        {
            dash.AppendLine(CultureInfo.InvariantCulture, $"| {t.Name} | {t.P95:F2} | {t.P50:F2} | {t.Runs} |");
        }

        ctx.Section("Dashboards (#6)", dash.ToString());
        ctx.Log.WriteLine($"  dashboards: county {countyDashboard.P95:F0} ms, national {nationalDashboard.P95:F0} ms");
        // Flags (#6): the largest county's prefecture and the county itself, every rule, as of the same day.
        var prefecturePath = setup.CountyPath[..setup.CountyPath.LastIndexOf('.')];
        var prefectureScope = AccessScope.ForUser(Guid.NewGuid(), "bench.prefecture", [Roles.SafetyOffice], prefecturePath, setup.CountyUnit, null, "基准", "基准市安委办");
        var flagCounts = new Dictionary<string, int>();
        async Task FlagsAsync(AccessScope scope, string label)
        {
            var portalDb = ctx.PortalDb(scope);
            var finder = new Web.Features.Flags.FlagFinder(portalDb, reference, new Web.Features.Flags.FlagSettings(portalDb, new Web.Features.Flags.FlagSettings.Validator(), ctx.Clock), ctx.Reads, ctx.Clock);
            var result = await finder.FindAsync(null, days.AsOf, ct: ct);
            flagCounts[label] = result.Value?.Flags.Count ?? throw new InvalidOperationException($"flags: {string.Join("；", result.Error!.Messages)}");
        }

        var countyFlags = await Timing.RunAsync("county flags", 2, Math.Min(ctx.Runs, 10), async _ => await FlagsAsync(countyScope, "county"));
        var prefectureFlags = await Timing.RunAsync("prefecture flags", 1, Math.Min(ctx.Runs, 5), async _ => await FlagsAsync(prefectureScope, "prefecture"));
        ctx.Figure("county_flags_p95_ms", countyFlags.P95, "largest county's flags, all five rules, through FlagFinder.FindAsync (no target)");
        ctx.Figure("prefecture_flags_p95_ms", prefectureFlags.P95, "its prefecture's flags (no target)");
        var flagSection = new StringBuilder();
        flagSection.AppendLine(CultureInfo.InvariantCulture, $"As of {days.AsOf:yyyy-MM-dd}, default thresholds: the largest county found {flagCounts["county"]} flags, its prefecture {flagCounts["prefecture"]} (each rule reads at most {Web.Features.Flags.FlagFinder.CandidateLimit} candidates).");
        flagSection.AppendLine();
        flagSection.AppendLine("| measurement | p95 | p50 | runs |");
        flagSection.AppendLine("|---|---:|---:|---:|");
        foreach (var t in new[] { countyFlags, prefectureFlags })
        {
            flagSection.AppendLine(CultureInfo.InvariantCulture, $"| {t.Name} | {t.P95:F2} | {t.P50:F2} | {t.Runs} |");
        }

        ctx.Section("Flags (#6)", flagSection.ToString());
        ctx.Log.WriteLine($"  flags: county {countyFlags.P95:F0} ms, prefecture {prefectureFlags.P95:F0} ms");
        // The escalation job (#6) over the whole dataset: a first run with no notifications yet (the table emptied as
        // the superuser), then a second run that finds everything already said. No target: it runs every 15 minutes
        // under a transaction advisory lock, so its length is how long a second instance waits to skip.
        await using (var super = new Npgsql.NpgsqlConnection(ctx.SuperDb))
        {
            await super.OpenAsync(ct);
            await NationalDataset.ExecAsync(super, "DELETE FROM notifications", ct);
        }

        var job = new Web.Features.Notifications.EscalationJob(ctx.PortalDb(AccessScope.None), reference, ctx.Clock, new Core.Notifications.EscalationLadder(),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<Web.Features.Notifications.EscalationJob>.Instance);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var first = await job.RunAsync(ct);
        var firstSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var second = await job.RunAsync(ct);
        var secondSeconds = clock.Elapsed.TotalSeconds;
        ctx.Figure("escalation_first_run_s", firstSeconds, $"escalation job over the national dataset, nothing said yet ({first.Created} notifications; no target)");
        ctx.Figure("escalation_rerun_s", secondSeconds, $"the same job again ({second.Created} new notifications)");
        ctx.Section("Escalation job (#6)", $"One run over the whole dataset as of {NationalDataset.Today:yyyy-MM-dd}, under the system scope and the job's advisory lock: {firstSeconds:F1} s with nothing said yet ({first.Created} notifications for the benchmark's accounts), {secondSeconds:F1} s for the next run ({second.Created} new). The hosted timer runs it every 15 minutes; a second instance skips while it holds the lock.\n");
        ctx.Log.WriteLine($"  escalation: first run {firstSeconds:F1} s ({first.Created}), rerun {secondSeconds:F1} s ({second.Created})");
    }
}


