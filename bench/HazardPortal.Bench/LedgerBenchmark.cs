using System.Globalization;
using System.Text;
using HazardPortal.Core;
using HazardPortal.Core.Data;
using HazardPortal.Core.Hazards;
using HazardPortal.Core.Identity;
using HazardPortal.Core.Tenancy;
using HazardPortal.Web.Features.Ledger;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace HazardPortal.Bench;

/// <summary>
/// The ledger page (#3): 50 rows through <see cref="HazardQueries.ListAsync"/> — the handler the API
/// and the Blazor list call — as the application role under row security, at five scopes and four
/// filters; first pages (with the capped total) and keyset pages (following cursors), beside an
/// offset-paged, exact-count baseline of the same filter in the same run.
/// </summary>
public sealed class LedgerBenchmark(BenchContext ctx)
{
    private const int PageSize = 50;

    public sealed record ScopeCase(string Name, AccessScope Scope, long Rows);

    public async Task RunAsync(CancellationToken ct)
    {
        var scopes = await PickScopesAsync(ct);
        var filters = new (string Name, Func<HazardQueries.Filter> Make)[]
        {
            ("全部", () => new HazardQueries.Filter { PageSize = PageSize }),
            ("重大", () => new HazardQueries.Filter { PageSize = PageSize, Grade = HazardGrade.Major }),
            ("未整改", () => new HazardQueries.Filter { PageSize = PageSize, OpenOnly = true }),
            ("逾期", () => new HazardQueries.Filter { PageSize = PageSize, Overdue = true }),
        };

        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"Dataset: {ctx.HazardCount:N0} hazards. Each cell: p95 (p50) in ms over {ctx.Runs} runs after {ctx.Warmup} warm-up runs, as the application role under row security, through `HazardQueries.ListAsync`.");
        md.AppendLine();
        md.AppendLine("| scope | rows in scope | filter | first page (capped total) | keyset page | offset page + exact count (baseline) | baseline ÷ keyset |");
        md.AppendLine("|---|---:|---|---:|---:|---:|---:|");
        double worstKeyset = 0, worstFirst = 0, nationalBaseline = 0, nationalKeyset = 0;
        foreach (var scope in scopes)
        {
            foreach (var (name, make) in filters)
            {
                var first = await Timing.RunAsync($"{scope.Name}/{name}/first", ctx.Warmup, ctx.Runs, async _ =>
                {
                    var page = await ListAsync(scope.Scope, make(), ct);
                    _ = page.Items.Count;
                });
                var cursors = await CollectCursorsAsync(scope.Scope, make, 30, ct);
                var keyset = cursors.Count == 0
                    ? first
                    : await Timing.RunAsync($"{scope.Name}/{name}/keyset", ctx.Warmup, ctx.Runs, async i =>
                    {
                        var page = await ListAsync(scope.Scope, make() with { Cursor = cursors[i % cursors.Count] }, ct);
                        _ = page.Items.Count;
                    });

                // Baseline: the page as deep as the keyset pages went, by OFFSET, with an exact count.
                var deepPage = Math.Max(2, cursors.Count / 2 + 1);
                var baseline = await Timing.RunAsync($"{scope.Name}/{name}/offset", Math.Min(ctx.Warmup, 3), Math.Max(10, ctx.Runs / 4), async _ =>
                    await OffsetBaselineAsync(scope.Scope, make(), deepPage, ct));
                worstKeyset = Math.Max(worstKeyset, keyset.P95);
                worstFirst = Math.Max(worstFirst, first.P95);
                if (scope.Name == "全国" && name == "全部")
                {
                    nationalBaseline = baseline.P95;
                    nationalKeyset = keyset.P95;
                }

                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {scope.Name} | {scope.Rows:N0} | {name} | {Cell(first)} | {Cell(keyset)} | {Cell(baseline)} (page {deepPage}) | {baseline.P95 / keyset.P95:F0}× |");
                ctx.Log.WriteLine($"  ledger {scope.Name}/{name}: first {first.P95:F2} ms, keyset {keyset.P95:F2} ms, offset {baseline.P95:F2} ms");
            }
        }

        ctx.Figure("ledger_page_p95_ms", worstKeyset, "worst keyset page p95 over the five scopes and four filters");
        ctx.Figure("ledger_first_page_p95_ms", worstFirst, "worst first page (with the capped total) p95");
        ctx.Figure("ledger_offset_baseline_p95_ms", nationalBaseline, "national, no filter: offset page with exact count p95");
        ctx.Figure("ledger_keyset_vs_offset", nationalBaseline / nationalKeyset, "national, no filter: baseline p95 ÷ keyset p95");
        md.AppendLine();
        md.AppendLine("How: keyset cursors on (found day, id) or (due day, id); the tenant rule as an equality on the scope depth's generated column, so an ordered index serves every scope (docs/decisions/0008-scope-columns.md); the overdue list reads most overdue first from a partial index on awaiting hazards; the first page counts at most 1,000 rows (\"超过 1000 条\" above). The baseline is the same filter paged by OFFSET to the depth the keyset pages reached, plus an exact count.");
        ctx.Section("Ledger page (issue #3)", md.ToString());
    }

    private static string Cell(Timing t) => string.Create(CultureInfo.InvariantCulture, $"{t.P95:F2} ({t.P50:F2})");

    private async Task<HazardQueries.Page> ListAsync(AccessScope scope, HazardQueries.Filter filter, CancellationToken ct)
    {
        var queries = new HazardQueries(ctx.PortalDb(scope), ctx.Clock);
        var result = await queries.ListAsync(filter, ct);
        return result.Value ?? throw new InvalidOperationException(result.Error?.Title);
    }

    private async Task<List<string>> CollectCursorsAsync(AccessScope scope, Func<HazardQueries.Filter> make, int pages, CancellationToken ct)
    {
        var cursors = new List<string>();
        string? cursor = null;
        for (var i = 0; i < pages; i++)
        {
            var page = await ListAsync(scope, make() with { Cursor = cursor }, ct);
            if (page.NextCursor is null)
            {
                break;
            }

            cursors.Add(page.NextCursor);
            cursor = page.NextCursor;
        }

        return cursors;
    }

    /// <summary>The naive ledger page: the same filtered, sorted query paged by OFFSET, with an exact count.</summary>
    private async Task OffsetBaselineAsync(AccessScope scope, HazardQueries.Filter f, int page, CancellationToken ct)
    {
        await using var db = ctx.PortalDb(scope).Open();
        var today = NationalDataset.Today;
        var q = db.Hazards.AsNoTracking().Where(h => h.Status != HazardStatus.Draft);
        if (f.Grade is { } g)
        {
            q = q.Where(h => h.Grade == g);
        }

        if (f.OpenOnly)
        {
            q = q.Where(h => (h.Status == HazardStatus.Registered || h.Status == HazardStatus.Reported) && h.RectifiedOn == null);
        }

        if (f.Overdue == true)
        {
            q = q.Where(h => (h.Status == HazardStatus.Registered || h.Status == HazardStatus.Reported) && h.RectifiedOn == null && h.Plan.Deadline < today);
        }

        _ = await q.CountAsync(ct);
        var rows = await q.OrderByDescending(h => h.FoundOn).ThenByDescending(h => h.Id).Skip((page - 1) * PageSize).Take(PageSize)
            .Select(h => new { h.Id, h.Title, h.FoundOn, h.Status }).ToListAsync(ct);
        _ = rows.Count;
    }

    /// <summary>The largest county (by hazards), its largest township and enterprise, its province, and 全国.</summary>
    private async Task<List<ScopeCase>> PickScopesAsync(CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(ctx.SuperDb);
        await conn.OpenAsync(ct);
        var countyPath = await NationalDataset.ScalarAsync<string>(conn,
            "SELECT p FROM (SELECT subpath(path, 0, 4)::text AS p, count(*) AS n FROM hazards WHERE nlevel(path) >= 5 AND subpath(path, 3, 1) <> subpath(path, 2, 1) GROUP BY 1) x ORDER BY n DESC LIMIT 1", ct);
        var townshipPath = await NationalDataset.ScalarAsync<string>(conn,
            "SELECT path::text FROM hazards WHERE path <@ @c::ltree GROUP BY path ORDER BY count(*) DESC LIMIT 1", ct, ("c", countyPath));
        var enterprise = await NationalDataset.ScalarAsync<Guid>(conn,
            "SELECT enterprise_id FROM hazards WHERE path = @t::ltree GROUP BY enterprise_id ORDER BY count(*) DESC LIMIT 1", ct, ("t", townshipPath));
        var provincePath = string.Join('.', countyPath.Split('.')[..2]);
        async Task<long> Count(string sql, params (string, object)[] args) => await NationalDataset.ScalarAsync<long>(conn, sql, ct, args);
        return
        [
            new("企业", AccessScope.ForUser(Guid.NewGuid(), "bench.enterprise", [Roles.EnterpriseOfficer], townshipPath, enterprise, enterprise, "企业安全员", "基准企业"),
                await Count("SELECT count(*) FROM hazards WHERE enterprise_id = @e", ("e", enterprise))),
            new("乡镇", Office(Roles.TownshipCadre, townshipPath), await Count("SELECT count(*) FROM hazards WHERE path <@ @p::ltree", ("p", townshipPath))),
            new("县", Office(Roles.SafetyOffice, countyPath), await Count("SELECT count(*) FROM hazards WHERE path <@ @p::ltree", ("p", countyPath))),
            new("省", Office(Roles.SafetyOffice, provincePath), await Count("SELECT count(*) FROM hazards WHERE path <@ @p::ltree", ("p", provincePath))),
            new("全国", Office(Roles.SafetyOffice, Jurisdiction.RootCode), ctx.HazardCount),
        ];
    }

    private static AccessScope Office(string role, string path) =>
        AccessScope.ForUser(Guid.NewGuid(), "bench." + role, [role], path, Guid.NewGuid(), null, "基准用户", "基准单位");
}
