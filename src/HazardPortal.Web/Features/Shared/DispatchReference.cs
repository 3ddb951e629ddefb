using HazardPortal.Core;
using HazardPortal.Core.Data;
using HazardPortal.Core.Dispatch;
using HazardPortal.Core.Records;
using HazardPortal.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Web.Features.Shared;

/// <summary>
/// The organisation data every form needs — templates, issuances, campaigns, the holiday calendar and
/// the issuers' names — read through one explicit system scope (a township must know who issues its
/// form even though the county's units are outside its scope) and kept for 30 seconds per process, so
/// a form read or submission does not re-read them. Holds no business rows.
/// </summary>
public sealed class DispatchReference(TimeProvider clock, ILogger<DispatchReference> logger) : IDisposable
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim gate = new(1, 1);
    private Snapshot? current;
    private int refreshing;
    private long generation; // moved by Invalidate: a load begun before it must not be kept after it

    public sealed record Snapshot(
        DateTimeOffset LoadedAt, IReadOnlyDictionary<string, DispatchTemplate> Templates, IReadOnlyList<DispatchIssue> Issues,
        IReadOnlyDictionary<string, Campaign> Campaigns, ReportingCalendar.Calendar Calendar, IReadOnlyDictionary<Guid, string> IssuerNames)
    {
        public DispatchIssue? Issue(string template, string? issuerJurisdiction) =>
            Issues.FirstOrDefault(i => i.TemplateCode == template && i.IssuerJurisdictionCode == issuerJurisdiction);
    }

    /// <summary>
    /// The snapshot. An expired one is still answered while a fresh one is read in the background: a caller that holds
    /// a pooled connection (a form operation) never waits here for a second one — forty requests doing so at the
    /// expiry would hold the whole pool and wait for it (the failover drill of #18 found the pool exhausted that way).
    /// Only the first read, and the first after <see cref="Invalidate"/>, wait for the database; the form operations
    /// read it before they take their connection (<c>DispatchService.ConnectAsync</c>).
    /// </summary>
    public async Task<Snapshot> GetAsync(PortalDb portalDb, CancellationToken ct = default)
    {
        var snapshot = current;
        if (snapshot is not null)
        {
            if (clock.GetUtcNow() - snapshot.LoadedAt >= Lifetime)
            {
                RefreshInBackground(portalDb);
            }

            return snapshot;
        }

        await gate.WaitAsync(ct);
        try
        {
            if (current is { } loaded)
            {
                return loaded;
            }

            var before = Interlocked.Read(ref generation);
            var fresh = await LoadAsync(portalDb, ct);
            if (Interlocked.Read(ref generation) == before)
            {
                current = fresh;
            }

            return fresh;
        }
        finally
        {
            gate.Release();
        }
    }

    private void RefreshInBackground(PortalDb portalDb)
    {
        if (Interlocked.Exchange(ref refreshing, 1) == 1)
        {
            return;
        }

        // The refresh opens its own context from the options PortalDb holds (OpenAs reads nothing of the request's
        // scope), so it outlives the request that noticed the expiry.
        _ = Task.Run(async () =>
        {
            try
            {
                await gate.WaitAsync();
                try
                {
                    var before = Interlocked.Read(ref generation);
                    var fresh = await LoadAsync(portalDb, CancellationToken.None);
                    if (Interlocked.Read(ref generation) == before && current is not null)
                    {
                        current = fresh; // not after an Invalidate: the next read loads what the change made
                    }
                }
                finally
                {
                    gate.Release();
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Whatever failed (the database, a row the snapshot cannot hold), it is logged and the expired snapshot
                // keeps serving; the next read tries again. Nothing awaits this task, so nothing else would see it.
                logger.LogWarning(ex, "dispatch reference refresh failed");
            }
            finally
            {
                Volatile.Write(ref refreshing, 0);
            }
        });
    }

    private async Task<Snapshot> LoadAsync(PortalDb portalDb, CancellationToken ct)
    {
        // Templates, campaigns and the calendar are reference tables; the issuance graph, which spans the tree, is read
        // through its narrow function (hp_issuance_graph, migration NarrowSystemReads).
        await using var db = portalDb.OpenAs(AccessScope.ActorOnly("dispatch-reference"));
        var templates = await db.DispatchTemplates.AsNoTracking().ToDictionaryAsync(t => t.Code, ct);
        var graph = await db.Database.SqlQueryRaw<IssueRow>(
            """
            SELECT id AS "Id", template_code AS "TemplateCode", issuer_unit_id AS "IssuerUnitId", issuer_name AS "IssuerName",
                   issuer_jurisdiction_code AS "IssuerJurisdictionCode", path AS "Path", recipients AS "Recipients", cutoff_days AS "CutoffDays"
              FROM hp_issuance_graph()
            """).ToListAsync(ct);
        var issues = graph.Select(r => new DispatchIssue
        {
            Id = r.Id, TemplateCode = r.TemplateCode, IssuerUnitId = r.IssuerUnitId, IssuerJurisdictionCode = r.IssuerJurisdictionCode,
            Path = new LTree(r.Path), Recipients = Enum.Parse<Recipients>(r.Recipients), CutoffDays = [.. r.CutoffDays],
        }).ToList();
        var campaigns = await db.Campaigns.AsNoTracking().ToDictionaryAsync(c => c.Code, ct);
        var days = await db.CalendarDays.AsNoTracking().ToListAsync(ct);
        var names = graph.DistinctBy(r => r.IssuerUnitId).ToDictionary(r => r.IssuerUnitId, r => r.IssuerName);
        var calendar = new ReportingCalendar.Calendar(
            days.Where(d => d.Kind == CalendarDayKind.Holiday).Select(d => d.Date).ToHashSet(),
            days.Where(d => d.Kind == CalendarDayKind.Workday).Select(d => d.Date).ToHashSet());
        return new Snapshot(clock.GetUtcNow(), templates, issues, campaigns, calendar, names);
    }

    private sealed record IssueRow(Guid Id, string TemplateCode, Guid IssuerUnitId, string IssuerName, string IssuerJurisdictionCode, string Path, string Recipients, int[] CutoffDays);

    /// <summary>The container disposes the singleton at shutdown: the gate goes with it.</summary>
    public void Dispose() => gate.Dispose();

    /// <summary>Drops the snapshot (after an issuer changes an issuance or an admin edits the calendar).</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref generation);
        current = null;
    }
}
