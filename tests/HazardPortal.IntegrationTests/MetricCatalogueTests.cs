using HazardPortal.Core.Dispatch;
using HazardPortal.Tests;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.IntegrationTests;

/// <summary>
/// Issue #15 §5: one definition per metric. The catalogue (<see cref="Metrics.All"/>) drives the on-the-fly statement
/// (each metric read by its key), the database's copy that <c>hp_epoch_rows</c> reads, and bounds what the maintained
/// aggregates may hold.
/// </summary>
public class MetricCatalogueTests(MetricCatalogueTests.App app) : IClassFixture<MetricCatalogueTests.App>
{
    public sealed class App : PortalApp;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Metric[] Computed = [.. Metrics.All.Where(m => m.Family is not null)];

    private sealed record Row(string Key, string RollUp, string Unit);

    [Fact]
    public async Task The_database_s_copy_of_the_catalogue_is_the_catalogue()
    {
        await using var db = app.SystemDb();
        var rows = await db.Database.SqlQueryRaw<Row>("SELECT key AS \"Key\", roll_up AS \"RollUp\", unit AS \"Unit\" FROM metric_catalogue ORDER BY key").ToListAsync(Ct);
        Assert.Equal(Computed.Select(m => (m.Key, m.RollUp.ToString(), m.Unit)).OrderBy(x => x.Key, StringComparer.Ordinal),
            rows.Select(r => (r.Key, r.RollUp, r.Unit)).OrderBy(x => x.Key, StringComparer.Ordinal));

        // hp_epoch_rows follows it: a distinct-enterprise metric counts in its own epoch only, a sum in every epoch before.
        var since = new DateOnly(2023, 6, 1);
        Assert.Equal(1, await db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM hp_epoch_rows('spotcheck.enterprises', {0}, {0})", since).SingleAsync(Ct));
        Assert.True(await db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM hp_epoch_rows('enforcement.penalty.count', {0}, {0})", since).SingleAsync(Ct) >= 2);
    }

    [Fact]
    public async Task The_statement_returns_every_computed_metric_by_its_key_and_the_aggregates_hold_no_other()
    {
        await using var db = app.SystemDb();
        var values = await MetricComputer.ComputeAsync(db, MetricSubject.Subtree("000000000000.360000000000.360100000000.360124000000"), new DateOnly(2023, 5, 1), new DateOnly(2023, 9, 30), aggregates: false, ct: Ct);
        Assert.Equal(Computed.Select(m => m.Key).Order(StringComparer.Ordinal), values.Keys.Order(StringComparer.Ordinal));
        Assert.True(values["hazards.self.found"] > 0);

        var held = await db.Database.SqlQueryRaw<string>("SELECT DISTINCT metric AS \"Value\" FROM metric_counts").ToListAsync(Ct);
        Assert.NotEmpty(held);
        Assert.Empty(held.Except(Computed.Where(m => m.Family != MetricFamily.Facts).Select(m => m.Key)));
    }
}
