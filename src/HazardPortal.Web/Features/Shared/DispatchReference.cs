using HazardPortal.Core;
using HazardPortal.Core.Data;
using HazardPortal.Core.Dispatch;
using HazardPortal.Core.Records;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Web.Features.Shared;

/// <summary>
/// The organisation data every form needs — templates, issuances, campaigns, the holiday calendar and
/// the issuers' names — read through one explicit system scope (a township must know who issues its
/// form even though the county's units are outside its scope) and kept for 30 seconds per process, so
/// a form read or submission does not re-read them. Holds no business rows.
/// </summary>
public sealed class DispatchReference(TimeProvider clock) : IDisposable
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim gate = new(1, 1);
    private Snapshot? current;

    public sealed record Snapshot(
        DateTimeOffset LoadedAt, IReadOnlyDictionary<string, DispatchTemplate> Templates, IReadOnlyList<DispatchIssue> Issues,
        IReadOnlyDictionary<string, Campaign> Campaigns, ReportingCalendar.Calendar Calendar, IReadOnlyDictionary<Guid, string> IssuerNames)
    {
        public DispatchIssue? Issue(string template, string? issuerJurisdiction) =>
            Issues.FirstOrDefault(i => i.TemplateCode == template && i.IssuerJurisdictionCode == issuerJurisdiction);
    }

    public async Task<Snapshot> GetAsync(PortalDb portalDb, CancellationToken ct = default)
    {
        var snapshot = current;
        if (snapshot is not null && clock.GetUtcNow() - snapshot.LoadedAt < Lifetime)
        {
            return snapshot;
        }

        await gate.WaitAsync(ct);
        try
        {
            if (current is not null && clock.GetUtcNow() - current.LoadedAt < Lifetime)
            {
                return current;
            }

            await using var db = portalDb.OpenSystem("dispatch-reference");
            var templates = await db.DispatchTemplates.AsNoTracking().ToDictionaryAsync(t => t.Code, ct);
            var issues = await db.DispatchIssues.AsNoTracking().ToListAsync(ct);
            var campaigns = await db.Campaigns.AsNoTracking().ToDictionaryAsync(c => c.Code, ct);
            var days = await db.CalendarDays.AsNoTracking().ToListAsync(ct);
            var issuerIds = issues.Select(i => i.IssuerUnitId).Distinct().ToList();
            var names = await db.Units.AsNoTracking().Where(u => issuerIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
            var calendar = new ReportingCalendar.Calendar(
                days.Where(d => d.Kind == CalendarDayKind.Holiday).Select(d => d.Date).ToHashSet(),
                days.Where(d => d.Kind == CalendarDayKind.Workday).Select(d => d.Date).ToHashSet());
            current = new Snapshot(clock.GetUtcNow(), templates, issues, campaigns, calendar, names);
            return current;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The container disposes the singleton at shutdown: the gate goes with it.</summary>
    public void Dispose() => gate.Dispose();

    /// <summary>Drops the snapshot (after an issuer changes an issuance or an admin edits the calendar).</summary>
    public void Invalidate() => current = null;
}
